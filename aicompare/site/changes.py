"""What changed, in reader words: the page, the Atom feed, each entity's recent changes and a release's changes.

The history comes from `git_history`; commit messages are the team's log and never reach a reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import groupby
from xml.sax.saxutils import escape

from ..history import COLLECTION_NOUNS, COLLECTION_PLURALS, ENTITY_COLLECTIONS, ValueChange, describe, sentence_case
from ..knowledge import KnowledgeBase
from ..paths import industry_page, technology_page
from ..render.markdown import PageContext, link, text
from ..render.tables import row_anchor, short_citation
from .git_history import DatedChange, History

FEED_PATH = "changes.xml"
FEED_ENTRIES = 30
RECENT_COUNT = 5


def id_labels(kb: KnowledgeBase) -> dict[str, str]:
    """What a reader knows ids by: sources by their short citation, technologies by their name (made once per load).

    Not counted as a read of every record while serving: history comes from commits, which restart the build.
    """
    return kb.site_structure("history_labels", lambda: {
        **{source_id: short_citation(source) for source_id, source in kb.sources.items()},
        **{tech_id: tech.name for tech_id, tech in kb.technologies.items()},
    })


def change_words(kb: KnowledgeBase, item: DatedChange) -> str:
    """The change in a reader's words, with today's names for dimensions and sources."""
    change = item.change
    part = item.part_title
    if change.field == "dimensions" and change.part in kb.dimensions:
        part = kb.dimensions[change.part].label
    return describe(change, part or change.part, id_labels(kb))


def entity_page(collection: str, record_id: str) -> str | None:
    """The page that shows a technology or industry, if it is one."""
    if collection == "technologies":
        return technology_page(record_id)
    if collection == "industries":
        return industry_page(record_id)
    return None


def value_anchor(change: ValueChange) -> str:
    """The anchor of the row or card that shows a changed value on its entity's page ('' for the page itself)."""
    if change.field == "dimensions" and change.part:
        return row_anchor(change.part)
    if change.field == "uses" and change.part:
        return change.part
    return ""


def _exists(kb: KnowledgeBase, collection: str, record_id: str) -> bool:
    return record_id in getattr(kb, collection, {}) if collection in ENTITY_COLLECTIONS else False


def _record_label(kb: KnowledgeBase, page: PageContext, collection: str, record_id: str, title: str) -> str:
    """A record's name: linked to its page for a technology or industry, a short citation for a source."""
    target = entity_page(collection, record_id)
    if target and _exists(kb, collection, record_id):
        return link(text(kb.technologies[record_id].name if collection == "technologies" else kb.industries[record_id].name),
                    page.link_to(target))
    if collection == "sources" and record_id in kb.sources:
        title = short_citation(kb.sources[record_id])
    return text(title)


def _subject(kb: KnowledgeBase, page: PageContext, collection: str, record_id: str, title: str) -> str:
    """'Convolutional neural network' linked to its page, or 'Source: Hu et al. 2021' for a record of a list."""
    label = _record_label(kb, page, collection, record_id, title)
    if entity_page(collection, record_id) and _exists(kb, collection, record_id):
        return label
    return f"{COLLECTION_NOUNS.get(collection, collection.capitalize())}: {label}"


def _release_note(releases: Iterable[str], current_version: str) -> str:
    versions = sorted(set(releases))
    named = (", ".join(f"<code>{text(v)}</code>" for v in versions) if versions
             else f"<code>{text(current_version)}</code> (the current one)")
    return f"First in open-data release {named}."


def recent_changes(kb: KnowledgeBase, page: PageContext, found: History, collection: str, record_id: str,
                   count: int = RECENT_COUNT) -> str:
    """The last changes to one technology's or industry's own values, each linking to the value's row."""
    own = [c for c in found.changes if c.change.collection == collection and c.change.record == record_id][:count]
    if not own:
        return ""
    items = []
    for item in own:
        anchor = value_anchor(item.change)
        words = text(change_words(kb, item))
        shown = link(words, f"#{anchor}") if anchor and item.change.action != "removed" else words
        items.append(f"- {item.date.date().isoformat()}: {shown}")
    return ('<div class="recent-changes" data-search-exclude markdown="1">\n\n**Recent changes to this data**\n\n'
            + "\n".join(items) + "\n\n</div>")


