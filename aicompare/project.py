"""What a build of the site needs, and a way to copy it so tests and benchmarks can change it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

from . import PROJECT_ROOT

BUILD_INPUTS = (
    "aicompare",
    "data",
    "docs",
    "overrides",
    "hooks.py",
    "macros.py",
    "mkdocs.yml",
    "CONTRIBUTING.md",
    "LICENSE-CONTENT.md",
    "releases",
)


def copy_project(destination: Path, root: Path = PROJECT_ROOT) -> Path:
    """Copy every build input of `root` into `destination`; the original is never written to."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        source = root / part
        if not source.exists():
            continue  # optional inputs, such as releases/ before the first release
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination
