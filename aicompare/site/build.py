"""The knowledge base for one build, shared by macros.py and hooks.py, and what a build does with bad data.

`mkdocs build` stops with the problem list and no Python traceback (MkDocs prints a PluginError's
text and aborts). Under `mkdocs serve` the build goes on and every page shows the problem list, so
the browser reloads with the problems instead of hanging, and with the page once the data is fixed.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from ..build_cache import CACHE_FOLDER
from ..knowledge import KnowledgeBase
from ..loader import load_knowledge_base_once
from ..problems import DataError
from ..render.pairs import compared_pairs

PAIR_PAGES_SETTING = "AICOMPARE_PAIR_PAGES"  # set to "off" to skip pair pages (used by the scaling benchmark)


@dataclass
class BuildState:
    """Whether this process serves the site, and the data problems of the current build (if any)."""

    serving: bool = False
    error: DataError | None = None


state = BuildState()


def pair_pages_enabled() -> bool:
    """False when the environment switches pair pages off."""
    return os.environ.get(PAIR_PAGES_SETTING, "on").lower() not in {"off", "0", "false", "no"}


def pairs_with_pages(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The pairs that get a page in this build: every compared pair, or none when pair pages are off."""
    return compared_pairs(kb) if pair_pages_enabled() else []


def set_aside_live_objects() -> None:
    """Take every object alive now out of the garbage collector's walks, until `release_set_aside_objects`.

    The knowledge base, its indexes and MkDocs' pages live until the build ends, so walking them again at each
    full collection, and once more as the process exits, only costs time: about 0.3 s of a 13 s build here.
    """
    gc.freeze()


def release_set_aside_objects() -> None:
    """Let the collector see the objects set aside again, so a serve rebuild frees what the last build left."""
    gc.unfreeze()


def compiled_templates(project: Path) -> jinja2.BytecodeCache | None:
    """Theme templates compiled by an earlier build, kept in `.cache/aicompare/templates/` for the next.

    Jinja checks each template's source checksum and the Python version before it reuses one; a changed
    template is compiled again. None (compile every time) where the folder cannot be made.
    """
    folder = project / CACHE_FOLDER / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def problem_report(error: DataError) -> str:
    """The text a contributor sees: every problem, root causes first, and what to run."""
    return f"{error}\n\nFix the lines above (run `make check` to list them again) and build again."


def load_for_build(data_dir: Path) -> KnowledgeBase | None:
    """The knowledge base; on bad data, None while serving, else stop the build without a traceback."""
    try:
        kb = load_knowledge_base_once(data_dir)
    except DataError as error:
        if not state.serving:
            raise PluginError(problem_report(error)) from None
        if state.error is None or str(state.error) != str(error):
            print(problem_report(error), file=sys.stderr)
        state.error = error
        return None
    state.error = None
    return kb


def problem_page(error: DataError) -> str:
    """A page body listing the data problems, shown in place of every page while serving bad data."""
    items = "\n".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in error.problems)
    count = len(error.problems)
    return (
        "# The data has problems\n\n"
        f"The site cannot be built from `data/` until {'this is' if count == 1 else 'these are'} fixed. "
        "Save the file and this page reloads.\n\n"
        f'<ol class="data-problems">\n{items}\n</ol>\n'
    )


def quiet_validation(config: Any) -> None:
    """Turn MkDocs' nav and link warnings into info, so a strict serve of bad data still builds the problem pages."""
    for group in (config.validation.nav, config.validation.links):
        for key in list(group):
            if isinstance(group[key], int):
                group[key] = logging.INFO
