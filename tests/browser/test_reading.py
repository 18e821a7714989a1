"""The reader's experience in a real browser: phones, the hierarchy figure, quiet tooltips, search that answers, light pages."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from .conftest import PAGE_KINDS
from .test_browser import result_paths

PHONE_WIDTH = 390
INDEX = "search/search_index.json"


def open_search(page: Page) -> None:
    """Put the cursor in the search box, as a reader clicking it would."""
    page.locator(".md-search__input").click()


@pytest.mark.parametrize(("kind", "path"), PAGE_KINDS, ids=[kind for kind, _ in PAGE_KINDS])
def test_no_page_scrolls_sideways_on_a_phone_and_reading_tables_fit(phone: Page, site_url: str, kind: str, path: str) -> None:
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{kind}: the page is {width}px wide on a {PHONE_WIDTH}px phone"
    too_wide = phone.evaluate(
        """(limit) => [...document.querySelectorAll('article table[data-cards]')]
            .filter(t => t.getBoundingClientRect().right > limit + 1).length""",
        PHONE_WIDTH,
    )
    assert too_wide == 0, f"{kind}: {too_wide} reading table(s) wider than the screen"


# The tallest page of each kind a reader has to finish on a phone, and the height it must stay within.
PHONE_HEIGHT_LIMITS = [
    ("technologies/llm/", 9_000),
    ("technologies/transformer/", 9_000),
    ("industries/healthcare/", 12_000),
    ("industries/finance/", 12_000),
    ("regulations/", 12_000),
]


@pytest.mark.parametrize(("path", "limit"), PHONE_HEIGHT_LIMITS, ids=[path for path, _ in PHONE_HEIGHT_LIMITS])
def test_long_pages_stay_short_enough_to_finish_on_a_phone(phone: Page, site_url: str, path: str, limit: int) -> None:
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    height = phone.evaluate("() => document.documentElement.scrollHeight")
    assert height <= limit, f"{path} is {height}px tall on a phone; fold detail to stay within {limit}px"


def test_the_matrix_scrolls_in_its_own_box_with_its_first_column_in_view(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "compare/technology-by-industry/")
    box = phone.locator(".matrix-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the matrix should be wider than a phone"
    first_cell = phone.locator("table.sortable tbody tr td").first
    left_before = first_cell.bounding_box()["x"]
    box.evaluate("el => el.scrollBy(300, 0)")
    phone.wait_for_timeout(100)
    assert abs(first_cell.bounding_box()["x"] - left_before) < 2, "the first column should stay in view"
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_sorting_the_matrix_shows_the_sort_state(page: Page, site_url: str) -> None:
    page.goto(site_url + "compare/technology-by-industry/")
    header = page.locator("table.sortable th", has_text="Uses")
    assert header.get_attribute("aria-sort") is None
    header.click()
    first = header.get_attribute("aria-sort")
    assert first in {"ascending", "descending"}
    arrow = header.evaluate("el => getComputedStyle(el, '::after').content")
    assert arrow == ('" \u25b2"' if first == "ascending" else '" \u25bc"')
    header.click()
    assert header.get_attribute("aria-sort") == ({"ascending", "descending"} - {first}).pop()


def test_home_page_answers_in_the_first_phone_screen(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    for name in ("Machine learning", "Deep learning", "Generative AI", "Large language model"):
        entry = phone.locator(".short-answer__name a", has_text=name).first
        expect(entry).to_be_in_viewport()
    font = phone.locator(".short-answer__line").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert font >= 12


def test_every_box_of_the_hierarchy_figure_opens_its_page(page: Page, site_url: str) -> None:
    page.goto(site_url)
    links = page.locator("figure.hierarchy .hierarchy__name a")
    assert links.count() >= 20
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    links.filter(has_text="Long short-term memory").click()
    expect(page.locator("article h1")).to_contain_text("Long short-term memory")


def test_hierarchy_text_is_readable_on_a_phone(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    sizes = phone.locator("figure.hierarchy .hierarchy__name a").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 12


def test_no_tooltip_inside_titles_of_works_rule_names_or_table_headers(page: Page, site_url: str) -> None:
    page.goto(site_url + "references/v/")
    assert page.locator("article cite, article p.reference").count() > 0
    assert page.locator("article .term").count() == 0, "the references are titles of works and citations"
    for path in ("industries/healthcare/", "technologies/transformer/", "regulations/"):
        page.goto(site_url + path)
        nested = page.locator("article :is(th, td[role=rowheader], h1, h2, h3, cite, .provenance) .term")
        assert nested.count() == 0, path


def test_tooltip_text_is_body_sized(page: Page, site_url: str) -> None:
    page.goto(site_url + "technologies/rnn/")
    term = page.locator("article a.term").first
    term.hover()
    tooltip = page.locator("[role=tooltip]").first
    expect(tooltip).to_be_visible()
    assert tooltip.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 14


def test_a_tap_on_a_term_shows_its_definition_below_the_text(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "technologies/rnn/")
    term = phone.locator("article .term").nth(2)
    term.evaluate("element => element.scrollIntoView({block: 'center'})")  # room below it for the panel
    term_box = term.bounding_box()
    term.tap()
    panel = phone.locator(".term-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".term-panel__text")).not_to_be_empty()
    assert panel.bounding_box()["y"] > term_box["y"] + term_box["height"], "the panel must not cover the line being read"
    expect(phone).to_have_url(site_url + "technologies/rnn/")  # the tap did not navigate away


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("transformer vs rnn", "/compare/rnn-vs-transformer/"),
        ("RNN vs Transformer", "/compare/rnn-vs-transformer/"),
        ("gan vs vae", "/compare/gan-vs-vae-vs-diffusion/"),  # the curated group answers before the generated pair page
        ("diffusion vs gan", "/compare/gan-vs-vae-vs-diffusion/"),
        ("convolutional neural network vs recurrent neural networks", "/compare/rnn-vs-cnn/"),
        ("gan vs vae vs diffusion", "/compare/gan-vs-vae-vs-diffusion/"),
        ("lstm or gru", "/compare/lstm-vs-gru/"),
        ("rag vs fine-tuning", "/compare/fine-tuning-vs-rag/"),
        ("bert vs gpt", "/compare/decoder-only-vs-encoder-only/"),
        ("ai vs ml", "/compare/ai-vs-ml-vs-dl-vs-genai/"),
    ],
)
def test_a_pair_query_puts_the_comparison_first(page: Page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_have_attribute("class", "md-search-result__item aicompare-shortcut")
    assert result_paths(page)[0] == expected


@pytest.mark.parametrize(("query", "anchor"), [("GDPR", "gdpr"), ("HIPAA", "hipaa"), ("EU AI Act", "eu-ai-act")])
def test_a_rule_name_finds_the_rules_page_first(page: Page, site_url: str, query: str, anchor: str) -> None:
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially(query)
    expect(page.locator(".aicompare-shortcut")).to_have_count(1)
    assert result_paths(page)[0] == f"/regulations/#{anchor}"


def test_a_confusion_is_found_by_its_topic(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially("llm vs generative ai")
    expect(page.locator(".aicompare-shortcut").first).to_be_visible()
    assert result_paths(page, limit=1) == ["/topics/confusions/#llm-vs-generative-ai"]


def test_a_glossary_result_leads_with_the_definition(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially("tokenization")
    entry = page.locator('.md-search-result__item a[href*="#tokenization"] article').first
    expect(entry).to_contain_text("Splitting raw text")
    assert "Related:" not in entry.inner_text() and "Sources:" not in entry.inner_text()


def test_no_search_index_request_before_the_reader_searches(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "technologies/cnn/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert not [url for url in requests if INDEX in url or "/workers/search." in url], requests
    with page.expect_request(lambda request: INDEX in request.url):
        open_search(page)


def test_a_query_typed_before_the_index_is_ready_gets_its_results(page: Page, site_url: str) -> None:
    def slow_index(route):  # type: ignore[no-untyped-def]
        time.sleep(1.5)  # not page.wait_for_timeout: the page may close while the route is held
        route.continue_()

    page.route(f"**/{INDEX}", slow_index)
    page.goto(site_url + "glossary/")
    open_search(page)
    page.locator(".md-search__input").press_sequentially("backpropagation")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert any("backpropagation" in path for path in result_paths(page, limit=5))
    page.unroute_all(behavior="ignoreErrors")


def test_contributor_controls_are_not_in_the_reading_text_or_the_index(page: Page, site_url: str) -> None:
    page.goto(site_url + "technologies/cnn/")
    prose = page.locator("article > p").all_inner_texts()
    assert not any("Edit this data" in text or "data/technologies" in text for text in prose)
    index = page.request.get(site_url + INDEX).json()
    reading = [doc for doc in index["docs"] if not doc["location"].startswith(("contributing/", "open-data/"))]
    assert not any("Edit data" in doc["text"] or "data/technologies/" in doc["text"] for doc in reading)


def _curated() -> list[tuple[str, str]]:
    """(title, page path) for every curated comparison in the data."""
    from aicompare import DATA_DIR
    from aicompare.loader import load_knowledge_base
    from aicompare.render.pairs import ordered_pair

    kb = load_knowledge_base(DATA_DIR)
    found = []
    for comparison in kb.comparisons.values():
        slug = comparison.id if len(comparison.technologies) > 2 else "-vs-".join(ordered_pair(kb, *comparison.technologies))
        found.append((comparison.title, f"/compare/{slug}/"))
    return found


# How readers phrase the most-asked comparisons, and the technologies they mean.
READER_PHRASINGS = [
    ("generative vs predictive ai", {"genai", "ml"}),
    ("small vs large language models", {"slm", "llm"}),
    (
        "supervised vs unsupervised vs reinforcement learning",
        {"supervised-learning", "unsupervised-learning", "reinforcement-learning"},
    ),
    ("mamba vs transformer", {"ssm", "transformer"}),
    ("AI agents vs chatbots and LLMs", {"agents", "llm"}),
    ("vision transformer vs cnn", {"vit", "cnn"}),
    ("llm vs nlp", {"nlp", "llm"}),
    ("diffusion model vs llm", {"diffusion", "llm"}),
]


@pytest.mark.parametrize(("query", "expected"), _curated(), ids=[title for title, _ in _curated()])
def test_every_curated_comparison_is_found_first_by_its_title(page: Page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially(query)
    expect(page.locator(".aicompare-shortcut").first).to_be_visible()
    assert result_paths(page)[0] == expected


@pytest.mark.parametrize(("query", "ids"), READER_PHRASINGS, ids=[query for query, _ in READER_PHRASINGS])
def test_reader_phrasings_of_the_most_asked_comparisons_find_them_first(
    page: Page, site_url: str, query: str, ids: set[str]
) -> None:
    expected = next(path for title, path in _curated() if set(path.strip("/").split("/")[1].split("-vs-")) == ids)
    page.goto(site_url)
    open_search(page)
    page.locator(".md-search__input").press_sequentially(query)
    expect(page.locator(".aicompare-shortcut").first).to_be_visible()
    assert result_paths(page)[0] == expected


def test_cite_this_page_copies_a_citation_that_parses(page: Page, site_url: str) -> None:
    from pybtex.database import parse_string

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "technologies/gru/")
    page.locator("details.cite summary").click()
    page.get_by_role("button", name="Copy the BibTeX citation").click()
    expect(page.get_by_role("button", name="Copy the BibTeX citation")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    entry = next(iter(parse_string(copied, "bibtex").entries.values()))
    assert entry.fields["title"] == "Gated recurrent unit" and entry.fields["url"].endswith("/technologies/gru/")


def test_every_value_offers_a_fix_link_to_its_line(page: Page, site_url: str) -> None:
    page.goto(site_url + "technologies/gru/")
    links = page.locator("#row-outlook a.fix-link")
    expect(links).to_have_count(1)
    assert "/blob/main/data/technologies/gru.yml#L" in links.get_attribute("href")
    profile = page.locator('table[aria-label^="Profile of Gated recurrent unit"]')
    assert profile.locator("a.fix-link").count() == profile.locator("tbody tr").count() == 19, "one fix control per card"
