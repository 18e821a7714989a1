"""The glossary page: every term under its letter, with a letter bar and a filter box."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from .markdown import PageContext, data_note, text
from .tables import citations, technology_link


def glossary_anchor(term_id: str) -> str:
    """Stable anchor of a term on the glossary page."""
    return term_id


def _with_abbreviations(term: str, abbreviations: list[str]) -> str:
    """'Key-value cache (KV cache)': the heading carries the abbreviations so search ranks the entry for them."""
    return f"{term} ({', '.join(abbreviations)})" if abbreviations else term


GLOSSARY_SCRIPT = "assets/javascripts/glossary.js"


def glossary_list(kb: KnowledgeBase, page: PageContext) -> str:
    """A letter bar and a filter box, then every term under its initial letter, with variants, related pages and sources."""
    sections: list[str] = []
    letters: list[str] = []
    for term in kb.glossary.values():
        initial = term.term[:1].upper()
        if not letters or initial != letters[-1]:
            letters.append(initial)
            sections.append(f"## {text(initial)} {{ #letter-{initial.lower()} }}")
        variants = ", ".join(text(v) for v in term.aliases)
        related = ", ".join(technology_link(page, kb.technologies[t]) for t in term.technologies)
        details = [f"Related: {related}" if related else "", f"Sources: {citations(kb, page, term.sources)}"]
        names = " ".join([term.term, *term.aliases, *term.abbreviations]).casefold()
        parts = [
            f'<div class="glossary-entry" data-names="{text(names)}" markdown="1">',
            f"### {text(_with_abbreviations(term.term, term.abbreviations))} {{ #{glossary_anchor(term.id)} }}",
            text(term.definition),
        ]
        if variants:  # searchable, after the definition, so a result still opens with the definition
            parts.append(f'<p class="glossary-meta" markdown="span">Also written: {variants}</p>')
        parts.append(f'<p class="glossary-meta" data-search-exclude markdown="span">{"<br>".join(filter(None, details))}</p>')
        parts.append("</div>")
        sections.append("\n\n".join(parts))
    bar = " ".join(f'<a href="#letter-{letter.lower()}">{text(letter)}</a>' for letter in letters)
    tools = (
        f'<nav class="letter-bar" aria-label="Terms by letter" data-search-exclude>{bar}</nav>\n\n'
        '<p class="glossary-filter" data-search-exclude hidden><label>Filter the terms '
        '<input type="search" autocomplete="off" placeholder="e.g. token"></label> '
        '<span class="glossary-filter__count" role="status" aria-live="polite"></span></p>'
    )
    return "\n\n".join([tools, *sections, data_note(page, ["data/glossary.yml"]), page.scripts(GLOSSARY_SCRIPT)])
