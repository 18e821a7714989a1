"""The "Which should I use?" guide in a real browser: it narrows as the reader answers, and the answers live in the address."""

from __future__ import annotations

import itertools
import json
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from aicompare.knowledge import KnowledgeBase


def visible_rules(page: Page) -> list[dict[str, str]]:
    return page.locator(".guide__rule:visible").evaluate_all("els => els.map(e => JSON.parse(e.dataset.when))")


def consistent(when: dict[str, str], answers: dict[str, str]) -> bool:
    return all(answers.get(question, answer) == answer for question, answer in when.items())


def met(when: dict[str, str], answers: dict[str, str]) -> int:
    return sum(1 for question, answer in when.items() if answers.get(question) == answer)


def test_answers_in_the_address_show_every_consistent_rule_closest_first(page: Page, site_url: str) -> None:
    answers = {"input": "text", "labels": "few"}
    page.goto(f"{site_url}guide/?input=text&labels=few")
    expect(page.locator(".guide__status")).to_contain_text("consistent with your answers")
    shown = visible_rules(page)
    assert shown and all(consistent(when, answers) for when in shown)
    scores = [met(when, answers) for when in shown]
    assert scores == sorted(scores, reverse=True), "closest first"
    assert scores[0] == 2, "a rule for text with few labels leads"
    hidden = page.locator(".guide__rule[hidden]").evaluate_all("els => els.map(e => JSON.parse(e.dataset.when))")
    assert all(not consistent(when, answers) for when in hidden), "only contradicted rules are hidden"
    expect(page.locator(".guide__rule:visible .guide__open").first).to_be_hidden()  # the exact match has nothing open


def test_with_no_answers_the_guide_says_where_to_start(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}guide/")
    expect(page.locator(".guide__status")).to_contain_text("Start with")
    assert len(visible_rules(page)) == page.locator(".guide__rule").count()


def test_every_single_answer_leads_with_a_rule_that_uses_it(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    assert kb.guide is not None
    for question in kb.guide.questions:
        for answer in question.answers:
            page.goto(f"{site_url}guide/?{question.id}={answer.id}")
            expect(page.locator(".guide__status")).to_contain_text("consistent")
            first = visible_rules(page)[0]
            assert first.get(question.id) == answer.id, f"{question.id}={answer.id}: the first rule does not use the answer"


def test_when_nothing_fits_the_guide_names_the_answer_to_relax(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    assert kb.guide is not None
    rules = [rule.when for rule in kb.guide.rules]
    choices = [[(q.id, a.id) for a in q.answers] for q in kb.guide.questions]
    impossible = next(
        dict(combo) for combo in itertools.product(*choices) if not any(consistent(when, dict(combo)) for when in rules)
    )
    page.goto(f"{site_url}guide/?{urlencode(impossible)}")
    expect(page.locator(".guide__status")).to_contain_text("back to No preference")
    assert not visible_rules(page)
    page.locator(".guide__relax").click()
    expect(page.locator(".guide__status")).to_contain_text("consistent with your answers")
    assert visible_rules(page)


def test_choosing_an_answer_updates_the_address_and_the_rules(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}guide/")
    total = page.locator(".guide__rule").count()
    page.get_by_role("group", name="Must answers reflect facts that change after training?").get_by_label("Yes").check()
    expect(page).to_have_url(f"{site_url}guide/?current=yes")
    shown = visible_rules(page)
    assert shown and all(consistent(when, {"current": "yes"}) for when in shown)
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
