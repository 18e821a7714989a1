"""What `mkdocs serve` rebuilds after a data edit: the reads each page makes, and what an edit changes."""

from __future__ import annotations

from pathlib import Path

import yaml

from aicompare.loader import load_knowledge_base
from aicompare.site.read_tracking import EVERYTHING, FOUND, MEMBERS, Recorder, data_changes, is_affected, track


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_page_depends_on_the_fields_it_reads_and_on_lists_it_walks(project_copy: Path) -> None:
    kb = load_knowledge_base(project_copy / "data")
    recorder = Recorder()
    track(kb, recorder)
    recorder.start("technologies/rnn.md")
    assert kb.technologies["rnn"].dimensions["focus"].value
    names = [tech.name for tech in kb.technologies.values()]
    recorder.stop()
    assert len(names) == len(kb.technologies)  # read outside a page: not counted
    reads = recorder.reads["technologies/rnn.md"]
    assert {
        ("technologies", "rnn", FOUND),
        ("technologies", "rnn", "dimensions"),
        ("technologies.dimensions", "rnn/focus", "value"),
        ("technologies", MEMBERS, FOUND),
        ("technologies", "cnn", "name"),
    } <= reads
    assert ("technologies", "cnn", "summary") not in reads
    assert ("technologies.dimensions", "rnn/strengths", "value") not in reads


def test_an_edit_changes_exactly_the_field_edited(project_copy: Path) -> None:
    before = load_knowledge_base(project_copy / "data")
    finance = project_copy / "data/industries/finance.yml"
    edit(finance, "Scoring card payments for fraud in real time", "Scoring card payments for fraud as they happen")
    after = load_knowledge_base(project_copy / "data")
    changed = data_changes(before, after)
    assert changed == {("industries.uses", "finance/payment-fraud-detection", "use_case"), (EVERYTHING, "*", FOUND)}
    assert is_affected({("industries.uses", "finance/payment-fraud-detection", "use_case")}, changed)
    assert not is_affected({("industries.uses", "finance/payment-fraud-detection", "technology")}, changed)


def test_a_new_record_affects_pages_that_list_the_collection(project_copy: Path) -> None:
    before = load_knowledge_base(project_copy / "data")
    glossary = project_copy / "data/glossary.yml"
    entry = dict(yaml.safe_load(glossary.read_text(encoding="utf-8"))[0])
    entry.update(id="zz-new-term", term="Zz new term", aliases=[], abbreviations=[])
    with glossary.open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True))
    after = load_knowledge_base(project_copy / "data")
    changed = data_changes(before, after)
    assert changed is not None and {("glossary", MEMBERS, FOUND), ("glossary", "zz-new-term", FOUND)} <= changed
    assert is_affected({("glossary", MEMBERS, FOUND)}, changed)
    assert not is_affected({("glossary", "token", "definition")}, changed)
