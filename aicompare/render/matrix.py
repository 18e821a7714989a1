"""The technology-by-industry matrix: which industry uses which technology, each cell linking the uses."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import Industry, Use
from ..paths import industry_page
from .markdown import Cell, PageContext, data_note, link, sortable_table, table, text
from .pairs import short_name
from .tables import technology_link

TABLE_SORT_SCRIPT = "assets/javascripts/table-sort.js"
GRID_INTRO = (
    "Each row is an industry and each column a technology. A cell lists what that industry does with that\n"
    "technology; follow a link for the example, its maturity, the risks and the sources. Select a column\n"
    "header to sort: a technology's column sorts industries by how many uses they record for it.\n\n"
    "An empty cell means no use is recorded in this site's data, not that none exists anywhere."
)
MATRIX_CELL_LIMIT = 2_000
"""Beyond this many cells (industries times technologies) the page lists uses by technology instead.

A grid that size cannot be read, and it grows with the product of the two counts; the list grows with the uses.
"""


def technology_industry_matrix(kb: KnowledgeBase, page: PageContext) -> str:
    """Industries as rows, technologies as columns; a cell links every use of that technology there."""
    if len(kb.technologies) * len(kb.industries) > MATRIX_CELL_LIMIT:
        return uses_by_technology(kb, page)
    techs = list(kb.technologies.values())
    headers = [Cell("Industry"), Cell("Uses", numeric=True), *[Cell(text(short_name(t)), numeric=True) for t in techs]]
    rows = []
    for industry in kb.industries.values():
        by_tech = _uses_by_technology_id(industry)
        row = [Cell(link(text(industry.name), page.link_to(industry_page(industry.id)))), Cell(str(len(industry.uses)))]
        for tech in techs:
            uses = by_tech.get(tech.id, [])
            row.append(Cell("<br>".join(_use_link(page, industry, use) for use in uses), sort_value=len(uses)))
        rows.append(row)
    grid = sortable_table(headers, rows, "Uses of each technology by industry")
    return "\n\n".join([GRID_INTRO, grid, data_note(page, ["data/industries/"]), page.scripts(TABLE_SORT_SCRIPT)])


def uses_by_technology(kb: KnowledgeBase, page: PageContext) -> str:
    """Each technology with a recorded use, how many it has, and every use grouped by industry."""
    where: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for industry in kb.industries.values():
        for tech_id, uses in _uses_by_technology_id(industry).items():
            industry_link = link(text(industry.name), page.link_to(industry_page(industry.id)))
            where.setdefault(tech_id, []).append(f"{industry_link}: " + ", ".join(_use_link(page, industry, use) for use in uses))
            counts[tech_id] = counts.get(tech_id, 0) + len(uses)
    rows = [
        [technology_link(page, tech), str(counts[tech.id]), "<br>".join(where[tech.id])]
        for tech in kb.technologies.values()
        if tech.id in where
    ]
    intro = (
        f"With {len(kb.industries)} industries and {len(kb.technologies)} technologies a grid would be too large to read, "
        "so each technology with a recorded use is listed with the industries that use it."
    )
    listing = table(["Technology", "Uses", "Where it is used"], rows, label="Uses of each technology by industry")
    return "\n\n".join([intro, listing, data_note(page, ["data/industries/"])])


def _uses_by_technology_id(industry: Industry) -> dict[str, list[Use]]:
    grouped: dict[str, list[Use]] = {}
    for use in industry.uses:
        grouped.setdefault(use.technology, []).append(use)
    return grouped


def _use_link(page: PageContext, industry: Industry, use: Use) -> str:
    return link(text(use.use_case), page.link_to(industry_page(industry.id), use.id))
