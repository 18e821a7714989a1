"""Broken copies of the real data fail with messages that name the file, the line and the field."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from aicompare.loader import load_knowledge_base
from aicompare.problems import DataError

from .conftest import build_site


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load a data file, apply `change` to the parsed data, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def problems_for(project: Path) -> list[str]:
    """Every problem the loader reports for a project's data, as printed strings."""
    with pytest.raises(DataError) as caught:
        load_knowledge_base(project / "data")
    return [str(problem) for problem in caught.value.problems]


def single(problems: list[str], pattern: str) -> str:
    """The one problem that matches `pattern` (a regular expression)."""
    matching = [p for p in problems if re.search(pattern, p)]
    assert len(matching) == 1, f"expected one problem matching {pattern!r}, got: {problems}"
    return matching[0]


def test_missing_field(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.pop("summary"))
    problem = single(problems_for(project_copy), "summary")
    assert problem.startswith("data/technologies/cnn.yml:") and "required field 'summary' is missing; add it" in problem


def test_unknown_key_is_located_by_line(project_copy: Path) -> None:
    path = project_copy / "data/technologies/rnn.yml"
    line_count = len(path.read_text(encoding="utf-8").splitlines())
    with path.open("a", encoding="utf-8") as handle:
        handle.write("summmary: A typo in a key.\n")
    assert single(problems_for(project_copy), "summmary") == (
        f"data/technologies/rnn.yml:{line_count + 1}: summmary: unknown key 'summmary' (did you mean 'summary'?); "
        "the keys allowed here are: id, name, abbreviation, kind, parents, built_on, aliases, summary, tagline, introduced, "
        "key_papers, examples, dimensions"
    )


def test_unknown_key_in_a_nested_value(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d["dimensions"]["focus"].update(soruces=["x"]))
    problem = single(problems_for(project_copy), "soruces")
    assert "dimensions.focus.soruces: unknown key 'soruces' (did you mean 'sources'?)" in problem


def test_dangling_technology_reference_suggests_a_fix(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.update(parents=["dll"]))
    problem = single(problems_for(project_copy), "parents")
    assert re.match(r"data/technologies/cnn\.yml:\d+: parents\[0\]: unknown technology 'dll' \(did you mean 'dl'\?\)", problem)


def test_dangling_source_reference(project_copy: Path) -> None:
    def cite_missing(data: Any) -> None:
        data["dimensions"]["focus"]["sources"] = ["no-such-source-1999"]

    edit_yaml(project_copy / "data/technologies/transformer.yml", cite_missing)
    problem = single(problems_for(project_copy), "no-such-source")
    assert "data/technologies/transformer.yml:" in problem and "dimensions.focus.sources[0]: unknown source" in problem


