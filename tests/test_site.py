"""One real build of the site, then checks on the HTML a reader gets."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from aicompare.knowledge import KnowledgeBase

from .conftest import build_site, read_page

TEMPLATE_LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|Macro Rendering Error|UndefinedError|Traceback")


def main_text(soup: BeautifulSoup) -> str:
    article = soup.select_one("article") or soup
    return " ".join(article.get_text().split())


def flat(value: str) -> str:
    return " ".join(value.split())


def test_every_technology_page_shows_its_values(built_site: Path, kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        text = main_text(read_page(built_site, f"technologies/{tech.id}"))
        assert flat(tech.summary) in text, tech.id
        for dimension in kb.applicable_dimensions(tech):
            value = tech.dimensions[dimension.id]
            assert flat(value.value or value.note or "") in text, (tech.id, dimension.id)


def test_every_industry_page_shows_its_uses(built_site: Path, kb: KnowledgeBase) -> None:
    for industry in kb.industries.values():
        soup = read_page(built_site, f"industries/{industry.id}")
        text = main_text(soup)
        for use in industry.uses:
            assert flat(use.example) in text and flat(use.risks) in text, (industry.id, use.id)
            assert soup.find(id=use.id), f"{industry.id}: no anchor for use {use.id}"


def test_technology_pages_list_the_industries_that_use_them(built_site: Path, kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        soup = read_page(built_site, f"technologies/{tech.id}")
        links = {a["href"] for a in soup.select("article a[href]")}
        for industry, use in kb.uses_of(tech.id):
            assert f"../../industries/{industry.id}/#{use.id}" in links, (tech.id, industry.id, use.id)


def test_no_template_text_or_macro_error_on_any_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for code in soup.select("pre, code"):
            code.decompose()
        leftover = TEMPLATE_LEFTOVERS.search(main_text(soup))
        assert leftover is None, f"{page.relative_to(built_site)}: {leftover.group(0) if leftover else ''}"


def test_every_data_table_links_to_its_yaml(built_site: Path, kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        soup = read_page(built_site, f"technologies/{tech.id}")
        hrefs = [a["href"] for a in soup.select("p.data-note a")]
        assert any(h.endswith(f"/edit/main/data/technologies/{tech.id}.yml") for h in hrefs), tech.id


def test_citations_resolve_to_reference_entries(built_site: Path, kb: KnowledgeBase) -> None:
    for source_id in kb.sources:
        letter = source_id[0] if source_id[0].isalpha() else "0"
        assert read_page(built_site, f"references/{letter}").find(id=f"source-{source_id}"), source_id
    index = read_page(built_site, "references")
    assert len(index.select("article li a")) == len({s[0] if s[0].isalpha() else "0" for s in kb.sources})
    cnn = read_page(built_site, "technologies/cnn")
    cited = [a["href"] for a in cnn.select("article a[href*='/references/'][href*='#source-']")]
    assert cited
    for href in cited:
        letter_page = href.split("references/")[1].split("/")[0]
        assert read_page(built_site, f"references/{letter_page}").find(id=href.split("#")[1]), href


def box_of(soup: BeautifulSoup, tech_id: str) -> BeautifulSoup:
    """The hierarchy figure's box whose own link opens a technology's page."""
    link = soup.select_one(f'figure.hierarchy .hierarchy__name a[href$="technologies/{tech_id}/"]')
    assert link is not None, f"no box for {tech_id}"
    return link.find_parent("li")


def test_home_page_answers_first_then_draws_every_technology_inside_its_parent(built_site: Path, kb: KnowledgeBase) -> None:
    home = read_page(built_site, "")
    answer = home.select_one("article .short-answer--nested")
    names = [a.get_text() for a in answer.select(".short-answer__name a")]
    assert names == [kb.technologies[t].name for t in ("ai", "ml", "dl", "genai", "llm")]
    for tech_id in ("ml", "dl", "genai", "llm"):
        assert flat(kb.technologies[tech_id].tagline or "") in flat(answer.get_text())
    assert not home.select("pre.mermaid") and not home.select('script[src*="mermaid"]')
    for tech in kb.technologies.values():
        box = box_of(home, tech.id)
        if tech.parents:
            assert box.find_parent("li") is box_of(home, tech.parents[0]), f"{tech.id} is not drawn inside {tech.parents[0]}"


def test_no_request_to_a_third_party_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        loaded += [
            tag.get("href")
            for tag in soup.find_all("link")
            if "stylesheet" in (tag.get("rel") or []) or "preconnect" in (tag.get("rel") or [])
        ]
        external = [url for url in loaded if url and re.match(r"^(https?:)?//", url)]
        assert not external, f"{page.relative_to(built_site)} loads {external}"
    assert "fonts.googleapis" not in "".join(p.read_text(encoding="utf-8", errors="ignore") for p in built_site.rglob("*.html"))


def test_search_index_covers_every_technology(built_site: Path, kb: KnowledgeBase) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for tech in kb.technologies.values():
        assert f"technologies/{tech.id}/" in locations


def test_one_field_feeds_every_page_that_shows_it(project_copy: Path, tmp_path: Path) -> None:
    """Edit one YAML value in a copy, rebuild: every page that shows the fact changes with it."""
    marker = "Marker value written once in data and shown wherever it appears."
    path = project_copy / "data" / "technologies" / "cnn.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    old = " ".join(data["dimensions"]["data_shape"]["value"].split())
    data["dimensions"]["data_shape"]["value"] = marker
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for url in ("technologies/cnn", "compare/architectures"):
        page_text = main_text(read_page(tmp_path / "site", url))
        assert marker in page_text, url
        assert html.unescape(old) not in page_text, url
