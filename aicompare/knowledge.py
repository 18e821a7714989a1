"""The one loader: read data/, validate it against the models, run the named rules.

Everything that needs the data (macros, build hooks, tests, the `check` command, exports)
calls `load_knowledge_base` and gets the same validated objects, or a `DataError` that lists
every problem found, root causes first, each with file, line, field and a hint.

A file or record that fails validation still registers its id (and the sources it cites), so
one mistake gives one problem instead of a cascade of "unknown technology" and "not cited"
messages elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .checks.schema_messages import error_location, explain, without_misspelling_echoes
from .models import (
    COLLECTION_MODELS,
    DOCUMENT_MODELS,
    ENTITY_MODELS,
    KIND_ORDER,
    Comparison,
    Confusion,
    Dimension,
    GlossaryTerm,
    Guide,
    Industry,
    Milestone,
    Record,
    Regulation,
    Source,
    Technology,
    Use,
)
from .problems import DataError, Location, Problem, Stage, did_you_mean, field_path
from .yamlfile import YamlDocument, YamlProblem, read_yaml

__all__ = ["DataError", "KnowledgeBase", "Problem", "did_you_mean", "load_knowledge_base", "load_knowledge_base_once"]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

OPTIONAL_FOLDERS = frozenset({"comparisons"})
CITATION_KEYS = frozenset({"sources", "key_papers", "difference_sources"})


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
        return self.site_structure(name, compute)

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


def _cited_in(data: Any) -> Iterator[str]:
    """Source ids cited anywhere in raw YAML data (used for records that failed validation)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CITATION_KEYS and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from _cited_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _cited_in(item)


def _read(path: Path, root: Path, state: LoadState) -> LoadedFile | None:
    relative = path.relative_to(root).as_posix()
    try:
        return LoadedFile(relative, read_yaml(path))
    except YamlProblem as problem:
        rule = "duplicate-key" if "appears twice" in problem.message else "yaml-syntax"
        state.file_problem(relative, problem.line, problem.message, rule)
        state.unparsed_files.append(relative)
    except OSError as error:
        state.file_problem(relative, None, f"cannot read the file: {error.strerror}", "readable-file")
        state.unparsed_files.append(relative)
    except UnicodeDecodeError:
        message = "cannot read the file: it is not UTF-8 text; save it with UTF-8 encoding"
        state.file_problem(relative, None, message, "readable-file")
        state.unparsed_files.append(relative)
    return None


def _validate(model: type[R], data: Any, origin: Origin, state: LoadState) -> R | None:
    """Validate one record, reporting every schema problem located in its file."""
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as error:
        for detail in without_misspelling_echoes(error.errors()):
            state.problems.append(origin.problem(error_location(detail), explain(detail, model), "schema", Stage.SCHEMA))
        return None


def _register_failure(collection: str, record_id: Any, data: Any, state: LoadState) -> None:
    if isinstance(record_id, str) and record_id:
        state.failed_ids[collection].add(record_id)
    state.failed_citations.update(_cited_in(data))


def _load_collection(path: Path, root: Path, collection: str, model: type[Record], state: LoadState) -> None:
    """Load a file holding a list of records."""
    relative = path.relative_to(root).as_posix()
    if not path.exists():
        state.file_problem(relative, None, f"the file is missing; restore {relative} (a YAML list of entries)", "file-layout")
        state.broken_collections.add(collection)
        return
    loaded = _read(path, root, state)
    if loaded is None:
        state.broken_collections.add(collection)  # its ids are unknown: nothing is reported as missing from it
        return
    data = loaded.document.data
    if not isinstance(data, list):
        state.file_problem(relative, 1, "the file must be a YAML list of entries, each starting with '- id: ...'", "file-layout")
        state.broken_collections.add(collection)
        return
    for index, item in enumerate(data):
        origin = Origin(loaded, (index,))
        raw_id = item.get("id") if isinstance(item, dict) else None
        record = _validate(model, item, origin, state)
        if record is None:
            _register_failure(collection, raw_id, item, state)
            continue
        record_id = record.id  # type: ignore[attr-defined]
        if record_id in state.records[collection]:
            first = state.origins[(collection, record_id)]
            state.problems.append(
                origin.problem(
                    ("id",),
                    f"duplicate id '{record_id}' (first at line {first.file.document.line_of(first.base)}); ids must be unique",
                    "unique-ids",
                    Stage.SCHEMA,
                )
            )
            continue
        state.records[collection][record_id] = record
        state.origins[(collection, record_id)] = origin


def _load_document(path: Path, root: Path, name: str, model: type[Record], state: LoadState) -> None:
    """Load a file that holds one record (such as the guide); a missing file means no such record."""
    if not path.exists():
        return
    loaded = _read(path, root, state)
    if loaded is None:
        state.broken_collections.add(name)
        return
    origin = Origin(loaded, ())
    record = _validate(model, loaded.document.data, origin, state)
    if record is None:
        _register_failure(name, name, loaded.document.data, state)
        return
    state.records[name][name] = record
    state.origins[(name, name)] = origin


