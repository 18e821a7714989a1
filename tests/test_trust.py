"""Trust a reader can see: a fix link per value, review dates, what changed, citing a page, releases, the guide."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from aicompare import DATA_DIR, PROJECT_ROOT
from aicompare.__main__ import review_warnings
from aicompare.export import open_data_schema
from aicompare.formatting import format_data_dir
from aicompare.knowledge import KnowledgeBase
from aicompare.loader import load_knowledge_base
from aicompare.release import release_zip
from aicompare.render.markdown import PageContext
from aicompare.render.tables import technology_profile
from aicompare.site.citation import PageCitation, apa, bibtex, csl_json
from aicompare.staleness import due_values

from .test_bad_input import edit_yaml

ATOM = "{http://www.w3.org/2005/Atom}"
FUTURE = dt.date(2031, 1, 1)


VALUES = [("cnn", "focus"), ("rag", "system_change"), ("gru", "outlook"), ("ai", "limitations")]


@pytest.mark.parametrize(("tech_id", "dimension_id"), VALUES)
def test_a_value_knows_the_line_that_holds_it(kb: KnowledgeBase, tech_id: str, dimension_id: str) -> None:
    line = kb.line_of("technologies", tech_id, ("dimensions", dimension_id))
    text = (PROJECT_ROOT / kb.file_of("technologies", tech_id)).read_text(encoding="utf-8").splitlines()
    assert line is not None and text[line - 1].strip() == f"{dimension_id}:"


def test_fix_links_point_at_the_line_even_after_formatting(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    edit_yaml(data / "technologies/cnn.yml", lambda t: t.update(aliases=sorted(t["aliases"], reverse=True)))
    format_data_dir(data, write=True)
    kb = load_knowledge_base(data)
    page = PageContext("technologies/cnn.md", "https://example.org/repo/edit/main/")
    html_text = technology_profile(kb, page, "cnn")
    line = kb.line_of("technologies", "cnn", ("dimensions", "outlook"))
    assert f"https://example.org/repo/blob/main/data/technologies/cnn.yml#L{line}" in html_text
    assert (data / "technologies/cnn.yml").read_text(encoding="utf-8").splitlines()[line - 1].strip() == "outlook:"


def test_values_past_their_review_date_are_due_but_never_errors(kb: KnowledgeBase) -> None:
    assert not due_values(kb, dt.date(2026, 12, 1)), "nothing in the data is due a day after it was checked"
    due = due_values(kb, FUTURE)
    assert {item.dimension for item in due} >= {"outlook", "model_size"}
    assert "focus" not in {item.dimension for item in due}, "a row without a review period never ages"
    outlook = next(item for item in due if item.dimension == "outlook" and item.technology == "cnn")
    assert outlook.due == dt.date(outlook.checked.year + 1, outlook.checked.month, outlook.checked.day)
    warnings = review_warnings(kb, FUTURE)
    assert warnings and all(w.startswith("warning: data/technologies/") for w in warnings)


def test_a_due_value_is_marked_on_its_page(kb: KnowledgeBase) -> None:
    page = PageContext("technologies/cnn.md", "", today=FUTURE)
    assert "due for review" in technology_profile(kb, page, "cnn")
    fresh = PageContext("technologies/cnn.md", "", today=dt.date(2026, 12, 1))
    assert "due for review" not in technology_profile(kb, fresh, "cnn")


CITATION = PageCitation(
    "RNN vs CNN: {braces} & 50% of it", "https://example.org/compare/rnn-vs-cnn/", dt.date(2026, 11, 22), dt.date(2026, 11, 30)
)


def test_the_bibtex_citation_parses() -> None:
    entries = parse_string(bibtex(CITATION), "bibtex").entries
    entry = entries[CITATION.key]
    assert entry.type == "misc" and entry.fields["url"] == CITATION.url and entry.fields["year"] == "2026"
    assert "RNN vs CNN" in entry.fields["title"]


def test_the_csl_json_citation_renders() -> None:
    items = json.loads(csl_json(CITATION))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(CITATION.key)]))
    rendered = str(bibliography.bibliography()[0])
    assert "RNN vs CNN" in rendered and "2026" in rendered


def test_the_apa_citation_names_site_date_title_and_address() -> None:
    assert apa(CITATION).startswith("AI Compared. (2026, November 22). RNN vs CNN") and CITATION.url in apa(CITATION)


def test_the_release_zip_holds_the_data_and_validates(kb: KnowledgeBase) -> None:
    name, content = release_zip(kb, dt.date(2026, 11, 30), "https://example.org/", "licence text")
    assert name.startswith("ai-compared-data-") and name.endswith(".zip")
    assert release_zip(kb, dt.date(2026, 11, 30), "https://example.org/", "licence text")[1] == content, "reproducible"
    archive = zipfile.ZipFile(io.BytesIO(content))
    folder = name.removesuffix(".zip")
    names = set(archive.namelist())
    expected = ("ai-compared.json", "ai-compared.schema.json", "CITATION.cff", "LICENSE.txt", "README.txt")
    assert {f"{folder}/{n}" for n in expected} <= names
    assert any(n.startswith(f"{folder}/csv/") for n in names)
    document = json.loads(archive.read(f"{folder}/ai-compared.json"))
    jsonschema.validate(document, open_data_schema(), cls=jsonschema.Draft202012Validator)
    cff = yaml.safe_load(archive.read(f"{folder}/CITATION.cff"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == document["data_version"] and cff["license"] == "CC-BY-4.0"


def test_every_guide_answer_leads_somewhere_and_every_rule_is_sourced(kb: KnowledgeBase) -> None:
    guide = kb.guide
    assert guide is not None
    used = {(question, answer) for rule in guide.rules for question, answer in rule.when.items()}
    for question in guide.questions:
        for answer in question.answers:
            assert (question.id, answer.id) in used, f"no rule for {question.id} = {answer.id}"
    for rule in guide.rules:
        assert rule.sources and all(t in kb.technologies for t in rule.recommend), rule.id
