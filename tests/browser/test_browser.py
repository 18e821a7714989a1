"""What a reader does in a real browser: search, shared links, the compare matrix, tooltips, phone navigation, dark mode."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, Request, expect

from .conftest import PAGE_KINDS


def result_paths(page: Page, limit: int = 3) -> list[str]:
    """Paths (with fragment, without query) of the first search results."""
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item:not([hidden]) > a", "els => els.map(e => e.href)"
    )
    paths = []
    for href in hrefs[:limit]:
        parts = urlsplit(href)
        paths.append(parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
    return paths


def search(page: Page, site_url: str, query: str) -> list[str]:
    """Type a query into the search box once the search index has loaded; return the top result paths."""
    page.goto(site_url)
    box = page.locator(".md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search")
    box.press_sequentially(query)
    return result_paths(page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Transformer", "/technologies/transformer/"),
        ("LLM", "/technologies/llm/"),
        ("GAN", "/technologies/gan/"),
        ("VAE", "/technologies/vae/"),
        ("recurrent neural network", "/technologies/rnn/"),
        ("diffusion", "/technologies/diffusion/"),
        ("deep learning", "/technologies/dl/"),
    ],
)
def test_searching_a_technology_shows_its_page_first(page: Page, site_url: str, query: str, expected: str) -> None:
    assert search(page, site_url, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "anchor"),
    [
        ("tokenization", "tokenization"),
        ("tokenisation", "tokenization"),
        ("backpropagation", "backpropagation"),
        ("hallucination", "hallucination"),
        ("mode collapse", "mode-collapse"),
    ],
)
def test_searching_a_term_or_variant_finds_its_glossary_entry_first(page: Page, site_url: str, query: str, anchor: str) -> None:
    paths = search(page, site_url, query)
    # The entry itself comes first, opened at the term; Material's result for the same page is not repeated.
    assert paths[0] == f"/glossary/#{anchor}" and "/glossary/" not in paths[1:], paths


def test_a_shared_search_link_opens_with_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}?q=attention")
    expect(page.locator(".md-search__input")).to_have_value("attention")
    assert result_paths(page)


def test_a_pair_page_is_reachable_from_the_compare_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/")
    page.locator("article").get_by_role("link", name="RNN vs CNN", exact=True).first.click()
    expect(page).to_have_url(f"{site_url}compare/rnn-vs-cnn/")
    expect(page.locator("article h1")).to_contain_text("RNN vs CNN")


def test_the_industry_matrix_sorts_by_a_technology_column(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/technology-by-industry/")
    header = page.locator("table.sortable th", has_text="CNN").first
    header.click()
    header.click()  # second click: most uses first
    find_column = "(tr) => [...tr.children].findIndex(th => th.textContent.trim() === 'CNN')"
    column = page.eval_on_selector("table.sortable thead tr", find_column)
    counts = page.eval_on_selector_all(
        "table.sortable tbody tr", "(rows, index) => rows.map(r => Number(r.children[index].dataset.sort))", column
    )
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_page_scripts_run_when_instant_navigation_brings_the_page_in(page: Page, site_url: str) -> None:
    """The matrix's sort script and the picker's script load only on their pages, also when reached by a link."""
    page.goto(f"{site_url}compare/")
    assert not page.evaluate("() => 'Tablesort' in window")
    page.locator("article a[href$='technology-by-industry/']").first.click()
    expect(page).to_have_url(f"{site_url}compare/technology-by-industry/")
    header = page.locator("table.sortable th", has_text="Uses")
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    page.go_back()
    expect(page.locator("#compare-picker")).to_be_visible()


def test_a_glossary_tooltip_appears_on_hover(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}technologies/rnn/")
    term = page.locator("article a.term").first
    title = term.get_attribute("title")
    term.hover()
    tooltip = page.locator("[role=tooltip]").filter(has_text=title[:40])
    expect(tooltip).to_be_visible()


def test_navigation_works_at_a_phone_viewport(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}technologies/rnn/")
    drawer_button = phone.locator("label.md-header__button[for=__drawer]")
    expect(drawer_button).to_be_visible()
    drawer_button.click()
    sidebar = phone.locator(".md-sidebar--primary")
    expect(sidebar).to_be_in_viewport()
    sidebar.get_by_role("link", name="Convolutional neural network", exact=True).click()
    expect(phone).to_have_url(f"{site_url}technologies/cnn/")
    expect(phone.locator("article h1")).to_contain_text("Convolutional neural networks")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"


def test_the_light_dark_toggle_switches_the_scheme(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator("form[data-md-component=palette] label:visible")  # the one button shown for the current scheme
    expect(toggle).to_have_count(1)
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.parametrize(("kind", "path"), PAGE_KINDS, ids=[kind for kind, _ in PAGE_KINDS])
def test_no_console_errors_or_outside_requests(page: Page, site_url: str, kind: str, path: str) -> None:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # The deliberate 404 is reported by Chromium as a failed resource; anything else is an error.
        if message.type == "error" and not (kind == "not found" and "404" in message.text):
            problems.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"script error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    def on_request(request: Request) -> None:
        if not request.url.startswith((site_url, "data:", "blob:")):
            problems.append(f"outside request: {request.url}")

    page.on("request", on_request)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert not problems, problems
