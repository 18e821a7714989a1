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
from aicompare.site import build, changes, dates, git_history, incremental, navigation, pages, picker, search, tooltips  # noqa: E402
from aicompare.site.macros import edit_base, page_context, site_address  # noqa: E402


class _State:
    kb: KnowledgeBase | None = None
    commit_dates: dict[str, Any]
    session: incremental.Session | None = None  # while serving: what decides which pages a rebuild renders
    generated: dict[str, pages.GeneratedPage] = {}  # noqa: RUF012 - pair, group, bibliography and kind list pages, by source path


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
    state.commit_dates = dates.commit_dates(PROJECT_DIR)
    config["nav"] = navigation.with_generated_sections(config["nav"], state.kb)
    tooltip_extension.index = tooltips.build_term_index(state.kb) if state.kb else None
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
    for path, content in open_data_files(state.kb).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, search.SHORTCUTS_PATH, content=search.shortcuts_json(state.kb)))
    site_url = site_address(config)
    feed = changes.atom_feed(state.kb, git_history.history(PROJECT_DIR), site_url, site_url + url_of(CHANGES))
    files.append(File.generated(config, changes.FEED_PATH, content=feed))
    for path, content in release.published_releases(PROJECT_DIR, state.kb, datetime.date.today(), site_url).items():
        files.append(File.generated(config, path, content=content))
    for path, content in picker.picker_files(state.kb, edit_base(config)).items():
        files.append(File.generated(config, path, content=content))
    if state.session is not None:
        state.session.plan_files(files, config["site_dir"])
    build.set_aside_live_objects()  # the data and what was made from it live until the build ends
    return files


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    if state.session is not None:
        state.session.keep_titles(nav)
    return nav


def on_env(env: Any, config: Any, files: Files) -> Any:
    if state.session is not None:
        env.bytecode_cache = state.session.templates  # compiled templates survive between serve rebuilds
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
        markdown = generated.with_body(markdown, state.kb, page_context(page.file.src_uri, config, state.kb))
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
    if state.kb is None or not build.pair_pages_enabled():
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
