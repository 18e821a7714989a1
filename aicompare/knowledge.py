"""The one loader: read data/, validate it against the models, check cross-references.

Everything that needs the data (macros, build hooks, tests, the `check` command, exports)
calls `load_knowledge_base` and gets the same validated objects, or a `DataError` that lists
every problem found, each with file, line, field and a hint.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .models import (
    COLLECTION_MODELS,
    Confusion,
    Dimension,
    GlossaryTerm,
    Industry,
    Record,
    Regulation,
    Source,
    Technology,
    Use,
)
from .yamlfile import Location, YamlDocument, YamlProblem, read_yaml

R = TypeVar("R", bound=Record)

KIND_ORDER = ("field", "architecture", "generative_family")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in data/:\n{lines}")


def field_path(location: Location) -> str:
    """Render a location tuple as `dimensions.focus.sources[0]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean ...?)' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class LoadedFile:
    """A data file: its path relative to the project and its parsed YAML."""

    relative_path: str
    document: YamlDocument


@dataclass
class _Collector:
    """Accumulates problems while loading."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: LoadedFile | str, location: Location, message: str) -> None:
        if isinstance(file, LoadedFile):
            self.problems.append(Problem(file.relative_path, file.document.line_of(location), field_path(location), message))
        else:
            self.problems.append(Problem(file, None, field_path(location), message))


def _pydantic_message(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key; check its spelling against the schema (schemas/ folder)"
    if error["type"] == "missing":
        return "required field is missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        return f"{message} (got {error.get('input')!r})"
    return message


def _validate(model: Any, loaded: LoadedFile, data: Any, base: Location, collector: _Collector) -> Any:
    """Validate `data` with a pydantic type, reporting errors located in the file."""
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as error:
        for detail in error.errors():
            location = base + tuple(part for part in detail["loc"] if not _is_internal_loc(part))
            collector.add(loaded, location, _pydantic_message(detail))
        return None


def _is_internal_loc(part: Any) -> bool:
    # pydantic adds tags such as 'function-after[...]' for validators; they mean nothing to a reader
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _load_file(path: Path, root: Path, collector: _Collector) -> LoadedFile | None:
    relative = path.relative_to(root).as_posix()
    try:
        return LoadedFile(relative, read_yaml(path))
    except YamlProblem as problem:
        collector.problems.append(Problem(relative, problem.line, "", problem.message))
    except OSError as error:
        collector.problems.append(Problem(relative, None, "", f"cannot read file: {error.strerror}"))
    return None


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
    files: dict[tuple[str, str], str] = field(default_factory=dict)

    def file_of(self, collection: str, record_id: str) -> str:
        """Project-relative path of the YAML file that holds a record."""
        return self.files[(collection, record_id)]

    def applicable_dimensions(self, technology: Technology) -> list[Dimension]:
        """The dimensions that apply to a technology's kind, in table order."""
        return [dim for dim in self.dimensions.values() if technology.kind in dim.applies_to]

    def uses_of(self, technology_id: str) -> list[tuple[Industry, Use]]:
        """Every (industry, use) pair in which the technology is used."""
        return [
            (industry, use) for industry in self.industries.values() for use in industry.uses if use.technology == technology_id
        ]

    def children_of(self, technology_id: str) -> list[Technology]:
        """Technologies whose parents include this one."""
        return [tech for tech in self.technologies.values() if technology_id in tech.parents]

    @cached_property
    def citations(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, the (collection, record id) pairs that cite it, in order."""
        cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for source_id, collection, record_id in _all_citations(self):
            if (collection, record_id) not in cited[source_id]:
                cited[source_id].append((collection, record_id))
        return dict(cited)

    def summary(self) -> str:
        """One line counting what was loaded."""
        uses = sum(len(industry.uses) for industry in self.industries.values())
        filled = sum(1 for tech in self.technologies.values() for value in tech.dimensions.values() if value.status == "known")
        return (
            f"{len(self.technologies)} technologies ({filled} dimension values), {len(self.industries)} industries "
            f"({uses} uses), {len(self.dimensions)} dimensions, {len(self.glossary)} glossary terms, "
            f"{len(self.regulations)} regulations, {len(self.confusions)} confusions, {len(self.sources)} sources"
        )


def _all_citations(kb: KnowledgeBase) -> Iterable[tuple[str, str, str]]:
    """Yield (source id, collection, record id) for every citation in the data."""
    for tech in kb.technologies.values():
        for source_id in [*tech.introduced.sources, *tech.key_papers]:
            yield source_id, "technologies", tech.id
        for value in tech.dimensions.values():
            for source_id in value.sources:
                yield source_id, "technologies", tech.id
    for industry in kb.industries.values():
        for use in industry.uses:
            for source_id in use.sources:
                yield source_id, "industries", industry.id
    for collection in ("regulations", "glossary", "confusions"):
        for record in getattr(kb, collection).values():
            for source_id in record.sources:
                yield source_id, collection, record.id


def _load_collection(
    path: Path, root: Path, model: type[R], collector: _Collector
) -> tuple[dict[str, R], dict[str, Location], LoadedFile | None]:
    """Load a file holding a list of records; return them by id with their locations."""
    if not path.exists():
        collector.add(path.relative_to(root).as_posix(), (), "file is missing")
        return {}, {}, None
    loaded = _load_file(path, root, collector)
    if loaded is None:
        return {}, {}, None
    data = loaded.document.data
    if not isinstance(data, list):
        collector.add(loaded, (), "the file must be a YAML list of entries, each starting with '- id: ...'")
        return {}, {}, loaded
    records: dict[str, R] = {}
    locations: dict[str, Location] = {}
    for index, item in enumerate(data):
        record = _validate(model, loaded, item, (index,), collector)
        if record is None:
            continue
        if record.id in records:
            collector.add(
                loaded,
                (index, "id"),
                f"duplicate id '{record.id}' (first at line {loaded.document.line_of(locations[record.id])}); ids must be unique",
            )
            continue
        records[record.id] = record
        locations[record.id] = (index,)
    return records, locations, loaded


def _load_entities(folder: Path, root: Path, model: type[R], collector: _Collector) -> tuple[dict[str, R], dict[str, LoadedFile]]:
    """Load one record per file from a folder; the id must equal the file name."""
    records: dict[str, R] = {}
    files: dict[str, LoadedFile] = {}
    paths = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if not paths:
        collector.add(folder.relative_to(root).as_posix(), (), "no .yml files found")
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        collector.add(path.relative_to(root).as_posix(), (), "use the .yml extension, as the other data files do")
    for path in paths:
        loaded = _load_file(path, root, collector)
        if loaded is None:
            continue
        record = _validate(model, loaded, loaded.document.data, (), collector)
        if record is None:
            continue
        if record.id != path.stem:
            collector.add(loaded, ("id",), f"id '{record.id}' must equal the file name '{path.stem}'; rename one of them")
            continue
        records[record.id] = record
        files[record.id] = loaded
    return records, files


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Load and validate all data under `data_dir`; raise DataError listing every problem."""
    data_dir = data_dir.resolve()
    root = data_dir.parent
    collector = _Collector()
    collections: dict[str, tuple[dict[str, Any], dict[str, Location], LoadedFile | None]] = {
        name: _load_collection(data_dir / f"{name}.yml", root, model, collector) for name, model in COLLECTION_MODELS.items()
    }
    technologies, tech_files = _load_entities(data_dir / "technologies", root, Technology, collector)
    industries, industry_files = _load_entities(data_dir / "industries", root, Industry, collector)

    kb = KnowledgeBase(
        technologies=_sorted_technologies(technologies),
        industries=dict(sorted(industries.items(), key=lambda item: item[1].name)),
        dimensions=collections["dimensions"][0],
        sources=dict(sorted(collections["sources"][0].items())),
        regulations=collections["regulations"][0],
        glossary=dict(sorted(collections["glossary"][0].items(), key=lambda item: item[1].term.lower())),
        confusions=collections["confusions"][0],
    )
    kb.files.update({("technologies", key): loaded.relative_path for key, loaded in tech_files.items()})
    kb.files.update({("industries", key): loaded.relative_path for key, loaded in industry_files.items()})
    for name, (records, _, loaded) in collections.items():
        if loaded is not None:
            kb.files.update({(name, key): loaded.relative_path for key in records})

    checker = _CrossChecker(kb, collector, tech_files, industry_files, collections)
    checker.run()
    if collector.problems:
        raise DataError(collector.problems)
    return kb


_LOADED: dict[Path, tuple[tuple[tuple[str, int, int], ...], KnowledgeBase]] = {}


def load_knowledge_base_once(data_dir: Path) -> KnowledgeBase:
    """Like `load_knowledge_base`, but loads again only when a data file changed.

    The macros and the build hooks both need the data; this way a build loads it once, and
    `mkdocs serve` still picks up every edit.
    """
    data_dir = data_dir.resolve()
    stamp = tuple(sorted((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in data_dir.rglob("*.yml")))
    cached = _LOADED.get(data_dir)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    kb = load_knowledge_base(data_dir)
    _LOADED[data_dir] = (stamp, kb)
    return kb


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


@dataclass
class _CrossChecker:
    """Checks that need more than one record: references, uniqueness, completeness."""

    kb: KnowledgeBase
    collector: _Collector
    tech_files: dict[str, LoadedFile]
    industry_files: dict[str, LoadedFile]
    collections: dict[str, tuple[dict[str, Any], dict[str, Location], LoadedFile | None]]

    def run(self) -> None:
        self.check_technologies()
        self.check_industries()
        self.check_collection_references()
        self.check_unique_names()
        self.check_every_source_cited()
        self.check_sources_are_distinct()

    def ref(self, loaded: LoadedFile | None, location: Location, value: str, pool: dict[str, Any], what: str) -> None:
        """Report `value` if it is not an id in `pool`."""
        if value in pool or loaded is None:
            return
        self.collector.add(loaded, location, f"unknown {what} '{value}'{did_you_mean(value, pool)}")

    def refs(self, loaded: LoadedFile | None, base: Location, values: list[str], pool: dict[str, Any], what: str) -> None:
        for index, value in enumerate(values):
            self.ref(loaded, (*base, index), value, pool, what)

    def check_technologies(self) -> None:
        for tech_id, tech in self.kb.technologies.items():
            loaded = self.tech_files[tech_id]
            for relation in ("parents", "built_on"):
                self.refs(loaded, (relation,), getattr(tech, relation), self.kb.technologies, "technology")
                if tech_id in getattr(tech, relation):
                    self.collector.add(loaded, (relation,), "a technology cannot refer to itself")
            self.refs(loaded, ("introduced", "sources"), tech.introduced.sources, self.kb.sources, "source")
            self.refs(loaded, ("key_papers",), tech.key_papers, self.kb.sources, "source")
            self.check_dimensions(tech, loaded)
            if _has_cycle(tech_id, self.kb.technologies):
                self.collector.add(loaded, ("parents",), "the parents form a cycle; a technology cannot sit inside itself")

    def check_dimensions(self, tech: Technology, loaded: LoadedFile) -> None:
        applicable = {dim.id for dim in self.kb.applicable_dimensions(tech)}
        for key, value in tech.dimensions.items():
            if key not in self.kb.dimensions:
                self.collector.add(
                    loaded,
                    ("dimensions", key),
                    f"unknown dimension '{key}'{did_you_mean(key, self.kb.dimensions)}; "
                    "dimensions are defined in data/dimensions.yml",
                )
            elif key not in applicable:
                self.collector.add(
                    loaded,
                    ("dimensions", key),
                    f"dimension '{key}' does not apply to kind '{tech.kind}'; "
                    "remove it or change its applies_to in data/dimensions.yml",
                )
            self.refs(loaded, ("dimensions", key, "sources"), value.sources, self.kb.sources, "source")
        for key in sorted(applicable - tech.dimensions.keys()):
            self.collector.add(
                loaded,
                ("dimensions",),
                f"missing dimension '{key}': give a value with sources and as_of, "
                "or status: unknown / not_applicable with a note",
            )

    def check_industries(self) -> None:
        for industry_id, industry in self.kb.industries.items():
            loaded = self.industry_files[industry_id]
            self.refs(loaded, ("regulations",), industry.regulations, self.kb.regulations, "regulation")
            seen: dict[str, int] = {}
            for index, use in enumerate(industry.uses):
                base: Location = ("uses", index)
                if use.id in seen:
                    self.collector.add(loaded, (*base, "id"), f"duplicate use id '{use.id}' (also uses[{seen[use.id]}])")
                seen.setdefault(use.id, index)
                self.ref(loaded, (*base, "technology"), use.technology, self.kb.technologies, "technology")
                self.refs(loaded, (*base, "sources"), use.sources, self.kb.sources, "source")
                for reg_index, regulation in enumerate(use.regulations):
                    if regulation not in industry.regulations:
                        self.collector.add(
                            loaded,
                            (*base, "regulations", reg_index),
                            f"regulation '{regulation}' is not in this industry's regulations list; add it there too",
                        )

    def check_collection_references(self) -> None:
        for name, pool_name, what in (
            ("regulations", "sources", "source"),
            ("glossary", "sources", "source"),
            ("glossary", "technologies", "technology"),
            ("confusions", "sources", "source"),
            ("confusions", "technologies", "technology"),
        ):
            records, locations, loaded = self.collections[name]
            pool = getattr(self.kb, pool_name)
            for record_id, record in records.items():
                self.refs(loaded, (*locations[record_id], pool_name), getattr(record, pool_name), pool, what)

    def check_unique_names(self) -> None:
        """Names, abbreviations and aliases must be unique (case-insensitive) across technologies and glossary."""
        owners: dict[str, str] = {}
        for tech_id, tech in self.kb.technologies.items():
            labels = [("name", tech.name), ("abbreviation", tech.abbreviation)] + [
                (f"aliases[{i}]", a) for i, a in enumerate(tech.aliases)
            ]
            for location_name, label in labels:
                self.claim(owners, label, f"technology '{tech_id}'", self.tech_files[tech_id], _location(location_name))
        records, locations, loaded = self.collections["glossary"]
        for term_id, term in records.items():
            labels = (
                [("term", term.term)]
                + [(f"aliases[{i}]", a) for i, a in enumerate(term.aliases)]
                + [(f"abbreviations[{i}]", a) for i, a in enumerate(term.abbreviations)]
            )
            for location_name, label in labels:
                self.claim(owners, label, f"glossary term '{term_id}'", loaded, (*locations[term_id], *_location(location_name)))
        industry_names: dict[str, str] = {}
        for industry_id, industry in self.kb.industries.items():
            self.claim(industry_names, industry.name, f"industry '{industry_id}'", self.industry_files[industry_id], ("name",))

    def claim(self, owners: dict[str, str], label: str | None, owner: str, loaded: LoadedFile | None, location: Location) -> None:
        if not label or loaded is None:
            return
        key = label.casefold()
        previous = owners.get(key)
        if previous is not None and previous != owner:
            self.collector.add(
                loaded, location, f"'{label}' is already used by {previous}; names, abbreviations and aliases must be unique"
            )
        elif previous is None:
            owners[key] = owner

    def check_every_source_cited(self) -> None:
        records, locations, loaded = self.collections["sources"]
        if loaded is None:
            return
        cited = {source_id for source_id, _, _ in _all_citations(self.kb)}
        for source_id in records:
            if source_id not in cited:
                self.collector.add(
                    loaded, (*locations[source_id], "id"), f"source '{source_id}' is not cited anywhere; cite it or remove it"
                )

    def check_sources_are_distinct(self) -> None:
        """Two entries with the same DOI, arXiv id or URL are the same work under two ids."""
        records, locations, loaded = self.collections["sources"]
        seen: dict[tuple[str, str], str] = {}
        for source_id, source in records.items():
            for key in ("doi", "arxiv", "url"):
                value = getattr(source, key)
                if not value:
                    continue
                identity = (key, value.casefold().rstrip("/"))
                if identity in seen:
                    self.collector.add(
                        loaded,
                        (*locations[source_id], key),
                        f"same {key} as source '{seen[identity]}': one work needs one id; cite '{seen[identity]}' instead",
                    )
                seen.setdefault(identity, source_id)


def _location(name: str) -> Location:
    """Turn 'aliases[2]' into ('aliases', 2)."""
    if "[" in name:
        key, index = name.rstrip("]").split("[")
        return (key, int(index))
    return (name,)


def _has_cycle(start: str, technologies: dict[str, Technology]) -> bool:
    stack = list(technologies[start].parents)
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current in seen or current not in technologies:
            continue
        seen.add(current)
        stack.extend(technologies[current].parents)
    return False
