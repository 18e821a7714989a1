"""The rules page and the rules an industry page lists: where each applies, what it governs, its dates, its uses."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..models import Regulation
from ..paths import (
    REGULATIONS,
    industry_page,
)
from .markdown import PageContext, data_note, folded, link, table, text
from .tables import citations, get_industry, sourced


def industry_regulations(kb: KnowledgeBase, page: PageContext, industry_id: str) -> str:
    """The rules that bear on an industry's uses."""
    industry = get_industry(kb, industry_id)
    if not industry.regulations:
        return "No specific regulation is recorded for this industry."
    rows = []
    for regulation_id in industry.regulations:
        regulation = kb.regulations[regulation_id]
        name = link(text(regulation_title(regulation)), page.link_to(REGULATIONS, regulation.id))
        rows.append([name, text(regulation.jurisdiction), sourced(kb, page, text(regulation.summary), regulation.sources)])
    return "\n\n".join(
        [
            table(["Rule", "Jurisdiction", "What it governs"], rows, label=f"Rules that bear on {industry.name}"),
            data_note(page, [kb.file_of("regulations", industry.regulations[0])]),
        ]
    )


def regulation_title(regulation: Regulation) -> str:
    """'General Data Protection Regulation (GDPR)'."""
    return f"{regulation.name} ({regulation.short_name})" if regulation.short_name else regulation.name


def regulation_uses(kb: KnowledgeBase, page: PageContext, regulation_id: str) -> str:
    """The uses on the site a rule bears on, grouped by industry, as links."""
    lines = []
    for industry in kb.industries.values():
        uses = [use for use in industry.uses if regulation_id in use.regulations]
        if uses:
            links = ", ".join(link(text(use.use_case), page.link_to(industry_page(industry.id), use.id)) for use in uses)
            lines.append(f"- {link(text(industry.name), page.link_to(industry_page(industry.id)))}: {links}")
    return "\n".join(lines) if lines else "No use on this site names it yet."


FIRST_RULES = ("eu-ai-act", "gdpr")
"""The rules most readers come for, listed first."""
REGIONS = ("European Union", "United States", "International")


def regulation_region(regulation: Regulation) -> str:
    """Where a rule applies, as a heading: the EU, the US (a state's law included), or international."""
    for region in REGIONS[:2]:
        if region in regulation.jurisdiction:
            return region
    return REGIONS[2]


def regulation_order(regulation: Regulation) -> tuple[int, int, str]:
    first = FIRST_RULES.index(regulation.id) if regulation.id in FIRST_RULES else len(FIRST_RULES)
    return (REGIONS.index(regulation_region(regulation)), first, (regulation.short_name or regulation.name).casefold())


def regulation_section(kb: KnowledgeBase, page: PageContext, regulation: Regulation) -> str:
    """One rule: where and what it governs (sourced), then its dates and the uses it bears on, folded."""
    parts = [
        f"### {text(regulation_title(regulation))} {{ #{regulation.id} }}",
        f"**Where:** {text(regulation.jurisdiction)}. **What it governs:** {text(regulation.summary)} "
        f'<small class="provenance">{citations(kb, page, regulation.sources)}</small>',
    ]
    detail = []
    if regulation.dates:
        dates = sorted(regulation.dates, key=lambda d: d.date)
        rows = [[day.date.isoformat(), sourced(kb, page, text(day.event), day.sources)] for day in dates]
        detail.append(table(["Date", "What happens"], rows, label=f"Dates of {regulation_title(regulation)}"))
    detail += ["**Bears on these uses:**", regulation_uses(kb, page, regulation.id)]
    count = len(regulation.dates)
    summary = "The uses it bears on"
    if count:
        summary = f"{count} date{'s' if count != 1 else ''} that matter, and the uses it bears on"
    parts.append(folded(summary, "\n\n".join(detail)))
    return "\n\n".join(parts)


def regulation_list(kb: KnowledgeBase, page: PageContext) -> str:
    """Every rule, grouped by where it applies (the EU AI Act and the GDPR first): what it governs, its dates, its uses."""
    sections = []
    region = ""
    for regulation in sorted(kb.regulations.values(), key=regulation_order):
        if regulation_region(regulation) != region:
            region = regulation_region(regulation)
            sections.append(f"## {text(region)}")
        sections.append(regulation_section(kb, page, regulation))
    sections.append(data_note(page, ["data/regulations.yml"]))
    return "\n\n".join(sections)
