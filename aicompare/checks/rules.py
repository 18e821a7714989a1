"""The loader's rules that look across records: each has a name, a one-line description and its own tests.

A rule yields `Finding`s (where, what); `run_rules` turns them into located problems tagged with the
rule's name. Rules see ids of records that failed validation as existing, so one broken file does not
make every reference to it look wrong; a rule that needs a complete collection skips itself while that
collection has a broken record, because its findings would only be consequences.

Rules of the loading stage (YAML syntax, schema, file layout, ids) are listed in LOADING_RULES; they
are applied while reading and carry the same names.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..knowledge import KnowledgeBase, regulation_references, source_references, technology_references
from ..load_state import LoadState
from ..models import Technology
from ..problems import Location, Problem, did_you_mean

LOADING_RULES: dict[str, str] = {
    "readable-file": "every data file can be read",
    "yaml-syntax": "every data file is valid YAML; the message names the usual cause and fix",
    "duplicate-key": "no key appears twice in the same mapping (PyYAML would silently keep the last)",
    "file-layout": "collection files exist and are lists; folders hold .yml files",
    "schema": "every record matches its model: known keys, types, required fields, closed vocabularies, ISO dates",
    "id-matches-file-name": "a technology, industry or comparison file is named after its id",
    "unique-ids": "ids are unique within a collection",
}


@dataclass(frozen=True)
class Finding:
    """A rule's report: which record, where inside it, and the message."""

    collection: str
    record_id: str
    location: Location
    message: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    check: Callable[[KnowledgeBase, LoadState], Iterator[Finding]]


RULES: list[Rule] = []


def rule(name: str, description: str) -> Callable[[Callable[[KnowledgeBase, LoadState], Iterator[Finding]]], Rule]:
    """Register a cross-record rule."""

    def register(check: Callable[[KnowledgeBase, LoadState], Iterator[Finding]]) -> Rule:
        registered = Rule(name, description, check)
        RULES.append(registered)
        return registered

    return register


def run_rules(kb: KnowledgeBase, state: LoadState) -> list[Problem]:
    """Every cross-record problem, located and tagged with its rule."""
    problems = []
    for registered in RULES:
        for finding in registered.check(kb, state):
            origin = state.origins[(finding.collection, finding.record_id)]
            problems.append(origin.problem(finding.location, finding.message, registered.name))
    return problems


Unresolved = tuple[str, str, Location, str, set[str]]


def _unresolved(references: Iterator[tuple[str, str, Location, str]], collection: str, state: LoadState) -> Iterator[Unresolved]:
    """References to ids that do not exist; none while the target collection's file cannot be read."""
    if collection in state.broken_collections:
        return
    pool = state.known_ids(collection)
    for source_collection, record_id, location, target in references:
        if target not in pool:
            yield source_collection, record_id, location, target, pool


def _unknown(what: str, value: str, pool: set[str]) -> str:
    return f"unknown {what} '{value}'{did_you_mean(value, pool)}"


