"""Reader features on the built site: tooltips, search, pair pages, the industry matrix, open data, page quality."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from aicompare import export
from aicompare.knowledge import KnowledgeBase
from aicompare.render.curated import curated_for
from aicompare.render.pairs import compared_pairs, readers_compare

from .conftest import read_page

SITE_NAME = "AI Compared"


def flat(value: str) -> str:
    return " ".join(value.split())


def article_text(soup: BeautifulSoup) -> str:
    article = soup.select_one("article")
    assert article is not None
    for jump_list in article.select(".jump-list"):
        jump_list.decompose()  # "On this page" repeats the headings
    return flat(article.get_text())


def content_pages(site: Path) -> list[Path]:
    """Every real page of the site (not the reverse-order redirects, not the 404 page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:600]:
            pages.append(path)
    return pages


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and anchor a relative link on `page` points to."""
    target, _, anchor = href.partition("#")
    resolved = (page.parent / target).resolve() if target else page
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, anchor


def short(tech_name: str | None, name: str) -> str:
    return tech_name or name


# --- Glossary everywhere ------------------------------------------------------------------------


def test_glossary_terms_get_a_tooltip_and_the_first_one_links_to_the_entry(built_site: Path, kb: KnowledgeBase) -> None:
    page = built_site / "technologies/rnn/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    terms = soup.select("article a.term, article abbr.term")
    assert len(terms) > 20
    hidden_state = [t for t in terms if t.get_text().casefold() == "hidden state"]
    assert hidden_state and hidden_state[0].name == "a", "the first 'hidden state' should link to the glossary"
    target, anchor = resolve(built_site, page, hidden_state[0]["href"])
    assert target == (built_site / "glossary/index.html").resolve() and anchor == "hidden-state"
    definition = flat(kb.glossary["hidden-state"].definition)
    assert hidden_state[0]["title"] and definition.startswith(hidden_state[0]["title"].rstrip("…"))
    assert all(t.name == "abbr" for t in hidden_state[1:]), "later occurrences are tooltips, not more links"


def sections_of(article: BeautifulSoup) -> list[list[BeautifulSoup]]:
    """The article's top-level elements grouped by heading (h2 to h4)."""
    groups: list[list[BeautifulSoup]] = [[]]
    for element in article.find_all(recursive=False):
        if element.name in {"h2", "h3", "h4"}:
            groups.append([])
        groups[-1].append(element)
    return groups


@pytest.mark.parametrize("url", ["technologies/rnn", "technologies/transformer", "industries/healthcare", "compare/rnn-vs-cnn"])
def test_a_term_is_marked_once_per_section_and_linked_once_per_page(built_site: Path, url: str) -> None:
    article = read_page(built_site, url).select_one("article")
    linked: list[str] = []
    for section in sections_of(article):
        marked = [term.get("href") or term.get("data-target") for element in section for term in element.select(".term")]
        assert len(marked) == len(set(marked)), (url, sorted(t for t in marked if marked.count(t) > 1))
        linked += [a["href"] for element in section for a in element.select("a.term")]
    assert linked and len(linked) == len(set(linked))


def test_terms_are_not_annotated_in_headings_links_or_code(built_site: Path) -> None:
    for url in ("technologies/transformer", "glossary", "compare/rnn-vs-cnn", "industries/healthcare"):
        soup = read_page(built_site, url)
        nested = soup.select("article :is(h1, h2, h3, h4, h5, h6, code, pre, th) .term, article a:not(.term) .term")
        assert not nested, (url, nested[:3])


def test_a_technology_page_does_not_link_its_own_name(built_site: Path) -> None:
    soup = read_page(built_site, "technologies/gan")
    own = [a for a in soup.select("article a.term") if a["href"].rstrip("/").endswith("technologies/gan")]
    assert not own


def test_term_links_resolve_to_existing_anchors(built_site: Path) -> None:
    for page in (built_site / "technologies").rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article a.term"):
            target, anchor = resolve(built_site, page, link["href"])
            assert target.exists(), (page, link["href"])
            if anchor:
                assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor), (page, link["href"])


def test_glossary_page_has_a_stable_anchor_per_term(built_site: Path, kb: KnowledgeBase) -> None:
    soup = read_page(built_site, "glossary")
    for term in kb.glossary.values():
        heading = soup.find(id=term.id)
        assert heading is not None and heading.name == "h3", term.id


# --- Search ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> dict:
    return json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))


