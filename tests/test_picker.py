"""The compare page's data: split per technology, escaped, and the same values as everywhere else."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from aicompare.knowledge import KnowledgeBase
from aicompare.render.picker import picker_index
from aicompare.site.picker import picker_files, technology_data

from .factories import HOSTILE, tiny_kb


def test_one_file_per_technology_holding_only_its_own_values(kb: KnowledgeBase) -> None:
    files = picker_files(kb)
    assert set(files) == {f"compare/data/{t}.json" for t in kb.technologies}
    for tech_id, tech in kb.technologies.items():
        data = json.loads(files[f"compare/data/{tech_id}.json"])
        assert data["id"] == tech_id and set(data["cells"]) == set(tech.dimensions)


def test_a_three_way_comparison_downloads_little(kb: KnowledgeBase) -> None:
    files = picker_files(kb)
    three = sum(len(gzip.compress(files[f"compare/data/{t}.json"].encode())) for t in ("rnn", "lstm", "transformer"))
    assert three < 20_000, f"{three} bytes compressed for three technologies"


def test_cells_are_escaped_and_link_to_the_references() -> None:
    data = technology_data(tiny_kb(HOSTILE), "alpha")
    cell = data["cells"]["focus"]
    assert "<script>" not in cell["value"] and "&lt;script&gt;" in cell["value"]
    assert cell["sources"] == '<a href="../references/p/#source-paper2020">Lovelace et al. 2020</a>'
    assert cell["as_of"] == "2026-11-01"


def test_unknown_values_say_so() -> None:
    data = technology_data(tiny_kb(), "beta")
    assert data["cells"]["core_operation"]["value"] == "<em>Unknown</em>: Not yet known."


def test_the_index_names_every_technology_and_row_in_order(kb: KnowledgeBase) -> None:
    index = picker_index(kb)
    assert [t["id"] for t in index["technologies"]] == list(kb.technologies)
    assert [d["id"] for d in index["dimensions"]] == list(kb.dimensions)
    assert index["technologies"][0]["url"] == f"../technologies/{index['technologies'][0]['id']}/"


def test_the_built_compare_page_carries_the_index(built_site: Path, kb: KnowledgeBase) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / "compare/index.html").read_text(encoding="utf-8"), "html.parser")
    picker = soup.find(id="compare-picker")
    assert picker.has_attr("hidden"), "without JavaScript the picker stays hidden"
    assert json.loads(picker["data-index"]) == json.loads(json.dumps(picker_index(kb)))
    assert len(soup.select('#compare-picker input[name="t"]')) == len(kb.technologies)