SHARED_BULLET = 4  # this many records with the same one change share a bullet
LIST_SHOWN = 6  # records of a list file named before the rest are counted


def _by_record(items: Iterable[DatedChange]) -> dict[tuple[str, str], list[DatedChange]]:
    """Changes grouped by record, technologies, industries and comparisons first, in order of appearance."""
    grouped: dict[tuple[str, str], list[DatedChange]] = {}
    for item in items:
        grouped.setdefault((item.change.collection, item.change.record), []).append(item)
    rank = {name: i for i, name in enumerate(ENTITY_COLLECTIONS)}
    return dict(sorted(grouped.items(), key=lambda kv: rank.get(kv[0][0], len(rank))))


def _entity_lines(kb: KnowledgeBase, page: PageContext, grouped: Mapping[tuple[str, str], list[DatedChange]]) -> list[str]:
    """One bullet per technology, industry or comparison, with its changes under it.

    Records of one kind whose one change reads the same (a field revised across many technologies at
    once) share one bullet that names them all, so a sweeping edit does not bury the rest of the day.
    """
    records = []
    for (collection, record_id), items in grouped.items():
        if collection in ENTITY_COLLECTIONS:
            subject = _subject(kb, page, collection, record_id, items[0].title)
            label = _record_label(kb, page, collection, record_id, items[0].title)
            words = list(dict.fromkeys(_linked_words(kb, page, item) for item in items))
            plain = text(change_words(kb, items[0])) if len(words) == 1 else ""
            records.append((collection, subject, label, words, plain))
    alike: dict[tuple[str, str], list[str]] = {}
    for collection, _, label, _, plain in records:
        if plain:
            alike.setdefault((collection, plain), []).append(label)
    shared = [key for key, subjects in alike.items() if len(subjects) >= SHARED_BULLET]
    lines = [f"- {sentence_case(plain)} for {len(alike[(collection, plain)])} "
             f"{COLLECTION_PLURALS[collection].lower()}: " + ", ".join(alike[(collection, plain)])
             for collection, plain in shared]
    for collection, subject, _, words, plain in records:
        if (collection, plain) in shared:
            continue
        lines.append(f"- {subject}: {words[0]}" if len(words) == 1 else
                     f"- {subject}\n" + "\n".join(f"    - {w}" for w in words))
    return lines


def _list_lines(kb: KnowledgeBase, page: PageContext, grouped: Mapping[tuple[str, str], list[DatedChange]]) -> list[str]:
    """One bullet per list file (sources, glossary, timeline...): how many records came, went or changed."""
    per_collection: dict[str, dict[str, list[str]]] = {}
    for (collection, record_id), items in grouped.items():
        if collection in ENTITY_COLLECTIONS:
            continue
        action = items[0].change.action if len(items) == 1 and not items[0].change.field else "revised"
        name = _record_label(kb, page, collection, record_id, items[0].title)
        per_collection.setdefault(collection, {}).setdefault(action, []).append(name)
    lines = []
    for collection, actions in per_collection.items():
        noun = COLLECTION_PLURALS.get(collection, collection.capitalize())
        parts = []
        for action in ("added", "revised", "removed", "renewed"):
            names = actions.get(action, [])
            if names:
                more = f" and {len(names) - LIST_SHOWN} more" if len(names) > LIST_SHOWN else ""
                shown = ", ".join(names[:LIST_SHOWN]) + more
                parts.append(f"{len(names)} {action} ({shown})")
        lines.append(f"- {noun}: " + "; ".join(parts))
    return lines