def entries_for(index: dict, location_prefix: str) -> list[dict]:
    return [doc for doc in index["docs"] if doc["location"].startswith(location_prefix)]


def test_spelling_variants_are_in_the_glossary_entry(search_index: dict) -> None:
    entry = next(doc for doc in search_index["docs"] if doc["location"] == "glossary/#tokenization")
    assert "tokenisation" in entry["text"] and "Tokenization" in entry["title"]


@pytest.mark.parametrize("tech_id", ["llm", "gan", "rnn", "cnn", "vae"])
def test_abbreviations_find_the_technology_page_which_ranks_above_generated_pages(
    search_index: dict, kb: KnowledgeBase, tech_id: str
) -> None:
    tech = kb.technologies[tech_id]
    page_entries = entries_for(search_index, f"technologies/{tech_id}/")
    assert any(tech.abbreviation in doc["title"] for doc in page_entries), "abbreviation in the page title"
    tech_boost = page_entries[0].get("boost", 1)
    pair_boosts = {doc.get("boost", 1) for doc in search_index["docs"] if "-vs-" in doc["location"]}
    assert pair_boosts and tech_boost > max(pair_boosts)


def test_generated_comparison_tables_are_not_indexed(search_index: dict, kb: KnowledgeBase) -> None:
    value = flat(kb.technologies["rnn"].dimensions["focus"].value or "")
    holders = {doc["location"].split("#")[0] for doc in search_index["docs"] if value[:60] in flat(doc["text"])}
    assert "technologies/rnn/" in holders
    assert not [location for location in holders if "-vs-" in location], holders


def test_search_share_links_are_enabled(built_site: Path) -> None:
    config = json.loads(read_page(built_site, "").select_one("#__config").get_text())
    assert "search.share" in config["features"]


# --- Pair pages -----------------------------------------------------------------------------------


def pair_urls(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return compared_pairs(kb)


@pytest.mark.parametrize(
    ("first", "second", "has_page"),
    [
        ("rnn", "cnn", True),  # same kind
        ("ml", "llm", True),  # one sits inside the other
        ("cnn", "gan", True),  # GANs are built on CNNs
        ("rnn", "gan", False),  # different kinds, unrelated, compared by no curated comparison
        ("rnn", "diffusion", False),
    ],
)
def test_pair_pages_exist_only_for_pairs_readers_compare(kb: KnowledgeBase, first: str, second: str, has_page: bool) -> None:
    assert readers_compare(kb, first, second) is has_page


def test_a_page_for_every_compared_pair_with_both_profiles(built_site: Path, kb: KnowledgeBase) -> None:
    pairs = pair_urls(kb)
    assert ("rnn", "cnn") in pairs and ("cnn", "transformer") in pairs and len(pairs) >= 30
    for first_id, second_id in pairs:
        first, second = kb.technologies[first_id], kb.technologies[second_id]
        soup = read_page(built_site, f"compare/{first_id}-vs-{second_id}")
        curated = curated_for(kb, [first_id, second_id])
        pair = f"{short(first.abbreviation, first.name)} vs {short(second.abbreviation, second.name)}"
        title = curated.title if curated else pair
        assert soup.select_one("article h1").get_text().strip().startswith(title)
        assert soup.title.get_text() == f"{title} - {SITE_NAME}"
        text = article_text(soup)
        if curated:  # the page leads with the curated answer
            assert text.index(flat(curated.difference)) < text.index("Where they differ")
        else:
            assert all(flat(t.tagline or t.summary) in text for t in (first, second))
        for dimension in kb.dimensions.values():
            if first.kind in dimension.applies_to and second.kind in dimension.applies_to:
                for tech in (first, second):
                    value = tech.dimensions[dimension.id]
                    assert flat(value.value or value.note or "") in text, (first_id, second_id, dimension.id)
        hrefs = {a["href"] for a in soup.select("article a")}
        assert f"../../technologies/{first_id}/" in hrefs and f"../../technologies/{second_id}/" in hrefs


def test_pair_pages_list_the_industries_that_use_both(built_site: Path, kb: KnowledgeBase) -> None:
    for first_id, second_id in [("cnn", "transformer"), ("ml", "llm"), ("rnn", "cnn")]:
        shared = [
            industry
            for industry in kb.industries.values()
            if {u.technology for u in industry.uses} >= {first_id, second_id}
        ]
        soup = read_page(built_site, f"compare/{first_id}-vs-{second_id}")
        section = soup.find(id="industries-that-use-both")
        links = set()
        for sibling in section.find_next_siblings():
            if sibling.name == "h2":
                break
            links |= {a["href"] for a in sibling.select("a")}
        for industry in shared:
            assert f"../../industries/{industry.id}/" in links, (first_id, second_id, industry.id)
        if not shared:
            assert "No industry in the data records a use of both" in article_text(soup)


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("transformer", "llm"), "LLM is built on"),
        (("genai", "gan"), "GAN sits inside GenAI"),
        (("dl", "cnn"), "CNN sits inside DL"),
        (("rnn", "cnn"), "nearest field that contains both is Deep learning"),
    ],
)
def test_pair_pages_explain_the_hierarchy(built_site: Path, pair: tuple[str, str], expected: str) -> None:
    soup = read_page(built_site, f"compare/{pair[0]}-vs-{pair[1]}")
    assert expected in article_text(soup)


