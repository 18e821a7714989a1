"""The knowledge base: every validated record, cross-linked, and the queries on it.

Nothing here reads files: `aicompare.loader` reads and validates data/ and builds a `KnowledgeBase`;
the rules in `aicompare.checks` and every renderer only read it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from .models import (
    Comparison,
    Confusion,
    Dimension,
    GlossaryTerm,
    Guide,
    Industry,
    Milestone,
    Regulation,
    Source,
    Technology,
    Use,
)
from .problems import Location

__all__ = ["KnowledgeBase", "Reference", "regulation_references", "source_references", "technology_references"]

T = TypeVar("T")


@dataclass
class KnowledgeBase:
    """Every validated record, cross-linked, plus where each came from."""

    technologies: dict[str, Technology]
    industries: dict[str, Industry]
    dimensions: dict[str, Dimension]
    sources: dict[str, Source]
    regulations: dict[str, Regulation]
    glossary: dict[str, GlossaryTerm]
    confusions: dict[str, Confusion] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    guide: Guide | None = None
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    lines: dict[tuple[str, str, Location], int] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Values computed once per load (see `site_structure` and `from_all_records`)."""
    on_read_of_all: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)
    """Called when a value made from every record is read; `mkdocs serve` uses it to know what a page shows."""
    kept_from_last_build: Callable[[str, Callable[[], Any]], Any] = field(
        default=lambda name, compute: compute(), repr=False, compare=False
    )
    """How a value made from the data alone (open data, macro output) is obtained: a build sets it to its products store
    (site/products.py)."""

    def site_structure(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, once for this data: only for values that decide which pages exist.

        Which pairs of technologies get a page is read by nearly every page. Computing it once is
        faster, and while serving, reading it does not count as reading every technology: a change to
        it changes the set of pages, and that rebuilds every page anyway.
        """
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]

    def from_all_records(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, once for this data, for values made from every record (the open data files)."""
        self.on_read_of_all()
        return self.site_structure(name, lambda: self.kept_from_last_build(name, compute))

    def file_of(self, collection: str, record_id: str) -> str:
        """Project-relative path of the YAML file that holds a record."""
        return self.files[(collection, record_id)]

    def line_of(self, collection: str, record_id: str, location: Location) -> int | None:
        """The line of a value inside a record's file (e.g. ('dimensions', 'focus')), if known."""
        return self.lines.get((collection, record_id, location))

    def applicable_dimensions(self, technology: Technology) -> list[Dimension]:
        """The dimensions that apply to a technology's kind, in table order."""
        return [dim for dim in self.dimensions.values() if technology.kind in dim.applies_to]

    def uses_of(self, technology_id: str) -> list[tuple[Industry, Use]]:
        """Every (industry, use) pair in which the technology is used."""
        return [
            (industry, use) for industry in self.industries.values() for use in industry.uses if use.technology == technology_id
        ]

    @cached_property
    def citations(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, the (collection, record id) pairs that cite it, in order."""
        cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for collection, record_id, _, source_id in source_references(self):
            if (collection, record_id) not in cited[source_id]:
                cited[source_id].append((collection, record_id))
        return dict(cited)

    def summary(self) -> str:
        """One line counting what was loaded."""
        uses = sum(len(industry.uses) for industry in self.industries.values())
        filled = sum(1 for tech in self.technologies.values() for value in tech.dimensions.values() if value.status == "known")
        return (
            f"{len(self.technologies)} technologies ({filled} dimension values), {len(self.industries)} industries "
            f"({uses} uses), {len(self.dimensions)} dimensions, {len(self.comparisons)} curated comparisons, "
            f"{len(self.glossary)} glossary terms, {len(self.regulations)} regulations, {len(self.confusions)} confusions, "
            f"{len(self.sources)} sources"
        )


Reference = tuple[str, str, Location, str]
"""(collection, record id, location inside the record, referenced id)."""


def source_references(kb: KnowledgeBase) -> Iterator[Reference]:
    """Every citation in the data, located."""
    for tech in kb.technologies.values():
        for index, source_id in enumerate(tech.introduced.sources):
            yield "technologies", tech.id, ("introduced", "sources", index), source_id
        for index, source_id in enumerate(tech.key_papers):
            yield "technologies", tech.id, ("key_papers", index), source_id
        for key, value in tech.dimensions.items():
            for index, source_id in enumerate(value.sources):
                yield "technologies", tech.id, ("dimensions", key, "sources", index), source_id
        for example_index, example in enumerate(tech.examples):
            for index, source_id in enumerate(example.sources):
                yield "technologies", tech.id, ("examples", example_index, "sources", index), source_id
    for industry in kb.industries.values():
        for use_index, use in enumerate(industry.uses):
            for index, source_id in enumerate(use.sources):
                yield "industries", industry.id, ("uses", use_index, "sources", index), source_id
    for collection in ("regulations", "glossary", "confusions", "milestones"):
        for record in getattr(kb, collection).values():
            for index, source_id in enumerate(record.sources):
                yield collection, record.id, ("sources", index), source_id
    for regulation in kb.regulations.values():
        for date_index, date in enumerate(regulation.dates):
            for index, source_id in enumerate(date.sources):
                yield "regulations", regulation.id, ("dates", date_index, "sources", index), source_id
    if kb.guide is not None:
        for rule_index, rule in enumerate(kb.guide.rules):
            for index, source_id in enumerate(rule.sources):
                yield "guide", "guide", ("rules", rule_index, "sources", index), source_id
    for comparison in kb.comparisons.values():
        for index, source_id in enumerate(comparison.difference_sources):
            yield "comparisons", comparison.id, ("difference_sources", index), source_id
        for choice_index, choice in enumerate(comparison.choose):
            for index, source_id in enumerate(choice.sources):
                yield "comparisons", comparison.id, ("choose", choice_index, "sources", index), source_id
        for index, source_id in enumerate(comparison.misconception.sources):
            yield "comparisons", comparison.id, ("misconception", "sources", index), source_id


def technology_references(kb: KnowledgeBase) -> Iterator[Reference]:
    """Every place a record names a technology, located."""
    for tech in kb.technologies.values():
        for relation in ("parents", "built_on"):
            for index, target in enumerate(getattr(tech, relation)):
                yield "technologies", tech.id, (relation, index), target
    for industry in kb.industries.values():
        for index, use in enumerate(industry.uses):
            yield "industries", industry.id, ("uses", index, "technology"), use.technology
    for collection in ("glossary", "confusions", "milestones"):
        for record in getattr(kb, collection).values():
            for index, target in enumerate(record.technologies):
                yield collection, record.id, ("technologies", index), target
    for comparison in kb.comparisons.values():
        for index, target in enumerate(comparison.technologies):
            yield "comparisons", comparison.id, ("technologies", index), target
    if kb.guide is not None:
        for rule_index, rule in enumerate(kb.guide.rules):
            for index, target in enumerate(rule.recommend):
                yield "guide", "guide", ("rules", rule_index, "recommend", index), target


def regulation_references(kb: KnowledgeBase) -> Iterator[Reference]:
    """Every place an industry or a use names a regulation, located."""
    for industry in kb.industries.values():
        for index, target in enumerate(industry.regulations):
            yield "industries", industry.id, ("regulations", index), target
        for use_index, use in enumerate(industry.uses):
            for index, target in enumerate(use.regulations):
                yield "industries", industry.id, ("uses", use_index, "regulations", index), target
