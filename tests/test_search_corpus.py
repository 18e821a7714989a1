"""Reader questions typed into search: the first result opens the page that answers them.

The corpus (tests/corpus/search_queries.yml) holds everyday queries with the page a reader needs.
The matcher in search-shortcuts.js runs under Node on the built site's shortcuts.json, so every query
is checked on each run; tests/browser/test_browser.py types a sample into the real search box.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

CORPUS_DIR = Path(__file__).parent / "corpus"


def corpus() -> list[tuple[str, str]]:
    """(query, expected path) pairs, in file order."""
    entries = yaml.safe_load((CORPUS_DIR / "search_queries.yml").read_text(encoding="utf-8"))
    return [(str(query), str(path)) for query, path in entries]


def first_results(site: Path, queries: list[str]) -> list[str]:
    """The URL of the first shortcut result for each query ('' when there is none)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the search matcher (make test installs the npm tools with it)")
    script = CORPUS_DIR / "search_match.js"
    run = subprocess.run(
        [node, str(script), str(site / "search/shortcuts.json")],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return ["/" + url if url else "" for url in json.loads(run.stdout)]


def test_the_corpus_is_large_and_has_no_duplicates() -> None:
    queries = [query.casefold() for query, _ in corpus()]
    assert len(queries) >= 60
    assert len(set(queries)) == len(queries)


def test_every_corpus_query_opens_the_page_that_answers_it(built_site: Path) -> None:
    pairs = corpus()
    results = first_results(built_site, [query for query, _ in pairs])
    answered = zip(pairs, results, strict=True)
    misses = [f"{query!r}: got {got or 'nothing'}, want {want}" for (query, want), got in answered if got != want]
    hit_rate = 1 - len(misses) / len(pairs)
    print(f"search corpus: {len(pairs) - len(misses)} of {len(pairs)} first results right ({hit_rate:.0%})")
    assert not misses, "\n".join(misses)


def test_every_expected_page_exists(built_site: Path) -> None:
    missing = [path for _, path in corpus() if not (built_site / path.split("#")[0].strip("/") / "index.html").exists()]
    assert not missing
