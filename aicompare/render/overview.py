"""The short answer a page opens with: one line per technology and how they nest, from data."""

from __future__ import annotations

from ..hierarchy import ancestors, ancestors_on_first_parents
from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, Milestone, Technology
from ..paths import milestone_anchor, technology_page
from .markdown import PageContext, link, text
from .tables import get_technology

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def nesting_chain(kb: KnowledgeBase, tech_ids: list[str]) -> list[str]:
    """The longest line of containment that passes through the given technologies, outermost first.

    It runs from the outermost given technology down to the deepest, through any in between;
    [] when the technologies do not lie on one line of first parents.
    """
    for candidate in sorted(tech_ids, key=lambda t: len(ancestors(kb, t)), reverse=True):
        line = [*reversed(ancestors_on_first_parents(kb, candidate)), candidate]
        if all(t in line for t in tech_ids):
            return line[min(line.index(t) for t in tech_ids) :]
    return []


def _entry(kb: KnowledgeBase, page: PageContext, tech_id: str) -> str:
    """A technology's name (linked), its kind and its one line."""
    tech = get_technology(kb, tech_id)
    name = link(text(tech.name), page.link_to(technology_page(tech.id)))
    kind = f'<span class="short-answer__kind">{text(KIND_LABELS[tech.kind])}</span>'
    return (
        f'<span class="short-answer__name" markdown="span">{name}</span> {kind}'
        f'<span class="short-answer__line" markdown="span">{text(tech.tagline or tech.summary)}</span>'
    )


def nested_answer(kb: KnowledgeBase, page: PageContext, chain: list[str]) -> str:
    """Technologies that contain one another, as boxes inside boxes, each with its one line."""
    opening = "".join(f'<div class="short-answer__box" markdown="1">\n{_entry(kb, page, t)}\n' for t in chain)
    closing = "</div>\n" * len(chain)
    frame = '<div class="short-answer short-answer--nested" role="group" aria-label="How they nest" markdown="1">'
    return f"{frame}\n{opening}{closing}</div>"


def short_answer(kb: KnowledgeBase, page: PageContext, tech_ids: list[str]) -> str:
    """One line each (the tagline from data, or else the summary); nested boxes when each contains the next."""
    chain = nesting_chain(kb, tech_ids)
    if chain:
        return nested_answer(kb, page, chain)
    items = "\n".join(f'<li markdown="1">\n{_entry(kb, page, t)}\n</li>' for t in tech_ids)
    return f'<ul class="short-answer" markdown="1">\n{items}\n</ul>'


def _introduction_item(kb: KnowledgeBase, page: PageContext, tech: Technology) -> str:
    from .tables import citations

    name = link(text(tech.name), page.link_to(technology_page(tech.id)))
    note = text(tech.introduced.note) if tech.introduced.note else ""
    papers = [s for s in tech.key_papers if s not in tech.introduced.sources]
    more = f'<br><small class="provenance">Key papers: {citations(kb, page, papers)}</small>' if papers else ""
    return (
        f'<li class="timeline__item timeline__item--introduced" markdown="span">'
        f'<span class="timeline__year">{tech.introduced.year}</span> '
        f'<strong>{name}</strong> <span class="short-answer__kind">{text(KIND_LABELS[tech.kind])}</span>'
        f'<br>{note} <small class="provenance">({citations(kb, page, tech.introduced.sources)})</small>{more}</li>'
    )


def _milestone_item(kb: KnowledgeBase, page: PageContext, milestone: Milestone) -> str:
    from .tables import citations

    when = f"{MONTHS[milestone.month - 1]} {milestone.year}" if milestone.month else str(milestone.year)
    techs = ", ".join(
        link(text(kb.technologies[t].name), page.link_to(technology_page(t)))
        for t in milestone.technologies
        if t in kb.technologies
    )
    about = f'<br><small class="provenance">About: {techs}</small>' if techs else ""
    return (
        f'<li class="timeline__item timeline__item--milestone" id="{milestone_anchor(milestone.id)}" markdown="span">'
        f'<span class="timeline__year">{text(when)}</span> <strong>{text(milestone.title)}</strong> '
        f'<span class="short-answer__kind">Milestone</span><br>{text(milestone.description)} '
        f'<small class="provenance">({citations(kb, page, milestone.sources)})</small>{about}</li>'
    )


def timeline(kb: KnowledgeBase, page: PageContext) -> str:
    """Milestones and the year each technology appeared, in one list by date, each with its sources."""
    dated: list[tuple[tuple[int, int, int], str]] = [
        ((tech.introduced.year, 0, 0), _introduction_item(kb, page, tech)) for tech in kb.technologies.values()
    ]
    dated += [((m.year, m.month or 0, 1), _milestone_item(kb, page, m)) for m in kb.milestones.values()]
    items = [item for _, item in sorted(dated, key=lambda entry: entry[0])]
    return '<ol class="timeline" markdown="1">\n' + "\n".join(items) + "\n</ol>"
