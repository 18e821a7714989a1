"""What a page reads from the knowledge base while serving, and what an edit of the data changes, field by field.

While serving, the knowledge base notes what the page being built reads: which records it looks
up, which collections it lists, and which fields of which records (and of the records nested in
them, such as an industry's uses) it reads. After an edit, the new data is compared with the old
field by field; `incremental.py` rebuilds a page when it read something that changed.

Field level, not record level: editing one value of `rnn` touches 16 of 299 pages here, while 126
pages read some field of `rnn` (every list of technologies reads each one's name), so rebuilding by
record would redo about 40% of the site after any edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..knowledge import KnowledgeBase

ALL = "*"
"""Record id of a dependency on every value of a collection whose values are not records."""
MEMBERS = "#members"
"""Record id of a dependency on which ids a collection holds, in which order."""
FOUND = ""
"""Field of a dependency on a record being there at all (the page looked it up)."""
LOCATION = "#location"
"""Field of a dependency on where a record's values sit in its file (suggest-a-fix links name the line)."""

EVERYTHING = "*"
"""Collection of a dependency on every record (a value made from all the data, such as the open data files)."""

Dependency = tuple[str, str, str]
"""(collection, record id | MEMBERS | ALL, field | FOUND | LOCATION)."""

RECORD_COLLECTIONS = (
    "technologies",
    "industries",
    "dimensions",
    "sources",
    "regulations",
    "glossary",
    "confusions",
    "comparisons",
    "milestones",
)
LOCATED_COLLECTIONS = ("files", "lines")
"""Keyed by (collection, record id, ...): reading one depends on that record's location."""


@dataclass
class Recorder:
    """Which page is being built, and what each page has read so far."""

    current: str | None = None
    reads: dict[str, set[Dependency]] = field(default_factory=dict)

    def start(self, src_uri: str, fresh: bool = False) -> None:
        """Attribute reads to `src_uri` from now on (forgetting its earlier reads if `fresh`)."""
        self.current = src_uri
        if fresh or src_uri not in self.reads:
            self.reads[src_uri] = set()

    def stop(self) -> None:
        self.current = None

    def note(self, collection: str, key: str, part: str = FOUND) -> None:
        if self.current is not None:
            self.reads[self.current].add((collection, key, part))


_LABELS: dict[int, tuple[Recorder, str, str]] = {}
"""id() of each tracked record to (recorder, collection, record id)."""
_TRACKED_TYPES: dict[type, type] = {}


def _tracked_type(model: type) -> type:
    """A subclass of a record model whose field reads are noted (same layout, so instances can switch to it)."""
    if model not in _TRACKED_TYPES:
        fields = frozenset(model.model_fields)  # type: ignore[attr-defined]

        def __getattribute__(self: Any, name: str) -> Any:
            if name in fields:
                label = _LABELS.get(id(self))
                if label is not None:
                    label[0].note(label[1], label[2], name)
            return object.__getattribute__(self, name)

        namespace = {"__slots__": (), "__getattribute__": __getattribute__, "__module__": model.__module__}
        _TRACKED_TYPES[model] = type(model)(f"Tracked{model.__name__}", (model,), namespace)
    return _TRACKED_TYPES[model]


def _fields(record: Any) -> dict[str, Any]:
    """A record's field values, read without noting anything."""
    return dict(object.__getattribute__(record, "__dict__"))


def _parts(value: Any) -> dict[str, Any] | None:
    """The records nested in a field, by key (the uses of an industry by id, the values of a technology by dimension)."""
    if isinstance(value, dict) and value and all(isinstance(item, BaseModel) for item in value.values()):
        return {str(key): item for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, BaseModel) and hasattr(item, "id") for item in value):
        parts = {str(item.id): item for item in value}
        return parts if len(parts) == len(value) else None
    return None


def _track_record(record: Any, recorder: Recorder, collection: str, record_id: str) -> None:
    """Note reads of the record's fields, and of the fields of the records nested in it, each on its own."""
    _LABELS[id(record)] = (recorder, collection, record_id)
    for name, value in _fields(record).items():
        for key, part in (_parts(value) or {}).items():
            _track_record(part, recorder, f"{collection}.{name}", f"{record_id}/{key}")
    record.__class__ = _tracked_type(type(record))


