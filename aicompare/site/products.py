"""What a build makes from the data alone (pair page bodies, macro output, tooltip occurrences, open data, releases,
feed), kept for the next build.

A contributor rebuilds the same data many times. Every product is a pure function of the inputs named in
`inputs_digest`: the data, the releases, the code and the libraries that render it, the git commit, the day and
the site's addresses. The next build with the very same inputs reuses the products; a change to any input
starts the store afresh. `mkdocs serve` does not use it: there, incremental.py decides what to render again.
The store lives in `.cache/aicompare/` (see build_cache); losing it only costs time.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .. import build_cache

STORE = "build-products"
INPUT_FOLDERS = ("data", "releases", "aicompare")  # every file in them is an input
INPUT_FILES = ("hooks.py", "macros.py", "mkdocs.yml", "requirements.txt", "LICENSE-CONTENT.md")

T = TypeVar("T")


def input_files(project: Path) -> list[Path]:
    """Every file whose content a product may depend on, in a stable order (bytecode caches left out)."""
    found = [project / name for name in INPUT_FILES if (project / name).is_file()]
    for folder in INPUT_FOLDERS:
        found += (p for p in (project / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def inputs_digest(project: Path, settings: Iterable[tuple[str, str]]) -> str:
    """A digest of the input files' paths and contents and of `settings` (commit, day, addresses and the like)."""
    digest = hashlib.sha256()
    for path in input_files(project):
        digest.update(str(path.relative_to(project)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name, value in sorted(settings):
        digest.update(f"{name}={value}\0".encode())
    return digest.hexdigest()


@dataclass
class Products:
    """The products of one build: those an earlier build with the same inputs kept, and those made now."""

    project: Path
    key: str
    kept: dict[str, Any] = field(default_factory=dict)
    made: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, make: Callable[[], T]) -> T:
        """The product called `name`: kept from the last build if it had the same inputs, else made now."""
        value = self.kept[name] if name in self.kept else make()
        self.made[name] = value
        return value

    def keep(self) -> None:
        """Store this build's products for the next one, when it made any the store did not hold."""
        if self.key and self.made.keys() - self.kept.keys():
            build_cache.save(self.project, STORE, self.key, self.made)


def for_build(project: Path, commit: str, today: datetime.date, site_url: str, edit_base: str, pair_pages: bool) -> Products:
    """The products store for a build with these inputs, holding what the last build with the same inputs made."""
    settings = {"commit": commit, "today": today.isoformat(), "site_url": site_url, "edit_base": edit_base,
                "pair_pages": str(pair_pages)}
    key = inputs_digest(project, settings.items())
    return Products(project, key, build_cache.load(project, STORE, key))


def not_kept(project: Path) -> Products:
    """A store that makes every product and keeps none (used while serving)."""
    return Products(project, key="")
