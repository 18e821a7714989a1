"""site-diff: page text extraction, comparing two builds, the report, git export, and one real before/after build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from aicompare.__main__ import main
from aicompare.sitediff import (
    BuildError,
    SiteDiff,
    build,
    default_base,
    diff_sites,
    export_revision,
    format_report,
    page_lines,
    url_path,
)

from .conftest import build_site, copy_project

PAGE = """<!doctype html><html><head><style>.x {{ color: red }}</style><script>var stamp = 1;</script></head>
<body><nav class="md-nav">Menu item</nav>
<article class="md-content__inner md-typeset">
  <a class="md-content__button md-icon" href="edit"><svg><path d="M0"/></svg></a>
  <h1 id="t">Recurrent   networks<a class="headerlink" href="#t">¶</a></h1>
  <p>Reads a <strong>sequence</strong>
     one step at a time.</p>
  <ul><li>First<ul><li>Nested</li></ul></li></ul>
  <table><thead><tr><th>Dimension</th><th>Value</th></tr></thead>
  <tbody><tr><td>Focus</td><td>{value} <a href="#s">Smith 2020</a></td></tr></tbody></table>
  <script>document.write("not content")</script>
  <aside class="md-source-file"><span>Last update: {date}</span></aside>
</article></body></html>"""


def test_page_lines_keep_content_and_table_cells() -> None:
    lines = page_lines(PAGE.format(value="Ordered data", date="2026-01-01"))
    assert lines == [
        "# Recurrent networks",
        "Reads a sequence one step at a time.",
        "- First",
        "  - Nested",
        "Dimension | Value",
        "Focus | Ordered data Smith 2020",
    ]


def test_page_lines_ignore_last_updated_scripts_and_navigation() -> None:
    first = page_lines(PAGE.format(value="Ordered data", date="2026-01-01"))
    second = page_lines(PAGE.format(value="Ordered data", date="2027-12-31").replace("var stamp = 1", "var stamp = 2"))
    assert first == second
    text = "\n".join(first)
    for noise in ("Last update", "not content", "stamp", "Menu item", "¶", "color"):
        assert noise not in text


def test_page_lines_fall_back_to_body_without_article() -> None:
    assert page_lines("<html><body><h2>Moved</h2><p>See <a href='x'>here</a>.</p></body></html>") == ["## Moved", "See here."]


@pytest.mark.parametrize(
    ("relative", "url"),
    [("index.html", "/"), ("technologies/rnn/index.html", "/technologies/rnn/"), ("404.html", "/404.html")],
)
def test_url_path(relative: str, url: str) -> None:
    assert url_path(relative) == url


def test_diff_sites_reports_changed_added_and_removed() -> None:
    old = {"/a/": ["# A", "one", "two"], "/same/": ["x"], "/gone/": ["bye"]}
    new = {"/a/": ["# A", "one", "three"], "/same/": ["x"], "/new/": ["hi"]}
    old_files = {"data.json": "1", "old.csv": "1", "keep.css": "k"}
    new_files = {"data.json": "2", "new.csv": "1", "keep.css": "k"}
    diff = diff_sites(old, new, old_files, new_files)
    assert list(diff.changed) == ["/a/"]
    assert "-two" in diff.changed["/a/"] and "+three" in diff.changed["/a/"]
    assert not any(line.startswith(("---", "+++")) for line in diff.changed["/a/"])
    assert (diff.added, diff.removed) == (["/new/"], ["/gone/"])
    assert (diff.files_changed, diff.files_added, diff.files_removed) == (["data.json"], ["new.csv"], ["old.csv"])


def test_diff_sites_of_identical_builds_is_empty() -> None:
    pages = {"/": ["# Home"], "/b/": ["text"]}
    diff = diff_sites(pages, dict(pages), {"f.json": "1"}, {"f.json": "1"})
    assert diff.empty
    assert "**0 pages changed, 0 added, 0 removed**" in format_report(diff)


def test_report_summary_sections_and_truncation() -> None:
    long_diff = ["@@ -1,30 +1,30 @@", *(f"-old {i}" for i in range(30)), *(f"+new {i}" for i in range(30))]
    diff = SiteDiff(changed={"/technologies/rnn/": long_diff, "/small/": ["@@ -1 +1 @@", "-a", "+b"]}, added=["/compare/x/"])
    report = format_report(diff, "`base`", "working tree", max_lines=10)
    assert "**2 pages changed, 1 added, 0 removed**" in report
    assert "### `/technologies/rnn/`" in report and "- `/compare/x/`" in report
    rnn_section = report.split("### `/technologies/rnn/`")[1].split("###")[0]
    assert rnn_section.count("\n-old") == 9
    assert "… 51 more lines" in rnn_section
    small_section = report.split("### `/small/`")[1].split("###")[0]
    assert "```diff\n@@ -1 +1 @@\n-a\n+b\n```" in small_section and "more lines" not in small_section


def test_report_lists_pages_past_the_size_budget_without_their_diff() -> None:
    diff = SiteDiff(changed={f"/p{i}/": ["@@ -1 +1 @@", "-" + "x" * 500, "+" + "y" * 500] for i in range(10)})
    report = format_report(diff, max_chars=3000)
    assert len(report) < 3500
    assert "### `/p0/`" in report and "- `/p9/`" in report


def test_report_fence_survives_backticks_in_page_text() -> None:
    report = format_report(SiteDiff(changed={"/c/": ["@@ -1 +1 @@", "-use ```code```", "+use `code`"]}))
    assert "````diff" in report


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def test_export_revision_and_default_base(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "--quiet")
    (repo / "value.txt").write_text("first\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "first")
    (repo / "value.txt").write_text("second\n")
    _git(repo, "commit", "--quiet", "-am", "second")

    exported = export_revision(repo, "HEAD~1", tmp_path / "export")
    assert (exported / "value.txt").read_text() == "first\n"
    with pytest.raises(BuildError, match="not a git revision"):
        export_revision(repo, "no-such-branch", tmp_path / "nothing")

    assert default_base(repo) == "HEAD~1"
    (repo / "value.txt").write_text("uncommitted\n")
    assert default_base(repo) == "HEAD"
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD~1")
    assert default_base(repo) == _git(repo, "rev-parse", "HEAD~1")


def test_failed_build_raises_with_its_output(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Broken\n")
    (tmp_path / "docs" / "index.md").write_text("See [the missing page](missing.md).\n")
    with pytest.raises(BuildError, match=r"building broken failed[\s\S]*missing\.md"):
        build(tmp_path, tmp_path / "site", "broken")


def test_changing_one_value_lists_its_page_and_not_unrelated_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    old_site, new_site = tmp_path / "old", tmp_path / "new"
    result = build_site(project, old_site)
    assert result.returncode == 0, result.stdout + result.stderr

    rnn_file = project / "data" / "technologies" / "rnn.yml"
    rnn = yaml.safe_load(rnn_file.read_text(encoding="utf-8"))
    old_value = " ".join(rnn["dimensions"]["focus"]["value"].split())
    new_value = old_value.rstrip(".") + ", or river gauge levels."
    rnn["dimensions"]["focus"]["value"] = new_value
    rnn_file.write_text(yaml.safe_dump(rnn, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    result = build_site(project, new_site)
    assert result.returncode == 0, result.stdout + result.stderr

    unrelated = (old_site / "industries" / "retail" / "index.html").read_text(encoding="utf-8")
    assert old_value not in " ".join(unrelated.split()), "pick another unrelated page: this one shows the value"

    out = tmp_path / "report.md"
    assert main(["site-diff", "--sites", str(old_site), str(new_site), "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == report
    assert "### `/technologies/rnn/`" in report
    rnn_section = report.split("### `/technologies/rnn/`")[1].split("\n### ")[0]
    assert f"\n-Focus | {old_value} Elman 1990" in rnn_section
    assert f"\n+Focus | {new_value} Elman 1990" in rnn_section
    assert "/industries/retail/" not in report
