"""`python -m aicompare format`: the real data is canonical, formatting is stable and never changes data."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from aicompare import DATA_DIR
from aicompare.__main__ import main
from aicompare.formatting import UNORDERED_FIELDS, FormatError, data_files, dimension_order, format_data_dir, format_text
from aicompare.models import GlossaryTerm, Source, Technology
from aicompare.yamlfile import parse_yaml

DIMENSIONS = dimension_order(DATA_DIR)


def formatted(text: str, kind: str, name: str = "data/test.yml") -> str:
    return format_text(text, kind, name, DIMENSIONS)


def shuffled(node: Any, rng: random.Random, key: str = "") -> Any:
    """The same data with every mapping's keys and every list of ids whose order means nothing in a random order."""
    if isinstance(node, dict):
        items = list(node.items())
        rng.shuffle(items)
        return {name: shuffled(value, rng, name) for name, value in items}
    if key in UNORDERED_FIELDS and isinstance(node, list):
        return rng.sample(node, len(node))
    return [shuffled(item, rng) for item in node] if isinstance(node, list) else node


def test_every_real_data_file_is_canonical() -> None:
    changed, errors = format_data_dir(DATA_DIR, write=False)
    assert errors == []
    assert changed == [], f"not in canonical form, run `make format`: {changed}"


@pytest.mark.parametrize("data_file", data_files(DATA_DIR), ids=lambda f: f.path.name)
def test_formatting_is_idempotent(data_file: Any) -> None:
    once = formatted(data_file.path.read_text(encoding="utf-8"), data_file.kind)
    assert formatted(once, data_file.kind) == once


def test_messy_technology_gives_the_canonical_text_and_equal_records() -> None:
    canonical = (DATA_DIR / "technologies/rnn.yml").read_text(encoding="utf-8")
    data = parse_yaml(canonical).data
    messy_data = shuffled(data, random.Random(7))
    messy_data["dimensions"]["focus"]["status"] = "known"  # explicit default
    messy_data["dimensions"]["outlook"]["note"] = None  # explicit default
    messy_data.pop("built_on")  # a list field left out
    # every scalar double-quoted, narrow wrapping, block-style lists, no schema line
    messy = yaml.safe_dump(messy_data, sort_keys=False, allow_unicode=True, default_style='"', width=50)
    messy = messy.replace('"2026-11-22"', "'2026-11-22'")
    assert messy != canonical and list(messy_data) != list(data)
    assert messy_data["dimensions"]["limitations"]["sources"] != data["dimensions"]["limitations"]["sources"]

    result = formatted(messy, "technologies", "data/technologies/rnn.yml")

    assert result == canonical
    assert Technology.model_validate(parse_yaml(result).data) == Technology.model_validate(data)


def test_messy_glossary_entry_in_detail() -> None:
    messy = """# yaml-language-server: $schema=wrong/path.json
# Terms the site uses.

- sources:
  - zeta2020
  - "alpha2019"
  definition: "A long definition that has to be folded because it is far longer than one line of one hundred columns can hold."
  technologies: [transformer, cnn]
  term: 'Zebra'
  id: zebra
  aliases: ['zebras', "Zebra: striped"]
- id: apple
  term: apple
  definition: Short.
  sources: [s2001]
  abbreviations: []
"""
    expected = """# yaml-language-server: $schema=../schemas/glossary.schema.json
# Terms the site uses.
- id: apple
  term: apple
  aliases: []
  abbreviations: []
  definition: Short.
  technologies: []
  sources: [s2001]
- id: zebra
  term: Zebra
  aliases:
    - zebras
    - 'Zebra: striped'
  abbreviations: []
  definition: >-
    A long definition that has to be folded because it is far longer than one line of one hundred
    columns can hold.
  technologies: [cnn, transformer]
  sources: [alpha2019, zeta2020]
"""
    assert formatted(messy, "glossary") == expected
    before = sorted((GlossaryTerm.model_validate(e) for e in parse_yaml(messy).data), key=lambda t: t.id)
    after = [GlossaryTerm.model_validate(e) for e in parse_yaml(expected).data]
    assert [t.model_copy(update={"sources": sorted(t.sources), "technologies": sorted(t.technologies)}) for t in before] == after


