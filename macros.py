"""mkdocs-macros entry point: load the knowledge base once per build and register the renderers.

All logic lives in the `aicompare` package; this module only wires it to page templates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = str(Path(__file__).resolve().parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from aicompare import DATA_DIR  # noqa: E402
from aicompare.knowledge import load_knowledge_base_once  # noqa: E402
from aicompare.render import diagram, matrix, pairs, tables  # noqa: E402
from aicompare.render.markdown import Page  # noqa: E402
from aicompare.site import open_data  # noqa: E402


def edit_base(config: dict[str, Any]) -> str:
    """Base URL for 'edit this data' links, derived from repo_url."""
    repo_url = (config.get("repo_url") or "").rstrip("/")
    return f"{repo_url}/edit/main/" if repo_url else ""


def define_env(env: Any) -> None:
    """Register the macros; a data problem raises here and fails the build with every problem listed."""
    kb = load_knowledge_base_once(DATA_DIR)
    base = edit_base(env.conf)

    def page() -> Page:
        return Page(env.page.file.src_uri, base)

    env.variables["knowledge_base"] = kb
    env.macro(lambda tech_id: tables.technology_summary(kb, tech_id), "technology_summary")
    env.macro(lambda tech_id: tables.technology_profile(kb, page(), tech_id), "technology_profile")
    env.macro(lambda tech_id: tables.technology_uses(kb, page(), tech_id), "technology_uses")
    env.macro(lambda tech_ids, dimensions=None: tables.comparison_table(kb, page(), tech_ids, dimensions), "compare")
    env.macro(lambda industry_id: tables.industry_summary(kb, industry_id), "industry_summary")
    env.macro(lambda industry_id: tables.industry_uses(kb, page(), industry_id), "industry_uses")
    env.macro(lambda industry_id: tables.industry_regulations(kb, page(), industry_id), "industry_regulations")
    env.macro(lambda: diagram.hierarchy_diagram(kb, page()), "hierarchy_diagram")
    env.macro(lambda: tables.references_list(kb, page()), "references")
    env.macro(lambda: tables.technology_list(kb, page()), "technology_list")
    env.macro(lambda: tables.industry_list(kb, page()), "industry_list")
    env.macro(lambda: tables.glossary_list(kb, page()), "glossary")
    env.macro(lambda dimensions, tech_ids=None: tables.dimension_table(kb, page(), dimensions, tech_ids), "dimension_table")
    env.macro(lambda: tables.confusion_list(kb, page()), "confusions")
    env.macro(lambda first, second: pairs.pair_comparison(kb, page(), first, second), "pair_comparison")
    env.macro(lambda: pairs.pair_matrix(kb, page()), "pair_matrix")
    env.macro(lambda: pairs.pair_list(kb, page()), "pair_list")
    env.macro(lambda: matrix.technology_industry_matrix(kb, page()), "technology_industry_matrix")
    env.macro(lambda: open_data.file_table(kb, page()), "open_data_files")
