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
from ..paths import COMPARE_INDEX, CONFUSIONS, REGULATIONS, group_page, pair_page, technology_page, url_of
from ..render.pairs import compared_pairs, ordered_pair, pair_title, short_name
from ..render.tables import regulation_title

SHORTCUTS_PATH = "search/shortcuts.json"


def normalise(name: str) -> str:
    """How a typed name is compared: lower case, single spaces, no punctuation but hyphens."""
    return " ".join(re.sub(r"[^\w\s-]", " ", name.casefold()).split())


def names(kb: KnowledgeBase) -> dict[str, str]:
    """Every name, abbreviation and alias of a technology (normalised) to its id."""
    found: dict[str, str] = {}
    for tech in kb.technologies.values():
        for label in [tech.name, tech.abbreviation or "", *tech.aliases]:
            if label:
                found.setdefault(normalise(label), tech.id)
    return found


def comparisons(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Each page that compares a set of technologies: the ids, its URL path and its title."""
    pages = [
        {"ids": sorted([first, second]), "url": url_of(pair_page(first, second)), "title": pair_title(kb, first, second)}
        for first, second in compared_pairs(kb)
    ]
    pages += [
        {"ids": sorted(c.technologies), "url": url_of(group_page(c.id)), "title": c.title}
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
        "labels": {tech.id: short_name(tech) for tech in kb.technologies.values()},
        "pages": {tech.id: {"url": url_of(technology_page(tech.id)), "title": tech.name} for tech in kb.technologies.values()},
        "comparisons": comparisons(kb),
        "confusions": confusions(kb),
        "rules": rules(kb),
        "titles": titles(kb),
        "picker": url_of(COMPARE_INDEX),
    }


def shortcuts_json(kb: KnowledgeBase) -> str:
    return json.dumps(shortcuts(kb), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