def test_collections_are_sorted_and_meaningful_order_is_kept() -> None:
    entries = parse_yaml((DATA_DIR / "sources.yml").read_text(encoding="utf-8")).data[:5]
    entries[0]["authors"] = list(reversed(entries[0]["authors"]))
    result = parse_yaml(formatted(yaml.safe_dump(list(reversed(entries))), "sources")).data
    assert [e["id"] for e in result] == sorted(e["id"] for e in entries)
    assert result[0]["authors"] == entries[0]["authors"]  # authors keep their order
    assert all(Source.model_validate(e) for e in result)
    dimensions = parse_yaml((DATA_DIR / "dimensions.yml").read_text(encoding="utf-8")).data
    reordered = [dimensions[-1], *dimensions[:-1]]
    assert [d["id"] for d in parse_yaml(formatted(yaml.safe_dump(reordered), "dimensions")).data] == [d["id"] for d in reordered]


TRICKY = [
    "yes",
    "null",
    "~",
    "2022",
    "1810.03292",
    "2026-11-22",
    "a: b",
    "#hash",
    "x #y",
    "- dash",
    "[bracket",
    "it's",
    'say "hi"',
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\there",
    "line\nbreak",
    "en\u2013dash \u00d7 \u00fcn\u00efcode \u2028 separator",
    "@at",
    "%percent",
    "*star",
    "&amp",
    "!bang",
    "|pipe",
    ">angle",
    "' quote",
    "word " * 40,
    "many words " * 12 + "end",
    "https://example.org/" + "x" * 120,
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_survive_formatting(value: str) -> None:
    entry = {"id": "t", "term": value, "aliases": [value], "definition": value, "sources": ["s2001"]}
    result = formatted(yaml.safe_dump([entry]), "glossary")
    assert parse_yaml(result).data[0] | {"abbreviations": [], "technologies": []} == entry | {
        "abbreviations": [],
        "technologies": [],
    }
    assert formatted(result, "glossary") == result


def test_comment_inside_the_file_is_refused_with_file_and_line() -> None:
    lines = (DATA_DIR / "technologies/rnn.yml").read_text(encoding="utf-8").splitlines()
    lines.insert(5, "# why the parents are what they are")
    with pytest.raises(FormatError) as caught:
        formatted("\n".join(lines) + "\n", "technologies", "data/technologies/rnn.yml")
    message = str(caught.value)
    assert message.startswith("data/technologies/rnn.yml:6: comment the formatter cannot keep")
    assert "move it to the top of the file or delete it" in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\nname: X  # trailing comment\n", 2),
        ("id: x\nsummary: >-  # header comment\n  Text.\n", 2),
        ("id: x\nsummary: >-\n  Text.\n# after a block scalar\nname: X\n", 4),
    ],
)
def test_every_kind_of_stray_comment_is_found(text: str, line: int) -> None:
    with pytest.raises(FormatError, match=rf"^data/x\.yml:{line}: comment"):
        formatted(text, "technologies", "data/x.yml")


def test_hash_inside_values_is_not_a_comment() -> None:
    text = "id: x\nname: 'Letter # 5'\nsummary: >-\n  # not a comment\n  but text.\naliases: [a#b]\n"
    assert parse_yaml(formatted(text, "technologies")).data["summary"] == "# not a comment but text."


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(FormatError, match=r"^data/x\.yml:\d+: not valid YAML: .*fix it"):
        formatted("id: x\nname: [unclosed\n", "technologies", "data/x.yml")


def test_check_command_lists_files_then_format_fixes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    path = data / "industries/retail.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("regulations: [eu-ai-act, gdpr]", "regulations: [gdpr, eu-ai-act]", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != original

    assert main(["format", "--check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "data/industries/retail.yml" in err and "make format" in err
    assert path.read_text(encoding="utf-8") != original  # --check changes nothing

    assert main(["format", "--data", str(data)]) == 0
    assert "formatted data/industries/retail.yml" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == original
    assert main(["format", "--check", "--data", str(data)]) == 0
