"""The Technologies and Industries sections of the navigation, generated from data in table order.

Every page carries the whole navigation, so a page's size and build time grow with the entries in it.
A group with more than `NAV_GROUP_LIMIT` pages is therefore shown by one page that lists them all (the
industries index, or a generated list of one kind of technology), and its pages are left out of the nav.
"""

from __future__ import annotations

from typing import Any

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS
from ..paths import INDUSTRIES_INDEX, TECHNOLOGIES_INDEX, industry_page, kind_page, technology_page
from ..render.markdown import text

PLURAL_KIND_LABELS = {
    "field": "Fields",
    "learning_paradigm": "Learning paradigms",
    "algorithm": "Classical algorithms",
    "architecture": "Architectures",
    "model_family": "Model families",
    "generative_family": "Generative families",
    "technique": "Techniques",
}


NAV_GROUP_LIMIT = 40


def kind_label(kind: str) -> str:
    """'Architectures': the heading of one kind of technology."""
    return PLURAL_KIND_LABELS.get(kind, KIND_LABELS[kind])


def _technologies_by_kind(kb: KnowledgeBase) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    for tech in kb.technologies.values():
        groups.setdefault(tech.kind, []).append(tech)
    return groups


def kinds_listed_on_own_page(kb: KnowledgeBase) -> list[str]:
    """The kinds with too many technologies for the nav: each gets a page listing them."""
    return [kind for kind, techs in _technologies_by_kind(kb).items() if len(techs) > NAV_GROUP_LIMIT]


def technology_entries(kb: KnowledgeBase) -> list[Any]:
    """The section index, then one group per kind, each listing its technologies in table order (or its list page)."""
    entries: list[Any] = [TECHNOLOGIES_INDEX]
    for kind, techs in _technologies_by_kind(kb).items():
        if len(techs) > NAV_GROUP_LIMIT:
            entries.append({kind_label(kind): kind_page(kind)})
        else:
            entries.append({kind_label(kind): [{text(tech.name): technology_page(tech.id)} for tech in techs]})
    return entries


def industry_entries(kb: KnowledgeBase) -> list[Any]:
    """The section index, then every industry by name (only the index when there are too many)."""
    if len(kb.industries) > NAV_GROUP_LIMIT:
        return [INDUSTRIES_INDEX]
    return [INDUSTRIES_INDEX, *({text(industry.name): industry_page(industry.id)} for industry in kb.industries.values())]


def pages_left_out(kb: KnowledgeBase) -> set[str]:
    """Technology and industry pages the nav does not list, because their group is shown by a list page."""
    groups = _technologies_by_kind(kb)
    left_out = {technology_page(t.id) for kind in kinds_listed_on_own_page(kb) for t in groups[kind]}
    if len(kb.industries) > NAV_GROUP_LIMIT:
        left_out |= {industry_page(industry_id) for industry_id in kb.industries}
    return left_out


def with_generated_sections(nav: list[Any], kb: KnowledgeBase | None) -> list[Any]:
    """The configured nav with the Technologies and Industries sections filled from data."""
    entries = {"Technologies": technology_entries, "Industries": industry_entries}
    result = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            title = next(iter(item))
            if title in entries and kb is not None:
                item = {title: entries[title](kb)}
        result.append(item)
    return result
