"""Renderers for technology profiles, comparisons, industry uses and references."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, MATURITY_LABELS, Dimension, DimensionValue, Industry, Source, Technology
from ..paths import (
    industry_page,
    references_page,
    source_anchor,
    technology_page,
)
from ..problems import did_you_mean
from ..staleness import due_values, is_due
from .markdown import PageContext, data_note, fix_link, folded, link, not_searched, table, text

NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "da", "di", "le", "la"}


def get_technology(kb: KnowledgeBase, tech_id: str) -> Technology:
    """Look up a technology, failing with a hint when the id is wrong."""
    if tech_id not in kb.technologies:
        raise KeyError(f"unknown technology '{tech_id}'{did_you_mean(tech_id, kb.technologies)}")
    return kb.technologies[tech_id]


def get_industry(kb: KnowledgeBase, industry_id: str) -> Industry:
    """Look up an industry, failing with a hint when the id is wrong."""
    if industry_id not in kb.industries:
        raise KeyError(f"unknown industry '{industry_id}'{did_you_mean(industry_id, kb.industries)}")
    return kb.industries[industry_id]


def family_name(author: str) -> str:
    """Family name of a personal name, keeping particles ('van den Oord'); organisations whole."""
    words = author.split()
    if len(words) <= 1 or len(words) > 4 or any(_marks_organisation(word) for word in words):
        return author
    start = len(words) - 1
    while start > 0 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _marks_organisation(word: str) -> bool:
    """Acronyms (NIST) and linking words (of, and, for) appear in organisation names, not personal ones."""
    return (word.isupper() and len(word) > 1 and not word.endswith(".")) or word in {"of", "and", "for", "the", "on"}


def short_citation(source: Source) -> str:
    """'Vaswani et al. 2017', 'Kingma and Welling 2013' or 'Organisation 2016'."""
    people = [a for a in source.authors if a != "et al."]
    if source.type in {"regulation", "standard", "documentation", "web", "report"} and len(people) == 1:
        first = people[0]
    else:
        first = family_name(people[0])
    if len(people) == 2:
        first = f"{first} and {family_name(people[1])}"
    elif len(people) > 2 or "et al." in source.authors:
        first = f"{first} et al."
    return f"{first} {source.year}"


def citations(kb: KnowledgeBase, page: PageContext, source_ids: list[str]) -> str:
    """Links from a list of source ids to their entries on the references page."""
    parts = []
    for source_id in source_ids:
        source = kb.sources[source_id]
        href = page.link_to(references_page(source_id), source_anchor(source_id))
        # No `title` (the work's title on hover): Material mounts a tooltip for every titled element, and
        # a comparison page has hundreds of citations; the title is one click away on the references page.
        parts.append(link(text(short_citation(source)), href))
    return "; ".join(parts)


def technology_link(page: PageContext, tech: Technology) -> str:
    """Link to a technology's page labelled with its name."""
    return link(text(tech.name), page.link_to(technology_page(tech.id)))


def value_markdown(value: DimensionValue | None) -> str:
    """A dimension value as cell text, with unknown and not-applicable made explicit."""
    if value is None:
        return "<em>Does not apply</em>"
    if value.status == "unknown":
        return f"<em>Unknown</em>: {text(value.note or '')}"
    if value.status == "not_applicable":
        return f"<em>Not applicable</em>: {text(value.note or '')}"
    return text(value.value or "")


def require_dimensions(kb: KnowledgeBase, dimension_ids: list[str]) -> None:
    """Fail with a hint when a page asks for a dimension that data/dimensions.yml does not define."""
    unknown = [d for d in dimension_ids if d not in kb.dimensions]
    if unknown:
        raise KeyError(f"unknown dimension '{unknown[0]}'{did_you_mean(unknown[0], kb.dimensions)}")


def technology_summary(kb: KnowledgeBase, tech_id: str) -> str:
    """A technology's one-line summary, then the well-known examples readers may know it by."""
    tech = get_technology(kb, tech_id)
    if not tech.examples:
        return text(tech.summary)
    names = ", ".join(f"**{text(example.name)}**" for example in tech.examples)
    return f"{text(tech.summary)}\n\nWell-known examples: {names}."


def example_lines(kb: KnowledgeBase, page: PageContext, tech: Technology) -> str:
    """Each well-known example with its year, what it is and its source, one per line."""
    lines = [
        f"<strong>{text(example.name)}</strong>{f' ({example.year})' if example.year else ''}: "
        f"{text(example.description)} ({citations(kb, page, example.sources)})"
        for example in tech.examples
    ]
    return "<br>".join(lines) or "&mdash;"