def test_dangling_use_technology(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/industries/healthcare.yml", lambda d: d["uses"][0].update(technology="cnnn"))
    problem = single(problems_for(project_copy), "cnnn")
    assert (
        "data/industries/healthcare.yml:" in problem
        and "uses[0].technology: unknown technology 'cnnn' (did you mean 'cnn'?)" in problem
    )


def test_duplicate_source_id(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/sources.yml", lambda d: d.append(dict(d[0])))
    problem = single(problems_for(project_copy), "duplicate id")
    assert re.match(r"data/sources\.yml:\d+: id: duplicate id '\w+' \(first at line \d+\)", problem)


def test_duplicate_alias_across_technologies(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/rnn.yml", lambda d: d["aliases"].append("ConvNet"))
    problem = single(problems_for(project_copy), "ConvNet")
    assert "already used by technology 'cnn'" in problem or "already used by technology 'rnn'" in problem


def test_duplicate_key_in_a_mapping(project_copy: Path) -> None:
    path = project_copy / "data/technologies/gan.yml"
    path.write_text(path.read_text(encoding="utf-8") + "name: Second name\n", encoding="utf-8")
    problem = single(problems_for(project_copy), "appears twice")
    assert problem.startswith("data/technologies/gan.yml:") and "'name'" in problem


def test_yaml_syntax_error_names_file_and_line(project_copy: Path) -> None:
    path = project_copy / "data/industries/retail.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "summary: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = single(problems_for(project_copy), "not valid YAML")
    assert re.match(r"data/industries/retail\.yml:4: not valid YAML: a \[list\] or \{group\} is not closed", problem)


def test_wrong_type(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/vae.yml", lambda d: d["introduced"].update(year="twenty-thirteen"))
    problem = single(problems_for(project_copy), "introduced.year")
    assert problem.startswith("data/technologies/vae.yml:") and "expected a whole number, e.g. `year: 2017`" in problem


def test_id_must_match_file_name(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/gan.yml", lambda d: d.update(id="gans"))
    assert "must equal the file name 'gan'" in single(problems_for(project_copy), "file name")


def test_missing_applicable_dimension(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/rnn.yml", lambda d: d["dimensions"].pop("context_memory"))
    assert "missing dimension 'context_memory'" in single(problems_for(project_copy), "context_memory")


def test_dimension_outside_the_kind(project_copy: Path) -> None:
    def add_generative_row(data: Any) -> None:
        data["dimensions"]["sampling_speed"] = {"status": "unknown", "note": "Not sampled."}

    edit_yaml(project_copy / "data/technologies/cnn.yml", add_generative_row)
    assert "does not apply to kind 'architecture'" in single(problems_for(project_copy), "sampling_speed")


def test_known_value_needs_sources_and_date(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/ml.yml", lambda d: d["dimensions"]["focus"].pop("as_of"))
    assert "a known value needs as_of" in single(problems_for(project_copy), r"dimensions\.focus")


def test_future_date(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/ml.yml", lambda d: d["dimensions"]["focus"].update(as_of="2999-01-01"))
    assert "in the future" in single(problems_for(project_copy), "2999")


def test_closed_vocabularies(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/industries/finance.yml", lambda d: d["uses"][0].update(maturity="mature"))
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.update(kind="model"))
    problems = problems_for(project_copy)
    assert "'research', 'pilot', 'early_adoption' or 'established'" in single(problems, "maturity")
    assert single(problems, r"cnn\.yml:\d+: kind:")


def test_uncited_source(project_copy: Path) -> None:
    def add_orphan(data: Any) -> None:
        data.append(
            {
                "id": "orphan2001",
                "type": "book",
                "title": "Unused",
                "authors": ["Nobody"],
                "year": 2001,
                "url": "https://example.org/unused",
            }
        )

    edit_yaml(project_copy / "data/sources.yml", add_orphan)
    assert "not cited anywhere" in single(problems_for(project_copy), "orphan2001")


def test_same_work_under_two_ids(project_copy: Path) -> None:
    def add_twin(data: Any) -> None:
        twin = dict(next(entry for entry in data if entry.get("arxiv")))
        twin["id"] = "twin1999"
        data.append(twin)

    def cite_twin(data: Any) -> None:
        data["key_papers"].append("twin1999")

    edit_yaml(project_copy / "data/sources.yml", add_twin)
    edit_yaml(project_copy / "data/technologies/cnn.yml", cite_twin)
    assert "one work needs one id" in single(problems_for(project_copy), "twin1999|one work")


def test_all_problems_are_reported_together(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.pop("summary"))
    edit_yaml(project_copy / "data/industries/healthcare.yml", lambda d: d["uses"][0].update(technology="nope"))
    (project_copy / "data/technologies/gan.yml").write_text("id: gan\nname: [broken\n", encoding="utf-8")
    problems = problems_for(project_copy)
    assert {p.split(":")[0] for p in problems} >= {
        "data/technologies/cnn.yml",
        "data/industries/healthcare.yml",
        "data/technologies/gan.yml",
    }


def test_check_command_reports_problems_and_exit_code(project_copy: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.update(parents=["dll"]))
    result = subprocess.run(
        [sys.executable, "-m", "aicompare", "check", "--data", str(project_copy / "data")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "data/technologies/cnn.yml:" in result.stderr and "did you mean 'dl'" in result.stderr


def test_build_fails_on_bad_data(project_copy: Path, tmp_path: Path) -> None:
    edit_yaml(project_copy / "data/technologies/cnn.yml", lambda d: d.update(parents=["dll"]))
    result = build_site(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"data/technologies/cnn\.yml:\d+: parents\[0\]: unknown technology 'dll' \(did you mean 'dl'\?\)", output)
    assert "Traceback" not in output and "make check" in output


@pytest.mark.parametrize(
    ("page_addition", "expected_message"),
    [
        ("{{ no_such_variable }}", "no_such_variable"),
        ('{{ technology_profile("cnnn") }}', "unknown technology 'cnnn'"),
        ("[broken](no-such-page.md)", "no-such-page.md"),
    ],
    ids=["undefined-name", "macro-error", "broken-link"],
)
def test_build_fails_on_a_broken_page(project_copy: Path, tmp_path: Path, page_addition: str, expected_message: str) -> None:
    page = project_copy / "docs/technologies/cnn.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{page_addition}\n", encoding="utf-8")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert expected_message in result.stdout + result.stderr
