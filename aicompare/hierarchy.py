"""Where technologies sit in the hierarchy: containment read from the `parents` fields."""

from __future__ import annotations

from .knowledge import KnowledgeBase


def ancestors(kb: KnowledgeBase, tech_id: str) -> list[str]:
    """Every technology this one sits inside, nearest first."""
    found: list[str] = []
    frontier = list(kb.technologies[tech_id].parents)
    while frontier:
        current = frontier.pop(0)
        if current not in found:
            found.append(current)
            frontier.extend(kb.technologies[current].parents)
    return found


def hierarchy_path(kb: KnowledgeBase, outer_id: str, inner_id: str) -> list[str]:
    """Ids from `outer_id` down to `inner_id` along parent links ([] when not nested)."""
    if outer_id == inner_id:
        return [inner_id]
    for parent in kb.technologies[inner_id].parents:
        path = hierarchy_path(kb, outer_id, parent)
        if path:
            return [*path, inner_id]
    return []


def ancestors_on_first_parents(kb: KnowledgeBase, tech_id: str) -> list[str]:
    """The chain of first parents above a technology, nearest first."""
    chain: list[str] = []
    current = kb.technologies[tech_id]
    while current.parents and current.parents[0] in kb.technologies and current.parents[0] not in chain:
        chain.append(current.parents[0])
        current = kb.technologies[current.parents[0]]
    return chain
