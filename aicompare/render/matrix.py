"""The technology-by-industry matrix: which industry uses which technology, each cell linking the uses."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..paths import industry_page
from .markdown import Cell, PageContext, data_note, link, sortable_table, text
from .pairs import short_name

TABLE_SORT_SCRIPT = "assets/javascripts/table-sort.js"


def technology_industry_matrix(kb: KnowledgeBase, page: PageContext) -> str:
    """Industries as rows, technologies as columns; a cell links every use of that technology there."""
    techs = list(kb.technologies.values())
    headers = [Cell("Industry"), Cell("Uses", numeric=True), *[Cell(text(short_name(t)), numeric=True) for t in techs]]
    rows = []
    for industry in kb.industries.values():
        row = [Cell(link(text(industry.name), page.link_to(industry_page(industry.id)))), Cell(str(len(industry.uses)))]
        for tech in techs:
            uses = [use for use in industry.uses if use.technology == tech.id]
            links = "<br>".join(link(text(use.use_case), page.link_to(industry_page(industry.id), use.id)) for use in uses)
            row.append(Cell(links, sort_value=len(uses)))
        rows.append(row)
    label = "Uses of each technology by industry"
    note = data_note(page, ["data/industries/"])
    return "\n\n".join([sortable_table(headers, rows, label), note, page.scripts(TABLE_SORT_SCRIPT)])
