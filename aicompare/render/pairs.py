"""Pair pages: every two technologies compared, generated at build time from the same data."""

from __future__ import annotations

from itertools import combinations

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, Technology
from ..paths import COMPARE_INDEX, industry_page, pair_page, technology_page
from .markdown import PageContext, front_matter, link, not_searched, table, text
from .tables import comparison_table, get_technology, technology_link


def short_name(tech: Technology) -> str:
    """The label a table header or link uses: the abbreviation if there is one."""
    return tech.abbreviation or tech.name


def compared_pairs(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The pairs readers compare, each in display order: a pair page exists for each.

    Two technologies make a pair when they are of the same kind, when one sits inside or is built on
    the other, or when a curated comparison names both. Every other combination is left to the
    compare picker, so "retrieval-augmented generation vs CNN" gets no page of its own.
    """
    return [(first, second) for first, second in combinations(kb.technologies, 2) if readers_compare(kb, first, second)]


def readers_compare(kb: KnowledgeBase, first_id: str, second_id: str) -> bool:
    """True when two technologies are of one kind, related in the hierarchy, or curated together."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    if first.kind == second.kind:
        return True
    if first_id in ancestors(kb, second_id) or second_id in ancestors(kb, first_id):
        return True
    if first_id in second.built_on or second_id in first.built_on:
        return True
    return any({first_id, second_id} <= set(comparison.technologies) for comparison in kb.comparisons.values())


def ordered_pair(kb: KnowledgeBase, first_id: str, second_id: str) -> tuple[str, str]:
    """The pair in display order, whichever order it was asked for in."""
    order = list(kb.technologies)
    return (first_id, second_id) if order.index(first_id) < order.index(second_id) else (second_id, first_id)


def pair_title(kb: KnowledgeBase, first_id: str, second_id: str) -> str:
    """PageContext title, e.g. 'RNN vs CNN'."""
    return f"{short_name(kb.technologies[first_id])} vs {short_name(kb.technologies[second_id])}"


def pair_description(kb: KnowledgeBase, first_id: str, second_id: str) -> str:
    """Meta description of a pair page, built from the two names."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    return (
        f"{first.name} vs {second.name}: how they relate, where they differ, a sourced side-by-side "
        "profile and the industries that use both."
    )


def pair_source(kb: KnowledgeBase, first_id: str, second_id: str) -> str:
    """The Markdown source of a generated pair page: front matter and one macro call."""
    meta = {"title": pair_title(kb, first_id, second_id), "description": pair_description(kb, first_id, second_id)}
    return (
        front_matter(meta)
        + f"# {text(pair_title(kb, first_id, second_id))}\n\n"
        f'{{{{ pair_comparison("{first_id}", "{second_id}") }}}}\n'
    )


def ancestors(kb: KnowledgeBase, tech_id: str) -> list[str]:
    """Every technology this one sits inside, nearest first."""
    found: list[str] = []
    frontier = list(kb.technologies[tech_id].parents)
    while frontier:
        current = frontier.pop(0)
        if current not in found:
            found.append(current)
            frontier.extend(kb.technologies[current].parents)
    return found


def hierarchy_path(kb: KnowledgeBase, outer_id: str, inner_id: str) -> list[str]:
    """Ids from `outer_id` down to `inner_id` along parent links ([] when not nested)."""
    if outer_id == inner_id:
        return [inner_id]
    for parent in kb.technologies[inner_id].parents:
        path = hierarchy_path(kb, outer_id, parent)
        if path:
            return [*path, inner_id]
    return []


def relation_sentences(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> list[str]:
    """How two technologies relate in the hierarchy, as short sentences with links."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    sentences = []
    for outer, inner in ((first, second), (second, first)):
        path = hierarchy_path(kb, outer.id, inner.id)
        if len(path) > 1:
            chain = " &rarr; ".join(technology_link(page, kb.technologies[t]) for t in path)
            sentences.append(f"{text(short_name(inner))} sits inside {text(short_name(outer))}: {chain}.")
    for base, built in ((first, second), (second, first)):
        if base.id in built.built_on:
            sentences.append(f"{text(short_name(built))} is built on {technology_link(page, base)}.")
    if not any(len(hierarchy_path(kb, a.id, b.id)) > 1 for a, b in ((first, second), (second, first))):
        shared = [t for t in ancestors(kb, first.id) if t in ancestors(kb, second.id)]
        if shared:
            sentences.append(
                f"Neither contains the other; the nearest field that contains both is "
                f"{technology_link(page, kb.technologies[shared[0]])}."
            )
        else:
            sentences.append("Neither contains the other, and they share no containing field in the data.")
    return sentences


def difference_sentences(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> list[str]:
    """The structural differences: kind, age, and what only one of them is described on."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    sentences = []
    if first.kind == second.kind:
        sentences.append(f"Both are of the same kind: {text(KIND_LABELS[first.kind].lower())}.")
    else:
        sentences.append(
            f"{text(short_name(first))} is a {text(KIND_LABELS[first.kind].lower())}; "
            f"{text(short_name(second))} is a {text(KIND_LABELS[second.kind].lower())}, so only the rows that apply "
            "to both kinds are compared below."
        )
    older, newer = sorted((first, second), key=lambda t: t.introduced.year)
    gap = newer.introduced.year - older.introduced.year
    if gap:
        sentences.append(
            f"{text(short_name(older))} is older: introduced in {older.introduced.year}, "
            f"{gap} year{'s' if gap != 1 else ''} before {text(short_name(newer))} ({newer.introduced.year})."
        )
    else:
        sentences.append(f"Both were introduced in {first.introduced.year}.")
    for this, other in ((first, second), (second, first)):
        only = [d for d in kb.applicable_dimensions(this) if other.kind not in d.applies_to]
        if only:
            labels = ", ".join(text(d.label) for d in only)
            profile = link(text(f"{short_name(this)} profile"), page.link_to(technology_page(this.id), "profile"))
            sentences.append(f"Described for {text(short_name(this))} only (see the {profile}): {labels}.")
    return sentences


def shared_industries(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> str:
    """A table of the industries that use both technologies, linking each use."""
    techs = [kb.technologies[first_id], kb.technologies[second_id]]
    rows = []
    for industry in kb.industries.values():
        cells = [
            ", ".join(
                link(text(use.use_case), page.link_to(industry_page(industry.id), use.id))
                for use in industry.uses
                if use.technology == tech.id
            )
            for tech in techs
        ]
        if all(cells):
            rows.append([link(text(industry.name), page.link_to(industry_page(industry.id))), *cells])
    if not rows:
        return (
            f"No industry in the data records a use of both {text(techs[0].name)} and {text(techs[1].name)}; "
            "see each technology's page for where it is used."
        )
    headers = ["Industry", *[f"{short_name(t)} uses" for t in techs]]
    return table(headers, rows)


def other_comparisons(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> str:
    """Links to the other pair pages that involve either technology."""
    lines = []
    for tech_id in (first_id, second_id):
        links = [
            link(text(pair_title(kb, a, b)), page.link_to(pair_page(a, b)))
            for a, b in compared_pairs(kb)
            if tech_id in (a, b) and {a, b} != {first_id, second_id}
        ]
        lines.append(f"- {text(short_name(kb.technologies[tech_id]))}: " + ", ".join(links))
    return "\n".join(lines)


def pair_comparison(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> str:
    """The body of a pair page: summaries, relation, differences, side by side, shared industries, links."""
    first, second = get_technology(kb, first_id), get_technology(kb, second_id)
    if first.id == second.id:
        raise ValueError(f"a pair page needs two different technologies, got '{first.id}' twice")
    intro = table(
        ["Aspect", short_name(first), short_name(second)],
        [
            ["In one line", text(first.summary), text(second.summary)],
            ["Kind", text(KIND_LABELS[first.kind]), text(KIND_LABELS[second.kind])],
            ["Introduced", str(first.introduced.year), str(second.introduced.year)],
            ["Full profile", technology_link(page, first), technology_link(page, second)],
        ],
    )
    side_by_side = comparison_table(kb, page, [first.id, second.id])
    return "\n\n".join(
        [
            intro,
            "## How they relate",
            "\n".join(f"- {sentence}" for sentence in relation_sentences(kb, page, first.id, second.id)),
            "## Where they differ",
            "\n".join(f"- {sentence}" for sentence in difference_sentences(kb, page, first.id, second.id)),
            "## Side by side",
            side_by_side,
            "## Industries that use both",
            not_searched(shared_industries(kb, page, first.id, second.id)),
            "## Other comparisons",
            not_searched(other_comparisons(kb, page, first.id, second.id))
            + "\n\n"
            + link("Every pair in one matrix", page.link_to(COMPARE_INDEX)),
        ]
    )


def pair_matrix(kb: KnowledgeBase, page: PageContext) -> str:
    """A technology-by-technology matrix whose cells link to the pair pages."""
    techs = list(kb.technologies.values())
    pages = set(compared_pairs(kb))
    rows = []
    for row_tech in techs:
        cells = [technology_link(page, row_tech)]
        for column_tech in techs:
            first, second = ordered_pair(kb, row_tech.id, column_tech.id)
            if (first, second) not in pages:
                cells.append("&mdash;")
                continue
            cells.append(link(text(pair_title(kb, row_tech.id, column_tech.id)), page.link_to(pair_page(first, second))))
        rows.append(cells)
    return table(["Technology", *[short_name(t) for t in techs]], rows)


def pair_list(kb: KnowledgeBase, page: PageContext) -> str:
    """Every pair page as a list, grouped by the first technology."""
    lines = []
    for tech_id, tech in kb.technologies.items():
        links = [link(text(pair_title(kb, a, b)), page.link_to(pair_page(a, b))) for a, b in compared_pairs(kb) if a == tech_id]
        if links:
            lines.append(f"- **{text(tech.name)}**: " + ", ".join(links))
    return "\n".join(lines)
