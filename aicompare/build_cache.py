"""What one build keeps for the next in `.cache/aicompare/` (ignored by git): parsed files, keyed by what names their content.

Entries are keyed by a git blob id or a digest of the text, so an input change is never missed; a store's
format key holds the PyYAML version and a digest of the code that parsed the entries (`source_digest`),
so a change to that code starts the store afresh. A store that cannot be read is ignored; losing the
folder only costs time.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

CACHE_FOLDER = Path(".cache", "aicompare")


def source_digest(*module_files: str) -> str:
    """A digest of the source of the modules whose code makes a store's entries (pass their `__file__`)."""
    digest = hashlib.sha256()
    for module_file in module_files:
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()[:16]


def _path(project: Path, name: str) -> Path:
    return project / CACHE_FOLDER / f"{name}.pickle"


def _format(name: str, version: str) -> tuple[str, str, str]:
    return (name, version, yaml.__version__)


def load(project: Path, name: str, version: str) -> dict[str, Any]:
    """The entries an earlier build kept in store `name`; nothing if there are none or they cannot be read."""
    try:
        with _path(project, name).open("rb") as store:
            stored = pickle.load(store)  # a file this module wrote, inside the project
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != _format(name, version):
        return {}
    return stored.get("entries") or {}


def save(project: Path, name: str, version: str, entries: Mapping[str, Any]) -> None:
    """Keep `entries` for the next build (written whole, then moved into place; a failure only costs time)."""
    target = _path(project, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with partial.open("wb") as store:
            pickle.dump({"format": _format(name, version), "entries": dict(entries)}, store, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(target)
    except OSError:
        pass
