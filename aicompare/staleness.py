"""Review dates: how long each kind of value stays reliable, and which values are due for a fresh check.

A dimension's `review_months` says how long its values hold (an outlook ages in months, a year of
introduction never does). A value checked on `as_of` is due for review `review_months` later. Being
due is a warning, never an error: a build does not break because time passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .knowledge import KnowledgeBase


@dataclass(frozen=True)
class DueValue:
    """A value past its review date."""

    technology: str
    dimension: str
    checked: dt.date
    due: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month when that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def review_date(kb: KnowledgeBase, dimension_id: str, checked: dt.date | None) -> dt.date | None:
    """When a value checked on `checked` should be checked again; None when it does not age."""
    months = kb.dimensions[dimension_id].review_months if dimension_id in kb.dimensions else None
    return add_months(checked, months) if months and checked else None


def is_due(kb: KnowledgeBase, dimension_id: str, checked: dt.date | None, today: dt.date) -> bool:
    due = review_date(kb, dimension_id, checked)
    return due is not None and due <= today


def due_values(kb: KnowledgeBase, today: dt.date) -> list[DueValue]:
    """Every value past its review date, the longest overdue first."""
    found = []
    for tech in kb.technologies.values():
        for dimension_id, value in tech.dimensions.items():
            due = review_date(kb, dimension_id, value.as_of)
            if due is not None and value.as_of is not None and due <= today:
                found.append(DueValue(tech.id, dimension_id, value.as_of, due))
    return sorted(found, key=lambda item: (item.due, item.technology, item.dimension))
