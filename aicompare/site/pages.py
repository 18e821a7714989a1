"""Pages and files the build generates from data: pair and group comparison pages, reverse-order redirects, page metadata."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from ..knowledge import KnowledgeBase
from ..models import KIND_LABELS
from ..paths import GLOSSARY, REGULATIONS, entity_of_page, group_page, kind_page, pair_page, pair_redirect, references_page
from ..render.bibliography import reference_letters, references_list
from ..render.curated import curated_for
from ..render.markdown import PageContext, front_matter, text
from ..render.pairs import compared_pairs, group_comparison, group_source, pair_comparison, pair_source
from ..render.tables import technology_list
from .build import pairs_with_pages
from .citation import PageCitation, cite_block, page_title
from .navigation import kind_label, kinds_listed_on_own_page

TECHNOLOGY_PAGE_BOOST = 5.0
GLOSSARY_PAGE_BOOST = 5.0
REGULATIONS_PAGE_BOOST = 3.0
GROUP_PAGE_BOOST = 2.0
PAIR_PAGE_BOOST = 0.5
# Bibliography and contributor pages never rank above content.
BACKGROUND_PAGE_BOOST = 0.1
BACKGROUND_PAGES = frozenset({"contributing.md", "due-for-review.md", "changes.md", "open-data.md", "references.md"})


TOC_LEVELS = {GLOSSARY: 2}
"""Pages whose table of contents stops at a level: the glossary's lists its letters, not its 147 entries."""


def shorten_toc(src_uri: str, toc: Any) -> None:
    """Drop the entries below the page's TOC level (in place; search has already indexed every heading)."""
    levels = TOC_LEVELS.get(src_uri)
    if levels is None:
        return
    for item in _toc_items(toc):
        if item.level >= levels:
            item.children = []


JUMP_LIST_MIN_SECTIONS = 3


def jump_list(html_text: str, toc: Any) -> str:
    """An "On this page" list of the page's sections under its title, for phones (where the table of
    contents hides in the menu); kept out of the search index. Pages with few sections get none."""
    sections = [child for item in toc for child in item.children] or list(toc)
    if len(sections) < JUMP_LIST_MIN_SECTIONS or 'class="letter-bar"' in html_text:
        return html_text  # the glossary's letter bar is its jump list
    links = "".join(f'<li><a href="{escape(item.url, quote=True)}">{item.title}</a></li>' for item in sections)
    block = f'<details class="jump-list" data-search-exclude><summary>On this page</summary><ul>{links}</ul></details>'
    end_of_title = html_text.find("</h1>")
    if end_of_title == -1:
        return block + html_text
    cut = end_of_title + len("</h1>")
    return html_text[:cut] + block + html_text[cut:]


def _toc_items(items: Any) -> Any:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def group_comparisons(kb: KnowledgeBase) -> list[str]:
    """Ids of the curated comparisons of three or more technologies: each has a page of its own."""
    return kb.site_structure(
        "group_comparisons", lambda: [comparison.id for comparison in kb.comparisons.values() if len(comparison.technologies) > 2]
    )


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data alone: its Markdown source (front matter and title) and what renders its body.

    The build renders the body straight into the page's Markdown (`with_body`), not through a macro call:
    the source holds no Jinja, so mkdocs-macros is told to leave it alone and no template is compiled for it.
    """

    source: str
    body: Callable[[KnowledgeBase, PageContext], str]

    def with_body(self, markdown: str, kb: KnowledgeBase, page: PageContext) -> str:
        return f"{markdown}{self.body(kb, page)}\n"


def _generated(source: str, body: Callable[[KnowledgeBase, PageContext], str]) -> GeneratedPage:
    """A generated page whose front matter also tells mkdocs-macros not to render it."""
    return GeneratedPage(source.replace("---\n", "---\nrender_macros: false\n", 1), body)


def kind_pages(kb: KnowledgeBase) -> dict[str, GeneratedPage]:
    """A list page for each kind of technology too large for the nav to list, by source path."""
    pages = {}
    for kind in kinds_listed_on_own_page(kb):
        title = kind_label(kind)
        meta = {"title": title, "description": f"Every technology of the kind {KIND_LABELS[kind].lower()} on AI Compared."}
        pages[kind_page(kind)] = _generated(
            front_matter(meta) + f"# {text(title)}\n\n", lambda kb, page, kind=kind: technology_list(kb, page, kind)
        )
    return pages


def kind_page_data_files(kb: KnowledgeBase, src_uri: str) -> list[str] | None:
    """The data files a kind list page is made from (so its date is theirs), or None if `src_uri` is not one."""
    kind = next((k for k in kinds_listed_on_own_page(kb) if kind_page(k) == src_uri), None)
    if kind is None:
        return None
    return [kb.file_of("technologies", t.id) for t in kb.technologies.values() if t.kind == kind]


def reference_pages(kb: KnowledgeBase) -> dict[str, GeneratedPage]:
    """Each letter's page of the bibliography, by source path."""
    pages = {}
    for letter in reference_letters(kb):
        title = f"References: {letter.upper() if letter != '0' else '0-9'}"
        meta = {"title": title, "description": f"The works cited on AI Compared whose key starts with {letter.upper()}."}
        pages[references_page(letter)] = _generated(
            front_matter(meta) + f"# {text(title)}\n\n", lambda kb, page, letter=letter: references_list(kb, page, letter)
        )
    return pages


