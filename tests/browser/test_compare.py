"""The compare page in a real browser: the choice is the address, the table is the same for whoever opens it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .test_accessibility import axe_violations


def chosen(page: Page) -> list[str]:
    """The technologies in the address, in order."""
    query = parse_qs(urlsplit(page.url).query)
    return query.get("t", [""])[0].split(",") if "t" in query else []


def table_rows(page: Page) -> list[list[str]]:
    """The comparison table as text: header row first."""
    table = page.locator(".picker__result table")
    expect(table).to_be_visible()
    return table.locator("tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.innerText.replace(/\\s*#\\s*$/, '').trim()))"
    )


def technology_box(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(".picker__form").get_by_label(name, exact=False).first


def test_a_shared_link_opens_on_its_table(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=rnn,lstm,transformer")
    rows = table_rows(page)
    assert rows[0] == ["Dimension", "RNN", "LSTM", "Transformer"]
    labels = [row[0] for row in rows[1:]]
    assert labels[0] == "Focus" and "Core operation" in labels and "Sampling speed" not in labels
    focus = rows[1]
    assert all(len(cell) > 40 for cell in focus[1:]), "each cell holds a sourced value"
    expect(page.locator(".picker__result table a[href*='/references/'][href*='#source-']").first).to_be_visible()
    expect(page.locator(".picker__status")).to_have_text("Comparing RNN, LSTM, Transformer on 19 rows.")


def test_values_match_the_technology_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=cnn,vit")
    value, sources = page.locator("#compare-focus td").nth(1).inner_text().split("\n")[:2]
    page.goto(f"{site_url}technologies/cnn/")
    on_its_page = page.locator("#row-focus td").nth(1).inner_text().split("\n")
    assert on_its_page[0] == value and on_its_page[1].startswith(sources.split("; checked")[0])


def test_adding_and_removing_changes_the_address_and_back_restores_it(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=rnn,lstm")
    page.locator("[data-picker-toggle]").click()
    technology_box(page, "Transformer").check()
    expect(page).to_have_url(f"{site_url}compare/?t=rnn,transformer,lstm")
    # The address changes at once; the table once Transformer's data has arrived (the old one shows until then).
    expect(page.locator(".picker__status")).to_contain_text("Comparing RNN, Transformer, LSTM")
    assert table_rows(page)[0] == ["Dimension", "RNN", "Transformer", "LSTM"]
    technology_box(page, "Recurrent neural network").uncheck()
    expect(page).to_have_url(f"{site_url}compare/?t=transformer,lstm")
    page.go_back()
    expect(page).to_have_url(f"{site_url}compare/?t=rnn,transformer,lstm")
    expect(page.locator(".picker__result th").nth(1)).to_have_text("RNN")
    expect(technology_box(page, "Recurrent neural network")).to_be_checked()
    page.reload()
    assert table_rows(page)[0] == ["Dimension", "RNN", "Transformer", "LSTM"]


def test_choosing_rows_puts_them_in_the_address(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=gan,vae&d=sampling_speed,training_stability")
    assert [row[0] for row in table_rows(page)[1:]] == ["Training stability", "Sampling speed"]


def test_unknown_ids_are_left_out_with_a_visible_note(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=cnn,no-such-thing,rnn")
    expect(page.locator(".picker__status")).to_contain_text("Not found, so left out: no-such-thing")
    assert table_rows(page)[0] == ["Dimension", "CNN", "RNN"]


def test_rows_that_do_not_apply_say_so(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=rag,transformer")
    row = page.locator("#compare-core-operation td")
    expect(row.nth(1)).to_have_text("Does not apply")


def test_a_row_link_survives_the_picker(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/?t=rnn,lstm,transformer#compare-long-range-dependencies")
    expect(page.locator("#compare-long-range-dependencies")).to_be_in_viewport()


def test_the_picker_works_with_the_keyboard_only(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}compare/")
    first = page.locator('.picker__form input[name="t"]').first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator(".picker__result table")).to_be_visible()
    assert len(chosen(page)) == 2
    expect(page.locator(".picker__status")).to_contain_text("Comparing")


def test_the_copy_button_copies_the_address(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}compare/?t=ml,dl")
    page.locator("[data-picker-toggle]").click()
    page.get_by_role("button", name="Copy link to this comparison").click()
    expect(page.locator(".picker__status")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}compare/?t=ml,dl"


def test_a_three_way_comparison_loads_only_what_it_shows(page: Page, site_url: str) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(f"{site_url}compare/?t=rnn,lstm,transformer")
    table_rows(page)
    data = sorted(url.rsplit("/", 1)[1] for url in loaded if "/compare/data/" in url)
    assert data == ["lstm.json", "rnn.json", "transformer.json"]


def test_on_a_phone_the_comparison_is_cards(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}compare/?t=rnn,lstm,transformer")
    expect(phone.locator(".picker__result table")).to_be_visible()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert phone.locator(".picker__result tbody tr").first.evaluate("el => getComputedStyle(el).display") == "block"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_picker_is_accessible(page: Page, site_url: str, axe_source: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}compare/?t=rnn,lstm,transformer")
    table_rows(page)
    page.locator("[data-picker-toggle]").click()
    assert axe_violations(page, axe_source) == []


def test_without_javascript_the_page_lists_every_comparison(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}compare/")
    expect(page.locator("#compare-picker")).to_be_hidden()
    expect(page.locator("article").get_by_role("link", name="RAG vs fine-tuning", exact=True)).to_be_visible()
    expect(page.locator("article").get_by_role("link", name="GAN vs VAE vs diffusion model")).to_be_visible()
    context.close()
