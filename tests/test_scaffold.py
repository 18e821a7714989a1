"""`python -m aicompare new`: scaffolded files pass the data check, are canonical, build, and are flagged TODO."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicompare import PROJECT_ROOT
from aicompare.__main__ import main
from aicompare.formatting import format_data_dir
from aicompare.loader import load_knowledge_base
from aicompare.scaffold import ScaffoldError, new_technology

from .conftest import build_site, copy_project
from .test_content_rules import PLACEHOLDER


def new(root: Path, *args: str) -> int:
    return main(["new", *args, "--root", str(root)])


def snapshot(root: Path) -> dict[str, str]:
    """Every text file the scaffold may touch, by relative path."""
    paths = [root / "mkdocs.yml", *(root / "data").rglob("*.yml"), *(root / "docs").rglob("*.md")]
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8") for path in paths}


def test_scaffolded_technology_industry_and_term_are_valid_canonical_and_build(
    project_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_copy
    tech_args = ["--kind", "architecture", "--year", "2009", "--source", "goodfellow2016", "--parent", "dl"]
    assert new(root, "technology", "capsnet", "--name", "Capsule network", *tech_args) == 0
    out = capsys.readouterr().out
    assert "created data/technologies/capsnet.yml" in out and "created docs/technologies/capsnet.md" in out
    assert "Next steps:" in out and "make check" in out and "make serve" in out
    assert new(root, "industry", "education", "--name", "Education", "--technology", "capsnet", "--source", "goodfellow2016") == 0
    term_args = ["--source", "goodfellow2016", "--technology", "capsnet"]
    assert new(root, "term", "message-passing", "--name", "Message passing", *term_args) == 0

    kb = load_knowledge_base(root / "data")
    capsule = kb.technologies["capsnet"]
    assert capsule.parents == ["dl"] and capsule.introduced.sources == ["goodfellow2016"]
    assert {d.id for d in kb.applicable_dimensions(capsule)} == set(capsule.dimensions)
    assert all(v.status == "unknown" and v.note and v.note.startswith("TODO:") for v in capsule.dimensions.values())
    assert kb.industries["education"].uses[0].technology == "capsnet"
    assert kb.glossary["message-passing"].technologies == ["capsnet"]
    assert format_data_dir(root / "data", write=False) == ([], [])

    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    page = (root / "docs/technologies/capsnet.md").read_text(encoding="utf-8")
    for macro in ("technology_summary", "technology_profile", "technology_uses"):
        assert f'{{{{ {macro}("capsnet") }}}}' in page
    industry_page = (root / "docs/industries/education.md").read_text(encoding="utf-8")
    for macro in ("industry_summary", "industry_uses", "industry_regulations"):
        assert f'{{{{ {macro}("education") }}}}' in industry_page

    # the content rule that guards the real data rejects every scaffolded file until it is filled in
    for relative in ("data/technologies/capsnet.yml", "data/industries/education.yml", "docs/technologies/capsnet.md"):
        assert PLACEHOLDER.search((root / relative).read_text(encoding="utf-8")), relative
    assert PLACEHOLDER.search((root / "docs/industries/education.md").read_text(encoding="utf-8"))
    glossary = (root / "data/glossary.yml").read_text(encoding="utf-8")
    assert PLACEHOLDER.search(glossary[glossary.index("id: message-passing") :])

    result = build_site(root, tmp_path / "site")
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert (tmp_path / "site/technologies/capsnet/index.html").exists()
    assert (tmp_path / "site/industries/education/index.html").exists()
    # adding an entity is one data file and one page: the navigation lists both from data
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'href="technologies/capsnet/"' in home and 'href="industries/education/"' in home


@pytest.fixture(scope="module")
def shared_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project copy for the refusals, which must leave it unchanged."""
    return copy_project(tmp_path_factory.mktemp("refusals") / "project")


TECH = ["technology", "--name", "Capsule net", "--kind", "architecture", "--year", "2009", "--source", "goodfellow2016"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["technology", "rnn", *TECH[1:]], "technology 'rnn' already exists (data/technologies/rnn.yml)"),
        (["technology", "Graph_Net", *TECH[1:]], "'Graph_Net' is not a valid technology id"),
        (["technology", "capsnet", *TECH[1:], "--parent", "dll"], "unknown parent technology 'dll' (did you mean 'dl'?)"),
        (
            ["technology", "capsnet", *TECH[1:-1], "scarseli2009"],
            "unknown source 'scarseli2009' (did you mean 'scarselli2009'?); add it to data/sources.yml first",
        ),
        (
            ["technology", "capsnet", *TECH[1:-1], "goodfellow2061"],
            "unknown source 'goodfellow2061' (did you mean 'goodfellow2016'",
        ),
        (["technology", "capsnet", *TECH[1:2], "RNN", *TECH[3:]], "the name 'RNN' is already used by technology 'rnn'"),
        (["technology", "capsnet", *TECH[1:6], "2999", *TECH[7:]], "--year 2999 is out of range"),
        (
            ["industry", "retail", "--name", "Shops", "--technology", "ml", "--source", "goodfellow2016"],
            "industry 'retail' already exists",
        ),
        (
            ["industry", "education", "--name", "Education", "--technology", "cnnn", "--source", "goodfellow2016"],
            "unknown technology 'cnnn' (did you mean 'cnn'?)",
        ),
        (
            ["industry", "education", "--name", "Retail", "--technology", "ml", "--source", "goodfellow2016"],
            "the name 'Retail' is already used by industry 'retail'",
        ),
        (["term", "attention", "--name", "Focus", "--source", "goodfellow2016"], "glossary term 'attention' already exists"),
        (["term", "bad--id", "--name", "Bad", "--source", "goodfellow2016"], "'bad--id' is not a valid glossary term id"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    shared_copy: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    before = snapshot(shared_copy)
    assert new(shared_copy, *args) == 1
    assert expected in capsys.readouterr().err
    assert snapshot(shared_copy) == before


def test_a_failed_data_check_undoes_every_change(shared_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aicompare import scaffold
    from aicompare.problems import DataError, Problem

    real_load = scaffold.load_knowledge_base
    calls: list[Path] = []

    def fail_second_time(data_dir: Path):  # type: ignore[no-untyped-def]
        calls.append(data_dir)
        if len(calls) > 1:
            raise DataError([Problem("data/technologies/capsnet.yml", 1, "id", "simulated problem")])
        return real_load(data_dir)

    monkeypatch.setattr(scaffold, "load_knowledge_base", fail_second_time)
    before = snapshot(shared_copy)
    with pytest.raises(ScaffoldError, match=r"(?s)nothing was changed:\n.*simulated problem"):
        new_technology(shared_copy, "capsnet", "Capsule network", "architecture", 2009, ["goodfellow2016"], ["dl"])
    assert snapshot(shared_copy) == before
