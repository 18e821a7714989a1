"""Renderers turn data into Markdown that renders literally, never breaks a table and runs nothing."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from aicompare.render import bibliography, diagram, regulations, tables
from aicompare.render.markdown import PageContext, table, text

from .factories import HOSTILE, tiny_kb

PAGE = PageContext("technologies/alpha.md", "https://example.org/repo/edit/main/")


def to_html(markdown_text: str) -> BeautifulSoup:
    """Render Markdown the way the site does (tables, attribute lists, HTML inside Markdown)."""
    html = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "md_in_html"])
    return BeautifulSoup(html, "html.parser")


def test_escaped_text_renders_literally() -> None:
    soup = to_html(text(HOSTILE))
    assert soup.find("script") is None
    assert soup.find("strong") is None and soup.find("em") is None and soup.find("a") is None
    rendered = soup.get_text()
    assert "<script>alert(1)</script>" in rendered
    assert "{{ config.site_name }}" in rendered
    assert "\n" not in text(HOSTILE)


def test_hostile_value_keeps_profile_table_intact() -> None:
    soup = to_html(tables.technology_profile(tiny_kb(HOSTILE), PAGE, "alpha"))
    profile = soup.find("table", attrs={"aria-label": lambda label: bool(label) and label.startswith("Profile of")})
    rows = profile.find_all("tr")
    assert len(rows) == 2, "header plus one dimension row"
    assert all(len(row.find_all(["td", "th"])) == 2 for row in rows)
    assert HOSTILE.replace("\n", " ") in rows[1].find_all("td")[1].get_text()
    assert soup.find("script") is None


def test_hostile_value_in_industry_uses_and_references() -> None:
    kb = tiny_kb(HOSTILE)
    for markdown_text in (
        tables.industry_uses(kb, PageContext("industries/trade.md"), "trade"),
        regulations.industry_regulations(kb, PageContext("industries/trade.md"), "trade"),
        tables.technology_uses(kb, PAGE, "alpha"),
        bibliography.references_list(kb, PageContext("references/p.md"), "p"),
    ):
        soup = to_html(markdown_text)
        assert soup.find("script") is None
        assert "<script>alert(1)</script>" in soup.get_text()
        for row in soup.find_all("tr"):
            assert len(row.find_all(["td", "th"])) == len(row.find_parent("table").find("tr").find_all(["td", "th"]))


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError):
        table(["a", "b"], [["only one"]])


def row_label(row: BeautifulSoup) -> str:
    """The first cell's text without the row's own link ('#')."""
    return row.find("td").get_text().replace("#", "").strip()


def test_reading_tables_carry_what_the_card_layout_needs() -> None:
    """On a phone each row becomes a card: cells must name their column, rows must be linkable."""
    soup = to_html(table(["Dimension", "A", "B"], [["Focus", "x", "y"]], row_ids=["row-focus"], label="Side by side"))
    row = soup.find("tbody").find("tr")
    assert soup.find("table")["data-cards"] == "rows" and soup.find("table")["aria-label"] == "Side by side"
    assert row["id"] == "row-focus" and row.find("a", class_="row-link")["href"] == "#row-focus"
    assert [td.get("data-label") for td in row.find_all("td")] == [None, "A", "B"]
    assert to_html(table(["Aspect", "Detail"], [["Kind", "x"]])).find("table")["data-cards"] == "pairs"


def test_a_date_shared_by_every_row_is_said_once() -> None:
    soup = to_html(tables.technology_profile(tiny_kb(), PAGE, "alpha"))
    assert soup.find("p", class_="table-note").get_text() == "Values checked 2026-11-01, unless a row says otherwise."
    assert "2026-11-01" not in soup.find_all("table")[1].get_text()


def test_comparison_marks_dimensions_that_do_not_apply() -> None:
    soup = to_html(tables.comparison_table(tiny_kb(), PAGE, ["alpha", "beta"], ["focus", "core_operation"]))
    body = soup.find("table").find_all("tr")[1:]
    cells = {row_label(row): [td.get_text() for td in row.find_all("td")[1:]] for row in body}
    assert cells["Core operation"][0] == "Does not apply"
    assert cells["Core operation"][1].startswith("Unknown: Not yet known.")


def test_comparison_defaults_to_shared_dimensions() -> None:
    soup = to_html(tables.comparison_table(tiny_kb(), PAGE, ["alpha", "beta"]))
    labels = [row_label(row) for row in soup.find("table").find_all("tr")[1:]]
    assert labels == ["Focus"]


def test_unknown_ids_fail_with_a_hint() -> None:
    with pytest.raises(KeyError, match="did you mean 'alpha'"):
        tables.technology_profile(tiny_kb(), PAGE, "alpah")
    with pytest.raises(KeyError, match="unknown dimension 'focuss'"):
        tables.comparison_table(tiny_kb(), PAGE, ["alpha"], ["focuss"])


def test_links_are_relative_to_the_page() -> None:
    soup = to_html(tables.technology_profile(tiny_kb(), PAGE, "beta"))
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "../references/p.md#source-paper2020" in hrefs
    assert "alpha.md" in hrefs
    assert "https://example.org/repo/edit/main/data/technologies/beta.yml" in hrefs


def test_every_table_has_an_edit_link() -> None:
    kb = tiny_kb()
    outputs = [
        tables.technology_profile(kb, PAGE, "alpha"),
        tables.comparison_table(kb, PAGE, ["alpha", "beta"]),
        tables.technology_uses(kb, PAGE, "alpha"),
        tables.industry_uses(kb, PageContext("industries/trade.md", PAGE.edit_base), "trade"),
        regulations.industry_regulations(kb, PageContext("industries/trade.md", PAGE.edit_base), "trade"),
        tables.technology_list(kb, PageContext("technologies/index.md", PAGE.edit_base)),
    ]
    for output in outputs:
        notes = to_html(output).select("p.data-note a")
        assert notes and all(a["href"].startswith("https://example.org/repo/") for a in notes)


def test_short_citation_forms() -> None:
    source = tiny_kb().sources["paper2020"]
    assert tables.short_citation(source) == "Lovelace et al. 2020"
    two = source.model_copy(update={"authors": ["Diederik P. Kingma", "Max Welling"]})
    assert tables.short_citation(two) == "Kingma and Welling 2020"
    particle = source.model_copy(update={"authors": ["Aaron van den Oord"]})
    assert tables.short_citation(particle) == "van den Oord 2020"


def test_hierarchy_figure_puts_each_box_inside_its_parent_and_links_it() -> None:
    soup = to_html(diagram.hierarchy_figure(tiny_kb(), PageContext("index.md")))
    top = soup.select("figure.hierarchy > ul > li")
    assert [li.find("a").get_text() for li in top] == ["Alpha learning (AL)"]
    inner = top[0].select(":scope > ul > li")
    assert [li.find("a").get_text() for li in inner] == ["Beta network"]
    assert [a["href"] for a in soup.select(".hierarchy__name a")] == ["technologies/alpha.md", "technologies/beta.md"]


def test_hierarchy_figure_escapes_names() -> None:
    kb = tiny_kb()
    kb.technologies["beta"] = kb.technologies["beta"].model_copy(update={"name": HOSTILE})
    soup = to_html(diagram.hierarchy_figure(kb, PageContext("index.md")))
    assert soup.find("script") is None and "<script>alert(1)</script>" in soup.get_text()
