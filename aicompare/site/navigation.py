"""The Technologies and Industries sections of the navigation, generated from data in table order."""

from __future__ import annotations

from typing import Any

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS
from ..render.markdown import text
from ..paths import INDUSTRIES_INDEX, TECHNOLOGIES_INDEX, industry_page, technology_page

PLURAL_KIND_LABELS = {
    "field": "Fields",
    "learning_paradigm": "Learning paradigms",
    "algorithm": "Classical algorithms",
    "architecture": "Architectures",
    "model_family": "Model families",
    "generative_family": "Generative families",
    "technique": "Techniques",
}


def technology_entries(kb: KnowledgeBase) -> list[Any]:
    """The section index, then one group per kind, each listing its technologies in table order."""
    groups: dict[str, list[dict[str, str]]] = {}
    for tech in kb.technologies.values():
        groups.setdefault(tech.kind, []).append({text(tech.name): technology_page(tech.id)})
    return [TECHNOLOGIES_INDEX, *({PLURAL_KIND_LABELS.get(kind, KIND_LABELS[kind]): entries} for kind, entries in groups.items())]


def industry_entries(kb: KnowledgeBase) -> list[Any]:
    """The section index, then every industry by name."""
    return [INDUSTRIES_INDEX, *({text(industry.name): industry_page(industry.id)} for industry in kb.industries.values())]


def with_generated_sections(nav: list[Any], kb: KnowledgeBase | None) -> list[Any]:
    """The configured nav with the Technologies and Industries sections filled from data."""
    entries = {"Technologies": technology_entries, "Industries": industry_entries}
    result = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if title in entries and kb is not None:
                item = {title: entries[title](kb)}
        result.append(item)
    return result