def test_reverse_order_addresses_redirect_to_the_pair_page(built_site: Path) -> None:
    redirect = (built_site / "compare/cnn-vs-rnn/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "../rnn-vs-cnn/" in redirect


def test_compare_page_links_every_pair_page_and_curated_comparison(built_site: Path, kb: KnowledgeBase) -> None:
    soup = read_page(built_site, "compare")
    hrefs = {a["href"] for a in soup.select("article a")}
    for first, second in pair_urls(kb):
        assert f"../compare/{first}-vs-{second}/" in hrefs or f"{first}-vs-{second}/" in hrefs, (first, second)
    for comparison in kb.comparisons.values():
        assert comparison.title in soup.select_one("article").get_text(), comparison.id


# --- Technology by industry matrix--------------------------------------------------------------


def test_industry_matrix_links_every_use_in_its_cell(built_site: Path, kb: KnowledgeBase) -> None:
    soup = read_page(built_site, "compare/technology-by-industry")
    table = soup.select_one("article table.sortable")
    headers = [th.get_text().strip() for th in table.select("thead th")]
    techs = list(kb.technologies.values())
    assert headers[2:] == [short(t.abbreviation, t.name) for t in techs]
    rows = table.select("tbody tr")
    assert len(rows) == len(kb.industries)
    for industry, row in zip(kb.industries.values(), rows, strict=True):
        cells = row.select("td")
        assert cells[0].get_text().strip() == industry.name
        for tech, cell in zip(techs, cells[2:], strict=True):
            expected = {f"../../industries/{industry.id}/#{u.id}" for u in industry.uses if u.technology == tech.id}
            assert {a["href"] for a in cell.select("a")} == expected, (industry.id, tech.id)
            assert cell["data-sort"] == str(len(expected))


def test_industry_matrix_is_sortable_with_a_local_script(built_site: Path) -> None:
    soup = read_page(built_site, "compare/technology-by-industry")
    scripts = [s.get("src", "") for s in soup.select("script[src]")]
    assert "../../assets/javascripts/table-sort.js" in scripts
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)
    assert (built_site / "assets/vendor/tablesort/tablesort.min.js").is_file()
    assert soup.select('th[data-sort-method="number"]')


def test_no_script_holds_up_the_first_paint(built_site: Path) -> None:
    """Every script file is deferred (Material's bundle too), so a page paints before any script runs."""
    for url_path in ["", "technologies/rnn", "compare", "compare/technology-by-industry", "guide", "glossary"]:
        for script in read_page(built_site, url_path).select("script[src]"):
            assert script.has_attr("defer"), (url_path, script["src"])


def test_page_specific_scripts_load_only_on_their_pages(built_site: Path) -> None:
    """Every page downloads the site's few shared scripts; the picker, guide and sorting scripts only where used."""
    own_scripts = {"compare.js": "compare", "guide.js": "guide", "table-sort.js": "compare/technology-by-industry"}
    for name, home in own_scripts.items():
        for url_path in ["", "technologies/rnn", "glossary", home]:
            scripts = [s.get("src", "") for s in read_page(built_site, url_path).select("script[src]")]
            assert any(s.endswith(f"/{name}") for s in scripts) == (url_path == home), (name, url_path)


# --- Open data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published_json(built_site: Path) -> dict:
    return json.loads((built_site / export.JSON_PATH).read_text(encoding="utf-8"))


