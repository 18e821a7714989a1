"""Fast `mkdocs serve` reloads: after a data edit, rebuild only the pages that show what changed.

While serving, the knowledge base notes what the page being built reads: which records it looks
up, which collections it lists, and which fields of which records (and of the records nested in
them, such as an industry's uses) it reads. After an edit, the new data is compared with the old
field by field; a page is rebuilt when it read something that changed. Every other page keeps the
HTML it already has in the served folder, and its search entries are kept too.

Anything the record comparison cannot see (mkdocs.yml, the navigation, the glossary terms that
become tooltips, a Markdown page, git history, the date, a build with bad data) makes the next
build a full one, so a reload is never wrong, only sometimes slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from ..knowledge import KnowledgeBase

log = logging.getLogger("mkdocs.plugins.aicompare")

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

        def __getattribute__(self: Any, name: str) -> Any:  # noqa: N807
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
    changed |= {(name, key, FOUND) for key in dict.keys(old) & dict.keys(new) if dict.__getitem__(old, key) != dict.__getitem__(new, key)}
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


def fingerprint(parts: Iterable[Any]) -> str:
    """A short stable digest of everything that, when it changes, calls for a full build."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "backslashreplace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def tree_stamp(paths: Iterable[Path], skip: Callable[[Path], bool] = lambda path: False) -> list[tuple[str, int, int]]:
    """Path, modification time and size of every file under `paths` (a cheap 'did anything here change')."""
    stamp = []
    for root in paths:
        files = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file())
        for path in files:
            if not skip(path) and "__pycache__" not in path.parts:
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return stamp


def build_signature(config: Any, data_dir: Path, commit_dates: dict[str, Any], term_index: Any) -> str:
    """Everything besides the data records that pages are made from: when it changes, every page is rebuilt.

    The configuration and navigation, today's date (review marks), git history (page dates), the
    phrases and definitions that become tooltips, the code and theme, and docs/ files other than pages.
    """
    watched = [Path(path) for path in config["watch"] if not Path(path).resolve().is_relative_to(data_dir.resolve())]
    terms = (sorted(term_index.exact.items()), sorted(term_index.folded.items())) if term_index else None
    return fingerprint(
        [
            Path(config.config_file_path).read_text(encoding="utf-8"),
            dt.date.today(),
            commit_dates,
            config["nav"],
            terms,
            tree_stamp(watched),
            tree_stamp([Path(config["docs_dir"])], skip=lambda path: path.suffix == ".md"),
        ]
    )


