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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .checks.rules import run_rules
from .checks.schema_messages import error_location, explain, without_misspelling_echoes
from .knowledge import KnowledgeBase
from .load_state import LoadedFile, LoadState, Origin
from .models import COLLECTION_MODELS, DOCUMENT_MODELS, ENTITY_MODELS, KIND_ORDER, Record, Technology
from .problems import DataError, Location, Stage
from .yamlfile import YamlProblem, keep_parsed, read_yaml

__all__ = ["DataError", "data_stamp", "load_knowledge_base", "load_knowledge_base_once", "read_data"]

R = TypeVar("R", bound=Record)

OPTIONAL_FOLDERS = frozenset({"comparisons"})
CITATION_KEYS = frozenset({"sources", "key_papers", "difference_sources"})


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
    save_parsed = keep_parsed(root)
    for name, model in COLLECTION_MODELS.items():
        _load_collection(data_dir / f"{name}.yml", root, name, model, state)
    for folder, model in ENTITY_MODELS.items():
        _load_folder(data_dir / folder, root, folder, model, state)
    for name, model in DOCUMENT_MODELS.items():
        _load_document(data_dir / f"{name}.yml", root, name, model, state)
    save_parsed()
    return _knowledge_base(state), state


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Load and validate all data under `data_dir`; raise DataError listing every problem."""
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
