"""The technology hierarchy as a nested figure: each box holds the technologies that sit inside it.

The figure is plain HTML built at build time from the `parents` and `built_on` fields: a nested list,
so it reads as a list to a screen reader and without CSS, and every box is a link to its page. A
technology with several parents sits in the box of its first parent and names the others.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, Technology
from ..paths import technology_page
from .markdown import PageContext, link, text


def node_label(tech: Technology) -> str:
    """'Convolutional neural network (CNN)'."""
    return f"{tech.name} ({tech.abbreviation})" if tech.abbreviation else tech.name


def children_by_primary_parent(kb: KnowledgeBase) -> dict[str | None, list[Technology]]:
    """Technologies grouped under their first parent (None for the top level), in display order."""
    groups: dict[str | None, list[Technology]] = {}
    for tech in kb.technologies.values():
        parent = tech.parents[0] if tech.parents and tech.parents[0] in kb.technologies else None
        groups.setdefault(parent, []).append(tech)
    return groups


def _tech_link(page: PageContext, tech: Technology, label: str) -> str:
    return link(text(label), page.link_to(technology_page(tech.id)))


def _notes(kb: KnowledgeBase, page: PageContext, tech: Technology) -> str:
    """'also in X; built on Y', with links, or ''."""
    parts = []
    others = [kb.technologies[p] for p in tech.parents[1:] if p in kb.technologies]
    if others:
        parts.append("also in " + ", ".join(_tech_link(page, other, other.name) for other in others))
    bases = [kb.technologies[b] for b in tech.built_on if b in kb.technologies]
    if bases:
        parts.append("built on " + ", ".join(_tech_link(page, base, base.abbreviation or base.name) for base in bases))
    return "; ".join(parts)


def _box(kb: KnowledgeBase, page: PageContext, tech: Technology, groups: dict[str | None, list[Technology]]) -> list[str]:
    children = groups.get(tech.id, [])
    notes = _notes(kb, page, tech)
    lines = [f'<li class="hierarchy__box hierarchy__box--{tech.kind.replace("_", "-")}" markdown="1">']
    lines.append(f'<span class="hierarchy__name" markdown="span">{_tech_link(page, tech, node_label(tech))}</span>')
    lines.append(f'<span class="hierarchy__kind">{text(KIND_LABELS[tech.kind])}</span>')
    if notes:
        lines.append(f'<span class="hierarchy__note" markdown="span">{notes}</span>')
    if children:
        lines.append('<ul class="hierarchy__children" markdown="1">')
        for child in children:
            lines += _box(kb, page, child, groups)
        lines.append("</ul>")
    lines.append("</li>")
    return lines


def hierarchy_figure(kb: KnowledgeBase, page: PageContext) -> str:
    """The nested figure, every box a link, with a one-line key."""
    groups = children_by_primary_parent(kb)
    lines = ['<figure class="hierarchy" markdown="1">', '<ul class="hierarchy__children hierarchy__top" markdown="1">']
    for tech in groups.get(None, []):
        lines += _box(kb, page, tech, groups)
    lines += [
        "</ul>",
        "<figcaption>Each box sits inside the box of the field or family that contains it. "
        "Select a box to open its page.</figcaption>",
        "</figure>",
    ]
    return "\n".join(lines)
