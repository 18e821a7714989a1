"""What changed: the recent history of data/, read from git at build time, as a page, an Atom feed and per-page lists.

Each change is a commit that touched data/: its date, subject, and for each data file the entities and
fields it changed (found by comparing the file's YAML before and after). A shallow clone has no history
to read; the page then says so instead of showing a partial list.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from ..paths import data_file_of_entity
from ..render.markdown import text

MAX_CHANGES = 30
FEED_PATH = "changes.xml"
ENTITY_FOLDERS = ("technologies", "industries", "comparisons")


@dataclass(frozen=True)
class Touched:
    """One data file a change touched: the records and fields that differ."""

    path: str
    records: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One commit that touched data/."""

    sha: str
    date: dt.datetime
    subject: str
    touched: tuple[Touched, ...] = field(default_factory=tuple)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60).stdout


def is_shallow(repo: Path) -> bool:
    """True in a shallow clone, whose history stops after a few commits."""
    try:
        return _git(repo, "rev-parse", "--is-shallow-repository").strip() == "true"
    except (OSError, subprocess.SubprocessError):
        return True


def _load(repo: Path, revision: str, path: str) -> Any:
    try:
        return yaml.load(_git(repo, "show", f"{revision}:{path}"), Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)
    except (subprocess.SubprocessError, yaml.YAMLError):
        return None


