"""What changed in the data, value by value: comparing two versions of the records and saying it in reader words.

Pure functions on plain records (the dicts a data file or the open-data JSON holds); reading git is left to
`aicompare.site.changes`. The same comparison serves the site's history (one commit against its parent)
and each open-data release (one release's JSON against the previous one's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["added", "removed", "revised", "renewed"]
Record = Mapping[str, Any]

# Collections whose records are one file each; the rest are one file holding a list of records.
ENTITY_COLLECTIONS = ("technologies", "industries", "comparisons")
# Fields of a record whose entries are records of their own, compared one by one under their id.
NESTED = {"dimensions": None, "uses": "id"}
# Fields holding lists of names or ids: say which were added and removed instead of "revised".
LISTED = frozenset({"aliases", "parents", "built_on", "key_papers", "sources", "regulations", "technologies",
                    "difference_sources", "examples", "answers", "related", "applies_to"})
# Fields no reader sees as facts of their own; a change to them alone is a renewal.
REVIEW_FIELDS = frozenset({"as_of"})
FIELD_LABELS = {
    "name": "Name",
    "abbreviation": "Abbreviation",
    "kind": "Kind",
    "parents": "Place in the hierarchy",
    "built_on": "Builds on",
    "aliases": "Other names",
    "summary": "Summary",
    "tagline": "One-line description",
    "introduced": "When introduced",
    "key_papers": "Key papers",
    "examples": "Well-known examples",
    "regulations": "Rules that apply",
    "difference": "The short answer",
    "difference_sources": "Sources of the short answer",
    "choose": "When to choose each",
    "misconception": "The common misconception",
    "title": "Title",
    "technologies": "Technologies compared",
    "use_case": "Use",
    "description": "Description",
    "example": "Example",
    "maturity": "Maturity",
    "risks": "Risks",
    "sources": "Sources",
    "value": "Value",
    "status": "Status",
    "note": "Note",
    "term": "Term",
    "definition": "Definition",
}


@dataclass(frozen=True)
class ValueChange:
    """One change to one record: the whole record, one of its fields, or one entry inside a field.

    `part` is the dimension id or the use id for `dimensions` and `uses`, '' otherwise. `added` and
    `removed` name the list entries (aliases, source ids, example names) that came and went.
    """

    collection: str
    record: str
    field: str = ""
    part: str = ""
    action: Action = "revised"
    fields: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The change as a JSON object for a release's changes.json."""
        item: dict[str, Any] = {"collection": self.collection, "id": self.record, "action": self.action}
        for key, value in (("field", self.field), ("part", self.part)):
            if value:
                item[key] = value
        for key, values in (("fields", self.fields), ("added", self.added), ("removed", self.removed)):
            if values:
                item[key] = list(values)
        return item


def _name_of(entry: Any) -> str:
    """What a list entry is called: an id, a name, or the entry itself."""
    if isinstance(entry, Mapping):
        return str(entry.get("name") or entry.get("id") or entry.get("label") or entry.get("technology") or "")
    return str(entry)


def _same(key: str, before: Any, after: Any) -> bool:
    """Equal, counting a list of names or ids that was only put in another order as unchanged."""
    if before == after:
        return True
    if key in LISTED and isinstance(before, list) and isinstance(after, list):
        return sorted(map(repr, before)) == sorted(map(repr, after))
    return False


def _list_change(collection: str, record: str, key: str, before: Any, after: Any) -> ValueChange:
    old = [_name_of(e) for e in before or []] if isinstance(before, list) else []
    new = [_name_of(e) for e in after or []] if isinstance(after, list) else []
    added = tuple(n for n in new if n not in old)
    removed = tuple(n for n in old if n not in new)
    return ValueChange(collection, record, key, action="revised", added=added, removed=removed)


def _entry_change(collection: str, record: str, key: str, part: str, before: Any, after: Any) -> ValueChange | None:
    """How one dimension value or one use changed, or None when it did not."""
    if before == after:
        return None
    if before is None:
        return ValueChange(collection, record, key, part, "added")
    if after is None:
        return ValueChange(collection, record, key, part, "removed")
    old = before if isinstance(before, Mapping) else {"value": before}
    new = after if isinstance(after, Mapping) else {"value": after}
    differing = sorted(k for k in old.keys() | new.keys() if not _same(k, old.get(k), new.get(k)))
    if not differing:
        return None
    if set(differing) <= REVIEW_FIELDS:
        return ValueChange(collection, record, key, part, "renewed")
    facts = tuple(k for k in differing if k not in REVIEW_FIELDS)
    sources = _list_change(collection, record, "sources", old.get("sources"), new.get("sources"))
    return ValueChange(collection, record, key, part, "revised", facts, sources.added, sources.removed)


