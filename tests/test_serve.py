"""`mkdocs serve` with bad data: the browser gets the problem list at once, and the page back once it is fixed."""

from __future__ import annotations

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
