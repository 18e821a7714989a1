"""The compare page: a picker for any set of technologies, and lists that work without JavaScript."""

from __future__ import annotations

import html
import json
from typing import Any

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, Comparison
from ..paths import COMPARE_INDEX, group_page, pair_page, picker_data, relative_url, technology_page
from .markdown import PageContext, link, text
from .pairs import ordered_pair, pair_title, short_name

PICKER_SCRIPT = "assets/javascripts/compare.js"


def picker_index(kb: KnowledgeBase) -> dict[str, Any]:
    """What the page embeds: technologies (names, kinds, page links) and dimensions (rows, in order)."""
    return {
        "technologies": [
            {
                "id": tech.id,
                "name": tech.name,
                "short": short_name(tech),
                "kind": tech.kind,
                "url": relative_url(COMPARE_INDEX, technology_page(tech.id)),
                "data": relative_url(COMPARE_INDEX, picker_data(tech.id)).rstrip("/"),
            }
            for tech in kb.technologies.values()
        ],
        "dimensions": [
            {"id": d.id, "label": d.label, "question": d.question, "applies_to": d.applies_to, "key": d.key}
            for d in kb.dimensions.values()
        ],
        "kinds": {kind: label for kind, label in KIND_LABELS.items()},
        "comparisons": [
            {"ids": sorted(c.technologies), "title": c.title, "url": relative_url(COMPARE_INDEX, curated_page(kb, c))}
            for c in kb.comparisons.values()
        ],
    }


def curated_page(kb: KnowledgeBase, comparison: Comparison) -> str:
    """The page that shows a curated comparison: its pair page, or its group page for three or more."""
    if len(comparison.technologies) > 2:
        return group_page(comparison.id)
    return pair_page(*ordered_pair(kb, *comparison.technologies))


def json_text(value: Any) -> str:
    """Compact JSON; the page carries it in an attribute (escaped), which survives Material's instant navigation."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _checkbox(name: str, value: str, label: str, description: str = "") -> str:
    hint = f' title="{text(description)}"' if description else ""
    return f'<label class="picker__option"{hint}><input type="checkbox" name="{name}" value="{value}"> {text(label)}</label>'


def compare_picker(kb: KnowledgeBase, page: PageContext) -> str:
    """The picker's controls (hidden until compare.js runs), its index as JSON, and the place for the table."""
    groups = []
    by_kind: dict[str, list[str]] = {}
    for tech in kb.technologies.values():
        label = f"{tech.name} ({tech.abbreviation})" if tech.abbreviation else tech.name
        by_kind.setdefault(tech.kind, []).append(_checkbox("t", tech.id, label))
    for kind, boxes in by_kind.items():
        groups.append(f'<fieldset class="picker__group"><legend>{text(KIND_LABELS[kind])}</legend>{"".join(boxes)}</fieldset>')
    rows = "".join(_checkbox("d", d.id, d.label, d.question) for d in kb.dimensions.values())
    index = html.escape(json_text(picker_index(kb)), quote=True)
    return "\n".join(
        [
            f'<div class="picker" id="compare-picker" data-index="{index}" hidden>',
            '<div class="picker__choice" aria-label="Your choice"></div>',
            '<p class="picker__status" role="status" aria-live="polite"></p>',
            '<p class="picker__curated" hidden></p>',
            '<div class="picker__result"></div>',
            '<p class="picker__toggle"><button type="button" class="md-button" data-picker-toggle aria-expanded="false" '
            'aria-controls="picker-form">Change the technologies</button></p>',
            '<form class="picker__form" id="picker-form" aria-label="Choose what to compare">',
            "<h2>Choose technologies</h2>",
            '<p class="picker__hint">Tick two or more; the table and the address update as you go.</p>',
            *groups,
            '<details class="picker__rows"><summary>Rows to show (all that apply, unless you choose)</summary>',
            f'<fieldset class="picker__group"><legend>Rows</legend>{rows}</fieldset></details>',
            '<p class="picker__actions">'
            '<button type="button" class="md-button" data-picker-copy>Copy link to this comparison</button> '
            '<button type="button" class="md-button" data-picker-clear>Clear</button></p>',
            "</form>",
            "</div>",
            page.scripts(PICKER_SCRIPT),
        ]
    )


def comparison_lists(kb: KnowledgeBase, page: PageContext, pairs: list[tuple[str, str]]) -> str:
    """Every curated comparison and every pair page in `pairs`, as plain links (what the page offers without JavaScript)."""
    curated = sorted(kb.comparisons.values(), key=lambda c: c.title.casefold())
    groups = [c for c in curated if len(c.technologies) > 2]
    lines = ["### Curated comparisons", ""]
    for comparison in curated:
        first, second = comparison.technologies[0], comparison.technologies[1]
        target = group_page(comparison.id) if comparison in groups else pair_page(*ordered_pair(kb, first, second))
        lines.append(f"- {link(text(comparison.title), page.link_to(target))}")
    by_first: dict[str, list[str]] = {}
    for a, b in pairs:
        by_first.setdefault(a, []).append(link(text(pair_title(kb, a, b)), page.link_to(pair_page(a, b))))
    if by_first:
        lines += ["", "### Every pair with a page", ""]
        lines += [f"- **{text(short_name(kb.technologies[a]))}**: " + ", ".join(links) for a, links in by_first.items()]
    return "\n".join(lines)
