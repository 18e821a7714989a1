"""Every rule of the loader, triggered on a copy of the real data: one mistake gives one problem, located, with a fix.

`CASES` holds, for each rule, mistakes a contributor makes and a fragment of the message they must see.
A test fails if a rule has no case, so every message the loader can emit is exercised.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aicompare import DATA_DIR
from aicompare.checks.rules import LOADING_RULES, RULES
from aicompare.loader import load_knowledge_base
from aicompare.problems import DataError, Problem

from .test_bad_input import edit_yaml

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """A mistake made in `file`, and what the single resulting problem must say."""

    name: str
    file: str  # a regular expression for the file named by the problem
    mutate: Mutation
    message: str  # a regular expression the message must match


def yaml_edit(relative: str, change: Callable[[Any], None]) -> Mutation:
    return lambda data: edit_yaml(data / relative, change)


def text_edit(relative: str, old: str, new: str) -> Mutation:
    """Replace the first occurrence of `old` in a data file (for mistakes YAML tools would not write)."""

    def mutate(data: Path) -> None:
        path = data / relative
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{relative} no longer contains {old!r}; update the test case"
        path.write_text(content.replace(old, new, 1), encoding="utf-8")

    return mutate


def append_text(relative: str, extra: str) -> Mutation:
    return lambda data: (data / relative).write_text((data / relative).read_text(encoding="utf-8") + extra, encoding="utf-8")


def first_use(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    return lambda industry: change(industry["uses"][0])


# A pair no curated comparison in the data covers yet.
COMPARISON = {
    "id": "vae-vs-gan",
    "technologies": ["vae", "gan"],
    "title": "VAE vs GAN",
    "difference": "One learns a smooth latent space; the other trains a generator against a critic.",
    "difference_sources": ["goodfellow2016"],
    "choose": [
        {"technology": "vae", "when": ["Training must be stable."], "sources": ["goodfellow2016"]},
        {"technology": "gan", "when": ["Samples must be sharp."], "sources": ["goodfellow2016"]},
    ],
    "misconception": {"claim": "GANs are always better.", "correction": "Each suits other needs.", "sources": ["goodfellow2016"]},
    "as_of": "2026-11-01",
}


def add_comparison(change: Callable[[dict[str, Any]], None] = lambda c: None, file_id: str = "vae-vs-gan") -> Mutation:
    def mutate(data: Path) -> None:
        import yaml

        record = {**COMPARISON, "choose": [dict(choice) for choice in COMPARISON["choose"]]}
        change(record)
        (data / "comparisons").mkdir(exist_ok=True)
        (data / f"comparisons/{file_id}.yml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")

    return mutate


def two_comparisons(data: Path) -> None:
    add_comparison()(data)
    add_comparison(lambda c: c.update(id="gan-vs-vae", technologies=["gan", "vae"], choose=c["choose"][::-1]), "gan-vs-vae")(data)


CASES: dict[str, list[Case]] = {
    "readable-file": [
        Case("not UTF-8", "data/technologies/gan.yml", lambda d: (d / "technologies/gan.yml").write_bytes(b"id: gan\nname: \xff\n"),
             r"cannot read the file"),
    ],
    "yaml-syntax": [
        Case("colon in an unquoted title", "data/sources.yml",
             text_edit("sources.yml", "  title: Sanity Checks for Saliency Maps", "  title: Sanity Checks: for Saliency Maps"),
             r"^not valid YAML: a colon followed by a space inside unquoted text .* put the whole text in double quotes"),
        Case("wrong indentation", "data/technologies/cnn.yml",
             text_edit("technologies/cnn.yml", "    sources: [goodfellow2016, he2016, lecun2015]",
                       "   sources: [goodfellow2016, he2016, lecun2015]"),
             r"^not valid YAML: this line is indented differently"),
        Case("a tab", "data/technologies/rnn.yml", text_edit("technologies/rnn.yml", "\nname:", "\n\tname:"),
             r"^not valid YAML: a tab character is used for indentation"),
        Case("unclosed list", "data/industries/retail.yml", text_edit("industries/retail.yml", "\nregulations: [", "\nregulations: [x, ["),
             r"^not valid YAML: a \[list\] or \{group\} is not closed"),
        Case("apostrophe in single quotes", "data/technologies/vae.yml",
             text_edit("technologies/vae.yml", "\nname: ", "\nname: 'it's' "), r"^not valid YAML: an apostrophe or quote ends"),
    ],
    "duplicate-key": [
        Case("key twice", "data/technologies/gan.yml", append_text("technologies/gan.yml", "name: Second name\n"),
             r"^key 'name' appears twice in the same mapping; keep one"),
    ],
    "file-layout": [
        Case("collection file missing", "data/confusions.yml", lambda d: (d / "confusions.yml").unlink(),
             r"the file is missing; restore data/confusions.yml"),
        Case("collection is not a list", "data/regulations.yml", lambda d: (d / "regulations.yml").write_text("id: x\n"),
             r"must be a YAML list of entries"),
        Case(".yaml extension", "data/technologies/gan.yaml", lambda d: (d / "technologies/gan.yml").rename(d / "technologies/gan.yaml"),
             r"rename the file to end in \.yml"),
        Case("empty folder", "data/industries", lambda d: [p.unlink() for p in (d / "industries").glob("*.yml")],
             r"no \.yml files found"),
    ],
    "schema": [
        Case("misspelled key", "data/technologies/cnn.yml", text_edit("technologies/cnn.yml", "\nkey_papers:", "\nkey_paper:"),
             r"^unknown key 'key_paper' \(did you mean 'key_papers'\?\); the keys allowed here are: id, name"),
        Case("misspelled required key", "data/technologies/cnn.yml", text_edit("technologies/cnn.yml", "\nkind:", "\nknd:"),
             r"^unknown key 'knd' \(did you mean 'kind'\?\); the keys allowed here are: id, name"),
        Case("misspelled nested key", "data/technologies/cnn.yml",
             yaml_edit("technologies/cnn.yml", lambda t: t["dimensions"]["focus"].update(soruces=t["dimensions"]["focus"].pop("sources"))),
             r"^unknown key 'soruces' \(did you mean 'sources'\?\)"),
        Case("date as a number", "data/technologies/rnn.yml", text_edit("technologies/rnn.yml", "as_of: 2026-11-22", "as_of: 20261122"),
             r"^write dates as YYYY-MM-DD, e\.g\. 2026-11-30 \(got 20261122\)"),
        Case("date in day-month-year", "data/industries/finance.yml",
             yaml_edit("industries/finance.yml", first_use(lambda u: u.update(as_of="22/11/2026"))),
             r"^write dates as YYYY-MM-DD, e\.g\. 2026-11-30 \(got '22/11/2026'\)"),
        Case("impossible date", "data/confusions.yml", text_edit("confusions.yml", "as_of: 2026-11-22", "as_of: 2026-02-30"),
             r"^'2026-02-30' is not a real date; write dates as YYYY-MM-DD"),
        Case("date in the future", "data/technologies/ml.yml",
             yaml_edit("technologies/ml.yml", lambda t: t["dimensions"]["focus"].update(as_of="2999-01-01")),
             r"^date 2999-01-01 is in the future; use the date you checked the value"),
        Case("text where a number belongs", "data/technologies/vae.yml",
             yaml_edit("technologies/vae.yml", lambda t: t["introduced"].update(year="twenty-thirteen")),
             r"^expected a whole number, e\.g\. `year: 2017` \(got 'twenty-thirteen'\)"),
        Case("a list where text belongs", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(summary=["a"])),
             r"^expected text, e\.g\. `summary: One sentence saying what it is\.` \(got a list\)"),
        Case("text where a list belongs", "data/technologies/gan.yml",
             yaml_edit("technologies/gan.yml", lambda t: t.update(key_papers="goodfellow2014")),
             r"^expected a list: write `key_papers: \[vaswani2017\]` or one '- item' per line"),
        Case("missing required field", "data/technologies/cnn.yml", yaml_edit("technologies/cnn.yml", lambda t: t.pop("summary")),
             r"^required field 'summary' is missing; add it, e\.g\. `summary: One sentence saying what it is\.`"),
        Case("unknown kind", "data/technologies/cnn.yml", yaml_edit("technologies/cnn.yml", lambda t: t.update(kind="architectur")),
             r"^must be one of .*'architecture'.* \(got 'architectur'\) \(did you mean 'architecture'\?\)"),
        Case("unquoted arXiv id", "data/sources.yml", text_edit("sources.yml", "arxiv: '1810.03292'", "arxiv: 1810.03292"),
             r"^put the arXiv id in quotes, e\.g\. arxiv: '1810\.03292'"),
        Case("bad id", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(parents=["Deep Learning"])),
             r"^ids use lowercase letters, digits and single hyphens, e\.g\. 'vision-transformer' \(got 'Deep Learning'\)"),
        Case("known value without a date", "data/technologies/ml.yml",
             yaml_edit("technologies/ml.yml", lambda t: t["dimensions"]["focus"].pop("as_of")),
             r"^a known value needs as_of; or set status: unknown with a note"),
        Case("year out of range", "data/technologies/vae.yml", yaml_edit("technologies/vae.yml", lambda t: t["introduced"].update(year=13)),
             r"^expected a year between 1900 and 2100 \(got 13\)"),
        Case("empty source list", "data/confusions.yml", yaml_edit("confusions.yml", lambda c: c[0].update(sources=[])),
             r"^must not be empty: write at least one entry, e\.g\. `sources: \[vaswani2017\]`"),
        Case("empty text", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(summary="  ")),
             r"^must not be empty"),
        Case("DOI written as a link", "data/sources.yml", text_edit("sources.yml", "doi: 10.1038/s41591-022-01894-0", "doi: https://doi.org/10.1038/s41591-022-01894-0"),
             r"^write the DOI alone, starting with 10\."),
        Case("address without https", "data/sources.yml", text_edit("sources.yml", "url: https://doi.org/10.1038/s41591-022-01894-0", "url: doi.org/10.1038/s41591-022-01894-0"),
             r"^write a full web address starting with https://"),
        Case("a value where a group belongs", "data/technologies/vae.yml", yaml_edit("technologies/vae.yml", lambda t: t.update(introduced=2013)),
             r"^expected a group of `key: value` lines indented under 'introduced' \(got 2013\)"),
        Case("too many technologies in a comparison", "data/comparisons/vae-vs-gan.yml",
             add_comparison(lambda c: c.update(technologies=["vae", "gan", "rnn", "cnn", "dl"])),
             r"^list should have at most 4 items"),
        Case("unknown value with a value", "data/technologies/ml.yml",
             yaml_edit("technologies/ml.yml", lambda t: t["dimensions"]["focus"].update(status="unknown", note="n")),
             r"^status unknown cannot have a 'value'; set status: known or drop the value"),
        Case("unknown value without a note", "data/technologies/cnn.yml",
             yaml_edit("technologies/cnn.yml", lambda t: t["dimensions"].update(focus={"status": "unknown"})),
             r"^status unknown needs a 'note' saying why"),
        Case("source without an address", "data/sources.yml", yaml_edit("sources.yml", lambda s: [s[0].pop(k, None) for k in ("url", "doi", "arxiv")]),
             r"^a source needs at least one of url, doi or arxiv"),
        Case("';' inside a list item", "data/technologies/gan.yml",
             yaml_edit("technologies/gan.yml", lambda t: t["aliases"].append("GAN; GANs")), r"^a list item cannot contain ';'"),
    ],
    "id-matches-file-name": [
        Case("id differs from file name", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(id="gans")),
             r"^id 'gans' must equal the file name 'gan'; rename the file or change the id"),
    ],
    "unique-ids": [
        Case("duplicate source id", "data/sources.yml", yaml_edit("sources.yml", lambda s: s.append({**s[1], "id": s[0]["id"]})),
             r"^duplicate id '[\w-]+' \(first at line \d+\); ids must be unique"),
    ],
    "known-technology": [
        Case("typo in a parent", "data/technologies/cnn.yml", yaml_edit("technologies/cnn.yml", lambda t: t.update(parents=["dll"])),
             r"^unknown technology 'dll' \(did you mean 'dl'\?\)"),
        Case("typo in a use", "data/industries/healthcare.yml",
             yaml_edit("industries/healthcare.yml", first_use(lambda u: u.update(technology="cnnn"))),
             r"^unknown technology 'cnnn' \(did you mean 'cnn'\?\)"),
    ],
    "known-source": [
        Case("typo in a citation", "data/technologies/transformer.yml",
             yaml_edit("technologies/transformer.yml", lambda t: t["dimensions"]["focus"].update(sources=["vaswani2071"])),
             r"^unknown source 'vaswani2071' \(did you mean 'vaswani2017'\?\); add it to data/sources\.yml"),
    ],
    "known-regulation": [
        Case("typo in a regulation", "data/industries/finance.yml",
             yaml_edit("industries/finance.yml", lambda i: i.update(regulations=[*i["regulations"], "gdprr"])),
             r"^unknown regulation 'gdprr' \(did you mean 'gdpr'\?\)"),
    ],
    "use-regulation-listed": [
        Case("use names a rule its industry does not list", "data/industries/finance.yml",
             yaml_edit("industries/finance.yml", first_use(lambda u: u.update(regulations=["hipaa"]))),
             r"^regulation 'hipaa' is not in this industry's regulations list; add it there too"),
    ],
    "unique-use-ids": [
        Case("two uses with one id", "data/industries/retail.yml",
             yaml_edit("industries/retail.yml", lambda i: i["uses"][1].update(id=i["uses"][0]["id"])),
             r"^duplicate use id '[\w-]+' \(also uses\[0\]\)"),
    ],
    "no-self-reference": [
        Case("own parent", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(parents=["gan"])),
             r"^'gan' cannot be in its own parents"),
        Case("built on itself", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t.update(built_on=["gan"])),
             r"^'gan' cannot be in its own built_on"),
    ],
    "no-parent-cycle": [
        Case("ml inside dl inside ml", r"data/technologies/(ml|dl)\.yml", yaml_edit("technologies/ml.yml", lambda t: t.update(parents=["dl"])),
             r"^the parents form a cycle"),
    ],
    "introduced-order": [
        Case("member older than its field", "data/technologies/gan.yml", yaml_edit("technologies/gan.yml", lambda t: t["introduced"].update(year=1950)),
             r"^introduced in 1950, before 'genai' \(\d+\), which contains it"),
    ],
    "known-dimension": [
        Case("dimension not defined", "data/technologies/cnn.yml",
             yaml_edit("technologies/cnn.yml", lambda t: t["dimensions"].update(focuss=t["dimensions"].pop("focus"))),
             r"^unknown dimension 'focuss' \(did you mean 'focus'\?\); dimensions are defined in data/dimensions\.yml"),
    ],
    "dimension-applies": [
        Case("generative row on an architecture", "data/technologies/cnn.yml",
             yaml_edit("technologies/cnn.yml", lambda t: t["dimensions"].update(sampling_speed={"status": "unknown", "note": "n"})),
             r"^dimension 'sampling_speed' does not apply to kind 'architecture'"),
    ],
    "dimensions-complete": [
        Case("row left out", "data/technologies/rnn.yml", yaml_edit("technologies/rnn.yml", lambda t: t["dimensions"].pop("context_memory")),
             r"^missing dimension 'context_memory': give a value with sources and as_of, or status: unknown"),
    ],
    "unique-names": [
        Case("alias of another technology", r"data/technologies/(rnn|cnn)\.yml",
             yaml_edit("technologies/rnn.yml", lambda t: t["aliases"].append("ConvNet")),
             r"^'ConvNet' is already used by technology '(cnn|rnn)'"),
        Case("industry name twice", "data/industries/retail.yml", yaml_edit("industries/retail.yml", lambda i: i.update(name="Finance")),
             r"^'Finance' is already the name of industry 'finance'"),
    ],
    "example-names": [
        Case("an example that is the technology's own alias", "data/technologies/llm.yml",
             yaml_edit("technologies/llm.yml", lambda t: t["examples"].append(
                 {"name": t["aliases"][0], "description": "The same.", "sources": [t["introduced"]["sources"][0]]})),
             r"^example '.+' repeats a name, alias or example of 'llm'; drop one of them"),
        Case("the same example twice", "data/technologies/llm.yml",
             yaml_edit("technologies/llm.yml", lambda t: t["examples"].extend(
                 [{"name": "Twice", "description": "One.", "sources": [t["introduced"]["sources"][0]]}] * 2)),
             r"^example 'Twice' repeats a name, alias or example of 'llm'; drop one of them"),
    ],
    "source-cited": [
        Case("unused source", "data/sources.yml",
             yaml_edit("sources.yml", lambda s: s.append({"id": "orphan2001", "type": "book", "title": "Unused", "authors": ["Nobody"],
                                                           "year": 2001, "url": "https://example.org/unused"})),
             r"^source 'orphan2001' is not cited anywhere; cite it or remove it"),
    ],
    "one-id-per-work": [
        Case("same work twice", "data/sources.yml",
             lambda d: (yaml_edit("sources.yml", lambda s: s.append({**s[1], "id": "twin1999"}))(d),
                        yaml_edit("technologies/cnn.yml", lambda t: t["key_papers"].append("twin1999"))(d)),
             r"^same (url|arxiv|doi) as source '[\w-]+': one work needs one id"),
    ],
    "guide-conditions": [
        Case("a question the guide does not ask", "data/guide.yml",
             yaml_edit("guide.yml", lambda g: g["rules"][0]["when"].update(inputs="text")),
             r"^unknown question 'inputs' \(did you mean 'input'\?\)"),
        Case("an answer the question does not offer", "data/guide.yml",
             yaml_edit("guide.yml", lambda g: g["rules"][0]["when"].update(input="tables")),
             r"^unknown answer 'tables' \(did you mean 'tabular'\?\); choose one of tabular, text"),
    ],
    "comparison-named-by-ids": [
        Case("file named in another order", "data/comparisons/gan-vs-vae.yml", add_comparison(lambda c: c.update(id="gan-vs-vae"), "gan-vs-vae"),
             r"^name this comparison 'vae-vs-gan'"),
    ],
    "comparison-unique": [
        Case("same pair in both orders", "data/comparisons/vae-vs-gan.yml", two_comparisons,
             r"^'gan-vs-vae' already compares these technologies"),
    ],
    "comparison-choices": [
        Case("choice for a technology not compared", "data/comparisons/vae-vs-gan.yml",
             add_comparison(lambda c: c["choose"].append({"technology": "rnn", "when": ["x"], "sources": ["goodfellow2016"]})),
             r"^'rnn' is not one of this comparison's technologies"),
        Case("the same technology chosen twice", "data/comparisons/vae-vs-gan.yml",
             add_comparison(lambda c: c["choose"].append(dict(c["choose"][0]))), r"^'vae' is chosen twice"),
        Case("no choice for one technology", "data/comparisons/vae-vs-gan.yml",
             add_comparison(lambda c: c.update(choose=[c["choose"][0], {**c["choose"][0], "technology": "vae"}])),
             r"'vae' is chosen twice|add an entry saying when to choose 'gan'"),
    ],
}


def problems_after(mutate: Mutation, tmp_path: Path) -> list[Problem]:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    mutate(data)
    with pytest.raises(DataError) as caught:
        load_knowledge_base(data)
    return caught.value.problems


def test_every_rule_has_a_case() -> None:
    names = {rule.name for rule in RULES} | set(LOADING_RULES)
    assert names == set(CASES), f"rules without a test: {names - set(CASES)}; cases for no rule: {set(CASES) - names}"


@pytest.mark.parametrize(
    ("rule", "case"), [(rule, case) for rule, cases in CASES.items() for case in cases], ids=lambda v: getattr(v, "name", v)
)
def test_rule(rule: str, case: Case, tmp_path: Path) -> None:
    problems = problems_after(case.mutate, tmp_path)
    first = problems[0]
    assert first.rule == rule and re.fullmatch(case.file, first.file), [str(p) for p in problems]
    assert re.search(case.message, first.message), str(first)
    if case.file.endswith("yml") and rule not in {"file-layout", "readable-file"}:
        assert first.line, f"no line number: {first}"
    # one mistake, one message (the comparison cases make one mistake that two rules see from both files)
    assert len(problems) == 1 or rule == "comparison-choices", [str(p) for p in problems]


def test_root_causes_come_before_their_consequences(tmp_path: Path) -> None:
    def two_mistakes(data: Path) -> None:
        yaml_edit("industries/healthcare.yml", first_use(lambda u: u.update(technology="cnnn")))(data)
        text_edit("technologies/rnn.yml", "\nname:", "\n\tname:")(data)

    problems = problems_after(two_mistakes, tmp_path)
    assert [p.rule for p in problems] == ["yaml-syntax", "known-technology"], [str(p) for p in problems]


def test_a_broken_file_still_lends_its_id_and_citations(tmp_path: Path) -> None:
    """cnn.yml fails validation: nothing else may report 'unknown technology cnn' or 'source not cited'."""
    problems = problems_after(text_edit("technologies/cnn.yml", "\nkind: architecture", "\nkind: architectur"), tmp_path)
    assert len(problems) == 1 and problems[0].rule == "schema", [str(p) for p in problems]