def _nested(value: Any, id_key: str | None) -> dict[str, Any]:
    """Entries of a nested field by id: a dict as it is, a list of records keyed by `id_key`."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, list) and id_key:
        return {str(e.get(id_key)): e for e in value if isinstance(e, Mapping)}
    return {}


def record_changes(collection: str, record_id: str, before: Record | None, after: Record | None) -> list[ValueChange]:
    """Every change between two versions of one record (None when it did not exist), field by field."""
    if before == after:
        return []
    if before is None:
        return [ValueChange(collection, record_id, action="added")]
    if after is None:
        return [ValueChange(collection, record_id, action="removed")]
    found: list[ValueChange] = []
    for key in sorted(before.keys() | after.keys(), key=str):
        old, new = before.get(key), after.get(key)
        if _same(key, old, new) or key == "id":
            continue
        if key in NESTED:
            entries_before, entries_after = _nested(old, NESTED[key]), _nested(new, NESTED[key])
            for part in sorted(entries_before.keys() | entries_after.keys()):
                change = _entry_change(collection, record_id, key, part, entries_before.get(part), entries_after.get(part))
                if change:
                    found.append(change)
        elif key in REVIEW_FIELDS:
            found.append(ValueChange(collection, record_id, key, action="renewed"))
        elif key in LISTED and isinstance(old or [], list) and isinstance(new or [], list):
            change = _list_change(collection, record_id, key, old, new)
            found.append(change if change.added or change.removed else ValueChange(collection, record_id, key))
        else:
            found.append(ValueChange(collection, record_id, key))
    if found and all(c.action == "renewed" for c in found):
        return [ValueChange(collection, record_id, action="renewed")]
    return [c for c in found if c.action != "renewed" or c.part]


def records_by_id(records: Iterable[Any]) -> dict[str, Record]:
    """A list of records keyed by id (entries without an id are left out)."""
    return {str(r["id"]): r for r in records if isinstance(r, Mapping) and "id" in r}


def collection_changes(collection: str, before: Mapping[str, Record], after: Mapping[str, Record]) -> list[ValueChange]:
    """Every change between two versions of a collection of records keyed by id."""
    found: list[ValueChange] = []
    for record_id in sorted(before.keys() | after.keys()):
        found += record_changes(collection, record_id, before.get(record_id), after.get(record_id))
    return found


def document_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[ValueChange]:
    """Every change between two open-data documents (collections of records), collection by collection."""
    found: list[ValueChange] = []
    for collection in sorted(k for k in before.keys() | after.keys() if isinstance(after.get(k, before.get(k)), list)):
        found += collection_changes(collection, records_by_id(before.get(collection) or []),
                                    records_by_id(after.get(collection) or []))
    return found


def file_collection(path: str) -> str:
    """The collection a data file holds: 'data/technologies/cnn.yml' -> 'technologies', 'data/glossary.yml' -> 'glossary'."""
    parts = path.removeprefix("data/").removesuffix(".yml").split("/")
    return parts[0]


def file_records(path: str, content: Any) -> dict[str, Record]:
    """The records one data file holds, keyed by id: one for an entity file, many for a list file."""
    if isinstance(content, list):
        return records_by_id(content)
    if isinstance(content, Mapping) and "id" in content:
        return {str(content["id"]): content}
    if isinstance(content, Mapping):  # a file of several lists, such as the guide's questions and rules
        return {f"{key}/{rid}": r for key, value in content.items() if isinstance(value, list)
                for rid, r in records_by_id(value).items()}
    return {}


def file_changes(path: str, before: Any, after: Any) -> list[ValueChange]:
    """Every change between two versions of one data file (None where the file did not exist)."""
    return collection_changes(file_collection(path), file_records(path, before), file_records(path, after))


# ---- Reader words ---------------------------------------------------------------------------------------------

COLLECTION_NOUNS = {
    "technologies": "Technology",
    "industries": "Industry",
    "comparisons": "Comparison",
    "glossary": "Glossary term",
    "sources": "Source",
    "milestones": "Timeline milestone",
    "regulations": "Rule",
    "confusions": "Common confusion",
    "dimensions": "Profile row",
    "guide": "Guide question or rule",
}
COLLECTION_PLURALS = {key: noun + "s" for key, noun in COLLECTION_NOUNS.items()} | {
    "technologies": "Technologies",
    "industries": "Industries",
    "guide": "Guide questions and rules",
}


def sentence_case(phrase: str) -> str:
    """The phrase with its first letter capitalised and the rest left as it is ('use X added' -> 'Use X added')."""
    return phrase[:1].upper() + phrase[1:]


def field_label(key: str) -> str:
    """A reader's name for a field: 'key_papers' -> 'Key papers'."""
    return FIELD_LABELS.get(key, key.replace("_", " ").capitalize())


def _quoted(names: Iterable[str], label: Mapping[str, str]) -> str:
    return ", ".join(label.get(n, n) for n in names)


def describe(change: ValueChange, part_label: str = "", labels: Mapping[str, str] | None = None) -> str:
    """The change in a reader's words, e.g. 'Training compute: value revised; source Hu et al. 2021 added'.

    `part_label` names the dimension or use (its label or use case); `labels` maps ids to what a reader
    knows them by (short citations, technology names), so a reader sees 'Hu et al. 2021', not 'hu2021'.
    """
    labels = labels or {}
    if not change.field:
        return {"added": "added to the site", "removed": "removed from the site", "renewed": "review date renewed"}.get(
            change.action, "revised")
    if change.part:
        subject = (f"use '{part_label}'" if change.field == "uses" else part_label) or change.part
        if change.action in ("added", "removed"):
            return f"{sentence_case(subject)} {change.action}"
        if change.action == "renewed":
            return f"{sentence_case(subject)}: review date renewed"
        facts = [f for f in change.fields if f != "sources"]
        words = []
        if facts:
            words.append(("value" if facts == ["value"] else ", ".join(field_label(f).lower() for f in facts)) + " revised")
        if change.added:
            words.append(f"source {_quoted(change.added, labels)} added")
        if change.removed:
            words.append(f"source {_quoted(change.removed, labels)} removed")
        return f"{sentence_case(subject)}: " + ("; ".join(words) or "revised")
    label = field_label(change.field)
    if change.action == "renewed":
        return f"{label}: review date renewed"
    words = [f"{_quoted(change.added, labels)} added"] if change.added else []
    if change.removed:
        words.append(f"{_quoted(change.removed, labels)} removed")
    return f"{label}: " + ("; ".join(words) if words else "revised")
