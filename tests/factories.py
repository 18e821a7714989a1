"""Small in-memory knowledge bases for renderer tests."""

from __future__ import annotations

import datetime as dt

from aicompare.knowledge import KnowledgeBase
from aicompare.models import Dimension, DimensionValue, Industry, Regulation, Source, Technology, Use

HOSTILE = "a | b <script>alert(1)</script> {{ config.site_name }} {% if x %}\nsecond line *not bold* [x](y)"
TODAY = dt.date(2026, 11, 1)


def known(value: str, *sources: str) -> DimensionValue:
    return DimensionValue(value=value, sources=list(sources or ["paper2020"]), as_of=TODAY)


def tiny_kb(value: str = "Plain value.") -> KnowledgeBase:
    """Two technologies, one industry, one regulation, one source; `value` goes into one cell."""
    dims = {
        "focus": Dimension(id="focus", label="Focus", question="What is it for?", applies_to=["field", "architecture"]),
        "core_operation": Dimension(id="core_operation", label="Core operation", question="What?", applies_to=["architecture"]),
    }
    field_tech = Technology(
        id="alpha",
        name="Alpha learning",
        abbreviation="AL",
        kind="field",
        parents=[],
        summary=value,
        introduced={"year": 1990, "sources": ["paper2020"]},
        key_papers=["paper2020"],
        dimensions={"focus": known(value)},
    )
    arch_tech = Technology(
        id="beta",
        name="Beta network",
        kind="architecture",
        parents=["alpha"],
        built_on=[],
        summary="Beta.",
        introduced={"year": 2000, "sources": ["paper2020"]},
        dimensions={"focus": known("Beta focus."), "core_operation": DimensionValue(status="unknown", note="Not yet known.")},
    )
    use = Use(
        id="the-use",
        technology="alpha",
        use_case=value,
        description=value,
        example=value,
        maturity="pilot",
        risks=value,
        regulations=["rule"],
        sources=["paper2020"],
        as_of=TODAY,
    )
    industry = Industry(id="trade", name="Trade", summary=value, regulations=["rule"], uses=[use])
    source = Source(
        id="paper2020",
        type="paper",
        title=value,
        authors=["Ada Lovelace", "Alan Turing", "Grace Hopper"],
        year=2020,
        arxiv="2001.00001",
    )
    regulation = Regulation(id="rule", name=value, jurisdiction="Nowhere", summary=value, sources=["paper2020"])
    kb = KnowledgeBase(
        technologies={"alpha": field_tech, "beta": arch_tech},
        industries={"trade": industry},
        dimensions=dims,
        sources={"paper2020": source},
        regulations={"rule": regulation},
        glossary={},
    )
    kb.files.update(
        {
            ("technologies", "alpha"): "data/technologies/alpha.yml",
            ("technologies", "beta"): "data/technologies/beta.yml",
            ("industries", "trade"): "data/industries/trade.yml",
            ("regulations", "rule"): "data/regulations.yml",
        }
    )
    return kb
