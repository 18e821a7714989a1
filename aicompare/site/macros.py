"""The macros pages call, by name: each takes the knowledge base and the page being rendered, then its arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import PROJECT_ROOT
from ..export import open_data_document
from ..knowledge import KnowledgeBase
from ..render import bibliography, diagram, glossary, guide, matrix, overview, pairs, picker, regulations, tables
from ..render.markdown import PageContext
from . import build, changes, git_history, open_data

Renderer = Callable[..., str]

MACROS: dict[str, Renderer] = {
    "technology_summary": lambda kb, page, tech_id: tables.technology_summary(kb, tech_id),
    "technology_profile": tables.technology_profile,
    "technology_uses": tables.technology_uses,
    "compare": tables.comparison_table,
    "industry_summary": lambda kb, page, industry_id: tables.industry_summary(kb, industry_id),
    "industry_uses": tables.industry_uses,
    "industry_regulations": regulations.industry_regulations,
    "regulations": regulations.regulation_list,
    "hierarchy_figure": diagram.hierarchy_figure,
    "short_answer": overview.short_answer,
    "timeline": overview.timeline,
    "due_for_review": tables.due_for_review,
    "what_changed": lambda kb, page: changes.changes_page(kb, page, git_history.history(PROJECT_ROOT),
                                                          open_data_document(kb)["data_version"]),
    "references_index": bibliography.references_index,
    "references": bibliography.references_list,
    "technology_list": tables.technology_list,
    "industry_list": tables.industry_list,
    "glossary": glossary.glossary_list,
    "dimension_table": tables.dimension_table,
    "confusions": tables.confusion_list,
    "pair_comparison": pairs.pair_comparison,
    "group_comparison": pairs.group_comparison,
    "compare_picker": picker.compare_picker,
    "guide": guide.guide_page,
    "comparison_lists": lambda kb, page: picker.comparison_lists(kb, page, build.pairs_with_pages(kb)),
    "technology_industry_matrix": matrix.technology_industry_matrix,
    "open_data_table": open_data.file_table,
    "release_table": open_data.release_table,
    "release_changes": open_data.release_changes,
}


def edit_base(config: Any) -> str:
    """Base URL for 'edit this data' links, derived from repo_url."""
    repo_url = (config.get("repo_url") or "").rstrip("/")
    return f"{repo_url}/edit/main/" if repo_url else ""


def site_address(config: Any) -> str:
    """The address the site is published at (site_url), or '/' when none is set."""
    return config.get("site_url") or "/"


def page_context(src_uri: str, config: Any, kb: KnowledgeBase) -> PageContext:
    """What a renderer knows of the page it renders: where it is, where to edit data, which values were revised lately.

    Pages of one build share rendered pieces (kept with this load of the data), except while serving,
    where every page's reads must be noted.
    """
    revised = git_history.history(PROJECT_ROOT).revised
    shared = None if build.state.serving else kb.memo.setdefault("shared pieces", {})
    return PageContext(src_uri, edit_base(config), site_url=site_address(config), revised=revised, shared=shared)


def bind(name: str, render: Renderer, kb: KnowledgeBase, env: Any) -> Callable[..., str]:
    """The macro as a page calls it: the knowledge base and the current page are filled in.

    What it renders depends only on the data, the page and the arguments, so a build keeps it for the next
    build with the same inputs (`kept_from_last_build`, see products.py).
    """

    def macro(*args: Any, **kwargs: Any) -> str:
        src_uri = env.page.file.src_uri
        return kb.kept_from_last_build(
            f"macro {name} on {src_uri}: {args!r} {kwargs!r}",
            lambda: render(kb, page_context(src_uri, env.conf, kb), *args, **kwargs),
        )

    return macro
