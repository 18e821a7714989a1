"""The table of published data files shown on the Open data page."""

from __future__ import annotations

import datetime as dt

from .. import PROJECT_ROOT
from ..export import CSV_COLUMNS, JSON_PATH, SCHEMA_PATH, csv_rows, open_data_document, open_data_files
from ..knowledge import KnowledgeBase
from ..release import LATEST, committed_releases, previous_release, published_releases
from ..render.markdown import PageContext, link, table, text
from . import changes, git_history

CSV_DESCRIPTIONS = {
    "technologies": "One row per technology: kind, place in the hierarchy, names, summary, introduction",
    "technology_examples": "One row per well-known model, product or library of a technology, with its source",
    "technology_values": "One row per technology and comparison dimension: value or status, sources, date checked",
    "industries": "One row per industry: summary and the rules that apply",
    "uses": "One row per use of a technology in an industry: example, maturity, risks, sources",
    "dimensions": "The comparison criteria and which kinds of technology they apply to",
    "sources": "The bibliography: every work the data cites",
    "regulations": "Laws and rules that bear on the uses",
    "regulation_dates": "One row per date that matters for a rule: adopted, in force, applies, amended",
    "glossary": "Terms with their variants, definitions and sources",
    "confusions": "Common misconceptions and their corrections",
    "comparisons": "Curated comparisons: the difference in brief and the misconception readers bring",
    "comparison_choices": "One row per technology of a curated comparison: when to choose it",
    "milestones": "The timeline's dated events: models, papers, products and rules, with their sources",
}


def release_table(kb: KnowledgeBase, page: PageContext) -> str:
    """Every published release of the data, newest version first by the date it was built, with its size."""
    published = published_releases(PROJECT_ROOT, kb, dt.date.today(), page.site_url)
    rows = []
    for path, content in sorted(published.items(), key=lambda item: item[0] != LATEST):
        name = path.rsplit("/", 1)[1]
        what = "The newest release (moves with each version)" if path == LATEST else "Version " + name.removeprefix(
            "ai-compared-data-").removesuffix(".zip")
        rows.append([link(text(name), page.link_to(path)), f"{len(content) // 1024} KB", text(what)])
    return table(["File", "Size", "Content"], rows, label="Releases of the open data")


def release_changes(kb: KnowledgeBase, page: PageContext) -> str:
    """What the current release changed since the previous committed one."""
    current = open_data_document(kb)
    previous = previous_release(committed_releases(PROJECT_ROOT), current["data_version"])
    items = git_history.document_dated_changes(previous[1], current, dt.datetime.now()) if previous else []
    return changes.release_changes_section(kb, page, previous[0] if previous else None, items)


def file_table(kb: KnowledgeBase, page: PageContext) -> str:
    """Every published file with its link, size and content, computed from the export itself."""
    files = open_data_files(kb)
    rows_per_table = {name: len(rows) for name, rows in csv_rows(kb).items()}
    rows = [
        [link(text(JSON_PATH.rsplit("/", 1)[1]), page.link_to(JSON_PATH)), f"{len(files[JSON_PATH].encode()) // 1024} KB",
         "The whole knowledge base in one file"],
        [link(text(SCHEMA_PATH.rsplit("/", 1)[1]), page.link_to(SCHEMA_PATH)), f"{len(files[SCHEMA_PATH].encode()) // 1024} KB",
         "JSON Schema (draft 2020-12) of that file, with a description of every field"],
    ]
    for name, description in CSV_DESCRIPTIONS.items():
        path = f"data/csv/{name}.csv"
        columns = ", ".join(CSV_COLUMNS[name])
        rows.append(
            [
                link(text(f"{name}.csv"), page.link_to(path)),
                f"{rows_per_table[name]} rows",
                f"{text(description)}. Columns: <small>{text(columns)}</small>",
            ]
        )
    return table(["File", "Size", "Content"], rows)
