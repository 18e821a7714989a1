"""Pages and files the build generates from data: pair pages, reverse-order redirects, page metadata."""

from __future__ import annotations

import html

from ..knowledge import KnowledgeBase
from ..paths import GLOSSARY, entity_of_page, pair_page, pair_redirect
from ..render.markdown import text
from ..render.pairs import compared_pairs, pair_source

TECHNOLOGY_PAGE_BOOST = 5.0
GLOSSARY_PAGE_BOOST = 5.0
PAIR_PAGE_BOOST = 0.5


def pair_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Source path to Markdown for every pair page."""
    return {pair_page(a, b): pair_source(kb, a, b) for a, b in compared_pairs(kb)}


def pair_data_files(kb: KnowledgeBase, src_uri: str) -> list[str] | None:
    """The data files a pair page is made from, or None if `src_uri` is not a pair page."""
    for first, second in compared_pairs(kb):
        if src_uri == pair_page(first, second):
            return [kb.file_of("technologies", first), kb.file_of("technologies", second), "data/dimensions.yml"]
    return None


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
    """Rank a technology's own page first for its name, glossary entries high, generated pair pages low."""
    entity = entity_of_page(src_uri)
    if entity is not None and entity[0] == "technologies" and entity[1] in kb.technologies:
        return TECHNOLOGY_PAGE_BOOST
    if src_uri == GLOSSARY:
        return GLOSSARY_PAGE_BOOST
    if pair_data_files(kb, src_uri) is not None:
        return PAIR_PAGE_BOOST
    return None
