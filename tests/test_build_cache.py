"""What one build keeps for the next: read back as written, ignored when its format, the code or the data differ."""

from __future__ import annotations

import pickle
from pathlib import Path

from aicompare import build_cache, yamlfile
from aicompare.site import products

from .conftest import build_site, read_page


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


def test_a_rebuild_reuses_what_data_made_and_a_data_edit_makes_it_again(project_copy: Path, tmp_path: Path) -> None:
    """The products store (site/products.py) is read by the next build with the same inputs, and only by it."""
    site = tmp_path / "site"
    assert build_site(project_copy, site).returncode == 0
    store = project_copy / build_cache.CACHE_FOLDER / f"{products.STORE}.pickle"
    kept = pickle.loads(store.read_bytes())
    page, macro = "page compare/dl-vs-rnn.md", "macro technology_summary on technologies/rnn.md: ('rnn',) {}"
    assert page in kept["entries"] and "data/ai-compared.json" in kept["entries"]["open_data_files"]
    assert macro in kept["entries"]  # what a macro rendered on a hand-written page

    kept["entries"][page] += "\n\nPlanted by the test.\n"  # what a rebuild shows only if it reused the store
    kept["entries"][macro] += "\n\nPlanted in a macro.\n"
    store.write_bytes(pickle.dumps(kept))
    assert build_site(project_copy, site).returncode == 0
    assert "Planted by the test." in read_page(site, "compare/dl-vs-rnn/").get_text()
    assert "Planted in a macro." in read_page(site, "technologies/rnn/").get_text()

    rnn = project_copy / "data" / "technologies" / "rnn.yml"
    rnn.write_text(rnn.read_text(encoding="utf-8").replace("carries a hidden state forward", "carries a hidden state onward"),
                   encoding="utf-8")
    assert build_site(project_copy, site).returncode == 0
    pair_text = read_page(site, "compare/dl-vs-rnn/").get_text()
    assert "Planted by the test." not in pair_text
    assert "Planted in a macro." not in read_page(site, "technologies/rnn/").get_text()
    assert "carries a hidden state onward" in pair_text
    assert "carries a hidden state onward" in (site / "data" / "ai-compared.json").read_text(encoding="utf-8")


def test_the_products_key_changes_with_any_input_or_setting(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("name: A\n", encoding="utf-8")
    settings = [("commit", "abc"), ("today", "2026-12-07")]
    before = products.inputs_digest(tmp_path, settings)
    assert products.inputs_digest(tmp_path, settings) == before
    assert products.inputs_digest(tmp_path, [("commit", "abd"), ("today", "2026-12-07")]) != before
    (tmp_path / "hooks.py").write_text("x = 1\n", encoding="utf-8")
    with_code = products.inputs_digest(tmp_path, settings)
    assert with_code != before
    (tmp_path / "data" / "a.yml").write_text("name: B\n", encoding="utf-8")
    assert products.inputs_digest(tmp_path, settings) != with_code