def digest(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between builds (keyed by name and source checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Session:
    """What one `mkdocs serve` remembers between builds to decide which pages the next one rebuilds."""

    recorder: Recorder = field(default_factory=Recorder)
    built_kb: KnowledgeBase | None = None
    built_signature: str | None = None
    built_sources: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    search_entries: dict[str, list[Any]] = field(default_factory=dict)
    kb: KnowledgeBase | None = None
    signature: str = ""
    changed: set[Dependency] | None = None
    reason: str = ""
    rebuilt: set[str] | None = None
    page_order: list[str] = field(default_factory=list)
    indexed: int = 0
    templates: TemplateCache = field(default_factory=TemplateCache)
    outputs: set[str] = field(default_factory=set)

    def begin(self, kb: KnowledgeBase | None, signature: str) -> None:
        """A build starts: compare its data and global inputs with those of the last complete build."""
        self.kb, self.signature, self.indexed, self.rebuilt = kb, signature, 0, None
        if kb is None or self.built_kb is None:
            self.changed, self.reason = None, "first build" if self.built_kb is None else "bad data"
        elif signature != self.built_signature:
            self.changed, self.reason = None, "configuration, navigation, tooltips, theme or git history changed"
        else:
            self.changed = data_changes(self.built_kb, kb)
            self.reason = "" if self.changed is not None else "the guide changed"
        if kb is not None and not isinstance(kb.technologies, TrackedCollection):
            track(kb, self.recorder)

    def plan(self, sources: dict[str, str]) -> set[str] | None:
        """The pages (by source path) this build renders, or None for all of them.

        `sources` maps each page to a digest of its Markdown: a page added, removed or edited
        can change the navigation or links anywhere, so it makes the build a full one.
        """
        self.page_order = list(sources)
        if self.changed is not None and sources != self.built_sources:
            self.changed, self.reason = None, "a Markdown page was added, removed or edited"
        if self.changed is None:
            self.rebuilt = None
            log.info(f"Rebuilding every page ({self.reason})")
        else:
            reads = self.recorder.reads
            self.rebuilt = {src for src in sources if src not in reads or is_affected(reads[src], self.changed)}
            log.info(f"Rebuilding {len(self.rebuilt)} of {len(sources)} pages: the ones that show the changed data")
        self.built_sources = sources
        return self.rebuilt

    def stale_outputs(self, outputs: set[str]) -> set[str]:
        """Files the last build wrote that this one does not (an old release zip); a full build has cleaned them already."""
        stale = self.outputs - outputs if self.rebuilt is not None else set()
        self.outputs = outputs
        return stale

    def renders(self, src_uri: str) -> bool:
        return self.rebuilt is None or src_uri in self.rebuilt

    def indexed_page(self, src_uri: str, entries: list[Any]) -> None:
        """Keep the search entries the search plugin just made for a page (the new tail of `entries`)."""
        self.search_entries[src_uri] = entries[self.indexed :]
        self.indexed = len(entries)

    def all_search_entries(self) -> list[Any]:
        """The search entries of every page, in page order: fresh for rebuilt pages, kept for the others."""
        return [entry for src in self.page_order for entry in self.search_entries.get(src, [])]

    def finish(self) -> None:
        """The build completed: the next one is compared with this one."""
        self.built_kb, self.built_signature = self.kb, self.signature

    # What the hooks call at each MkDocs event while serving.

    def plan_files(self, files: Any, site_dir: str) -> None:
        """on_files: decide the pages to render; mark the others unmodified, so MkDocs' partial build skips them."""
        from mkdocs.utils import clean_directory

        sources = {file.src_uri: digest(file.content_bytes) for file in files.documentation_pages()}
        if self.plan(sources) is None:
            clean_directory(site_dir)  # a partial build does not clean; a full one starts from nothing
        for dest_uri in self.stale_outputs({file.dest_uri for file in files}):
            (Path(site_dir) / dest_uri).unlink(missing_ok=True)
        for file in files.documentation_pages():
            renders = self.renders(file.src_uri)
            file.is_modified = lambda renders=renders: renders

    def keep_titles(self, nav: Any) -> None:
        """on_nav: a page that is skipped keeps its title, so the navigation on rebuilt pages stays right."""
        if self.rebuilt is not None:
            for page in nav.pages:
                if not self.renders(page.file.src_uri) and page.file.src_uri in self.titles:
                    page.title = self.titles[page.file.src_uri]

    def page_context(self, page: Any, config: Any) -> None:
        """on_page_context, after the search plugin: reads count for the page again; keep its search entries."""
        self.recorder.start(page.file.src_uri)
        index = search_index(config)
        if index is not None:
            self.indexed_page(page.file.src_uri, index.entries)

    def page_done(self, page: Any) -> None:
        """on_post_page: the page is written; remember its title."""
        self.recorder.stop()
        self.titles[page.file.src_uri] = page.title

    def build_done(self, config: Any) -> None:
        """on_post_build, before the search plugin writes its index: every page's entries, then remember this build."""
        index = search_index(config)
        if index is not None:
            index.entries = self.all_search_entries()
        self.finish()

    def fail(self) -> None:
        """The build stopped half-way: the next one renders every page."""
        self.built_kb, self.built_signature, self.built_sources = None, None, {}


def search_index(config: Any) -> Any:
    """The search plugin's index of this build (None without the plugin)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns on every partial ('dirty') build; here the plan makes partial builds exact, so the warning misleads."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


def serve_builder(config: Any) -> Callable[[], None]:
    """What `mkdocs serve` runs on each change: its own rebuild, but leaving unaffected pages in place.

    MkDocs' partial ('dirty') build skips every page whose file reports it is not modified; the
    hooks make exactly the pages outside the plan report that, and clean the folder for a full build.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())
    config_file, site_dir, serve_url, strict = config.config_file_path, config.site_dir, config.site_url, config.strict

    def rebuild() -> None:
        logging.getLogger("mkdocs").info("Building documentation...")
        fresh = load_config(config_file=config_file, site_dir=site_dir, strict=strict)
        fresh.site_url = serve_url
        build(fresh, serve_url=serve_url, dirty=True)

    return rebuild