def comparison_pages(kb: KnowledgeBase) -> dict[str, GeneratedPage]:
    """Every pair page and every group comparison page, by source path."""
    pages = {
        pair_page(a, b): _generated(pair_source(kb, a, b), lambda kb, page, a=a, b=b: pair_comparison(kb, page, a, b))
        for a, b in compared_pairs(kb)
    }
    for c in group_comparisons(kb):
        pages[group_page(c)] = _generated(group_source(kb, c), lambda kb, page, c=c: group_comparison(kb, page, c))
    return pages


def comparison_data_files(kb: KnowledgeBase, src_uri: str) -> list[str] | None:
    """The data files a generated comparison page is made from, or None if `src_uri` is not one."""
    return kb.site_structure("comparison_data_files", lambda: _comparison_data_files(kb)).get(src_uri)


def _comparison_data_files(kb: KnowledgeBase) -> dict[str, list[str]]:
    files: dict[str, list[str]] = {}
    for comparison_id in group_comparisons(kb):
        ids = kb.comparisons[comparison_id].technologies
        files[group_page(comparison_id)] = [
            kb.file_of("comparisons", comparison_id), *(kb.file_of("technologies", t) for t in ids), "data/dimensions.yml"
        ]
    for first, second in pairs_with_pages(kb):
        curated = curated_for(kb, [first, second])
        pair_files = [kb.file_of("technologies", first), kb.file_of("technologies", second), "data/dimensions.yml"]
        curated_files = [kb.file_of("comparisons", curated.id)] if curated else []
        files.setdefault(pair_page(first, second), [*pair_files, *curated_files])
    return files


def citation_markdown(page: Any, markdown: str, updated: dt.date | None) -> str:
    """The 'Cite this page' block for a page, dated by its last update (or today, outside git)."""
    heading = re.search(r"^# (.+)$", markdown, flags=re.MULTILINE)
    title = page.meta.get("title") or page.title or (heading.group(1) if heading else None)
    today = dt.date.today()
    return cite_block(PageCitation(page_title(title), page.canonical_url or page.url, updated or today, today))


def redirect_html(target: str) -> str:
    """A tiny page that sends readers (and search engines) to `target`, relative to itself."""
    href = html.escape(target, quote=True)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Redirecting</title>'
        f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={href}"></head>'
        f'<body><p>This comparison lives at <a href="{href}">{href}</a>.</p></body></html>\n'
    )


def reverse_pair_redirects(kb: KnowledgeBase) -> dict[str, str]:
    """'compare/cnn-vs-rnn/index.html' style paths redirecting to the page in display order."""
    redirects = (pair_redirect(first, second) for first, second in compared_pairs(kb))
    return {path: redirect_html(target) for path, target in redirects}


def data_description(kb: KnowledgeBase, src_uri: str) -> str | None:
    """The meta description of a technology or industry page: its one-line summary, escaped for the attribute."""
    entity = entity_of_page(src_uri)
    if entity is None:
        return None
    collection, record_id = entity
    record = getattr(kb, collection).get(record_id)
    return text(record.summary) if record is not None else None


def search_boost(kb: KnowledgeBase, src_uri: str) -> float | None:
    """Rank a technology's own page first for its name, glossary entries high, pair pages low, background pages lowest."""
    entity = entity_of_page(src_uri)
    if entity is not None and entity[0] == "technologies" and entity[1] in kb.technologies:
        return TECHNOLOGY_PAGE_BOOST
    if src_uri == GLOSSARY:
        return GLOSSARY_PAGE_BOOST
    if src_uri == REGULATIONS:
        return REGULATIONS_PAGE_BOOST
    if any(src_uri == group_page(c) for c in group_comparisons(kb)):
        return GROUP_PAGE_BOOST
    if comparison_data_files(kb, src_uri) is not None:
        return PAIR_PAGE_BOOST
    if src_uri in BACKGROUND_PAGES or src_uri.startswith("references/"):
        return BACKGROUND_PAGE_BOOST
    return None
