"""MkDocs hooks: what the build adds around the pages, all generated from data/.

- the Technologies and Industries navigation, from data, in table order;
- pair pages (compare/<a>-vs-<b>/) and a redirect from the reverse order;
- glossary terms and technology names get a tooltip and a link to their entry;
- technology and industry pages take their meta description from data; pages rank in search by kind;
- each page shows when it or its data last changed (from git history), and offers a citation;
- technology and industry pages list their recent data changes; the What changed page and feed list all;
- the knowledge base is published as JSON, JSON Schema and CSV under data/, and as versioned release zips;
- search gets the names readers type and the comparison pages they open (search/shortcuts.json);
- the compare page gets one small data file per technology (compare/data/<id>.json);
- with bad data, `mkdocs build` stops with the problem list and `mkdocs serve` shows it on every page;
- while serving, a data edit rebuilds only the pages that read what changed (aicompare/site/incremental.py).
- a build keeps what it makes from data alone for the next build with the same inputs (aicompare/site/products.py).
All logic lives in `aicompare.site` and `aicompare.export`; this module only wires it to MkDocs events.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from aicompare import DATA_DIR, release  # noqa: E402
from aicompare.export import open_data_files  # noqa: E402
from aicompare.knowledge import KnowledgeBase  # noqa: E402
from aicompare.paths import CHANGES, entity_of_page, url_of  # noqa: E402
from aicompare.render.markdown import PageContext  # noqa: E402
from aicompare.site import (  # noqa: E402
    build,
    changes,
    dates,
    git_history,
    incremental,
    navigation,
    pages,
    picker,
    products,
    search,
    tooltips,
)
from aicompare.site.macros import edit_base, page_context, site_address  # noqa: E402


class _State:
    kb: KnowledgeBase | None = None
    commit_dates: dict[str, Any]
    session: incremental.Session | None = None  # while serving: what decides which pages a rebuild renders
    generated: dict[str, pages.GeneratedPage] = {}  # noqa: RUF012 - pair, group, bibliography and kind list pages, by source path
    products: products.Products = products.not_kept(PROJECT_DIR)  # what this build makes from data alone


state = _State()
tooltip_extension = tooltips.TooltipExtension()


def on_startup(command: str, dirty: bool) -> None:
    build.state.serving = command == "serve"
    state.session = incremental.Session() if build.state.serving else None


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuilds render only the pages an edit affects (see aicompare/site/incremental.py)."""
    server.builder = incremental.serve_builder(config)
    return server


def on_config(config: Any) -> None:
    build.release_set_aside_objects()
    state.kb = build.load_for_build(DATA_DIR)
    if state.kb is None:
        build.quiet_validation(config)  # serving bad data: every page shows the problems; nothing else may stop the build
    state.products = products_store(config)
    if state.kb is not None:
        state.kb.kept_from_last_build = state.products.get  # open data, releases and macro output
    git_history.history(PROJECT_DIR, kept=state.products.get)  # read from git once per commit, then kept
    state.commit_dates = dates.commit_dates(PROJECT_DIR)
    config["nav"] = navigation.with_generated_sections(config["nav"], state.kb)
    found = state.products.get("tooltip occurrences", dict)  # filled as pages are annotated, kept for the next build
    tooltip_extension.index = tooltips.build_term_index(state.kb, found) if state.kb else None
    config["markdown_extensions"].append(tooltip_extension)
    if state.session is not None:
        signature = incremental.build_signature(config, DATA_DIR, state.commit_dates, tooltip_extension.index)
        state.session.begin(state.kb, signature)


def on_files(files: Files, config: Any) -> Files:
    if state.kb is None:
        return files
    state.generated = pages.comparison_pages(state.kb) if build.pair_pages_enabled() else {}
    state.generated.update(pages.reference_pages(state.kb))
    state.generated.update(pages.kind_pages(state.kb))
    for src_uri, generated in state.generated.items():
        files.append(File.generated(config, src_uri, content=generated.source))
    for src_uri in navigation.pages_left_out(state.kb):
        if (file := files.get_file_from_path(src_uri)) is not None:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for path, content in data_products(state.kb, config).items():
        files.append(File.generated(config, path, content=content))
    if state.session is not None:
        state.session.plan_files(files, config["site_dir"])
    build.set_aside_live_objects()  # the data and what was made from it live until the build ends
    return files


