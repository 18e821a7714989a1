"""The "Which should I use?" guide: the questions as a form, and every rule as a readable, sourced list.

Without JavaScript the page is the rule set itself; guide.js turns the questions into a filter whose
answers are in the address (?input=text&labels=few) and shows only the rules that fit.
"""

from __future__ import annotations

import html
import json

from ..knowledge import KnowledgeBase
from ..models import Guide, GuideRule
from ..paths import COMPARE_INDEX, technology_page
from .markdown import PageContext, link, text
from .tables import citations

GUIDE_SCRIPT = "assets/javascripts/guide.js"


def condition_text(guide: Guide, rule: GuideRule) -> str:
    """'Your input is text, and you have a few or no labelled examples' style wording, from the questions."""
    parts = []
    for question in guide.questions:
        if question.id in rule.when:
            answer = next(a for a in question.answers if a.id == rule.when[question.id])
            parts.append(f"{text(question.text)} <em>{text(answer.label)}</em>")
    return "; ".join(parts)


def rule_item(kb: KnowledgeBase, page: PageContext, guide: Guide, rule: GuideRule) -> str:
    """One rule: when it applies, what fits, why, the sources, and a link to compare what it names."""
    techs = [kb.technologies[t] for t in rule.recommend]
    names = ", ".join(link(text(t.name), page.link_to(technology_page(t.id))) for t in techs)
    compare = ""
    if len(techs) > 1:
        compare = " " + link("Compare them", page.link_to(COMPARE_INDEX) + "?t=" + ",".join(rule.recommend))
    when = html.escape(json.dumps(rule.when, sort_keys=True), quote=True)
    return (
        f'<li class="guide__rule" id="rule-{rule.id}" data-when="{when}" markdown="span">'
        f'<span class="guide__if">{condition_text(guide, rule)}</span><br>'
        f"<strong>Consider:</strong> {names}. {text(rule.reason)}"
        f' <small class="provenance">({citations(kb, page, rule.sources)})</small>{compare}</li>'
    )


def guide_form(guide: Guide) -> str:
    """The questions as radio groups, each with 'No preference' first; hidden until guide.js runs."""
    groups = []
    for question in guide.questions:
        choices = [("", "No preference"), *((answer.id, answer.label) for answer in question.answers)]
        options = [
            f'<label class="picker__option"><input type="radio" name="{question.id}" value="{value}"'
            f"{' checked' if not value else ''}> {text(label)}</label>"
            for value, label in choices
        ]
        groups.append(f'<fieldset class="picker__group"><legend>{text(question.text)}</legend>{"".join(options)}</fieldset>')
    return "\n".join(
        [
            '<div class="guide" id="guide" hidden>',
            '<form class="guide__form" aria-label="Describe your problem">',
            *groups,
            "</form>",
            '<p class="picker__status guide__status" role="status" aria-live="polite"></p>',
            "</div>",
        ]
    )


def guide_page(kb: KnowledgeBase, page: PageContext) -> str:
    """The form, then every rule (all of them without JavaScript; those that fit with it)."""
    if kb.guide is None:
        return "The guide has no rules yet."
    rules = "\n".join(rule_item(kb, page, kb.guide, rule) for rule in kb.guide.rules)
    rule_list = f'<ol class="guide__rules" markdown="1">\n{rules}\n</ol>'
    return "\n\n".join([guide_form(kb.guide), rule_list, page.scripts(GUIDE_SCRIPT)])