def technology_facts(kb: KnowledgeBase, page: PageContext, tech_id: str) -> str:
    """Key facts: kind, where it sits in the hierarchy, when it was introduced, key papers."""
    tech = get_technology(kb, tech_id)
    names = ", ".join(text(name) for name in [tech.abbreviation or "", *tech.aliases] if name)
    parents = (
        ", ".join(technology_link(page, kb.technologies[p]) for p in tech.parents) or "Nothing: it is the top of the hierarchy"
    )
    introduced = f"{tech.introduced.year}" + (f": {text(tech.introduced.note)}" if tech.introduced.note else "")
    rows = [
        ["Kind", text(KIND_LABELS[tech.kind])],
        ["Part of", parents],
        ["Built on", ", ".join(technology_link(page, kb.technologies[b]) for b in tech.built_on) or "&mdash;"],
        ["Also called", names or "&mdash;"],
        ["Introduced", f"{introduced} ({citations(kb, page, tech.introduced.sources)})"],
        ["Key papers", citations(kb, page, tech.key_papers) or "&mdash;"],
        ["Well-known examples", example_lines(kb, page, tech)],
    ]
    return table(["Fact", "Value"], rows)


def common_date(dates: list[dt.date | None]) -> dt.date | None:
    """The date most values share (the latest, on a tie), or None when no value is dated."""
    known = [day for day in dates if day is not None]
    if not known:
        return None
    counts = Counter(known)
    return max(counts, key=lambda day: (counts[day], day))


def dimension_label(dimension: Dimension) -> str:
    """A row label whose hint (the question the row answers) shows on hover."""
    return f'<span title="{text(dimension.question)}">{text(dimension.label)}</span>'


def profile_cell(kb: KnowledgeBase, page: PageContext, tech: Technology, dimension_id: str, table_date: dt.date | None) -> str:
    """A value, then in small type: its sources, the date it was checked (when it differs from the table's or
    the value is due for review), and a link to the line that holds it, to suggest a fix."""
    value = tech.dimensions.get(dimension_id)
    if value is None:
        return value_markdown(value)
    details = [citations(kb, page, value.sources)] if value.sources else []
    due = is_due(kb, dimension_id, value.as_of, page.today)
    if value.as_of and (value.as_of != table_date or due):
        details.append(f"checked {value.as_of.isoformat()}" + (', <strong class="due">due for review</strong>' if due else ""))
    revised = page.revised_on("technologies", tech.id, "dimensions", dimension_id)
    if revised:
        details.append(f'<span class="revised">revised {revised.isoformat()}</span>')
    fix = page.fix_url(kb.file_of("technologies", tech.id), kb.line_of("technologies", tech.id, ("dimensions", dimension_id)))
    if fix:
        details.append(fix_link(fix))
    return value_markdown(value) + (f'<br><small class="provenance">{"; ".join(details)}</small>' if details else "")


def sourced(kb: KnowledgeBase, page: PageContext, markdown: str, source_ids: list[str]) -> str:
    """Cell text followed, on its own line in small type, by its citations."""
    return f'{markdown}<br><small class="provenance">{citations(kb, page, source_ids)}</small>'


def checked_note(day: dt.date | None) -> str:
    """The one line that says when the values of a table were checked."""
    return f'<p class="table-note">Values checked {day.isoformat()}, unless a row says otherwise.</p>' if day else ""


def technology_profile(kb: KnowledgeBase, page: PageContext, tech_id: str) -> str:
    """Key facts plus every applicable dimension with its value and sources; the common date is said once."""
    tech = get_technology(kb, tech_id)
    dimensions = kb.applicable_dimensions(tech)
    day = common_date([tech.dimensions[d.id].as_of for d in dimensions])
    key = [d for d in dimensions if d.key]
    rest = [d for d in dimensions if not d.key]
    profile = profile_table(kb, page, tech, key or dimensions, day, f"Profile of {tech.name}: the rows that tell it apart")
    if key and rest:
        more = profile_table(kb, page, tech, rest, day, f"Profile of {tech.name}: the other rows")
        labels = ", ".join(text(d.label) for d in rest[:4])
        profile += "\n\n" + folded(f"{len(rest)} more rows: {labels} and more", more)
    return "\n\n".join(
        [profile, checked_note(day), folded("Key facts: kind, where it sits, when introduced, key papers, examples",
                                           technology_facts(kb, page, tech_id)),
         data_note(page, [kb.file_of("technologies", tech_id)])]
    )


