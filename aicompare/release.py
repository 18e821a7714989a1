"""Versioned releases of the open data: one zip per data version, at an address later releases never overwrite.

A release holds the JSON, its JSON Schema, the CSV tables, a README, the licence, a CITATION.cff and
changes.json (what changed since the previous committed release, value by value), all for one
`data_version` (a hash of the content). `make release` writes it into releases/ to be committed;
the site publishes every committed release under data/releases/, the current version's zip (built if it
was not committed yet) and a `latest.zip` alias. The zip is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from .export import CSV_FOLDER, JSON_PATH, LICENCE, SCHEMA_PATH, open_data_document, open_data_files
from .history import document_changes
from .knowledge import KnowledgeBase

RELEASES_FOLDER = "releases"
SITE_FOLDER = "data/releases"
LATEST = f"{SITE_FOLDER}/latest.zip"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry this time, so the same data gives the same bytes


def release_name(data_version: str) -> str:
    """'ai-compared-data-1a2b3c4d5e6f.zip'."""
    return f"ai-compared-data-{data_version}.zip"


def citation_cff(data_version: str, released: dt.date, site_url: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for one release."""
    return (
        "cff-version: 1.2.0\n"
        'message: "If you use this data, please cite it as below."\n'
        "type: dataset\n"
        'title: "AI Compared: open data on AI technologies and their uses"\n'
        "authors:\n"
        '  - name: "AI Compared contributors"\n'
        f'version: "{data_version}"\n'
        f"date-released: {released.isoformat()}\n"
        "license: CC-BY-4.0\n"
        f'url: "{site_url}"\n'
    )


def readme(data_version: str, released: dt.date) -> str:
    return (
        f"AI Compared open data, version {data_version} ({released.isoformat()})\n\n"
        "ai-compared.json             the whole knowledge base; it validates against ai-compared.schema.json\n"
        "csv/*.csv                    the same records as tables (lists joined with '; ')\n"
        "CITATION.cff                 how to cite this release\n"
        "changes.json                 what was added, removed and changed since the previous release\n"
        "LICENSE.txt                  the licence of the text and data\n\n"
        f"Licence: {LICENCE['name']} ({LICENCE['url']}). Every value cites its sources; see the sources table.\n"
    )


Release = tuple[str, dict[str, Any]]  # a release's data version and its JSON document


def release_diff(previous: Release | None, current: dict[str, Any]) -> dict[str, Any]:
    """changes.json: what was added, removed and changed since the previous release, record by record."""
    found = document_changes(previous[1], current) if previous else []
    buckets: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "changed": []}
    for change in found:
        whole = not change.field and change.action in ("added", "removed")
        buckets[change.action if whole else "changed"].append(change.as_json())
    return {"from_version": previous[0] if previous else None, "to_version": current["data_version"], **buckets}


@functools.lru_cache(maxsize=4)
def read_release(content: bytes) -> Release | None:
    """The data version and JSON document inside a release zip; None if it holds none (remembered: treat as read-only)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        member = next((n for n in archive.namelist() if n.endswith("/ai-compared.json")), None)
        if member is None:
            return None
        document = json.loads(archive.read(member))
    return str(document.get("data_version")), document


def committed_releases(project: Path) -> list[tuple[str, bytes]]:
    """File name and bytes of every committed release, oldest first by the date each says it was released."""

    def released_on(content: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            member = next((n for n in archive.namelist() if n.endswith("/CITATION.cff")), None)
            text = archive.read(member).decode() if member else ""
        return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("date-released:")), "")

    found = [(path.name, path.read_bytes()) for path in (project / RELEASES_FOLDER).glob("*.zip")]
    return sorted(found, key=lambda item: (released_on(item[1]), item[0]))


def previous_release(committed: list[tuple[str, bytes]], current_version: str) -> Release | None:
    """The release before the current data: the newest committed one, or the one before it if it is current."""
    names = [name for name, _ in committed]
    current = release_name(current_version)
    before = committed[: names.index(current)] if current in names else committed
    return read_release(before[-1][1]) if before else None


def release_zip(kb: KnowledgeBase, released: dt.date, site_url: str, licence_text: str,
                previous: Release | None = None) -> tuple[str, bytes]:
    """The file name and bytes of the release of the current data (made once per load and arguments)."""
    key = (f"release_zip:{released.isoformat()}:{site_url}:{hashlib.sha256(licence_text.encode()).hexdigest()}:"
           f"{previous[0] if previous else ''}")
    return kb.from_all_records(key, lambda: _release_zip(kb, released, site_url, licence_text, previous))


def _release_zip(kb: KnowledgeBase, released: dt.date, site_url: str, licence_text: str,
                 previous: Release | None) -> tuple[str, bytes]:
    document = open_data_document(kb)
    version = document["data_version"]
    files = open_data_files(kb)
    members = {
        "ai-compared.json": files[JSON_PATH],
        "ai-compared.schema.json": files[SCHEMA_PATH],
        **{f"csv/{path.rsplit('/', 1)[1]}": content for path, content in files.items() if path.startswith(CSV_FOLDER)},
        "CITATION.cff": citation_cff(version, released, site_url),
        "changes.json": json.dumps(release_diff(previous, document), indent=2, ensure_ascii=False) + "\n",
        "LICENSE.txt": licence_text,
        "README.txt": readme(version, released),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"ai-compared-data-{version}/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return release_name(version), buffer.getvalue()


def published_releases(project: Path, kb: KnowledgeBase, released: dt.date, site_url: str) -> dict[str, bytes]:
    """Site path to bytes: every committed release, the current one, and latest.zip (the current one)."""
    licence_text = (project / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    committed = committed_releases(project)
    previous = previous_release(committed, open_data_document(kb)["data_version"])
    current_name, current = release_zip(kb, released, site_url, licence_text, previous)
    published = {f"{SITE_FOLDER}/{name}": content for name, content in committed}
    published.setdefault(f"{SITE_FOLDER}/{current_name}", current)
    published[LATEST] = published[f"{SITE_FOLDER}/{current_name}"]
    return published


def write_release(project: Path, kb: KnowledgeBase, released: dt.date, site_url: str) -> Path:
    """Write the current release into releases/ (never over an existing one); return its path."""
    licence_text = (project / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    previous = previous_release(committed_releases(project), open_data_document(kb)["data_version"])
    name, content = release_zip(kb, released, site_url, licence_text, previous)
    path = project / RELEASES_FOLDER / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return path
