"""The real data obeys the project's rules; several checks read the files directly, not via the loader."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from pathlib import Path

import yaml

from aicompare import DATA_DIR, PROJECT_ROOT
from aicompare.knowledge import KnowledgeBase
from aicompare.models import Kind, Maturity
from aicompare.schemas import json_schemas

TECHNOLOGIES = {"ml", "dl", "llm", "genai", "rnn", "cnn", "transformer", "diffusion", "gan", "vae"}
CORE_INDUSTRIES = {
    "retail",
    "healthcare",
    "entertainment-gaming",
    "finance",
    "manufacturing",
    "marketing-social-media",
    "customer-service",
    "creative-arts-design",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_required_technology_and_industry_has_a_file() -> None:
    assert {p.stem for p in (DATA_DIR / "technologies").glob("*.yml")} >= TECHNOLOGIES
    assert {p.stem for p in (DATA_DIR / "industries").glob("*.yml")} >= CORE_INDUSTRIES


def test_ids_match_file_names() -> None:
    for folder in ("technologies", "industries"):
        for path in (DATA_DIR / folder).glob("*.yml"):
            assert raw(path)["id"] == path.stem, path


def test_every_page_has_a_data_file_and_back() -> None:
    for folder in ("technologies", "industries"):
        pages = {p.stem for p in (PROJECT_ROOT / "docs" / folder).glob("*.md")} - {"index"}
        data = {p.stem for p in (DATA_DIR / folder).glob("*.yml")}
        assert pages == data, f"{folder}: pages without data {pages - data}, data without pages {data - pages}"


def test_applicable_dimensions_filled_or_explicit(kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        for dimension in kb.applicable_dimensions(tech):
            value = tech.dimensions[dimension.id]
            if value.status == "known":
                assert value.value and value.sources and value.as_of, (tech.id, dimension.id)
            else:
                assert value.note, (tech.id, dimension.id)


def test_every_citation_resolves_and_every_source_is_cited(kb: KnowledgeBase) -> None:
    cited = set(kb.citations)
    assert cited <= set(kb.sources), cited - set(kb.sources)
    assert set(kb.sources) <= cited, set(kb.sources) - cited


def test_names_and_aliases_are_unique(kb: KnowledgeBase) -> None:
    labels: list[str] = []
    for tech in kb.technologies.values():
        labels += [tech.name, *([tech.abbreviation] if tech.abbreviation else []), *tech.aliases]
    for term in kb.glossary.values():
        labels += [term.term, *term.aliases, *term.abbreviations]
    folded = [label.casefold() for label in labels]
    assert len(folded) == len(set(folded)), {label for label in folded if folded.count(label) > 1}


def test_closed_vocabularies() -> None:
    kinds = {raw(p)["kind"] for p in (DATA_DIR / "technologies").glob("*.yml")}
    assert kinds <= set(typing.get_args(Kind))
    maturities = {use["maturity"] for p in (DATA_DIR / "industries").glob("*.yml") for use in raw(p)["uses"]}
    assert maturities <= set(typing.get_args(Maturity))


def _dates(node: object, key: str = "") -> list[tuple[str, object]]:
    if isinstance(node, dict):
        return [item for k, v in node.items() for item in _dates(v, k)]
    if isinstance(node, list):
        return [item for v in node for item in _dates(v, key)]
    return [(key, node)] if key == "as_of" else []


def test_dates_are_iso_and_not_in_the_future() -> None:
    today = dt.date.today()
    for path in DATA_DIR.rglob("*.yml"):
        for _, value in _dates(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)):
            assert ISO_DATE.match(str(value)), (path, value)
            assert dt.date.fromisoformat(str(value)) <= today, (path, value)


def test_hierarchy_matches_the_field(kb: KnowledgeBase) -> None:
    """AI contains ML, ML contains DL, architectures sit in DL, LLMs are generative and built on Transformers."""
    techs = kb.technologies
    assert techs["ai"].parents == [] and [t.id for t in techs.values() if not t.parents] == ["ai"]
    assert techs["ml"].parents == ["ai"]
    assert "ml" in techs["dl"].parents
    for paradigm in ("supervised-learning", "unsupervised-learning", "self-supervised-learning", "reinforcement-learning"):
        assert techs[paradigm].parents == ["ml"] and techs[paradigm].kind == "learning_paradigm"
    for gated in ("lstm", "gru"):
        assert techs[gated].parents == ["rnn"]
    for layout in ("encoder-only", "decoder-only", "vit"):
        assert "transformer" in techs[layout].parents
    assert {"nlp", "cv"} <= {t.id for t in techs.values() if "ai" in t.parents}
    for architecture in ("rnn", "cnn", "transformer"):
        assert "dl" in techs[architecture].parents and techs[architecture].kind == "architecture"
    for family in ("llm", "diffusion", "gan", "vae"):
        assert "genai" in techs[family].parents
    assert "transformer" in techs["llm"].built_on


def test_every_industry_use_is_shown_on_its_technology(kb: KnowledgeBase) -> None:
    for industry in kb.industries.values():
        for use in industry.uses:
            assert (industry, use) in kb.uses_of(use.technology)


def test_committed_json_schemas_are_current() -> None:
    for name, schema in json_schemas().items():
        path = PROJECT_ROOT / "schemas" / name
        assert path.exists(), f"{path} missing: run `make schemas`"
        assert json.loads(path.read_text(encoding="utf-8")) == schema, f"{path} is stale: run `make schemas`"


def test_data_files_point_editors_at_their_schema() -> None:
    for path in DATA_DIR.rglob("*.yml"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first_line.split("=", 1)[1]).resolve()
        assert schema.exists(), f"{path}: schema line points at missing {schema}"
