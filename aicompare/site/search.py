"""What search needs beyond Material's index: the names readers type, and the page each query means.

`search-shortcuts.js` reads `search/shortcuts.json` the first time the reader searches. A query such as
"transformer vs rnn", "GAN vs VAE vs diffusion" or "lstm or gru" (either order, abbreviations, full
names or aliases) then puts the page comparing exactly those technologies at the top of the results,
followed by any common confusion about them; the exact name of a technology ("transformer") puts its
page first, and the name of a rule ("GDPR", "EU AI Act") its section of the rules page.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..knowledge import KnowledgeBase
from ..models import Industry, Use
from ..paths import (
    COMPARE_INDEX,
    CONFUSIONS,
    GLOSSARY,
    REGULATIONS,
    group_page,
    industry_page,
    pair_page,
    technology_page,
    url_of,
)
from ..render.glossary import glossary_anchor
from ..render.pairs import ordered_pair, pair_title, short_name
from ..render.regulations import regulation_title
from .build import pairs_with_pages

SHORTCUTS_PATH = "search/shortcuts.json"


def normalise(name: str) -> str:
    """How a typed name is compared: lower case, single spaces, no punctuation but hyphens."""
    return " ".join(re.sub(r"[^\w\s-]", " ", name.casefold()).split())


def names(kb: KnowledgeBase) -> dict[str, str]:
    """Every name, abbreviation, alias and well-known example of a technology (normalised) to its id."""
    found: dict[str, str] = {}
    for tech in kb.technologies.values():
        for label in [tech.name, tech.abbreviation or "", *tech.aliases]:
            if label:
                found.setdefault(normalise(label), tech.id)
    for tech in kb.technologies.values():  # a product or model name leads to the technology it belongs to
        for example in tech.examples:
            found.setdefault(normalise(example.name), tech.id)
    return found


def examples(kb: KnowledgeBase) -> dict[str, str]:
    """Each well-known example (normalised) to the technology it is an example of."""
    return {normalise(example.name): tech.id for tech in kb.technologies.values() for example in tech.examples}


def terms(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each glossary term, alias and abbreviation (normalised) to its entry on the glossary page."""
    found: dict[str, dict[str, str]] = {}
    for term in kb.glossary.values():
        url = f"{url_of(GLOSSARY)}#{glossary_anchor(term.id)}"
        target = {"url": url, "title": term.term, "text": short_text(term.definition)}
        for label in [term.term, *term.aliases, *term.abbreviations]:
            found.setdefault(normalise(label), target)
    return found


def short_text(definition: str, limit: int = 160) -> str:
    """A definition cut at a word boundary, for a search result's line."""
    return definition if len(definition) <= limit else definition[:limit].rsplit(" ", 1)[0] + "\u2026"


def industries(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each industry's name and id, and each use case it lists (normalised), to its page or the use on it."""
    found: dict[str, dict[str, str]] = {}
    for industry in kb.industries.values():
        page = {"url": url_of(industry_page(industry.id)), "title": industry.name}
        for label in (industry.name, industry.id.replace("-", " "), *industry.name.split(" and ")):
            found.setdefault(normalise(label), page)
    for industry in kb.industries.values():
        for use in industry.uses:
            found.setdefault(normalise(use.use_case), use_target(industry, use))
    return found


def use_target(industry: Industry, use: Use) -> dict[str, str]:
    """A use case's place on its industry's page."""
    return {"url": f"{url_of(industry_page(industry.id))}#{use.id}", "title": f"{use.use_case} ({industry.name})"}


def uses(kb: KnowledgeBase) -> list[dict[str, str]]:
    """Every use case (normalised label), for queries that name part of one ("fraud detection")."""
    return [
        {"label": normalise(f"{use.use_case} {use.id.replace('-', ' ')}"), **use_target(industry, use)}
        for industry in kb.industries.values()
        for use in industry.uses
    ]


def comparisons(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Each page that compares a set of technologies: the ids, its URL path and its title."""
    curated = {tuple(sorted(c.technologies)) for c in kb.comparisons.values()}
    pages = [
        {
            "ids": sorted([first, second]),
            "url": url_of(pair_page(first, second)),
            "title": pair_title(kb, first, second),
            "curated": tuple(sorted([first, second])) in curated,
        }
        for first, second in pairs_with_pages(kb)
    ]
    pages += [
        {"ids": sorted(c.technologies), "url": url_of(group_page(c.id)), "title": c.title, "curated": True}
        for c in kb.comparisons.values()
        if len(c.technologies) > 2
    ]
    return pages


def rules(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each rule's name and short name (normalised) to its section on the rules page."""
    found: dict[str, dict[str, str]] = {}
    for regulation in kb.regulations.values():
        target = {"url": f"{url_of(REGULATIONS)}#{regulation.id}", "title": regulation_title(regulation)}
        for label in (regulation.name, regulation.short_name or ""):
            if label:
                found.setdefault(normalise(label), target)
    return found


def confusions(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Each common confusion, found by the technologies it is about ("llm vs generative ai")."""
    return [
        {"ids": sorted(confusion.technologies), "url": f"{url_of(CONFUSIONS)}#{confusion.id}", "title": confusion.claim}
        for confusion in kb.confusions.values()
    ]


def titles(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Each curated comparison's title, as readers type it (normalised), to the page that shows it."""
    found = {}
    for comparison in kb.comparisons.values():
        if len(comparison.technologies) > 2:
            url = url_of(group_page(comparison.id))
        else:
            url = url_of(pair_page(*ordered_pair(kb, *comparison.technologies)))
        found[normalise(comparison.title)] = {"url": url, "title": comparison.title}
    return found


def shortcuts(kb: KnowledgeBase) -> dict[str, Any]:
    """The file the search shortcut script reads."""
    return {
        "names": names(kb),
        "examples": examples(kb),
        "terms": terms(kb),
        "industries": industries(kb),
        "uses": uses(kb),
        "labels": {tech.id: short_name(tech) for tech in kb.technologies.values()},
        "pages": {
            tech.id: {"url": url_of(technology_page(tech.id)), "title": tech.name, "text": tech.tagline or tech.summary}
            for tech in kb.technologies.values()
        },
        "comparisons": comparisons(kb),
        "confusions": confusions(kb),
        "rules": rules(kb),
        "titles": titles(kb),
        "picker": url_of(COMPARE_INDEX),
    }


def shortcuts_json(kb: KnowledgeBase) -> str:
    return json.dumps(shortcuts(kb), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