def _grouped(kb: KnowledgeBase, page: PageContext, found: History, current_version: str) -> list[str]:
    """Sections by day, then by record: each record's changes in reader words, and the release they came in."""
    sections = []
    for day, same_day in groupby(found.changes, key=lambda c: c.date.date()):
        items = list(same_day)
        grouped = _by_record(items)
        note = _release_note([found.releases[i.sha] for i in items if i.sha in found.releases], current_version)
        lines = _entity_lines(kb, page, grouped) + _list_lines(kb, page, grouped)
        sections.append(f"## {day.isoformat()} {{ #changes-{day.isoformat()} }}\n\n"
                        f'<p class="table-note">{note}</p>\n\n' + "\n".join(lines))
    return sections


def _linked_words(kb: KnowledgeBase, page: PageContext, item: DatedChange) -> str:
    words = text(change_words(kb, item))
    target = entity_page(item.change.collection, item.change.record)
    anchor = value_anchor(item.change)
    if target and anchor and item.change.action != "removed" and _exists(kb, item.change.collection, item.change.record):
        return link(words, page.link_to(target, anchor))
    return words


UNAVAILABLE = (
    "History unavailable: this copy of the site was built from a shallow clone of the repository, which keeps "
    "only the newest commits, so which values changed and when cannot be told here. The published site is built "
    "with the full history."
)


def changes_page(kb: KnowledgeBase, page: PageContext, found: History, current_version: str) -> str:
    """The body of the What changed page: by day, then by technology, industry or other record."""
    if not found.available:
        return UNAVAILABLE
    if not found.changes:
        return "No change to the data is recorded yet."
    body = "\n\n".join(_grouped(kb, page, found, current_version))
    if found.unreadable:
        files = ", ".join(f"{path} ({day.isoformat()})" for day, path in found.unreadable[:5])
        body = (f'<p class="table-note">{len(found.unreadable)} earlier versions of data files could not be read and '
                f"are left out: {text(files)}.</p>\n\n") + body
    return body


def atom_feed(kb: KnowledgeBase, found: History, site_url: str, page_url: str) -> str:
    """An Atom feed (RFC 4287): one entry per day of changes, in the same words as the page."""
    days = [(day, list(items)) for day, items in groupby(found.changes, key=lambda c: c.date.date())][:FEED_ENTRIES]
    updated = found.changes[0].date if found.changes else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    entries = []
    for day, items in days:
        lines = []
        for (collection, _), group in _by_record(items).items():
            noun = COLLECTION_NOUNS.get(collection, collection)
            lines.append(f"{noun} {group[0].title}: " + "; ".join(dict.fromkeys(change_words(kb, i) for i in group)))
        anchor = f"{page_url}#changes-{day.isoformat()}"
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(anchor)}</id>\n"
            f"    <title>{escape(f'Changes to the data on {day.isoformat()}')}</title>\n"
            f"    <updated>{items[0].date.isoformat()}</updated>\n"
            f'    <link rel="alternate" type="text/html" href="{escape(anchor)}"/>\n'
            f"    <summary>{escape('. '.join(lines))}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <title>AI Compared: what changed in the data</title>\n"
        f"  <id>{escape(page_url)}</id>\n"
        f'  <link rel="self" type="application/atom+xml" href="{escape(site_url)}{FEED_PATH}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{escape(page_url)}"/>\n'
        f"  <updated>{updated.isoformat()}</updated>\n"
        "  <author><name>AI Compared contributors</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )


def release_changes_section(kb: KnowledgeBase, page: PageContext, previous_version: str | None,
                            items: list[DatedChange]) -> str:
    """What the current release changes since the previous one, by record, in reader words."""
    if previous_version is None:
        return "This is the first release of the data, so there is nothing earlier to compare it with."
    if not items:
        return f"Nothing in the data changed since release `{previous_version}`."
    grouped = _by_record(items)
    lines = _entity_lines(kb, page, grouped) + _list_lines(kb, page, grouped)
    return (f"Since release `{previous_version}`: {len(items)} changes. The same list is in `changes.json` inside "
            "the zip.\n\n" + "\n".join(lines))
