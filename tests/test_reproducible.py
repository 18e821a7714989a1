"""Two builds of the same revision produce the same files, apart from the sitemap's build dates."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from aicompare import PROJECT_ROOT

from .conftest import build_site

BUILD_DATE = re.compile(rb"<lastmod>[^<]*</lastmod>")


def comparable_bytes(path: Path) -> bytes:
    """File content with what legitimately differs between builds removed: sitemap dates and gzip headers."""
    content = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        content = gzip.decompress(content)
    if path.name.startswith("sitemap.xml"):
        content = BUILD_DATE.sub(b"<lastmod/>", content)
    return content


def site_files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_revision_are_identical(built_site: Path, tmp_path: Path) -> None:
    result = build_site(PROJECT_ROOT, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    first, second = site_files(built_site), site_files(tmp_path / "again")
    assert first.keys() == second.keys()
    different = [name for name in first if comparable_bytes(first[name]) != comparable_bytes(second[name])]
    assert different == [], f"files that differ between two builds: {different[:10]}"