def profile_table(kb: KnowledgeBase, page: PageContext, tech: Technology, dimensions: list[Dimension], day: dt.date | None,
                  label: str) -> str:
    """Rows of a technology's profile, each with its value, sources and fix control."""
    rows = [[dimension_label(d), profile_cell(kb, page, tech, d.id, day)] for d in dimensions]
    return table(["Dimension", "Value"], rows, row_ids=[row_anchor(d.id) for d in dimensions], label=label)


def row_anchor(dimension_id: str, prefix: str = "row") -> str:
    """Stable anchor of a dimension's row, e.g. 'row-training-compute'."""
    return f"{prefix}-{dimension_id.replace('_', '-')}"


def comparison_table(kb: KnowledgeBase, page: PageContext, tech_ids: list[str], dimension_ids: list[str] | None = None) -> str:
    """Technologies as columns, dimensions as rows; by default the dimensions all of them share."""
    techs = [get_technology(kb, tech_id) for tech_id in tech_ids]
    if dimension_ids is None:
        dimension_ids = [d.id for d in kb.dimensions.values() if all(t.kind in d.applies_to for t in techs)]
    require_dimensions(kb, dimension_ids)
    headers = ["Dimension", *[t.abbreviation or t.name for t in techs]]
    day = common_date([t.dimensions[d].as_of for t in techs for d in dimension_ids if d in t.dimensions])
    rows = []
    for dimension_id in dimension_ids:
        row = [dimension_label(kb.dimensions[dimension_id])]
        row += [
            page.reuse(("profile_cell", t.id, dimension_id, day), lambda t=t, d=dimension_id: profile_cell(kb, page, t, d, day))
            for t in techs
        ]
        rows.append(row)
    names = ", ".join(technology_link(page, t) for t in techs)
    label = "Side by side: " + ", ".join(t.name for t in techs)
    return "\n\n".join(
        [
            f"Compared: {names}.",
            not_searched(table(headers, rows, row_ids=[row_anchor(d, "compare") for d in dimension_ids], label=label)),
            checked_note(day),
            data_note(page, [kb.file_of("technologies", t.id) for t in techs]),
        ]
    )


def technology_uses(kb: KnowledgeBase, page: PageContext, tech_id: str) -> str:
    """The industries that use a technology, from the industries' own data."""
    tech = get_technology(kb, tech_id)
    uses = kb.uses_of(tech.id)
    if not uses:
        return f"No industry use of {text(tech.name)} is recorded yet."
    rows = [
        [
            sourced(kb, page, link(text(use.use_case), page.link_to(industry_page(industry.id), use.id)), use.sources),
            link(text(industry.name), page.link_to(industry_page(industry.id))),
            text(MATURITY_LABELS[use.maturity]),
        ]
        for industry, use in uses
    ]
    examples = "\n".join(
        f"- **{text(use.use_case)}** ({text(industry.name)}): {text(use.example)}" for industry, use in uses
    )
    files = sorted({kb.file_of("industries", industry.id) for industry, _ in uses})
    return "\n\n".join(
        [table(["Use", "Industry", "Maturity"], rows), folded("An example of each use", examples), data_note(page, files)]
    )


def _regulation_label(kb: KnowledgeBase, regulation_id: str) -> str:
    regulation = kb.regulations[regulation_id]
    return text(regulation.short_name or regulation.name)


def industry_summary(kb: KnowledgeBase, industry_id: str) -> str:
    """An industry's one-line summary."""
    return text(get_industry(kb, industry_id).summary)


def industry_uses(kb: KnowledgeBase, page: PageContext, industry_id: str) -> str:
    """An overview table of an industry's uses, then one section per use."""
    industry = get_industry(kb, industry_id)
    overview = table(
        ["Use", "Technology", "Maturity"],
        [
            [
                link(text(use.use_case), f"#{use.id}"),
                technology_link(page, kb.technologies[use.technology]),
                text(MATURITY_LABELS[use.maturity]),
            ]
            for use in industry.uses
        ],
    )
    sections = [folded(f"All {len(industry.uses)} uses at a glance: technology and maturity", overview)]
    for use in industry.uses:
        tech = kb.technologies[use.technology]
        rules = ", ".join(_regulation_label(kb, r) for r in use.regulations) or "None specific"
        revised = page.revised_on("industries", industry.id, "uses", use.id)
        revised_note = f'; <span class="revised">revised {revised.isoformat()}</span>' if revised else ""
        meta = (
            f'<p class="use-meta" markdown="span">{technology_link(page, tech)} · {text(MATURITY_LABELS[use.maturity])} · '
            f'<small class="provenance">{citations(kb, page, use.sources)}; checked {use.as_of.isoformat()}{revised_note}'
            "</small></p>"
        )
        detail = table(["Aspect", "Detail"], [["Example", text(use.example)], ["Risks", text(use.risks)], ["Rules", rules]])
        sections.append(
            "\n\n".join(
                [
                    f"### {text(use.use_case)} {{ #{use.id} }}",
                    meta,
                    folded("How it works, an example, risks and rules", f"<p>{text(use.description)}</p>\n\n{detail}"),
                ]
            )
        )
    sections.append(data_note(page, [kb.file_of("industries", industry.id)]))
    return "\n\n".join(sections)


