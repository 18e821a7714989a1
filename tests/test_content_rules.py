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


# --- Coverage: the entities, comparisons and terms readers ask about (CONTENT.md, "Beyond the first ten") ----------

NEW_ENTITIES = {
    "ai": "field",
    "nlp": "field",
    "cv": "field",
    "supervised-learning": "learning_paradigm",
    "unsupervised-learning": "learning_paradigm",
    "self-supervised-learning": "learning_paradigm",
    "reinforcement-learning": "learning_paradigm",
    "lstm": "architecture",
    "gru": "architecture",
    "vit": "architecture",
    "ssm": "architecture",
    "moe": "architecture",
    "encoder-only": "model_family",
    "decoder-only": "model_family",
    "slm": "model_family",
    "rag": "technique",
    "fine-tuning": "technique",
    "agents": "technique",
}
ASKED_COMPARISONS = [
    {"ai", "ml", "dl", "genai"},
    {"rnn", "cnn"},
    {"rnn", "transformer"},
    {"gan", "vae", "diffusion"},
    {"nlp", "llm"},
    {"rag", "fine-tuning"},
    {"slm", "llm"},
    {"agents", "llm"},
    {"genai", "ml"},
    {"encoder-only", "decoder-only"},
    {"vit", "cnn"},
    {"ssm", "transformer"},
    {"lstm", "gru"},
    {"supervised-learning", "unsupervised-learning", "reinforcement-learning"},
    {"ml", "dl", "llm", "genai"},
    {"rnn", "cnn", "llm"},
    {"diffusion", "llm"},
]
NEW_TERMS = [
    "low-rank-adaptation",
    "vector-database",
    "context-window",
    "chain-of-thought",
    "tool-calling",
    "reward-model",
    "patch-embedding",
    "expert-routing",
]
PAGE_SECTIONS = ("## What it is", "## How it works", "## When to use it", "## Pitfalls", "## Profile")


def test_every_entity_readers_ask_about_exists_with_its_kind(kb: KnowledgeBase) -> None:
    for tech_id, kind in NEW_ENTITIES.items():
        assert tech_id in kb.technologies, f"{tech_id} is missing"
        assert kb.technologies[tech_id].kind == kind, tech_id


def test_every_technology_page_explains_before_it_tabulates(kb: KnowledgeBase) -> None:
    for tech_id in kb.technologies:
        page = (PROJECT_ROOT / "docs/technologies" / f"{tech_id}.md").read_text(encoding="utf-8")
        positions = [page.find(section) for section in PAGE_SECTIONS]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), f"{tech_id}: sections {PAGE_SECTIONS}"
        prose = re.sub(r"\{\{.*?\}\}|^#.*$", "", page, flags=re.MULTILINE)
        assert len(prose.split()) >= 300, f"{tech_id}: the page explains too little ({len(prose.split())} words)"
        for macro in ("technology_summary", "technology_profile", "technology_uses"):
            assert f'{macro}("{tech_id}")' in page, (tech_id, macro)


def test_every_asked_comparison_is_curated(kb: KnowledgeBase) -> None:
    curated = [set(c.technologies) for c in kb.comparisons.values()]
    for wanted in ASKED_COMPARISONS:
        assert wanted in curated, f"no curated comparison of {sorted(wanted)}"


def test_curated_comparisons_answer_briefly_and_completely(kb: KnowledgeBase) -> None:
    for comparison in kb.comparisons.values():
        sentences = re.findall(r"[.!?](?:\s|$)", comparison.difference)
        assert 1 <= len(sentences) <= 4, f"{comparison.id}: the difference should take two or three sentences"
        assert {c.technology for c in comparison.choose} == set(comparison.technologies), comparison.id
        assert all(choice.when and choice.sources for choice in comparison.choose), comparison.id
        assert comparison.misconception.claim != comparison.misconception.correction, comparison.id
        assert " is better" not in comparison.difference.lower(), f"{comparison.id}: say for what, not 'better'"


def test_new_entities_are_used_in_industries(kb: KnowledgeBase) -> None:
    uses = [use for industry in kb.industries.values() for use in industry.uses if use.technology in NEW_ENTITIES]
    assert len(uses) >= 12, f"only {len(uses)} uses of the new entities"


def test_the_terms_the_new_pages_need_are_in_the_glossary(kb: KnowledgeBase) -> None:
    missing = [term for term in NEW_TERMS if term not in kb.glossary]
    assert not missing, missing


def test_every_dimension_of_every_technology_is_filled_or_explained(kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        for dimension in kb.applicable_dimensions(tech):
            value = tech.dimensions[dimension.id]
            assert value.status != "known" or (value.value and value.sources and value.as_of), (tech.id, dimension.id)
            assert value.status == "known" or value.note, (tech.id, dimension.id)
