"""The compare page's data: one small JSON file per technology, so a comparison loads only what it shows.

`compare.js` reads the page's embedded index (render/picker.py) and, for the technologies a reader
picks, `compare/data/<id>.json`: each value already rendered as escaped HTML with its sources
linked to the references page, and the date it was checked. The cells say the same as every other
table on the site because they come from the same records.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..knowledge import KnowledgeBase
from ..models import DimensionValue
from ..paths import COMPARE_INDEX, picker_data, references_page, relative_url, source_anchor
from ..render.markdown import PageContext
from ..render.tables import short_citation
from ..staleness import is_due


def sources_html(kb: KnowledgeBase, source_ids: list[str]) -> str:
    """Links to the references, relative to the compare page, separated by semicolons."""
    links = []
    for source_id in source_ids:
        source = kb.sources[source_id]
        href = relative_url(COMPARE_INDEX, references_page(source_id), source_anchor(source_id))
        links.append(f'<a href="{html.escape(href)}">{html.escape(short_citation(source))}</a>')
    return "; ".join(links)


def value_html(value: DimensionValue) -> str:
    """A value as escaped HTML, with unknown and not-applicable made explicit."""
    if value.status == "unknown":
        return f"<em>Unknown</em>: {html.escape(value.note or '')}"
    if value.status == "not_applicable":
        return f"<em>Not applicable</em>: {html.escape(value.note or '')}"
    return html.escape(" ".join((value.value or "").split()))


def technology_data(kb: KnowledgeBase, tech_id: str, edit_base: str = "") -> dict[str, Any]:
    """Everything the picker shows about one technology: each value, its sources, its date, where to fix it."""
    tech = kb.technologies[tech_id]
    context = PageContext(COMPARE_INDEX, edit_base)
    file = kb.file_of("technologies", tech_id) if edit_base else ""
    return {
        "id": tech.id,
        "cells": {
            dimension_id: {
                "value": value_html(value),
                "sources": sources_html(kb, value.sources),
                "as_of": value.as_of.isoformat() if value.as_of else "",
                "due": is_due(kb, dimension_id, value.as_of, context.today),
                "fix": context.fix_url(file, kb.line_of("technologies", tech_id, ("dimensions", dimension_id))) if file else "",
            }
            for dimension_id, value in tech.dimensions.items()
        },
    }


def picker_files(kb: KnowledgeBase, edit_base: str = "") -> dict[str, str]:
    """Site path to JSON text: one file per technology."""
    return {
        picker_data(t): json.dumps(technology_data(kb, t, edit_base), ensure_ascii=False, separators=(",", ":"))
        for t in kb.technologies
    }
