"""Shared fixtures: the real knowledge base, a disposable copy of the project, one real build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aicompare import DATA_DIR, PROJECT_ROOT
from aicompare.knowledge import KnowledgeBase
from aicompare.loader import load_knowledge_base
from aicompare.project import copy_project


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The project's real data, loaded once."""
    return load_knowledge_base(DATA_DIR)


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a real strict `mkdocs build` of `project` into `site_dir`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the project in a temporary folder."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the working tree; fails the tests if the build fails."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(PROJECT_ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def read_page(site_dir: Path, url_path: str) -> BeautifulSoup:
    """Parse a built page, given its URL path such as 'technologies/cnn/'."""
    return BeautifulSoup((site_dir / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")
