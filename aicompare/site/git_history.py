"""The history of data/, read from git once per commit: every value change with its day and its release.

Each commit that touched data/ is compared with its parent, file by file and record by record
(`aicompare.history`). All blobs are read in one `git cat-file --batch` call. A version that no longer
parses is left out and listed; a shallow clone has no history to read, and says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .. import build_cache
from ..history import ValueChange, document_changes, file_changes, file_records, records_by_id

MAX_COMMITS = 300
RECENT_DAYS = 90  # a value revised within this many days says so on its card
RELEASES_FOLDER = "releases"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class DatedChange:
    """One value change with the commit it came in and the names a reader knows it by."""

    change: ValueChange
    sha: str
    date: dt.datetime
    title: str  # the record's name, as it was
    part_title: str = ""  # the use case or dimension, as it was


@dataclass(frozen=True)
class History:
    """Every value change in the data, newest first, and what could not be read."""

    changes: tuple[DatedChange, ...] = ()
    unreadable: tuple[tuple[dt.date, str], ...] = ()  # (day, data file) of versions that no longer parse
    releases: Mapping[str, str] = field(default_factory=dict)  # commit sha -> the release it first appeared in
    available: bool = True
    cost_ms: float = 0.0
    revised: Mapping[tuple[str, str, str, str], dt.date] = field(default_factory=dict)  # see `revised_values`



def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=True, timeout=120).stdout


def is_shallow(repo: Path) -> bool:
    """True in a shallow clone, whose history stops after a few commits."""
    try:
        return _git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except (OSError, subprocess.SubprocessError):
        return True


@dataclass(frozen=True)
class FileChange:
    """One data file one commit changed: its blob before and after ('' where it did not exist)."""

    path: str
    before: str
    after: str


def _blob(sha: str) -> str:
    """A blob id, or '' for git's all-zero id of a file that does not exist on that side."""
    return "" if not sha.strip("0") else sha


def parse_raw_log(log: str) -> list[tuple[str, dt.datetime, list[FileChange]]]:
    """Parse `git log --format=%x00%H%x1f%cI --raw --no-abbrev` into (sha, date, changed .yml files)."""
    commits = []
    for block in log.split("\x00")[1:]:
        header, _, body = block.partition("\n")
        sha, date = header.strip().split("\x1f")
        files = []
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            _, _, before, after, _ = meta.split(" ", 4)
            if path.endswith(".yml"):
                files.append(FileChange(path, _blob(before), _blob(after)))
        commits.append((sha, dt.datetime.fromisoformat(date), files))
    return commits


def read_blobs(repo: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The content of many blobs in one `git cat-file --batch` call."""
    wanted = sorted({b for b in blobs if b})
    if not wanted:
        return {}
    out = _git(repo, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    contents, position = {}, 0
    for blob in wanted:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        contents[blob] = out[header_end + 1:header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents


_ITEMS: dict[bytes, Any] = {}  # the text of one top-level list item -> its parsed record


def _list_items(content: bytes) -> list[bytes] | None:
    """The top-level items of a YAML list file, each as its own text; None if the file is not a list.

    Versions of a long list file (the bibliography) share most of their items, so each distinct
    item is parsed once across the whole history instead of once per version.
    """
    lines = content.splitlines(keepends=True)
    body = [i for i, line in enumerate(lines) if line.strip() and not line.startswith(b"#")]
    if not body or not lines[body[0]].startswith(b"- "):
        return None
    starts = [i for i in range(body[0], len(lines)) if lines[i].startswith(b"- ")]
    return [b"".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _parse(content: bytes | None) -> tuple[Any, bool]:
    """(records, readable) of one file version; None content means the file did not exist."""
    if content is None:
        return None, True
    try:
        items = _list_items(content)
        if items is None:
            return yaml.load(content, Loader=_LOADER), True
        for item in items:
            if item not in _ITEMS:
                _ITEMS[item] = yaml.load(item, Loader=_LOADER)
        return [record for item in items for record in (_ITEMS[item] or [])], True
    except (yaml.YAMLError, TypeError):
        try:  # an item that only parses with its neighbours (an alias, say): read the file whole
            return yaml.load(content, Loader=_LOADER), True
        except yaml.YAMLError:
            return None, False


def _record_name(record: Any) -> str:
    if not isinstance(record, Mapping):
        return ""
    for key in ("name", "title", "term", "label", "event", "id"):
        if record.get(key):
            return str(record[key])
    return ""


def _part_name(record: Any, change: ValueChange) -> str:
    """The use case of a use, as the record had it."""
    if change.field == "uses" and isinstance(record, Mapping):
        for use in record.get("uses") or []:
            if isinstance(use, Mapping) and str(use.get("id")) == change.part:
                return str(use.get("use_case") or "")
    return ""


def commit_changes(sha: str, date: dt.datetime, files: list[FileChange], parsed: Mapping[str, tuple[Any, bool]]
                   ) -> tuple[list[DatedChange], list[tuple[dt.date, str]]]:
    """The value changes of one commit, and the files it left that no longer parse."""
    found, unreadable = [], []
    for file in files:
        before, readable_before = parsed.get(file.before, (None, True)) if file.before else (None, True)
        after, readable_after = parsed.get(file.after, (None, True)) if file.after else (None, True)
        if not (readable_before and readable_after):
            unreadable.append((date.date(), file.path))
            continue
        old, new = file_records(file.path, before), file_records(file.path, after)
        for change in file_changes(file.path, before, after):
            record = new.get(change.record) or old.get(change.record)
            part = _part_name(new.get(change.record), change) or _part_name(old.get(change.record), change)
            found.append(DatedChange(change, sha, date, _record_name(record) or change.record, part))
    return found, unreadable


def release_of_commits(repo: Path, shas: list[str]) -> dict[str, str]:
    """Commit -> the first committed open-data release whose commit contains it (oldest release first)."""
    log = _git(repo, "log", "--reverse", "--diff-filter=A", "--format=%x00%H", "--name-only", "--", RELEASES_FOLDER).decode()
    first: dict[str, str] = {}
    for block in log.split("\x00")[1:]:
        release_sha, _, names = block.partition("\n")
        zips = [n.strip().rsplit("/", 1)[-1] for n in names.splitlines() if n.strip().endswith(".zip")]
        if not zips:
            continue
        version = zips[0].removeprefix("ai-compared-data-").removesuffix(".zip")
        contained = set(_git(repo, "rev-list", release_sha.strip()).decode().split())
        for sha in shas:
            if sha in contained:
                first.setdefault(sha, version)
    return first


_PARSED: dict[str, tuple[Any, bool]] = {}  # blob id -> its parsed content; a blob never changes
BLOB_STORE = "history-blobs"  # in .cache/aicompare/ (see build_cache); a blob id names its content
BLOB_STORE_VERSION = build_cache.source_digest(__file__)  # parsing code changed: parse every blob again


def parse_blobs(repo: Path, wanted: set[str]) -> dict[str, tuple[Any, bool]]:
    """Blob id -> (parsed content, readable) for every wanted blob: from memory, from the cache file, or from git."""
    if wanted - _PARSED.keys():
        _PARSED.update(build_cache.load(repo, BLOB_STORE, BLOB_STORE_VERSION))
        missing = wanted - _PARSED.keys()
        if missing:
            _PARSED.update({blob: _parse(content) for blob, content in read_blobs(repo, missing).items()})
            build_cache.save(repo, BLOB_STORE, BLOB_STORE_VERSION, _PARSED)
    return {blob: _PARSED[blob] for blob in wanted if blob in _PARSED}


def read_history(repo: Path, limit: int = MAX_COMMITS) -> History:
    """Every value change in data/ over the newest `limit` commits that touched it."""
    started = time.perf_counter()
    if is_shallow(repo):
        return History(available=False)
    try:
        log = _git(repo, "log", f"-{limit}", "--no-merges", "--format=%x00%H%x1f%cI", "--raw", "--no-abbrev",
                   "--no-renames", "--", "data").decode()
    except (OSError, subprocess.SubprocessError):
        return History(available=False)
    commits = parse_raw_log(log)
    parsed = parse_blobs(repo, {b for _, _, files in commits for f in files for b in (f.before, f.after) if b})
    changes: list[DatedChange] = []
    unreadable: list[tuple[dt.date, str]] = []
    for sha, date, files in commits:
        found, skipped = commit_changes(sha, date, files, parsed)
        changes += found
        unreadable += skipped
    releases = release_of_commits(repo, [sha for sha, _, _ in commits])
    found = History(tuple(changes), tuple(unreadable), releases)
    return replace(found, revised=revised_values(found, dt.date.today()),
                   cost_ms=(time.perf_counter() - started) * 1000)


_CACHE: dict[tuple[str, str], History] = {}
_HEAD_CHECKED: dict[str, tuple[float, str]] = {}  # repo -> (when HEAD was last asked for, HEAD)
HEAD_RECHECK_SECONDS = 2.0  # one build asks many times; ask git again only after this long


def _head(repo: Path) -> str:
    """The commit checked out, asking git at most once every HEAD_RECHECK_SECONDS."""
    checked = _HEAD_CHECKED.get(str(repo))
    if checked is None or time.monotonic() - checked[0] > HEAD_RECHECK_SECONDS:
        checked = (time.monotonic(), _git(repo, "rev-parse", "HEAD").decode().strip())
        _HEAD_CHECKED[str(repo)] = checked
    return checked[1]


def head_commit(repo: Path) -> str:
    """The commit checked out, with ' shallow' added for a shallow clone (its history is shorter); '' outside git."""
    try:
        return _head(repo) + (" shallow" if is_shallow(repo) else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def history(repo: Path, kept: Callable[[str, Callable[[], History]], History] | None = None) -> History:
    """The history of the data, read once per commit of the repository (serving rebuilds reuse it).

    `kept` (a build's products store, see products.py) may hold it from the last build of the same commit.
    """
    try:
        head = _head(repo)
    except (OSError, subprocess.SubprocessError):
        return History(available=False)
    key = (str(repo), head)
    if key not in _CACHE:
        _CACHE[key] = kept("git history", lambda: read_history(repo)) if kept else read_history(repo)
    return _CACHE[key]


def revised_values(found: History, today: dt.date, days: int = RECENT_DAYS) -> dict[tuple[str, str, str, str], dt.date]:
    """(collection, record, field, part) -> the day a value was last revised, for values revised in the last `days`.

    Additions and renewals do not count: a card says 'revised' only when a reader may have seen an older value.
    """
    revised: dict[tuple[str, str, str, str], dt.date] = {}
    for item in found.changes:
        change = item.change
        if change.action == "revised" and change.part and (today - item.date.date()).days <= days:
            revised.setdefault((change.collection, change.record, change.field, change.part), item.date.date())
    return revised


def document_dated_changes(before: Mapping[str, Any], after: Mapping[str, Any], day: dt.datetime) -> list[DatedChange]:
    """The changes between two open-data documents, named as their records name themselves."""
    found = []
    old_records: dict[str, dict[str, Any]] = {}
    new_records: dict[str, dict[str, Any]] = {}
    for change in document_changes(before, after):
        if change.collection not in old_records:
            old_records[change.collection] = records_by_id(before.get(change.collection) or [])
            new_records[change.collection] = records_by_id(after.get(change.collection) or [])
        old = old_records[change.collection].get(change.record)
        new = new_records[change.collection].get(change.record)
        part = _part_name(new, change) or _part_name(old, change)
        found.append(DatedChange(change, "", day, _record_name(new or old) or change.record, part))
    return found
