"""What one build keeps for the next: read back as written, ignored when its format or the parsing code differs."""

from __future__ import annotations

from pathlib import Path

from aicompare import build_cache, yamlfile


def test_a_store_reads_back_and_a_different_format_starts_afresh(tmp_path: Path) -> None:
    build_cache.save(tmp_path, "things", "v1", {"a": [1, 2]})
    assert build_cache.load(tmp_path, "things", "v1") == {"a": [1, 2]}
    assert build_cache.load(tmp_path, "things", "v2") == {}
    (tmp_path / build_cache.CACHE_FOLDER / "things.pickle").write_bytes(b"not a pickle")
    assert build_cache.load(tmp_path, "things", "v1") == {}


def test_the_parsed_yaml_store_changes_with_the_parsing_code(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("x = 1\n", encoding="utf-8")
    before = build_cache.source_digest(str(module))
    module.write_text("x = 2\n", encoding="utf-8")
    assert build_cache.source_digest(str(module)) != before
    assert build_cache.source_digest(yamlfile.__file__) == yamlfile.PARSED_STORE_VERSION


def test_a_cached_document_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "data" / "a.yml"
    path.parent.mkdir()
    path.write_text("name: A\nsummary: B\n", encoding="utf-8")
    save = yamlfile.keep_parsed(tmp_path)
    first = yamlfile.read_yaml(path)
    save()
    assert first.lines[("summary",)] == 2
    assert build_cache.load(tmp_path, yamlfile.PARSED_STORE, yamlfile.PARSED_STORE_VERSION)
