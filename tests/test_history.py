"""History in the reader's words: one committed edit shows on its page, on What changed, in the feed and in the release."""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from aicompare import DATA_DIR
from aicompare.export import open_data_document
from aicompare.history import ValueChange, describe, document_changes, file_changes
from aicompare.knowledge import KnowledgeBase
from aicompare.release import read_release, release_diff, release_zip
from aicompare.render.markdown import PageContext
from aicompare.render.tables import short_citation, technology_profile
from aicompare.site import changes, git_history

from .conftest import read_page
from .test_bad_input import edit_yaml

ATOM = "{http://www.w3.org/2005/Atom}"
SUBJECT = "Sharpen the CNN focus (internal note for the team)"


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    return subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def new_source_for_focus(kb: KnowledgeBase) -> str:
    """A source the CNN focus row does not cite yet."""
    cited = set(kb.technologies["cnn"].dimensions["focus"].sources)
    return next(source_id for source_id in sorted(kb.sources) if source_id not in cited)


@pytest.fixture()
def edited_repo(tmp_path: Path, kb: KnowledgeBase) -> tuple[Path, str]:
    """A repository whose second commit revises one value and adds a source to it."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA_DIR, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Start")
    source = new_source_for_focus(kb)

    def revise(tech: dict) -> None:
        tech["dimensions"]["focus"]["value"] = "A new focus."
        tech["dimensions"]["focus"]["sources"].append(source)

    edit_yaml(repo / "data/technologies/cnn.yml", revise)
    git(repo, "commit", "-q", "-am", SUBJECT)
    return repo, source


def test_an_edited_value_is_described_in_reader_words(kb: KnowledgeBase, edited_repo: tuple[Path, str]) -> None:
    repo, source = edited_repo
    found = git_history.read_history(repo)
    newest = found.changes[0].change
    assert (newest.collection, newest.record, newest.field, newest.part, newest.action) == (
        "technologies", "cnn", "dimensions", "focus", "revised")
    words = changes.change_words(kb, found.changes[0])
    assert words == f"Focus: value revised; source {short_citation(kb.sources[source])} added"
    assert all(c.change.action == "added" for c in found.changes[1:]), "the first commit adds every record"


def test_the_entity_page_lists_the_change_and_links_the_row(kb: KnowledgeBase, edited_repo: tuple[Path, str]) -> None:
    found = git_history.read_history(edited_repo[0])
    recent = html.unescape(changes.recent_changes(kb, PageContext("technologies/cnn.md"), found, "technologies", "cnn"))
    first = recent.split("\n- ")[1]
    assert "Focus: value revised" in first and "(#row-focus)" in first
    assert SUBJECT not in recent and "dimensions.focus" not in recent
    page = PageContext("technologies/cnn.md", revised=found.revised)
    assert f"revised {dt.date.today().isoformat()}" in technology_profile(kb, page, "cnn")
    assert "revised 20" not in technology_profile(kb, PageContext("technologies/cnn.md"), "cnn")


def test_what_changed_groups_by_day_then_entity_and_names_the_release(kb: KnowledgeBase,
                                                                      edited_repo: tuple[Path, str]) -> None:
    found = git_history.read_history(edited_repo[0])
    body = html.unescape(changes.changes_page(kb, PageContext("changes.md"), found, "abc123def456"))
    today = dt.date.today().isoformat()
    section = body.split(f"## {today}")[1]
    assert "[Convolutional neural network](technologies/cnn.md)" in section
    assert "Focus: value revised" in section and "technologies/cnn.md#row-focus" in section
    assert "First in open-data release <code>abc123def456</code> (the current one)" in section
    assert SUBJECT not in body


def test_a_committed_release_is_named_as_the_first_to_carry_a_change(kb: KnowledgeBase,
                                                                     edited_repo: tuple[Path, str]) -> None:
    repo = edited_repo[0]
    (repo / "releases").mkdir()
    (repo / "releases/ai-compared-data-0123456789ab.zip").write_bytes(b"zip")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Release")
    found = git_history.read_history(repo)
    assert set(found.releases.values()) == {"0123456789ab"} and len(found.releases) == 2
    assert "release <code>0123456789ab</code>." in changes.changes_page(kb, PageContext("changes.md"), found, "ffffffffffff")


def test_the_feed_says_the_same_in_valid_atom(kb: KnowledgeBase, edited_repo: tuple[Path, str]) -> None:
    found = git_history.read_history(edited_repo[0])
    feed_text = changes.atom_feed(kb, found, "https://example.org/", "https://example.org/changes/")
    feed = ElementTree.fromstring(feed_text)
    assert feed.tag == f"{ATOM}feed"
    entry = feed.findall(f"{ATOM}entry")[0]
    assert entry.find(f"{ATOM}title").text == f"Changes to the data on {dt.date.today().isoformat()}"
    assert "Convolutional neural network: Focus: value revised" in entry.find(f"{ATOM}summary").text
    dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert SUBJECT not in feed_text


def test_a_version_that_no_longer_parses_is_left_out_with_a_note(kb: KnowledgeBase,
                                                                 edited_repo: tuple[Path, str]) -> None:
    repo = edited_repo[0]
    (repo / "data/technologies/gru.yml").write_text("id: gru\nname: [unclosed\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Break a file")
    found = git_history.read_history(repo)
    assert [path for _, path in found.unreadable] == ["data/technologies/gru.yml"]
    assert found.changes[0].change.record == "cnn", "the broken commit adds nothing, the rest stays"
    assert "could not be read" in changes.changes_page(kb, PageContext("changes.md"), found, "x")


def test_a_shallow_clone_says_history_is_unavailable(kb: KnowledgeBase, edited_repo: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{edited_repo[0]}", str(shallow)], check=True)
    found = git_history.read_history(shallow)
    assert not found.available and not found.changes
    assert changes.changes_page(kb, PageContext("changes.md"), found, "x").startswith("History unavailable")


def test_field_changes_name_what_came_and_went() -> None:
    before = {"id": "x", "aliases": ["a", "b"], "summary": "Old.", "dimensions": {"focus": {"value": "v", "as_of": "2026-01-01"}},
              "uses": [{"id": "u1", "use_case": "One", "example": "e"}]}
    after = copy.deepcopy(before)
    after["aliases"] = ["b", "c"]
    after["dimensions"]["focus"]["as_of"] = "2026-06-01"
    after["uses"].append({"id": "u2", "use_case": "Two"})
    found = file_changes("data/industries/x.yml", before, after)
    words = [describe(c, "Focus" if c.field == "dimensions" else "Two") for c in found]
    assert words == ["Other names: c added; a removed", "Focus: review date renewed", "Use 'Two' added"]
    reordered = copy.deepcopy(before)
    reordered["aliases"] = ["b", "a"]
    assert file_changes("data/technologies/x.yml", before, reordered) == [], "a new order is not a change"


def test_the_release_says_what_changed_since_the_previous_one(kb: KnowledgeBase) -> None:
    old = open_data_document(kb)
    new = copy.deepcopy(old)
    removed_term = new["glossary"].pop()["id"]
    added = copy.deepcopy(new["technologies"][0]) | {"id": "brand-new", "name": "Brand new"}
    new["technologies"].append(added)
    cnn = next(t for t in new["technologies"] if t["id"] == "cnn")
    cnn["dimensions"]["focus"]["value"] = "A new focus."
    diff = release_diff(("oldversion01", old), new)
    assert diff["from_version"] == "oldversion01"
    assert {"collection": "technologies", "id": "brand-new", "action": "added"} in diff["added"]
    assert {"collection": "glossary", "id": removed_term, "action": "removed"} in diff["removed"]
    assert {"collection": "technologies", "id": "cnn", "action": "revised", "field": "dimensions", "part": "focus",
            "fields": ["value"]} in diff["changed"]
    assert len(diff["changed"]) == 1 and document_changes(old, old) == []
    section = html.unescape(changes.release_changes_section(kb, PageContext("open-data.md"), "oldversion01",
                                              git_history.document_dated_changes(old, new, dt.datetime.now())))
    assert "Brand new" in section and "Focus: value revised" in section and "Glossary terms: 1 removed" in section


def test_the_release_zip_carries_its_changes_and_stays_reproducible(kb: KnowledgeBase) -> None:
    old = copy.deepcopy(open_data_document(kb))
    old["glossary"] = old["glossary"][1:]
    previous = ("oldversion01", old)
    _, content = release_zip(kb, dt.date(2026, 12, 7), "https://example.org/", "licence", previous)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        member = next(n for n in archive.namelist() if n.endswith("/changes.json"))
        diff = json.loads(archive.read(member))
    assert diff["from_version"] == "oldversion01" and diff["added"][0]["collection"] == "glossary"
    assert release_zip(kb, dt.date(2026, 12, 7), "https://example.org/", "licence", previous)[1] == content
    assert read_release(content)[0] == open_data_document(kb)["data_version"]


def test_no_commit_message_reaches_a_reader(built_site: Path) -> None:
    subjects = [s for s in git(DATA_DIR.parent, "log", "-40", "--format=%s", "--", "data").splitlines() if len(s) > 25]
    pages = [read_page(built_site, p).get_text(" ") for p in ("changes/", "technologies/cnn/", "industries/healthcare/")]
    pages.append((built_site / "changes.xml").read_text(encoding="utf-8"))
    leaked = [s for s in subjects for page in pages if s in page]
    assert subjects and not leaked, leaked


def test_a_value_change_is_json_ready() -> None:
    change = ValueChange("technologies", "cnn", "aliases", added=("ConvNet",))
    assert json.loads(json.dumps(change.as_json())) == {"collection": "technologies", "id": "cnn", "action": "revised",
                                                        "field": "aliases", "added": ["ConvNet"]}
