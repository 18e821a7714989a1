"""Curated comparisons: the difference in brief, when to choose each, and the misconception readers bring.

A pair page leads with its curated comparison when there is one; a comparison of three or more has a
page of its own (compare/<id>/), which also links the pairs inside it.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import Comparison
from ..paths import comparison_page
from .markdown import PageContext, link, text
from .tables import citations


def in_sentence(name: str) -> str:
    """A name as it reads mid-sentence: 'Diffusion model' becomes 'diffusion model', 'Transformer' stays."""
    first_word = name.split()[0]
    keep = first_word[1:] != first_word[1:].lower() or first_word in {"Transformer", "Mamba"}
    return name if keep else name[0].lower() + name[1:]


def curated_for(kb: KnowledgeBase, tech_ids: list[str]) -> Comparison | None:
    """The curated comparison of exactly these technologies, in any order, if there is one."""
    wanted = set(tech_ids)
    return next((c for c in kb.comparisons.values() if set(c.technologies) == wanted), None)


def _sources(kb: KnowledgeBase, page: PageContext, source_ids: list[str]) -> str:
    return f' <small class="provenance">({citations(kb, page, source_ids)})</small>'


def curated_block(kb: KnowledgeBase, page: PageContext, comparison: Comparison) -> str:
    """The short answer: the difference, when to choose each, and the misconception, each with its sources."""
    parts = [
        f'<p class="in-short" markdown="span"><strong>In short.</strong> {text(comparison.difference)}'
        f"{_sources(kb, page, comparison.difference_sources)}</p>"
    ]
    choices = ['<div class="choose" markdown="1">']
    for choice in comparison.choose:
        tech = kb.technologies[choice.technology]
        conditions = "\n".join(f"- {text(condition)}" for condition in choice.when)
        label = text(tech.abbreviation or in_sentence(tech.name))
        choices.append(
            f'<div class="choose__option" markdown="1">\n\n**Choose {label} when**\n\n'
            f"{conditions}\n\n{_sources(kb, page, choice.sources).strip()}\n\n</div>"
        )
    choices.append("</div>")
    parts.append("\n".join(choices))
    misconception = comparison.misconception
    parts.append(
        '<div class="misconception" markdown="1">\n\n'
        f"**A common misconception:** &ldquo;{text(misconception.claim)}&rdquo;\n\n"
        f"{text(misconception.correction)}{_sources(kb, page, misconception.sources)}\n\n</div>"
    )
    return "\n\n".join(parts)


def comparison_link(kb: KnowledgeBase, page: PageContext, comparison: Comparison) -> str:
    """A link to the page that shows a curated comparison."""
    target = comparison_page(comparison.technologies, comparison.id, list(kb.technologies))
    return link(text(comparison.title), page.link_to(target))
