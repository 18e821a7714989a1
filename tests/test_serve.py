"""`mkdocs serve`: bad data shows the problems, then the page once fixed; an edit rebuilds exactly the pages that show it."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PAGE = "technologies/rnn/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, expected: str, seconds: float) -> str:
    """The page at `url` once it contains `expected`; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if expected in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {expected!r} within {seconds}s; last response began: {last[:300]!r}")


@pytest.fixture
def served_copy(project_copy: Path) -> Iterator[tuple[Path, str]]:
    """A project copy whose cnn.yml has a misspelled key, served by `mkdocs serve`."""
    cnn = project_copy / "data/technologies/cnn.yml"
    cnn.write_text(cnn.read_text(encoding="utf-8").replace("\nkey_papers:", "\nkey_paper:"), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield project_copy, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serving_bad_data_shows_the_problems_then_the_page(served_copy: tuple[Path, str]) -> None:
    project, base = served_copy
    page = wait_for(base + PAGE, "data-problems", seconds=60)
    assert "data/technologies/cnn.yml:" in page and "did you mean &#x27;key_papers&#x27;" in page
    assert "Traceback" not in page
    cnn = project / "data/technologies/cnn.yml"
    cnn.write_text(cnn.read_text(encoding="utf-8").replace("\nkey_paper:", "\nkey_papers:"), encoding="utf-8")
    fixed = wait_for(base + PAGE, "Recurrent neural networks (RNN)", seconds=60)
    assert "data-problems" not in fixed


def read_log(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def wait_for_builds(log: Path, count: int, seconds: float) -> str:
    """The serve log once it reports `count` finished builds; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = read_log(log)
        if "Aborted" in text or "Traceback" in text:
            raise AssertionError(f"mkdocs serve failed:\n{text[-3000:]}")
        if text.count("Documentation built") >= count:
            return text
        time.sleep(0.1)
    raise AssertionError(f"build {count} did not finish within {seconds}s:\n{read_log(log)[-3000:]}")


def site_files(site_dir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site_dir)): path.read_bytes() for path in sorted(site_dir.rglob("*")) if path.is_file()}


def differences(served: dict[str, bytes], built: dict[str, bytes]) -> list[str]:
    """Files that only one of two sites has, or that differ (gzip files compared after decompressing)."""
    problems = [f"only served: {path}" for path in served.keys() - built.keys()]
    problems += [f"only built: {path}" for path in built.keys() - served.keys()]
    for path in sorted(served.keys() & built.keys()):
        ours, theirs = served[path], built[path]
        if path.endswith(".gz"):
            ours, theirs = gzip.decompress(ours), gzip.decompress(theirs)
        if ours != theirs:
            problems.append(f"differs: {path}")
    return problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# Three edits, each saved on its own: a dimension value, the title of a cited work, one use of an industry.
DATA_EDITS = [
    ("data/technologies/rnn.yml", "Modeling ordered data step by step", "Modeling ordered data (edited) step by step"),
    ("data/sources.yml", "title: Finding structure in time", "title: Finding structure in time (edited)"),
    ("data/industries/finance.yml", "Scoring card payments for fraud in real time", "Scoring card payments for fraud (edited)"),
]


def start_serving(project: Path, port: int, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, Path]:
    """`mkdocs serve` of `project`; returns the process, its log and the folder it serves from."""
    serve_tmp = tmp_path / "serve-tmp"
    serve_tmp.mkdir()
    log = tmp_path / "serve.log"
    environment = {**os.environ, "TMPDIR": str(serve_tmp), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    wait_for_builds(log, 1, seconds=180)
    (served_dir,) = serve_tmp.glob("mkdocs_*")
    return server, log, served_dir


def last_plan(log_text: str) -> str:
    """What the newest rebuild rendered: 'every page' or 'N of M'."""
    return re.findall(r"Rebuilding (every page|\d+ of \d+)", log_text)[-1]


def build_reference(project: Path, site_dir: Path, site_url: str) -> dict[str, bytes]:
    """A fresh full build of `project` with the served site's address; its files."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site_files(site_dir)


def test_a_data_edit_rebuilds_only_the_pages_that_show_it_and_they_match_a_full_build(project_copy: Path, tmp_path: Path) -> None:
    """Serving rebuilds the pages an edit affects; the served site is then byte for byte a fresh build of the same data."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server, log, served_dir = start_serving(project_copy, port, tmp_path)
    try:
        for number, (path, old, new) in enumerate(DATA_EDITS, start=1):
            time.sleep(1.0)  # the file watcher polls: one save per rebuild
            edit(project_copy / path, old, new)
            rendered, total = last_plan(wait_for_builds(log, number + 1, seconds=120)).split(" of ")
            assert 0 < int(rendered) < int(total) / 3, f"{path}: a few pages should be rebuilt, not {rendered} of {total}"
            if number in (1, len(DATA_EDITS)):
                reference = build_reference(project_copy, tmp_path / f"built-{number}", base)
                assert differences(site_files(served_dir), reference) == []
        assert "structure in time (edited)" in fetch(base + "references/e/")
        time.sleep(1.0)
        # A technology's summary is also the tooltip of its name on every page: everything is rebuilt.
        edit(project_copy / "data/technologies/gru.yml", "\nsummary: >-\n  ", "\nsummary: >-\n  (edited) ")
        assert last_plan(wait_for_builds(log, len(DATA_EDITS) + 2, seconds=120)).startswith("every page")
    finally:
        server.terminate()
        server.wait(timeout=20)
