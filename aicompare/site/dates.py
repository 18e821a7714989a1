"""Last-updated dates: the newest commit touching a page's Markdown or the data it is made from."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ..paths import PAGE_DATA_FILES, data_file_of_entity, entity_of_page


def commit_dates(repo: Path) -> dict[str, dt.date]:
    """Path (relative to the repository) to the date of the newest commit that changed it; {} outside git."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "docs", "data"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_git_log(log)


def parse_git_log(log: str) -> dict[str, dt.date]:
    """Parse `git log --format=%x00%cs --name-only` output (newest first) into path to newest date."""
    dates: dict[str, dt.date] = {}
    for block in log.split("\x00")[1:]:
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for path in lines[1:]:
            dates.setdefault(path, day)
    return dates


def page_sources(src_uri: str, generated_from: list[str] | None = None) -> list[str]:
    """Repository paths a page is made from: its Markdown file (unless generated) and its own data files."""
    if generated_from is not None:
        return generated_from
    paths = [f"docs/{src_uri}"]
    entity = entity_of_page(src_uri)
    if entity is not None:
        paths.append(data_file_of_entity(*entity))
    if src_uri in PAGE_DATA_FILES:
        paths.append(PAGE_DATA_FILES[src_uri])
    if src_uri.startswith("references/"):  # generated: no Markdown of its own
        return ["data/sources.yml"]
    return paths


def last_updated(paths: list[str], dates: dict[str, dt.date]) -> dt.date | None:
    """The newest commit date among `paths`, or None when none of them is committed."""
    known = [dates[path] for path in paths if path in dates]
    return max(known) if known else None


def format_date(day: dt.date) -> str:
    """'22 November 2026'."""
    return f"{day.day} {day.strftime('%B')} {day.year}"
