"""The references pages: every work cited, split by letter, with the pages that cite it."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import Source
from ..paths import (
    CONFUSIONS,
    GLOSSARY,
    GUIDE,
    REGULATIONS,
    TIMELINE,
    comparison_page,
    industry_page,
    milestone_anchor,
    reference_letter,
    references_page,
    source_anchor,
    technology_page,
)
from .glossary import glossary_anchor
from .markdown import PageContext, data_note, link, text
from .tables import short_citation


def format_source(source: Source) -> str:
    """A bibliography entry: authors (year). Title. Venue. Link."""
    authors = ", ".join(text(author) for author in source.authors)
    parts = [f"{authors} ({source.year}). <cite>{text(source.title)}</cite>."]
    if source.venue:
        parts.append(f"{text(source.venue)}.")
    if source.doi:
        parts.append(link(text(f"doi:{source.doi}"), f"https://doi.org/{source.doi}"))
    if source.arxiv:
        parts.append(link(text(f"arXiv:{source.arxiv}"), f"https://arxiv.org/abs/{source.arxiv}"))
    shown = {f"https://doi.org/{source.doi}", f"https://arxiv.org/abs/{source.arxiv}"}
    if source.url and source.url not in shown:
        parts.append(link("Link", source.url))
    return " ".join(parts)


def cited_by(kb: KnowledgeBase, page: PageContext, source_id: str) -> str:
    """Links to the pages that cite a source."""
    labels = []
    for collection, record_id in kb.citations.get(source_id, []):
        if collection == "technologies":
            labels.append(link(text(kb.technologies[record_id].name), page.link_to(technology_page(record_id))))
        elif collection == "industries":
            labels.append(link(text(kb.industries[record_id].name), page.link_to(industry_page(record_id))))
        elif collection == "confusions":
            labels.append(link(text("Common confusions"), page.link_to(CONFUSIONS, record_id)))
        elif collection == "regulations":
            regulation = kb.regulations[record_id]
            labels.append(link(text(regulation.short_name or regulation.name), page.link_to(REGULATIONS, record_id)) + " (rule)")
        elif collection == "comparisons":
            comparison = kb.comparisons[record_id]
            target = comparison_page(comparison.technologies, comparison.id, list(kb.technologies))
            labels.append(link(text(comparison.title), page.link_to(target)) + " (comparison)")
        elif collection == "guide":
            labels.append(link(text("Which should I use?"), page.link_to(GUIDE)) + " (guide)")
        elif collection == "milestones":
            milestone = kb.milestones[record_id]
            labels.append(link(text(milestone.title), page.link_to(TIMELINE, milestone_anchor(milestone.id))) + " (timeline)")
        else:
            term = kb.glossary[record_id]
            labels.append(link(text(term.term), page.link_to(GLOSSARY, glossary_anchor(term.id))) + " (glossary)")
    return ", ".join(labels)


def reference_letters(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Source ids by the references page that lists them ('a' ... 'z', '0'), in id order."""
    letters: dict[str, list[str]] = {}
    for source_id in kb.sources:
        letters.setdefault(reference_letter(source_id), []).append(source_id)
    return letters


def references_index(kb: KnowledgeBase, page: PageContext) -> str:
    """The bibliography's front page: one link per letter, with how many works each lists."""
    items = [
        f"- {link(text(letter.upper() if letter != '0' else '0-9'), page.link_to(references_page(letter)))}: "
        f"{len(ids)} work{'s' if len(ids) != 1 else ''}, from {text(short_citation(kb.sources[ids[0]]))} "
        f"to {text(short_citation(kb.sources[ids[-1]]))}"
        for letter, ids in reference_letters(kb).items()
    ]
    return "\n".join(items) + "\n\n" + data_note(page, ["data/sources.yml"])


def references_list(kb: KnowledgeBase, page: PageContext, letter: str) -> str:
    """The sources of one letter, each under its own small heading (so search finds it), with who cites it."""
    sections = []
    for source_id in reference_letters(kb).get(letter, []):
        source = kb.sources[source_id]
        sections.append(
            f"## {text(short_citation(source))}: {text(source.title)} {{ #{source_anchor(source_id)} .reference }}\n\n"
            f'<p class="reference" markdown="span">{format_source(source)}</p>\n\n'
            f'<p class="reference-cited" data-search-exclude markdown="span">Cited by: {cited_by(kb, page, source_id)}</p>'
        )
    sections.append(data_note(page, ["data/sources.yml"]))
    return "\n\n".join(sections)
