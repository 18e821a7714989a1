"""Versioned releases of the open data: one zip per data version, at an address later releases never overwrite.

A release holds the JSON, its JSON Schema, the CSV tables, a README, the licence and a CITATION.cff, all
for one `data_version` (a hash of the content). `make release` writes it into releases/ to be committed;
the site publishes every committed release under data/releases/, the current version's zip (built if it
was not committed yet) and a `latest.zip` alias. The zip is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

from .export import CSV_FOLDER, JSON_PATH, LICENCE, SCHEMA_PATH, open_data_document, open_data_files
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
        "LICENSE.txt                  the licence of the text and data\n\n"
        f"Licence: {LICENCE['name']} ({LICENCE['url']}). Every value cites its sources; see the sources table.\n"
    )


def release_zip(kb: KnowledgeBase, released: dt.date, site_url: str, licence_text: str) -> tuple[str, bytes]:
    """The file name and bytes of the release of the current data (made once per load and arguments)."""
    key = f"release_zip:{released.isoformat()}:{site_url}:{hashlib.sha256(licence_text.encode()).hexdigest()}"
    return kb.from_all_records(key, lambda: _release_zip(kb, released, site_url, licence_text))


def _release_zip(kb: KnowledgeBase, released: dt.date, site_url: str, licence_text: str) -> tuple[str, bytes]:
    version = open_data_document(kb)["data_version"]
    files = open_data_files(kb)
    members = {
        "ai-compared.json": files[JSON_PATH],
        "ai-compared.schema.json": files[SCHEMA_PATH],
        **{f"csv/{path.rsplit('/', 1)[1]}": content for path, content in files.items() if path.startswith(CSV_FOLDER)},
        "CITATION.cff": citation_cff(version, released, site_url),
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
    current_name, current = release_zip(kb, released, site_url, licence_text)
    folder = project / RELEASES_FOLDER
    published = {f"{SITE_FOLDER}/{path.name}": path.read_bytes() for path in sorted(folder.glob("*.zip"))}
    published.setdefault(f"{SITE_FOLDER}/{current_name}", current)
    published[LATEST] = published[f"{SITE_FOLDER}/{current_name}"]
    return published


def write_release(project: Path, kb: KnowledgeBase, released: dt.date, site_url: str) -> Path:
    """Write the current release into releases/ (never over an existing one); return its path."""
    licence_text = (project / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    name, content = release_zip(kb, released, site_url, licence_text)
    path = project / RELEASES_FOLDER / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return path