def products_store(config: Any) -> products.Products:
    """What this build makes from data alone, holding what the last build with the same inputs made (none while serving)."""
    if build.state.serving:
        return products.not_kept(PROJECT_DIR)
    commit, today = git_history.head_commit(PROJECT_DIR), datetime.date.today()
    return products.for_build(PROJECT_DIR, commit, today, site_address(config), edit_base(config), build.pair_pages_enabled())


def data_products(kb: KnowledgeBase, config: Any) -> dict[str, str | bytes]:
    """Site path to content of every file made from the data alone (kept from the last build with the same inputs)."""
    site_url, today = site_address(config), datetime.date.today()
    def make() -> dict[str, str]:
        made = {search.SHORTCUTS_PATH: search.shortcuts_json(kb)}
        made[changes.FEED_PATH] = changes.atom_feed(kb, git_history.history(PROJECT_DIR), site_url, site_url + url_of(CHANGES))
        made.update(picker.picker_files(kb, edit_base(config)))
        return made

    made_from_data: dict[str, str | bytes] = dict(open_data_files(kb))
    made_from_data.update(release.published_releases(PROJECT_DIR, kb, today, site_url))
    return made_from_data | state.products.get("search, feed and picker files", make)


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    if state.session is not None:
        state.session.keep_titles(nav)
    return nav


def on_env(env: Any, config: Any, files: Files) -> Any:
    # compiled templates survive between serve rebuilds, and from one build to the next
    env.bytecode_cache = state.session.templates if state.session is not None else build.compiled_templates(PROJECT_DIR)
    return env


def on_pre_page(page: Page, config: Any, files: Files) -> Page:
    if state.session is not None:
        state.session.recorder.start(page.file.src_uri, fresh=True)
    return page


def on_page_content(html: str, page: Page, config: Any, files: Files) -> str:
    if state.session is not None:
        state.session.recorder.stop()
    return pages.jump_list(html, page.toc)


def on_page_context(context: Any, page: Page, config: Any, nav: Navigation) -> Any:
    """Runs after the search plugin has indexed the page (hooks come after plugins)."""
    if state.session is not None:
        state.session.page_context(page, config)
    pages.shorten_toc(page.file.src_uri, page.toc)
    return context


def on_post_page(output: str, page: Page, config: Any) -> str:
    if state.session is not None:
        state.session.page_done(page)
    return output


def on_page_markdown(markdown: str, page: Page, config: Any, files: Files) -> str:
    if state.kb is None:
        return build.problem_page(build.state.error) if build.state.error else markdown
    tooltip_extension.page_src = page.file.src_uri
    generated = state.generated.get(page.file.src_uri)
    if generated is not None:
        kb, src_uri, source = state.kb, page.file.src_uri, markdown
        markdown = state.products.get(
            f"page {src_uri}", lambda: generated.with_body(source, kb, page_context(src_uri, config, kb))
        )
    entity = entity_of_page(page.file.src_uri)
    if entity is not None:
        found = git_history.history(PROJECT_DIR)
        markdown += "\n\n" + changes.recent_changes(state.kb, PageContext(page.file.src_uri), found, *entity)
    updated = page_updated(page)  # once per page: the citation and the "last updated" line share it
    if updated:
        page.meta["revision_date"] = dates.format_date(updated)
    markdown += "\n\n" + pages.citation_markdown(page, markdown, updated=updated)
    description = pages.data_description(state.kb, page.file.src_uri)
    if description:
        page.meta["description"] = description
    boost = pages.search_boost(state.kb, page.file.src_uri)
    if boost is not None:
        page.meta.setdefault("search", {})["boost"] = boost
    return markdown


def page_updated(page: Page) -> Any:
    """The date of the newest commit that changed the page or the data it shows (None outside git)."""
    assert state.kb is not None
    src_uri = page.file.src_uri
    generated_from = pages.comparison_data_files(state.kb, src_uri) or pages.kind_page_data_files(state.kb, src_uri)
    sources = dates.page_sources(src_uri, generated_from)
    return dates.last_updated(sources, state.commit_dates)


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    if state.session is not None:
        state.session.build_done(config)
    if state.kb is None:
        return
    state.products.keep()
    if not build.pair_pages_enabled():
        return
    site_dir = Path(config["site_dir"])
    for path, content in pages.reverse_pair_redirects(state.kb).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def on_shutdown() -> None:
    build.set_aside_live_objects()  # the process ends: no need to walk every object once more


def on_build_error(error: Exception) -> None:
    if state.session is not None:
        state.session.fail()