def _load_folder(folder: Path, root: Path, collection: str, model: type[Record], state: LoadState) -> None:
    """Load one record per file from a folder; the id must equal the file name."""
    relative = folder.relative_to(root).as_posix()
    paths = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if not paths and collection not in OPTIONAL_FOLDERS:
        state.file_problem(relative, None, f"no .yml files found; {relative}/ needs one file per entry", "file-layout")
        state.broken_collections.add(collection)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        message = "rename the file to end in .yml, as the others do"
        state.file_problem(path.relative_to(root).as_posix(), None, message, "file-layout")
        state.failed_ids[collection].add(path.stem)
        state.unparsed_files.append(path.relative_to(root).as_posix())
    for path in paths:
        loaded = _read(path, root, state)
        if loaded is None:
            state.failed_ids[collection].add(path.stem)
            continue
        origin = Origin(loaded, ())
        record = _validate(model, loaded.document.data, origin, state)
        if record is None:
            _register_failure(collection, path.stem, loaded.document.data, state)
            continue
        record_id = record.id  # type: ignore[attr-defined]
        if record_id != path.stem:
            state.problems.append(
                origin.problem(
                    ("id",),
                    f"id '{record_id}' must equal the file name '{path.stem}'; rename the file or change the id",
                    "id-matches-file-name",
                    Stage.SCHEMA,
                )
            )
            _register_failure(collection, path.stem, loaded.document.data, state)
            continue
        state.records[collection][record_id] = record
        state.origins[(collection, record_id)] = origin


def _hierarchy_depth(tech_id: str, technologies: dict[str, Technology], seen: frozenset[str] = frozenset()) -> int:
    tech = technologies.get(tech_id)
    if tech is None or tech_id in seen or not tech.parents:
        return 0
    return 1 + max(_hierarchy_depth(parent, technologies, seen | {tech_id}) for parent in tech.parents)


def _sorted_technologies(technologies: dict[str, Technology]) -> dict[str, Technology]:
    """Order technologies for display: by kind, depth in the hierarchy, year introduced, name."""

    def key(tech: Technology) -> tuple[int, int, int, str]:
        return (KIND_ORDER.index(tech.kind), _hierarchy_depth(tech.id, technologies), tech.introduced.year, tech.name)

    return {tech.id: tech for tech in sorted(technologies.values(), key=key)}


def _knowledge_base(state: LoadState) -> KnowledgeBase:
    records = state.records
    kb = KnowledgeBase(
        technologies=_sorted_technologies(records["technologies"]),
        industries=dict(sorted(records["industries"].items(), key=lambda item: item[1].name)),
        dimensions=records["dimensions"],
        sources=dict(sorted(records["sources"].items())),
        regulations=records["regulations"],
        glossary=dict(sorted(records["glossary"].items(), key=lambda item: item[1].term.lower())),
        confusions=records["confusions"],
        milestones=dict(sorted(records["milestones"].items(), key=lambda item: (item[1].year, item[1].month or 0, item[1].id))),
        comparisons=dict(sorted(records["comparisons"].items())),
        guide=records["guide"].get("guide"),
    )
    kb.files.update({key: origin.file.relative_path for key, origin in state.origins.items()})
    lines_by_record: dict[tuple[int, int], dict[Location, list[tuple[Location, int]]]] = {}
    for (collection, record_id), origin in state.origins.items():
        base = len(origin.base)
        grouping = (id(origin.file), base)
        if grouping not in lines_by_record:  # one pass over each file's lines, not one per record in it
            groups: dict[Location, list[tuple[Location, int]]] = defaultdict(list)
            for location, line in origin.file.document.lines.items():
                groups[location[:base]].append((location, line))
            lines_by_record[grouping] = groups
        for location, line in lines_by_record[grouping].get(origin.base, []):
            kb.lines[(collection, record_id, location[base:])] = line
    return kb


def read_data(data_dir: Path) -> tuple[KnowledgeBase, LoadState]:
    """Read and validate every file; return the valid records and what failed, without raising."""
    data_dir = data_dir.resolve()
    root = data_dir.parent
    state = LoadState()
    for name, model in COLLECTION_MODELS.items():
        _load_collection(data_dir / f"{name}.yml", root, name, model, state)
    for folder, model in ENTITY_MODELS.items():
        _load_folder(data_dir / folder, root, folder, model, state)
    for name, model in DOCUMENT_MODELS.items():
        _load_document(data_dir / f"{name}.yml", root, name, model, state)
    return _knowledge_base(state), state


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Load and validate all data under `data_dir`; raise DataError listing every problem."""
    from .checks.rules import run_rules

    kb, state = read_data(data_dir)
    problems = [*state.problems, *run_rules(kb, state)]
    if problems:
        raise DataError(problems)
    return kb


_LOADED: dict[Path, tuple[tuple[tuple[str, int, int], ...], KnowledgeBase]] = {}


def data_stamp(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every data file: changes when any file does."""
    return tuple(sorted((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in data_dir.rglob("*.y*ml")))


def load_knowledge_base_once(data_dir: Path) -> KnowledgeBase:
    """Like `load_knowledge_base`, but loads again only when a data file changed.

    The macros and the build hooks both need the data; this way a build loads it once, and
    `mkdocs serve` still picks up every edit.
    """
    data_dir = data_dir.resolve()
    stamp = data_stamp(data_dir)
    cached = _LOADED.get(data_dir)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    kb = load_knowledge_base(data_dir)
    _LOADED[data_dir] = (stamp, kb)
    return kb
