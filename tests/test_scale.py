"""What keeps a page's size bounded when the data grows: the nav, the industry matrix and the compare lists."""

from __future__ import annotations

from aicompare.knowledge import KnowledgeBase
from aicompare.paths import INDUSTRIES_INDEX, TECHNOLOGIES_INDEX, industry_page, kind_page, technology_page
from aicompare.render.markdown import PageContext
from aicompare.render.matrix import MATRIX_CELL_LIMIT, technology_industry_matrix
from aicompare.render.picker import comparison_lists
from aicompare.site import navigation
from aicompare.site.pages import kind_page_data_files, kind_pages

from .factories import tiny_kb

MATRIX_PAGE = PageContext("compare/technology-by-industry.md")


def grown_kb(architectures: int, industries: int) -> KnowledgeBase:
    """tiny_kb with `architectures` extra copies of 'beta' and `industries` extra copies of 'trade' (each using 'alpha')."""
    kb = tiny_kb()
    beta, trade = kb.technologies["beta"], kb.industries["trade"]
    for k in range(architectures):
        kb.technologies[f"beta-{k}"] = beta.model_copy(update={"id": f"beta-{k}", "name": f"Beta network {k}"})
    for k in range(industries):
        kb.industries[f"trade-{k}"] = trade.model_copy(update={"id": f"trade-{k}", "name": f"Trade {k}"})
    return kb


def nav_group(entries: list, title: str):
    return next(entry[title] for entry in entries if isinstance(entry, dict) and title in entry)


def test_nav_lists_every_page_while_groups_are_small() -> None:
    kb = grown_kb(architectures=3, industries=3)
    technologies = navigation.technology_entries(kb)
    assert technologies[0] == TECHNOLOGIES_INDEX
    assert nav_group(technologies, "Architectures") == [
        {"Beta network": technology_page("beta")},
        *({f"Beta network {k}": technology_page(f"beta-{k}")} for k in range(3)),
    ]
    assert len(navigation.industry_entries(kb)) == 1 + 4
    assert navigation.pages_left_out(kb) == set() and kind_pages(kb) == {}


def test_a_kind_too_large_for_the_nav_is_shown_by_its_own_list_page() -> None:
    kb = grown_kb(architectures=navigation.NAV_GROUP_LIMIT, industries=0)
    technologies = navigation.technology_entries(kb)
    assert nav_group(technologies, "Architectures") == kind_page("architecture")
    assert nav_group(technologies, "Fields") == [{"Alpha learning": technology_page("alpha")}]
    architecture_pages = {technology_page(t) for t, tech in kb.technologies.items() if tech.kind == "architecture"}
    assert navigation.pages_left_out(kb) == architecture_pages

    page = kind_pages(kb)[kind_page("architecture")]
    assert "# Architectures" in page.source and "render_macros: false" in page.source
    body = page.with_body("", kb, PageContext(kind_page("architecture")))
    assert all(f"(../{t.removeprefix('technologies/')})" in body for t in architecture_pages)
    assert "alpha.md" not in body
    kb.files.update({("technologies", t): f"data/technologies/{t}.yml" for t in kb.technologies})
    dated_by = kind_page_data_files(kb, kind_page("architecture"))
    assert sorted(dated_by or []) == sorted(f"data/{page.removesuffix('.md')}.yml" for page in architecture_pages)
    assert kind_page_data_files(kb, technology_page("alpha")) is None


def test_too_many_industries_leave_only_the_index_in_the_nav() -> None:
    kb = grown_kb(architectures=0, industries=navigation.NAV_GROUP_LIMIT)
    assert navigation.industry_entries(kb) == [INDUSTRIES_INDEX]
    assert navigation.pages_left_out(kb) == {industry_page(i) for i in kb.industries}


def test_the_industry_matrix_has_a_column_per_technology_while_it_fits() -> None:
    kb = grown_kb(architectures=2, industries=2)
    matrix = technology_industry_matrix(kb, MATRIX_PAGE)
    assert matrix.count("<th ") == 2 + len(kb.technologies)
    assert matrix.count("<tr ") == 1 + len(kb.industries)


def test_a_matrix_too_large_to_read_becomes_a_list_of_uses_by_technology() -> None:
    kb = grown_kb(architectures=MATRIX_CELL_LIMIT // 4, industries=3)
    assert len(kb.technologies) * len(kb.industries) > MATRIX_CELL_LIMIT
    listing = technology_industry_matrix(kb, MATRIX_PAGE)
    assert listing.count("<th ") == 3
    assert listing.count("<tr ") == 1 + 1, "one row: only 'alpha' has uses"
    assert all(f"(../industries/{i}.md#the-use)" in listing for i in kb.industries)
    assert "beta" not in listing
    assert f"With {len(kb.industries)} industries and {len(kb.technologies)} technologies" in listing


def test_compare_page_lists_only_the_pairs_that_have_a_page() -> None:
    kb = grown_kb(architectures=1, industries=0)
    page = PageContext("compare/index.md")
    assert "Every pair with a page" not in comparison_lists(kb, page, [])
    listed = comparison_lists(kb, page, [("alpha", "beta"), ("beta", "beta-0")])
    assert "- **AL**: [AL vs Beta network](alpha-vs-beta.md)" in listed
    assert "- **Beta network**: [Beta network vs Beta network 0](beta-vs-beta-0.md)" in listed