class TrackedCollection(dict):  # type: ignore[type-arg]
    """A dict that tells a Recorder which keys are looked up and when its keys are listed.

    The values of a record collection are tracked records, which note each field read themselves,
    so listing them depends only on the ids; other values (line numbers, citing records) depend on all.
    """

    def __init__(self, name: str, data: dict[Any, Any], recorder: Recorder, kind: str = "records") -> None:
        super().__init__(data)
        self.name = name
        self.recorder = recorder
        self.kind = kind

    def _note_key(self, key: Any) -> None:
        if self.kind == "located" and isinstance(key, tuple) and len(key) >= 2:
            self.recorder.note(str(key[0]), str(key[1]), LOCATION)
        else:
            self.recorder.note(self.name, str(key))

    def _note_members(self) -> None:
        self.recorder.note(self.name, MEMBERS)

    def _note_values(self) -> None:
        self.recorder.note(self.name, MEMBERS if self.kind == "records" else ALL)

    def __getitem__(self, key: Any) -> Any:
        self._note_key(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note_key(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note_key(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        self._note_members()
        return super().__iter__()

    def keys(self) -> Any:
        self._note_members()
        return super().keys()

    def __len__(self) -> int:
        self._note_members()
        return super().__len__()

    def values(self) -> Any:
        self._note_values()
        return super().values()

    def items(self) -> Any:
        self._note_values()
        return super().items()


def track(kb: KnowledgeBase, recorder: Recorder) -> None:
    """Make `kb` report to `recorder` what the page being built reads (in place)."""
    kb.citations  # noqa: B018 - computed now from all records, so no single page is charged with reading them
    for name in RECORD_COLLECTIONS:
        records = getattr(kb, name)
        for record_id, record in records.items():
            _track_record(record, recorder, name, record_id)
        setattr(kb, name, TrackedCollection(name, records, recorder))
    for name in LOCATED_COLLECTIONS:
        setattr(kb, name, TrackedCollection(name, getattr(kb, name), recorder, kind="located"))
    kb.__dict__["citations"] = TrackedCollection("citations", kb.citations, recorder, kind="values")
    kb.on_read_of_all = lambda: recorder.note(EVERYTHING, ALL)


def _membership_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> set[Dependency]:
    changed = {(name, key, FOUND) for key in old.keys() ^ new.keys()}
    if changed or list(dict.keys(old)) != list(dict.keys(new)):
        changed.add((name, MEMBERS, FOUND))
    return changed


def _field_changes(collection: str, record_id: str, old: Any, new: Any) -> set[Dependency]:
    """The fields that differ between two versions of a record; a field of nested records differs in its
    keys and order, and each nested record is compared on its own."""
    before, after = _fields(old), _fields(new)
    changed = set()
    for name in before.keys() | after.keys():
        old_parts, new_parts = _parts(before.get(name)), _parts(after.get(name))
        if old_parts is None or new_parts is None:
            if before.get(name) != after.get(name):
                changed.add((collection, record_id, name))
            continue
        if list(old_parts) != list(new_parts):
            changed.add((collection, record_id, name))
        for key in old_parts.keys() & new_parts.keys():
            changed |= _field_changes(f"{collection}.{name}", f"{record_id}/{key}", old_parts[key], new_parts[key])
    return changed


def _record_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> set[Dependency]:
    changed = _membership_changes(name, old, new)
    for key in dict.keys(old) & dict.keys(new):
        changed |= _field_changes(name, key, dict.__getitem__(old, key), dict.__getitem__(new, key))
    return changed


def _value_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> set[Dependency]:
    changed = _membership_changes(name, old, new)
    shared = dict.keys(old) & dict.keys(new)
    changed |= {(name, key, FOUND) for key in shared if dict.__getitem__(old, key) != dict.__getitem__(new, key)}
    if changed:
        changed.add((name, ALL, FOUND))
    return changed


def _located_changes(old: dict[tuple[Any, ...], Any], new: dict[tuple[Any, ...], Any]) -> set[Dependency]:
    def by_record(located: dict[tuple[Any, ...], Any]) -> dict[tuple[str, str], dict[tuple[Any, ...], Any]]:
        grouped: dict[tuple[str, str], dict[tuple[Any, ...], Any]] = {}
        for key, value in dict.items(located):
            grouped.setdefault((str(key[0]), str(key[1])), {})[key] = value
        return grouped

    before, after = by_record(old), by_record(new)
    moved = {record for record in before.keys() | after.keys() if before.get(record) != after.get(record)}
    return {(collection, record_id, LOCATION) for collection, record_id in moved}


def data_changes(old: KnowledgeBase, new: KnowledgeBase) -> set[Dependency] | None:
    """What differs between two loads of the data, field by field; None if a page-level comparison cannot tell."""
    if old.guide != new.guide:
        return None
    changed: set[Dependency] = set()
    for name in RECORD_COLLECTIONS:
        changed |= _record_changes(name, getattr(old, name), getattr(new, name))
    changed |= _value_changes("citations", old.citations, new.citations)
    for name in LOCATED_COLLECTIONS:
        moved = _located_changes(getattr(old, name), getattr(new, name))
        changed |= moved | ({(name, ALL, FOUND), (name, MEMBERS, FOUND)} if moved else set())
    if changed:
        changed.add((EVERYTHING, ALL, FOUND))
    return changed


def is_affected(reads: set[Dependency], changed: set[Dependency]) -> bool:
    """Whether a page that read `reads` shows something in `changed`."""
    return not reads.isdisjoint(changed)
