"""Pair pages: every two technologies compared, generated at build time from the same data."""

from __future__ import annotations

from itertools import combinations

from ..hierarchy import ancestors, hierarchy_path
from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS, Technology
from ..paths import COMPARE_INDEX, industry_page, pair_page
from .curated import comparison_link, curated_block, curated_for
from .markdown import PageContext, folded, front_matter, link, not_searched, table, text
from .overview import short_answer
from .tables import comparison_table, get_technology, technology_link


def short_name(tech: Technology) -> str:
    """The label a table header or link uses: the abbreviation if there is one."""
    return tech.abbreviation or tech.name


KINDS_PAIRED_BY_PLACE = frozenset({"technique"})  # of these kinds, only siblings pair by kind


def compared_pairs(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The pairs readers compare, each in display order: a pair page exists for each.

    Two technologies make a pair when they are of the same kind, when one sits directly inside or is
    built on the other, or when a curated comparison names both. Techniques are too varied for their kind
    alone to make a question (nobody weighs quantization against RLHF), so two techniques pair only when
    they sit in the same place. Every other combination is left to the compare picker, so
    "retrieval-augmented generation vs CNN" gets no page of its own.
    """
    return kb.site_structure(
        "compared_pairs",
        lambda: [(first, second) for first, second in combinations(kb.technologies, 2) if readers_compare(kb, first, second)],
    )


def readers_compare(kb: KnowledgeBase, first_id: str, second_id: str) -> bool:
    """True when two technologies are of one kind, parent and child, one built on the other, or curated together."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    if first.kind == second.kind and (first.kind not in KINDS_PAIRED_BY_PLACE or set(first.parents) & set(second.parents)):
        return True
    if first_id in second.parents or second_id in first.parents:
        return True
    if first_id in second.built_on or second_id in first.built_on:
        return True
    return frozenset((first_id, second_id)) in _curated_pairs(kb)


def _curated_pairs(kb: KnowledgeBase) -> frozenset[frozenset[str]]:
    """Every two technologies that one curated comparison names together (made once per load)."""
    return kb.site_structure(
        "curated_pairs",
        lambda: frozenset(frozenset(pair) for c in kb.comparisons.values() for pair in combinations(c.technologies, 2)),
    )


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
    """The front matter and title of a generated pair page (its body is `pair_comparison`)."""
    curated = curated_for(kb, [first_id, second_id])
    title = curated.title if curated else pair_title(kb, first_id, second_id)
    meta = {"title": title, "description": pair_description(kb, first_id, second_id)}
    return front_matter(meta) + f"# {text(title)}\n\n"


def group_source(kb: KnowledgeBase, comparison_id: str) -> str:
    """The front matter and title of a curated comparison of three or more (its body is `group_comparison`)."""
    comparison = kb.comparisons[comparison_id]
    meta = {"title": comparison.title, "description": comparison.difference}
    return front_matter(meta) + f"# {text(comparison.title)}\n\n"


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


def kind_sentence(kb: KnowledgeBase, first_id: str, second_id: str) -> str:
    """Whether the two are of one kind, and what that means for the rows compared."""
    first, second = kb.technologies[first_id], kb.technologies[second_id]
    if first.kind == second.kind:
        return f"Both are of the same kind: {text(KIND_LABELS[first.kind].lower())}."
    return (
        f"{text(short_name(first))} is a {text(KIND_LABELS[first.kind].lower())}; {text(short_name(second))} is a "
        f"{text(KIND_LABELS[second.kind].lower())}, so only the rows that apply to both kinds are compared."
    )


def shared_dimensions(kb: KnowledgeBase, tech_ids: list[str], key: bool) -> list[str]:
    """Ids of the dimensions that apply to every given technology, the key rows or the others."""
    techs = [kb.technologies[t] for t in tech_ids]
    return [d.id for d in kb.dimensions.values() if d.key == key and all(t.kind in d.applies_to for t in techs)]


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


def more_comparisons(kb: KnowledgeBase, page: PageContext, tech_ids: list[str]) -> str:
    """The compare page with this pair chosen, curated groups that include it, and other pairs of either."""
    lines = [f"- {picker_link(page, tech_ids)}"]
    groups = [c for c in kb.comparisons.values() if len(c.technologies) > 2 and set(tech_ids) <= set(c.technologies)]
    lines += [f"- {comparison_link(kb, page, group)}" for group in groups]
    for tech_id in tech_ids:
        links = [
            link(text(pair_title(kb, a, b)), page.link_to(pair_page(a, b)))
            for a, b in compared_pairs(kb)
            if tech_id in (a, b) and {a, b} != set(tech_ids)
        ]
        if links:
            lines.append(f"- Other comparisons with {text(short_name(kb.technologies[tech_id]))}: " + ", ".join(links))
    return "\n".join(lines)


def pair_comparison(kb: KnowledgeBase, page: PageContext, first_id: str, second_id: str) -> str:
    """The body of a pair page: the answer first (curated, or one line each), then where they differ, the rest, links."""
    first, second = get_technology(kb, first_id), get_technology(kb, second_id)
    if first.id == second.id:
        raise ValueError(f"a pair page needs two different technologies, got '{first.id}' twice")
    ids = [first.id, second.id]
    curated = curated_for(kb, ids)
    opening = curated_block(kb, page, curated) if curated else uncurated_answer(kb, page, ids)
    relation = "\n".join(f"- {sentence}" for sentence in [*relation_sentences(kb, page, *ids), kind_sentence(kb, *ids)])
    sections = [
        opening,
        "## Where they differ",
        comparison_table(kb, page, ids, shared_dimensions(kb, ids, key=True)),
        relation,
        "## Everything else, side by side",
        more_rows(kb, page, ids),
        "## Industries that use both",
        not_searched(shared_industries(kb, page, *ids)),
        "## More comparisons",
        not_searched(more_comparisons(kb, page, ids)),
    ]
    return "\n\n".join(sections)


def uncurated_answer(kb: KnowledgeBase, page: PageContext, ids: list[str]) -> str:
    """One line each, and the curated comparisons of a larger group that answer for both."""
    groups = [c for c in kb.comparisons.values() if len(c.technologies) > 2 and set(ids) <= set(c.technologies)]
    answer = short_answer(kb, page, ids)
    if groups:
        links = ", ".join(comparison_link(kb, page, group) for group in groups)
        intro = "The difference, when to choose each and the misconception"
        answer += f'\n\n<p class="curated-elsewhere" markdown="span">{intro}: {links}.</p>'
    return answer


def more_rows(kb: KnowledgeBase, page: PageContext, ids: list[str]) -> str:
    """The rows that do not tell the technologies apart, folded behind a line that says how many."""
    dimension_ids = shared_dimensions(kb, ids, key=False)
    if not dimension_ids:
        return "Every row that applies to both is shown above."
    names = ", ".join(text(kb.dimensions[d].label) for d in dimension_ids[:4])
    return folded(f"{len(dimension_ids)} more rows: {names} and more", comparison_table(kb, page, ids, dimension_ids))


def group_comparison(kb: KnowledgeBase, page: PageContext, comparison_id: str) -> str:
    """The body of a curated comparison of three or more: the answer, one line each, key rows, the pairs inside it."""
    comparison = kb.comparisons[comparison_id]
    ids = comparison.technologies
    pairs = [
        link(text(pair_title(kb, a, b)), page.link_to(pair_page(a, b))) for a, b in compared_pairs(kb) if a in ids and b in ids
    ]
    return "\n\n".join(
        [
            curated_block(kb, page, comparison),
            "## In one line each",
            short_answer(kb, page, ids),
            "## Where they differ",
            comparison_table(kb, page, ids, shared_dimensions(kb, ids, key=True)),
            "## Everything else, side by side",
            more_rows(kb, page, ids),
            "## Two at a time",
            not_searched("\n".join(f"- {pair}" for pair in pairs) + "\n\n" + picker_link(page, ids)),
        ]
    )


def picker_link(page: PageContext, tech_ids: list[str]) -> str:
    """A link to the compare page with these technologies chosen, so adding another is one step."""
    href = page.link_to(COMPARE_INDEX) + "?t=" + ",".join(tech_ids)
    return link("Add or remove technologies on the compare page", href)