def test_export_is_valid_against_its_published_schema(built_site: Path, published_json: dict) -> None:
    schema = json.loads((built_site / export.SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(published_json, schema, cls=jsonschema.Draft202012Validator)
    broken = {**published_json, "technologies": [{**published_json["technologies"][0], "colour": "blue"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def test_export_loads_back_to_the_same_data(built_site: Path, kb: KnowledgeBase) -> None:
    loaded = export.load_open_data((built_site / export.JSON_PATH).read_text(encoding="utf-8"))
    assert loaded.format_version == 1 and re.fullmatch(r"[0-9a-f]{12}", loaded.data_version)
    assert loaded.technologies == list(kb.technologies.values())
    assert loaded.industries == list(kb.industries.values())
    assert loaded.dimensions == list(kb.dimensions.values())
    assert loaded.sources == list(kb.sources.values())
    assert loaded.regulations == list(kb.regulations.values())
    assert loaded.glossary == list(kb.glossary.values())
    assert loaded.confusions == list(kb.confusions.values())
    assert loaded.comparisons == list(kb.comparisons.values())


def test_csv_tables_load_back_to_the_same_data(built_site: Path, kb: KnowledgeBase) -> None:
    folder = built_site / export.CSV_FOLDER
    tables = {path.stem: export.read_csv(path.read_text(encoding="utf-8")) for path in folder.glob("*.csv")}
    assert set(tables) == set(export.CSV_COLUMNS)
    rebuilt = export.records_from_csv(tables)
    assert rebuilt["technologies"] == list(kb.technologies.values())
    assert rebuilt["industries"] == list(kb.industries.values())
    assert rebuilt["sources"] == list(kb.sources.values())
    assert rebuilt["glossary"] == list(kb.glossary.values())
    assert rebuilt["confusions"] == list(kb.confusions.values())
    assert rebuilt["regulations"] == list(kb.regulations.values())
    assert rebuilt["comparisons"] == list(kb.comparisons.values())


def test_data_version_changes_with_the_content(kb: KnowledgeBase) -> None:
    document = export.open_data_document(kb)
    content = {k: v for k, v in document.items() if k not in {"format_version", "data_version", "licence"}}
    changed = json.loads(json.dumps(content))
    changed["technologies"][0]["summary"] += " Changed."
    assert export.data_version(content) == document["data_version"] != export.data_version(changed)


def test_data_page_links_every_file_and_states_the_licence(built_site: Path) -> None:
    page = built_site / "open-data/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    published = {path.relative_to(built_site).as_posix() for path in (built_site / "data").rglob("*.*")}
    linked = set()
    for link in soup.select("article a[href]"):
        target, _ = resolve(built_site, page, link["href"])
        if target.is_relative_to(built_site.resolve() / "data"):
            linked.add(target.relative_to(built_site.resolve()).as_posix())
    assert linked == published
    assert "CC BY 4.0" in article_text(soup)


# --- Page quality ---------------------------------------------------------------------------------


def test_every_page_has_one_h1_a_matching_title_and_a_unique_description(built_site: Path) -> None:
    descriptions: dict[str, Path] = {}
    for page in content_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert len(soup.select("article h1")) == 1, page
        title = soup.title.get_text()
        assert title == SITE_NAME or title.endswith(f" - {SITE_NAME}"), (page, title)
        description = soup.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 40, page
        assert description["content"] not in descriptions, (page, descriptions.get(description["content"]))
        descriptions[description["content"]] = page
        assert soup.find("meta", attrs={"name": "viewport"}), page


def test_data_pages_take_their_description_from_data(built_site: Path, kb: KnowledgeBase) -> None:
    for tech in kb.technologies.values():
        meta = read_page(built_site, f"technologies/{tech.id}").find("meta", attrs={"name": "description"})
        assert meta["content"] == flat(tech.summary)
    for industry in kb.industries.values():
        meta = read_page(built_site, f"industries/{industry.id}").find("meta", attrs={"name": "description"})
        assert meta["content"] == flat(industry.summary)


def test_pages_show_a_last_updated_date(built_site: Path) -> None:
    for url in ("technologies/rnn", "industries/retail", "glossary", "compare/rnn-vs-cnn"):
        fact = read_page(built_site, url).select_one(".md-source-file")
        assert fact is not None and re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", fact.get_text()), url


def test_the_404_page_helps(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text() == f"Page not found - {SITE_NAME}"
    hrefs = [a["href"] for a in soup.select("article a")]
    for section in ("technologies/", "compare/", "industries/", "glossary/"):
        assert any(href.endswith(section) and href.startswith("/") for href in hrefs), section
