"""MkDocs hook used by the scaling benchmark: time spent on each page, written as JSON to $BENCH_PAGE_TIMES.

A page's time is Markdown to HTML (on_pre_page to on_page_content, macros and tooltips included) plus
its template (on_page_context to on_post_page). The start events run first and the end events last,
so other plugins' work on the page is counted.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

_started: dict[str, float] = {}
_spent: dict[str, float] = defaultdict(float)


def _start(page: Any) -> None:
    _started[page.file.src_uri] = time.perf_counter()


def _stop(page: Any) -> None:
    _spent[page.file.src_uri] += time.perf_counter() - _started.pop(page.file.src_uri)


@event_priority(100)
def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    _start(page)
    return page


@event_priority(-100)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    _stop(page)
    return html


@event_priority(100)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _start(page)
    return context


@event_priority(-100)
def on_post_page(output: str, page: Any, config: Any) -> str:
    _stop(page)
    return output


def on_post_build(config: Any) -> None:
    Path(os.environ["BENCH_PAGE_TIMES"]).write_text(json.dumps(_spent, indent=0), encoding="utf-8")
    _spent.clear()