def technology_list(kb: KnowledgeBase, page: PageContext, kind: str | None = None) -> str:
    """Every technology (or every one of a kind) with its kind and one-line summary."""
    kind_column = kind is None  # a list of one kind does not repeat it on every row
    headers = ["Technology", *(["Kind"] if kind_column else []), "In one line"]
    rows = [
        [technology_link(page, t), *([text(KIND_LABELS[t.kind])] if kind_column else []), text(t.summary)]
        for t in kb.technologies.values()
        if kind is None or t.kind == kind
    ]
    return "\n\n".join([table(headers, rows), data_note(page, ["data/technologies/"])])


def industry_list(kb: KnowledgeBase, page: PageContext) -> str:
    """Every industry with its summary and the technologies it uses."""
    rows = []
    for industry in kb.industries.values():
        used = dict.fromkeys(use.technology for use in industry.uses)
        techs = ", ".join(technology_link(page, kb.technologies[t]) for t in used)
        rows.append([link(text(industry.name), page.link_to(industry_page(industry.id))), text(industry.summary), techs])
    return "\n\n".join([table(["Industry", "In one line", "Technologies used"], rows), data_note(page, ["data/industries/"])])


def due_for_review(kb: KnowledgeBase, page: PageContext) -> str:
    """Every value past its review date, the longest overdue first, each with a link to its line."""
    due = due_values(kb, page.today)
    if not due:
        return f"Nothing is due for review on {page.today.isoformat()}: every value was checked within its review period."
    rows = []
    for item in due:
        tech = kb.technologies[item.technology]
        file = kb.file_of("technologies", tech.id)
        line = kb.line_of("technologies", tech.id, ("dimensions", item.dimension))
        where = page.fix_url(file, line)
        place = link(text(f"{file}:{line}"), where) if where else text(f"{file}:{line}")
        rows.append(
            [
                technology_link(page, tech),
                text(kb.dimensions[item.dimension].label),
                item.checked.isoformat(),
                item.due.isoformat(),
                place,
            ]
        )
    return table(["Technology", "Dimension", "Checked", "Due since", "Line"], rows, label="Values due for review")


def dimension_table(kb: KnowledgeBase, page: PageContext, dimension_ids: list[str], tech_ids: list[str] | None = None) -> str:
    """Technologies as rows, a few dimensions as columns: one criterion seen across the field."""
    require_dimensions(kb, dimension_ids)
    techs = [get_technology(kb, t) for t in tech_ids] if tech_ids else list(kb.technologies.values())
    techs = [t for t in techs if any(d in t.dimensions for d in dimension_ids)]  # leave out kinds none of them apply to
    day = common_date([t.dimensions[d].as_of for t in techs for d in dimension_ids if d in t.dimensions])
    rows = [[technology_link(page, t), *(profile_cell(kb, page, t, d, day) for d in dimension_ids)] for t in techs]
    headers = ["Technology", *[kb.dimensions[d].label for d in dimension_ids]]
    label = ", ".join(kb.dimensions[d].label for d in dimension_ids) + " by technology"
    return "\n\n".join(
        [not_searched(table(headers, rows, label=label)), checked_note(day), data_note(page, ["data/technologies/"])]
    )


def confusion_list(kb: KnowledgeBase, page: PageContext) -> str:
    """Each common confusion: the claim, the correction, related technologies and sources."""
    sections = []
    for confusion in kb.confusions.values():
        related = ", ".join(technology_link(page, kb.technologies[t]) for t in confusion.technologies)
        sections.append(
            "\n\n".join(
                [
                    f"### &ldquo;{text(confusion.claim)}&rdquo; {{ #{confusion.id} }}",
                    f"**Correction.** {text(confusion.correction)}",
                    f"Related: {related}. Sources: {citations(kb, page, confusion.sources)}. As of {confusion.as_of.isoformat()}."
                    "\n{ .glossary-meta }",
                ]
            )
        )
    sections.append(data_note(page, ["data/confusions.yml"]))
    return "\n\n".join(sections)
