"""Helpers shared by the benchmark scripts: project copies, timed builds, free ports, result tables."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
REDIRECT_MARK = 'http-equiv="refresh"'


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment for a mkdocs subprocess: quiet about MkDocs 2, plus `extra`.

    Python's default of keeping compiled modules (`__pycache__`) holds, as on a contributor's machine, even where
    the shell sets PYTHONDONTWRITEBYTECODE: else every build would compile the project's own modules again,
    while the installed libraries (compiled by pip) would not.
    """
    inherited = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**inherited, "NO_MKDOCS_2_WARNING": "1", **extra}


@dataclass(frozen=True)
class BuildTiming:
    """One build: wall time of the whole process and MkDocs' own 'Documentation built in' figure."""

    wall: float
    built_in: float


class BuildFailed(RuntimeError):
    """A benchmark build did not succeed; carries the tail of its output."""


def timed_build(project: Path, site_dir: Path, env: dict[str, str] | None = None, strict: bool = True) -> BuildTiming:
    """Run `python -m mkdocs build` in a fresh process and time it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env or mkdocs_env(), capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    output = result.stdout + result.stderr
    if result.returncode != 0:
        tail = "\n".join(output.splitlines()[-30:])
        raise BuildFailed(f"mkdocs build in {project} failed (exit {result.returncode}):\n{tail}")
    match = BUILT_IN.search(output)
    return BuildTiming(wall, float(match.group(1)) if match else float("nan"))


def median_build(project: Path, site_dir: Path, runs: int, env: dict[str, str] | None = None, strict: bool = True) -> BuildTiming:
    """Median wall and built-in times over `runs` fresh builds."""
    return median_timing([timed_build(project, site_dir, env, strict) for _ in range(runs)])


def median_timing(timings: list[BuildTiming]) -> BuildTiming:
    """Median wall time and median MkDocs time (each taken separately)."""
    return BuildTiming(statistics.median(t.wall for t in timings), statistics.median(t.built_in for t in timings))


def count_pages(site_dir: Path) -> int:
    """HTML pages in a built site, not counting redirect stubs."""
    return sum(
        1 for path in site_dir.rglob("*.html") if REDIRECT_MARK not in path.read_text(encoding="utf-8", errors="replace")[:2000]
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """Print rows as a plain-text table with aligned columns."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    line = "  ".join("-" * width for width in widths)
    for index, row in enumerate([headers, *rows]):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print(line)
