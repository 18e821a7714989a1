"""Content rules: enough coverage, every value sourced and dated, citations well-formed, no placeholders."""

from __future__ import annotations

import re

import yaml

from aicompare import DATA_DIR, PROJECT_ROOT
from aicompare.knowledge import KnowledgeBase

from .test_data_consistency import CORE_INDUSTRIES

ALL_INDUSTRIES = CORE_INDUSTRIES | {
    "aviation",
    "telecommunications",
    "security-surveillance",
    "supply-chain-logistics",
    "automotive",
}
PLACEHOLDER = re.compile(
    r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|placeholder)\b|example\.(com|org)|\.\.\.\s*$",
    re.IGNORECASE | re.MULTILINE,
)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$")
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")


def test_all_thirteen_industries_with_at_least_four_uses(kb: KnowledgeBase) -> None:
    assert set(kb.industries) >= ALL_INDUSTRIES
    for industry in kb.industries.values():
        assert len(industry.uses) >= 4, f"{industry.id} has {len(industry.uses)} uses; at least 4 are required"
        assert industry.regulations, f"{industry.id} names no rule that bears on its uses"


def test_every_technology_has_key_papers_and_an_origin(kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        assert tech.key_papers and tech.introduced.sources, tech.id


def test_glossary_size_and_entries(kb: KnowledgeBase) -> None:
    assert len(kb.glossary) >= 80
    for term in kb.glossary.values():
        assert len(term.definition.split()) >= 8, f"{term.id}: definition too short to explain anything"
        assert term.sources, term.id


def test_bibliography_size_and_identifier_formats() -> None:
    entries = yaml.safe_load((DATA_DIR / "sources.yml").read_text(encoding="utf-8"))
    assert len(entries) >= 40
    for entry in entries:
        assert entry.get("doi") or entry.get("arxiv") or entry.get("url"), entry["id"]
        if entry.get("doi"):
            assert DOI.match(entry["doi"]), (entry["id"], entry["doi"])
        if entry.get("arxiv"):
            assert ARXIV.match(str(entry["arxiv"])), (entry["id"], entry["arxiv"])
        if entry.get("url"):
            assert URL.match(entry["url"]), (entry["id"], entry["url"])
        assert 1900 <= entry["year"] <= 2100 and entry["authors"] and entry["title"], entry["id"]


def test_no_placeholder_text_in_data_or_pages() -> None:
    files = [*DATA_DIR.rglob("*.yml"), *(PROJECT_ROOT / "docs").rglob("*.md")]
    for path in files:
        match = PLACEHOLDER.search(path.read_text(encoding="utf-8"))
        assert match is None, f"{path.relative_to(PROJECT_ROOT)}: placeholder text {match.group(0)!r}"


def test_common_confusions_are_covered(kb: KnowledgeBase) -> None:
    """CONTENT.md lists the misconceptions the site must correct; each needs an entry."""
    covered = {tech for confusion in kb.confusions.values() for tech in confusion.technologies}
    assert {"llm", "genai", "diffusion", "ml", "cnn", "transformer", "dl"} <= covered
    for confusion in kb.confusions.values():
        assert confusion.sources and confusion.correction != confusion.claim