@rule("known-technology", "every technology id that a record names exists in data/technologies/")
def known_technology(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for collection, record_id, location, target, pool in _unresolved(technology_references(kb), "technologies", state):
        yield Finding(collection, record_id, location, _unknown("technology", target, pool))


@rule("known-source", "every citation names an entry of data/sources.yml")
def known_source(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for collection, record_id, location, target, pool in _unresolved(source_references(kb), "sources", state):
        yield Finding(collection, record_id, location, _unknown("source", target, pool) + "; add it to data/sources.yml")


@rule("known-regulation", "every regulation an industry or use names exists in data/regulations.yml")
def known_regulation(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for collection, record_id, location, target, pool in _unresolved(regulation_references(kb), "regulations", state):
        yield Finding(collection, record_id, location, _unknown("regulation", target, pool))


@rule("use-regulation-listed", "a rule named on a use is also in its industry's regulations list")
def use_regulation_listed(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for industry in kb.industries.values():
        for use_index, use in enumerate(industry.uses):
            for index, regulation in enumerate(use.regulations):
                if regulation not in industry.regulations:
                    yield Finding(
                        "industries",
                        industry.id,
                        ("uses", use_index, "regulations", index),
                        f"regulation '{regulation}' is not in this industry's regulations list; add it there too",
                    )


@rule("unique-use-ids", "the uses of one industry have distinct ids (they are anchors on its page)")
def unique_use_ids(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for industry in kb.industries.values():
        seen: dict[str, int] = {}
        for index, use in enumerate(industry.uses):
            if use.id in seen:
                yield Finding(
                    "industries", industry.id, ("uses", index, "id"), f"duplicate use id '{use.id}' (also uses[{seen[use.id]}])"
                )
            seen.setdefault(use.id, index)


@rule("no-self-reference", "a technology is not its own parent or base")
def no_self_reference(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for tech in kb.technologies.values():
        for relation in ("parents", "built_on"):
            values = getattr(tech, relation)
            if tech.id in values:
                yield Finding(
                    "technologies", tech.id, (relation, values.index(tech.id)), f"'{tech.id}' cannot be in its own {relation}"
                )


def parent_cycle(start: str, technologies: dict[str, Technology]) -> list[str]:
    """The ids on a path of parents from `start` back to itself ([] when there is none)."""
    stack: list[list[str]] = [[start, parent] for parent in technologies[start].parents if parent != start]
    seen: set[str] = set()
    while stack:
        path = stack.pop()
        current = path[-1]
        if current == start:
            return path
        if current in seen or current not in technologies:
            continue
        seen.add(current)
        stack.extend([*path, parent] for parent in technologies[current].parents)
    return []


@rule("no-parent-cycle", "following parents never leads back to the same technology")
def no_parent_cycle(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    reported: set[frozenset[str]] = set()
    for tech_id in kb.technologies:
        cycle = parent_cycle(tech_id, kb.technologies)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            chain = " inside ".join(reversed(cycle))
            message = f"the parents form a cycle ({chain}); remove one of these parents"
            yield Finding("technologies", tech_id, ("parents",), message)


OLDER_THAN_THEIR_FIELD = frozenset({"algorithm"})
"""Kinds that may predate what contains them: least squares (1805) is older than machine learning (1959)."""


@rule(
    "introduced-order",
    "a technology is not introduced before the technologies it sits inside (classical algorithms, which statistics "
    "often had long before machine learning took them in, excepted)",
)
def introduced_order(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for tech in kb.technologies.values():
        if tech.kind in OLDER_THAN_THEIR_FIELD:
            continue
        if parent_cycle(tech.id, kb.technologies):
            continue  # a cycle is reported by its own rule; the order within it means nothing
        for parent_id in tech.parents:
            parent = kb.technologies.get(parent_id)
            if parent is not None and parent.introduced.year > tech.introduced.year:
                yield Finding(
                    "technologies",
                    tech.id,
                    ("introduced", "year"),
                    f"introduced in {tech.introduced.year}, before '{parent_id}' ({parent.introduced.year}), which contains it; "
                    "'introduced' is the first published work that defined a technology under its name or in recognisable "
                    "form: date the containing technology no later than its members",
                )


@rule("known-dimension", "every dimension a technology fills is defined in data/dimensions.yml")
def known_dimension(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    if not state.complete("dimensions"):
        return
    for tech in kb.technologies.values():
        for key in tech.dimensions:
            if key not in kb.dimensions:
                yield Finding(
                    "technologies",
                    tech.id,
                    ("dimensions", key),
                    f"{_unknown('dimension', key, set(kb.dimensions))}; dimensions are defined in data/dimensions.yml",
                )


@rule("dimension-applies", "a technology fills only the dimensions that apply to its kind")
def dimension_applies(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    if not state.complete("dimensions"):
        return
    for tech in kb.technologies.values():
        applicable = {dim.id for dim in kb.applicable_dimensions(tech)}
        for key in tech.dimensions:
            if key in kb.dimensions and key not in applicable:
                yield Finding(
                    "technologies",
                    tech.id,
                    ("dimensions", key),
                    f"dimension '{key}' does not apply to kind '{tech.kind}'; remove it, or add the kind to its "
                    "applies_to in data/dimensions.yml",
                )


@rule("dimensions-complete", "every dimension that applies to a technology's kind is filled, or marked unknown / not applicable")
def dimensions_complete(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    if not state.complete("dimensions"):
        return
    for tech in kb.technologies.values():
        misspelled = {_closest(key, kb.dimensions) for key in tech.dimensions if key not in kb.dimensions}
        for dimension in kb.applicable_dimensions(tech):
            if dimension.id not in tech.dimensions and dimension.id not in misspelled:
                yield Finding(
                    "technologies",
                    tech.id,
                    ("dimensions",),
                    f"missing dimension '{dimension.id}': give a value with sources and as_of, "
                    "or status: unknown / not_applicable with a note",
                )


def _closest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _labels(kb: KnowledgeBase) -> Iterator[tuple[str, str, Location, str]]:
    """(collection, record id, location, label) for every name, abbreviation and alias readers search for."""
    for tech in kb.technologies.values():
        yield "technologies", tech.id, ("name",), tech.name
        if tech.abbreviation:
            yield "technologies", tech.id, ("abbreviation",), tech.abbreviation
        for index, alias in enumerate(tech.aliases):
            yield "technologies", tech.id, ("aliases", index), alias
    for term in kb.glossary.values():
        yield "glossary", term.id, ("term",), term.term
        for key in ("aliases", "abbreviations"):
            for index, alias in enumerate(getattr(term, key)):
                yield "glossary", term.id, (key, index), alias


@rule("unique-names", "names, abbreviations and aliases of technologies and glossary terms are unique, ignoring case")
def unique_names(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    owners: dict[str, tuple[str, str]] = {}
    # Names and abbreviations claim their label before aliases do, so the alias is the one reported.
    labels = sorted(_labels(kb), key=lambda label: label[2][0] in {"aliases"})
    for collection, record_id, location, label in labels:
        owner = owners.setdefault(label.casefold(), (collection, record_id))
        if owner != (collection, record_id):
            what = "technology" if owner[0] == "technologies" else "glossary term"
            yield Finding(
                collection,
                record_id,
                location,
                f"'{label}' is already used by {what} '{owner[1]}'; names, abbreviations and aliases must be unique",
            )
    names: dict[str, str] = {}
    for industry in kb.industries.values():
        first = names.setdefault(industry.name.casefold(), industry.id)
        if first != industry.id:
            yield Finding("industries", industry.id, ("name",), f"'{industry.name}' is already the name of industry '{first}'")


@rule(
    "example-names",
    "a well-known example is not also a name, abbreviation or alias of its own technology, nor listed twice under it "
    "(the same model may be an example of several technologies)",
)
def example_names(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for tech in kb.technologies.values():
        seen = {label.casefold() for label in [tech.name, tech.abbreviation or "", *tech.aliases] if label}
        for index, example in enumerate(tech.examples):
            name = example.name.casefold()
            if name in seen:
                message = f"example '{example.name}' repeats a name, alias or example of '{tech.id}'; drop one of them"
                yield Finding("technologies", tech.id, ("examples", index, "name"), message)
            seen.add(name)


@rule("source-cited", "every entry of data/sources.yml is cited somewhere")
def source_cited(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    if not state.citations_known():
        return  # citations in a file that cannot be read are unknown: any finding would be a consequence
    cited = {source_id for *_, source_id in source_references(kb)} | state.failed_citations
    for source_id in kb.sources:
        if source_id not in cited:
            yield Finding("sources", source_id, ("id",), f"source '{source_id}' is not cited anywhere; cite it or remove it")


@rule("one-id-per-work", "two sources never share a DOI, arXiv id or URL")
def one_id_per_work(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    seen: dict[tuple[str, str], str] = {}
    for source_id, source in kb.sources.items():
        for key in ("doi", "arxiv", "url"):
            value = getattr(source, key)
            if not value:
                continue
            first = seen.setdefault((key, value.casefold().rstrip("/")), source_id)
            if first != source_id:
                yield Finding(
                    "sources", source_id, (key,), f"same {key} as source '{first}': one work needs one id; cite '{first}' instead"
                )
                break  # one message per duplicated entry, however many identifiers it shares


@rule("guide-conditions", "each guide rule asks only questions the guide has, with answers those questions offer")
def guide_conditions(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    if kb.guide is None:
        return
    answers = {question.id: [answer.id for answer in question.answers] for question in kb.guide.questions}
    for index, guide_rule in enumerate(kb.guide.rules):
        for question_id, answer_id in guide_rule.when.items():
            location: Location = ("rules", index, "when", question_id)
            if question_id not in answers:
                yield Finding("guide", "guide", location, _unknown("question", question_id, set(answers)))
            elif answer_id not in answers[question_id]:
                offered = ", ".join(answers[question_id])
                message = f"{_unknown('answer', answer_id, set(answers[question_id]))}; choose one of {offered}"
                yield Finding("guide", "guide", location, message)


@rule("comparison-named-by-ids", "a curated comparison's id is its technology ids joined by '-vs-'")
def comparison_named_by_ids(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for comparison in kb.comparisons.values():
        expected = "-vs-".join(comparison.technologies)
        if comparison.id != expected:
            yield Finding(
                "comparisons", comparison.id, ("id",), f"name this comparison '{expected}' (its technologies joined by '-vs-')"
            )


@rule("comparison-unique", "no two curated comparisons cover the same technologies, in any order")
def comparison_unique(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    seen: dict[frozenset[str], str] = {}
    for comparison in kb.comparisons.values():
        first = seen.setdefault(frozenset(comparison.technologies), comparison.id)
        if first != comparison.id:
            yield Finding(
                "comparisons",
                comparison.id,
                ("technologies",),
                f"'{first}' already compares these technologies; merge the two files",
            )


@rule("comparison-choices", "a curated comparison says when to choose each of its technologies, once each")
def comparison_choices(kb: KnowledgeBase, state: LoadState) -> Iterator[Finding]:
    for comparison in kb.comparisons.values():
        chosen = [choice.technology for choice in comparison.choose]
        for index, tech_id in enumerate(chosen):
            if tech_id not in comparison.technologies:
                yield Finding(
                    "comparisons",
                    comparison.id,
                    ("choose", index, "technology"),
                    f"'{tech_id}' is not one of this comparison's technologies ({', '.join(comparison.technologies)})",
                )
            elif chosen.index(tech_id) != index:
                yield Finding("comparisons", comparison.id, ("choose", index, "technology"), f"'{tech_id}' is chosen twice")
        for tech_id in comparison.technologies:
            if tech_id not in chosen:
                yield Finding("comparisons", comparison.id, ("choose",), f"add an entry saying when to choose '{tech_id}'")
