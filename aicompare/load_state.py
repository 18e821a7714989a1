"""What loading found, for the rules: valid records, where each came from, and what failed.

The rules read this to stay quiet about consequences of a mistake already reported (a record that
failed validation still registers its id, a file that cannot be read leaves its collection unknown).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .problems import Location, Problem, Stage, field_path
from .yamlfile import YamlDocument


@dataclass
class LoadedFile:
    """A data file: its path relative to the project and its parsed YAML."""

    relative_path: str
    document: YamlDocument


@dataclass(frozen=True)
class Origin:
    """Where a record lives: its file and its location inside the file."""

    file: LoadedFile
    base: Location

    def problem(self, location: Location, message: str, rule: str, stage: Stage = Stage.REFERENCE) -> Problem:
        full = (*self.base, *location)
        return Problem(self.file.relative_path, self.file.document.line_of(full), field_path(location), message, rule, stage)


@dataclass
class LoadState:
    """What loading found: valid records, their origins, and what failed (so rules do not cascade)."""

    records: dict[str, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    failed_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    failed_citations: set[str] = field(default_factory=set)
    unparsed_files: list[str] = field(default_factory=list)
    broken_collections: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def known_ids(self, collection: str) -> set[str]:
        """Ids that exist, whether or not their record validated."""
        return set(self.records[collection]) | self.failed_ids[collection]

    def complete(self, collection: str) -> bool:
        """True when every record of the collection validated."""
        return not self.failed_ids[collection] and collection not in self.broken_collections

    def citations_known(self) -> bool:
        """False when a file could not be read, so what it cites is unknown."""
        return not self.unparsed_files and not self.broken_collections

    def file_problem(self, relative: str, line: int | None, message: str, rule: str) -> None:
        self.problems.append(Problem(relative, line, "", message, rule, Stage.FILE))
