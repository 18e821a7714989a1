"""The "Which should I use?" guide in a real browser: answers filter the rules and live in the address."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect


def visible_rules(page: Page) -> list[dict[str, str]]:
    return page.locator(".guide__rule:visible").evaluate_all("els => els.map(e => JSON.parse(e.dataset.when))")


def test_answers_in_the_address_show_only_the_rules_that_fit(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}guide/?input=text&labels=few")
    expect(page.locator(".guide__status")).to_contain_text("rules fit your answers")
    shown = visible_rules(page)
    assert shown, "some rule fits text with few labels"
    for when in shown:
        assert when.get("input", "text") == "text" and when.get("labels", "few") == "few"
        assert set(when) <= {"input", "labels"}, "a rule that needs an unanswered question is not shown"


def test_choosing_an_answer_updates_the_address_and_the_rules(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}guide/")
    total = page.locator(".guide__rule").count()
    assert len(visible_rules(page)) == total, "with no answer every rule is listed"
    page.get_by_role("group", name="Must answers reflect facts that change after training?").get_by_label("Yes").check()
    expect(page).to_have_url(f"{site_url}guide/?current=yes")
    shown = visible_rules(page)
    assert shown and all(when == {"current": "yes"} for when in shown)
    expect(page.locator(".guide__rule:visible").first).to_contain_text("Retrieval-augmented generation")
    page.go_back()
    expect(page).to_have_url(f"{site_url}guide/")
    assert len(visible_rules(page)) == total


def test_every_rule_has_a_reason_and_sources_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}guide/")
    expect(page.locator("#guide")).to_be_hidden()
    rules = page.locator(".guide__rule")
    assert rules.count() >= 18
    for index in range(rules.count()):
        rule = rules.nth(index)
        assert json.loads(rule.get_attribute("data-when"))
        assert rule.locator(".provenance a").count() >= 1 and rule.locator("strong + a, a").count() >= 1
    context.close()