def changed_fields(before: Any, after: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(records, fields) that differ between two versions of a data file.

    An entity file is one record: its changed top-level keys, and for `dimensions` and `uses` the
    entries inside. A list file (glossary, sources, ...) holds many records: the ids added, removed
    or changed.
    """
    if isinstance(before, list) or isinstance(after, list):
        old = {str(e.get("id")): e for e in before or [] if isinstance(e, dict)}
        new = {str(e.get("id")): e for e in after or [] if isinstance(e, dict)}
        return tuple(sorted(i for i in old.keys() | new.keys() if old.get(i) != new.get(i))), ()
    old, new = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    fields: list[str] = []
    for key in sorted(old.keys() | new.keys(), key=str):
        if old.get(key) == new.get(key):
            continue
        if key == "dimensions" and isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            inner = old[key].keys() | new[key].keys()
            fields += [f"dimensions.{d}" for d in sorted(inner) if old[key].get(d) != new[key].get(d)]
        elif key == "uses" and isinstance(old.get(key), list) and isinstance(new.get(key), list):
            before_uses = {u.get("id"): u for u in old[key] if isinstance(u, dict)}
            after_uses = {u.get("id"): u for u in new[key] if isinstance(u, dict)}
            ids = before_uses.keys() | after_uses.keys()
            fields += [f"uses.{u}" for u in sorted(ids, key=str) if before_uses.get(u) != after_uses.get(u)]
        else:
            fields.append(str(key))
    record = str(new.get("id") or old.get("id") or "")
    return ((record,) if record else ()), tuple(fields)


def parse_log(log: str) -> list[tuple[str, dt.datetime, str, list[str]]]:
    """Parse `git log --format=%x00%H%x1f%cI%x1f%s --name-only` into (sha, date, subject, paths)."""
    commits = []
    for block in log.split("\x00")[1:]:
        header, _, names = block.partition("\n")
        sha, date, subject = header.split("\x1f", 2)
        paths = [line.strip() for line in names.splitlines() if line.strip().endswith(".yml")]
        commits.append((sha, dt.datetime.fromisoformat(date), subject.strip(), paths))
    return commits


def data_changes(repo: Path, limit: int = MAX_CHANGES) -> list[Change]:
    """The newest commits that touched data/, with what each changed; [] outside git."""
    try:
        log = _git(repo, "log", f"-{limit}", "--format=%x00%H%x1f%cI%x1f%s", "--name-only", "--no-renames", "--", "data")
    except (OSError, subprocess.SubprocessError):
        return []
    changes = []
    for sha, date, subject, paths in parse_log(log):
        touched = []
        for path in paths:
            records, fields = changed_fields(_load(repo, f"{sha}^", path), _load(repo, sha, path))
            touched.append(Touched(path, records, fields))
        changes.append(Change(sha, date, subject, tuple(touched)))
    return changes


def changes_of_file(changes: list[Change], path: str) -> list[Change]:
    """The changes that touched one data file, newest first."""
    return [change for change in changes if any(t.path == path for t in change.touched)]


def _describe(touched: Touched) -> str:
    what = ", ".join(touched.fields or touched.records[:8]) or "the file"
    more = f" and {len(touched.records) - 8} more" if not touched.fields and len(touched.records) > 8 else ""
    return f"`{touched.path}`: {text(what)}{more}"


def changes_page(changes: list[Change], shallow: bool) -> str:
    """The body of the What changed page."""
    if shallow and len(changes) <= 1:
        return (
            "This copy of the site was built from a shallow clone of the repository, which keeps only the newest "
            "commit, so the history of the data cannot be shown here. The published site is built with the full "
            "history."
        )
    if not changes:
        return "No change to the data is recorded yet."
    sections = []
    for change in changes:
        lines = "\n".join(f"- {_describe(t)}" for t in change.touched)
        sections.append(
            f"## {change.date.date().isoformat()}: {text(change.subject)} {{ #change-{change.sha[:10]} }}\n\n{lines}"
        )
    return "\n\n".join(sections)


def recent_changes(changes: list[Change], collection: str, record_id: str, changes_url: str, count: int = 3) -> str:
    """A short list of the last changes to one technology's or industry's data file, for the foot of its page."""
    own = changes_of_file(changes, data_file_of_entity(collection, record_id))[:count]
    if not own:
        return ""
    items = []
    for change in own:
        fields = next(t.fields for t in change.touched if t.path == data_file_of_entity(collection, record_id))
        detail = f" ({text(', '.join(fields[:6]))}{', ...' if len(fields) > 6 else ''})" if fields else ""
        items.append(f"- [{change.date.date().isoformat()}]({changes_url}#change-{change.sha[:10]}): {text(change.subject)}{detail}")
    return '<div class="recent-changes" data-search-exclude markdown="1">\n\n**Recent changes to this data**\n\n' + "\n".join(items) + "\n\n</div>"


def atom_feed(changes: list[Change], site_url: str, page_url: str) -> str:
    """An Atom feed (RFC 4287) of the changes, newest first."""
    updated = changes[0].date if changes else dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    entries = []
    for change in changes:
        summary = "; ".join(f"{t.path}: {', '.join(t.fields or t.records[:8]) or 'changed'}" for t in change.touched)
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(page_url)}#change-{change.sha[:10]}</id>\n"
            f"    <title>{escape(change.subject)}</title>\n"
            f"    <updated>{change.date.isoformat()}</updated>\n"
            f'    <link rel="alternate" type="text/html" href="{escape(page_url)}#change-{change.sha[:10]}"/>\n'
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <title>AI Compared: what changed in the data</title>\n"
        f"  <id>{escape(page_url)}</id>\n"
        f'  <link rel="self" type="application/atom+xml" href="{escape(site_url)}{FEED_PATH}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{escape(page_url)}"/>\n'
        f"  <updated>{updated.isoformat()}</updated>\n"
        "  <author><name>AI Compared contributors</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )


_CACHE: dict[tuple[str, str], tuple[list[Change], bool]] = {}


def history(repo: Path) -> tuple[list[Change], bool]:
    """The changes and whether the clone is shallow, read once per commit (serving rebuilds reuse them)."""
    try:
        head = _git(repo, "rev-parse", "HEAD").strip()
    except (OSError, subprocess.SubprocessError):
        return [], True
    key = (str(repo), head)
    if key not in _CACHE:
        _CACHE[key] = (data_changes(repo), is_shallow(repo))
    return _CACHE[key]
