"""MkDocs hook used by the macros benchmark: save each page's Markdown as the macros plugin rendered it.

Hooks run after plugins, so `on_page_markdown` here sees the output of mkdocs-macros. Each page is
written, with its front matter re-serialised from page.meta, to $BENCH_CAPTURE_DIR/<src_uri>.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    target = Path(os.environ["BENCH_CAPTURE_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = ""
    if page.meta:
        front = "---\n" + yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"
    target.write_text(front + markdown, encoding="utf-8")
    return markdown


def on_config(config: Any) -> Any:
    """Save the navigation as the project's hooks filled it (they run first), for the stock-Material floor build."""
    target = Path(os.environ["BENCH_CAPTURE_DIR"]).parent / "captured-nav.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump({"nav": config["nav"]}, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return config
