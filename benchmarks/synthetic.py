"""Synthetic scale-up of a project copy: N times the technologies and industries, with their pages.

Clone k (2..N) of technology `rnn` is `rnn-s<k>`, named "Recurrent neural network (synthetic k)", with no
abbreviation or aliases (names must stay unique) and the same parents, sources and dimension values.
Clone k of industry `retail` is `retail-s<k>`, "Retail (synthetic k)", whose uses point at clone k of each
technology, so synthetic technology pages list uses as real ones do. Pages are copies of the real page with
the id replaced in the macro calls; the nav, made from the data, takes them in (a group over 40 as its list page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

FOLDERS = ("technologies", "industries")


def clone_id(record_id: str, k: int) -> str:
    return f"{record_id}-s{k}"


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _clone_technology(data: dict[str, Any], k: int) -> dict[str, Any]:
    clone = {**data, "id": clone_id(data["id"], k), "name": f"{data['name']} (synthetic {k})", "aliases": []}
    clone.pop("abbreviation", None)
    return clone


def _clone_industry(data: dict[str, Any], k: int) -> dict[str, Any]:
    uses = [{**use, "technology": clone_id(use["technology"], k)} for use in data["uses"]]
    return {**data, "id": clone_id(data["id"], k), "name": f"{data['name']} (synthetic {k})", "uses": uses}


def _clone_page(text: str, record_id: str, new_id: str) -> str:
    """Replace the id in macro calls such as {{ technology_profile("rnn") }}."""
    pattern = re.compile(r"(\{\{\s*\w+\(\s*)([\"'])" + re.escape(record_id) + r"\2")
    return pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{new_id}{m.group(2)}", text)


def scale_project(project: Path, factor: int) -> dict[str, int]:
    """Add factor-1 clones of every technology and industry (data and page); return the new record counts.

    The nav needs no edit: hooks.py fills its Technologies and Industries sections from the data.
    """
    ids: dict[str, list[str]] = {}
    for folder in FOLDERS:
        paths = sorted((project / "data" / folder).glob("*.yml"))
        ids[folder] = [path.stem for path in paths]
        for path in paths:
            data = _read(path)
            page = project / "docs" / folder / f"{path.stem}.md"
            page_text = page.read_text(encoding="utf-8")
            for k in range(2, factor + 1):
                clone = _clone_technology(data, k) if folder == "technologies" else _clone_industry(data, k)
                _write(path.with_name(f"{clone['id']}.yml"), clone)
                page.with_name(f"{clone['id']}.md").write_text(_clone_page(page_text, path.stem, clone["id"]), encoding="utf-8")
    return {folder: len(ids[folder]) * factor for folder in FOLDERS}
