"""Hostile text in every text field of one technology, industry, term and source renders inert everywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import build_site
from .test_bad_input import edit_yaml

HOSTILE = (
    "\"' </title></textarea><x-hostile onclick=alert(1)>&amp; | {{ 7*7 }} {% if 1 %}x{% endif %}"
    "\nnext javascript:alert(1) *b* [l](u)"
)


def _hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


def _list_item(label: str) -> str:
    """List items cannot hold ';' (the CSV separator; the loader rejects it), so the entity is spelled out."""
    return _hostile(label).replace("&amp;", "&")


def poison_technology(data: dict[str, Any]) -> None:
    data["name"] = _hostile("Tech")
    data["abbreviation"] = _hostile("ABBR")
    data["aliases"] = [*data["aliases"], _list_item("alias")]
    data["summary"] = _hostile("Summary.")
    data["introduced"]["note"] = _hostile("Note.")
    for value in data["dimensions"].values():
        value["value"] = _hostile("Value.")


def poison_industry(data: dict[str, Any]) -> None:
    data["name"] = _hostile("Industry")
    data["summary"] = _hostile("Summary.")
    for use in data["uses"]:
        for key in ("use_case", "description", "example", "risks"):
            use[key] = _hostile(key)


def poison_first_entry(*keys: str) -> Any:
    def change(data: list[dict[str, Any]]) -> None:
        for key in keys:
            data[0][key] = [_list_item(key)] if isinstance(data[0][key], list) else _hostile(key)

    return change


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aicompare.project import copy_project

    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    edit_yaml(project / "data/technologies/cnn.yml", poison_technology)
    edit_yaml(project / "data/industries/healthcare.yml", poison_industry)
    edit_yaml(project / "data/glossary.yml", poison_first_entry("term", "definition", "aliases"))
    edit_yaml(project / "data/sources.yml", poison_first_entry("title", "authors", "venue"))
    edit_yaml(project / "data/regulations.yml", poison_first_entry("name", "short_name", "summary"))
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_no_markup_from_data_reaches_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(hostile_site)
        assert soup.find("x-hostile") is None, f"{where}: a tag from data was rendered"
        for element in soup.find_all(True):
            assert "onclick" not in element.attrs, f"{where}: an attribute from data was rendered on <{element.name}>"
            for attribute in ("href", "src", "action"):
                value = str(element.get(attribute, ""))
                assert not value.strip().lower().startswith("javascript:alert"), f"{where}: {attribute}={value}"
        assert ">49<" not in str(soup), f"{where}: Jinja from data was evaluated"


def test_the_text_itself_is_shown_literally(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "technologies/cnn/index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    assert "</title></textarea><x-hostile onclick=alert(1)>" in text and "{{ 7*7 }}" in text and "{% if 1 %}" in text
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"].startswith("Summary. \"' </title></textarea><x-hostile")


def test_exports_and_search_index_stay_valid(hostile_site: Path) -> None:
    exported = json.loads((hostile_site / "data/ai-compared.json").read_text(encoding="utf-8"))
    assert any(tech["name"].startswith("Tech \"'") for tech in exported["technologies"])
    for path in (hostile_site / "data/csv").glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert len({len(row) for row in rows}) == 1, f"{path.name}: a value broke the CSV columns"
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    for document in index["docs"]:
        assert "<x-hostile" not in document["text"] and "<x-hostile" not in document["title"], document["location"]
