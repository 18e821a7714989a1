"""Glossary tooltips: a glossary term or technology name gets its definition on hover, once per section.

The first occurrence of a term on a page links to its glossary entry (or technology page); its first
occurrence in each later section is an `<abbr>`; other occurrences stay plain text, so a paragraph is
never dotted with marks. Both carry the short definition in `title`, which terms.js shows below
the line on hover or focus; on touch screens it shows it in a panel at the bottom of the screen
instead. Nothing is marked in headings, table headers and row labels, links,
code, citations, titles of works or names of rules. Everything comes from data/glossary.yml and
data/technologies/, so a new term is annotated across the site as soon as it is added.

The work happens on Python-Markdown's element tree, last, after MkDocs has rewritten and checked the
page's own links. The links it adds are final directory URLs (`../../glossary/#token`, as
`use_directory_urls` makes them) built from the site's structure in `paths.py`; tests check that
each one resolves.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..knowledge import KnowledgeBase
from ..paths import CHANGES, GLOSSARY, REFERENCES, relative_url, technology_page

# Where a term is never annotated: links, code, headings, table headers and row labels, figures, citations.
SKIPPED_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "th", "cite", "svg", "summary",
     "small"}
)
SKIPPED_CLASSES = frozenset(
    {
        "data-note",
        "table-note",
        "glossary-meta",
        "headerlink",
        "term",
        "provenance",
        "reference",
        "hierarchy",
        "short-answer",
        "short-answer__nesting",
        "recent-changes",
        "cite",
    }
)
SKIPPED_ROLES = frozenset({"rowheader", "columnheader"})
SECTION_TAGS = frozenset({"h1", "h2", "h3", "h4"})
# Pages made of citations, titles of works or commit messages: nothing on them is annotated.
UNANNOTATED_PAGES = frozenset({REFERENCES, CHANGES, GLOSSARY})
TOOLTIP_LENGTH = 180


@dataclass(frozen=True)
class Term:
    """What a phrase on a page refers to: a page source, an anchor on it, and a short definition."""

    key: str
    target_src: str
    anchor: str
    tooltip: str


def first_sentence(value: str, limit: int = TOOLTIP_LENGTH) -> str:
    """The first sentence of a definition, cut at a word boundary if it is still too long."""
    flat = " ".join(value.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _is_specific_alias(alias: str, name: str) -> bool:
    """Multi-word aliases are specific; a one-word alias only when it shares a stem with a word of the name.

    This keeps spelling variants and plurals ('tokenisation', 'features') but leaves out loose synonyms
    that are everyday words ('weights', 'filter', 'serving').
    """
    if " " in alias.strip():
        return True
    stem = alias.casefold()[:4]
    return any(word.casefold().startswith(stem) for word in re.split(r"[\s-]+", name))


_WORD = re.compile(r"\w")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
Occurrence = tuple[int, int, Term]
"""Where a phrase starts and ends in a text, and the term it names."""


@dataclass(frozen=True)
class TermIndex:
    """Phrases to annotate: abbreviations match case-sensitively, everything else regardless of case.

    A phrase counts where it is not preceded by a letter, digit or hyphen and not followed by a letter
    or digit. Occurrences never overlap and are taken from the left; at one place an abbreviation
    wins over another phrase, and the longest of each wins. All phrases are found in one pass over a
    text by an Aho-Corasick automaton (pyahocorasick), then checked against those rules.
    """

    exact: dict[str, Term]
    folded: dict[str, Term]
    automaton: ahocorasick.Automaton | None
    found: dict[str, tuple[Occurrence, ...]] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, phrase: str) -> Term | None:
        return self.exact.get(phrase) or self.folded.get(phrase.casefold())

    def occurrences(self, value: str) -> tuple[Occurrence, ...]:
        """Every annotatable phrase in a text, remembered: pair pages repeat the same cells many times."""
        if value not in self.found:
            self.found[value] = tuple(self._occurrences(value))
        return self.found[value]

    def _occurrences(self, value: str) -> list[Occurrence]:
        assert self.automaton is not None
        lowered = value.lower()
        if len(lowered) != len(value):  # a letter whose lower case is longer ('İ'): keep it, so positions still line up
            lowered = "".join(letter.lower() if len(letter.lower()) == 1 else letter for letter in value)
        candidates: dict[int, list[tuple[int, tuple[tuple[str, bool], ...]]]] = {}
        for last, (length, phrases) in self.automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if (start and _WORD_OR_HYPHEN.match(value, start - 1)) or _WORD.match(value, end):
                continue
            candidates.setdefault(start, []).append((end, phrases))
        found: list[Occurrence] = []
        position = 0
        for start in sorted(candidates):
            if start >= position:
                occurrence = self._term_at(value, start, candidates[start])
                if occurrence is not None:
                    found.append(occurrence)
                    position = occurrence[1]
        return found

    def _term_at(self, value: str, start: int, candidates: list[tuple[int, tuple[tuple[str, bool], ...]]]) -> Occurrence | None:
        """The phrase that counts at `start`: the longest abbreviation written exactly so, else the longest other phrase."""
        longest_first = sorted(candidates, key=lambda candidate: -candidate[0])
        for end, phrases in longest_first:
            if any(exact and value[start:end] == phrase for phrase, exact in phrases):
                return start, end, self.exact[value[start:end]]
        for end, phrases in longest_first:
            folded = value[start:end].casefold()
            if any(not exact and folded == phrase for phrase, exact in phrases):
                return start, end, self.folded[folded]
        return None


def phrase_automaton(exact: Iterable[str], folded: Iterable[str]) -> ahocorasick.Automaton | None:
    """An automaton finding every phrase in lower-cased text; each key carries its length and the phrases it stands for."""
    keys: dict[str, list[tuple[str, bool]]] = {}
    for phrase in exact:
        keys.setdefault(phrase.lower(), []).append((phrase, True))
    for phrase in folded:
        keys.setdefault(phrase.lower(), []).append((phrase, False))
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, phrases in keys.items():
        automaton.add_word(key, (len(key), tuple(phrases)))
    automaton.make_automaton()
    return automaton


def build_term_index(kb: KnowledgeBase, found: dict[str, tuple[Occurrence, ...]] | None = None) -> TermIndex:
    """Every glossary term, abbreviation and specific alias, and every technology name and abbreviation.

    `found` holds occurrences already known for these very terms: a build passes those the last build with the
    same inputs found (site/products.py), and the index adds what it finds to it.
    """
    exact: dict[str, Term] = {}
    folded: dict[str, Term] = {}
    for entry in kb.glossary.values():
        term = Term(f"glossary:{entry.id}", GLOSSARY, entry.id, first_sentence(entry.definition))
        for abbreviation in entry.abbreviations:
            exact[abbreviation] = term
        for phrase in [entry.term, *entry.aliases]:
            if phrase == entry.term or _is_specific_alias(phrase, entry.term):
                folded.setdefault(phrase.casefold(), term)
    for tech in kb.technologies.values():
        term = Term(f"technology:{tech.id}", technology_page(tech.id), "", first_sentence(tech.summary))
        if tech.abbreviation:
            exact[tech.abbreviation] = term
        for phrase in [tech.name, *tech.aliases]:
            if phrase == tech.name or _is_specific_alias(phrase, tech.name):
                folded.setdefault(phrase.casefold(), term)
    return TermIndex(exact, folded, phrase_automaton(exact, folded), {} if found is None else found)


def _is_skipped(element: etree.Element) -> bool:
    if element.tag in SKIPPED_TAGS:
        return True
    classes = element.get("class")
    return bool(classes and not SKIPPED_CLASSES.isdisjoint(classes.split())) or element.get("role") in SKIPPED_ROLES


@dataclass
class _Annotator:
    """Annotates one page: the first occurrence on the page links, the first in each later section is marked."""

    index: TermIndex
    page_src: str
    linked: set[str]
    marked_in_section: set[str]
    targets: dict[str, str]  # term key to its URL from this page

    def pieces(self, value: str) -> tuple[str, list[etree.Element]]:
        """Split text into the part before the first term and new elements (each carrying the text after it)."""
        found = self.index.occurrences(value)
        if not found:
            return value, []
        head: str | None = None
        elements: list[etree.Element] = []
        position = 0
        for start, end, term in found:
            if term.target_src == self.page_src or term.key in self.marked_in_section:
                continue
            before = value[position:start]
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + before
            else:
                head = before
            elements.append(self.element(value[start:end], term))
            position = end
        if not elements:
            return value, []
        elements[-1].tail = (elements[-1].tail or "") + value[position:]
        return head or "", elements

    def element(self, label: str, term: Term) -> etree.Element:
        self.marked_in_section.add(term.key)
        target = self.targets.get(term.key)
        if target is None:
            target = self.targets[term.key] = relative_url(self.page_src, term.target_src, term.anchor)
        if term.key in self.linked:
            element = etree.Element("abbr", {"class": "term", "title": term.tooltip, "data-target": target})
        else:
            self.linked.add(term.key)
            element = etree.Element("a", {"class": "term", "href": target, "title": term.tooltip})
        element.text = AtomicString(label)
        return element

    def walk(self, parent: etree.Element) -> None:
        """Annotate the text and tails under `parent` (itself not skipped), skipping links, code, headings and the like."""
        index = 0  # where the child being looked at sits in `parent`, new elements included
        if parent.text:
            parent.text, new = self.pieces(parent.text)
            for offset, element in enumerate(new):
                parent.insert(offset, element)
            index = len(new)
        for child in parent[index:]:
            if child.tag in SECTION_TAGS:
                self.marked_in_section.clear()
            if child.get("class") != "term":
                if not _is_skipped(child):
                    self.walk(child)
                if child.tail:
                    child.tail, new = self.pieces(child.tail)
                    for offset, element in enumerate(new):
                        parent.insert(index + 1 + offset, element)
                    index += len(new)
            index += 1


def annotate_tree(root: etree.Element, index: TermIndex, page_src: str) -> None:
    """Annotate every term occurrence in a page's element tree."""
    if index.automaton is None or page_src in UNANNOTATED_PAGES or page_src.startswith("references/") or _is_skipped(root):
        return
    _Annotator(index, page_src, set(), set(), {}).walk(root)


class TooltipTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: TooltipExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.index is not None and self.extension.page_src is not None:
            annotate_tree(root, self.extension.index, self.extension.page_src)


class TooltipExtension(Extension):
    """Markdown extension; the build sets `index` once and `page_src` before each page is converted."""

    def __init__(self) -> None:
        super().__init__()
        self.index: TermIndex | None = None
        self.page_src: str | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # Last: after inline parsing (20), attr_list (8) and MkDocs' link rewriting (0). The links it adds
        # are final URLs, made from the site's structure, so MkDocs need not rewrite or check each one.
        md.treeprocessors.register(TooltipTreeprocessor(md, self), "aicompare_tooltips", -1)
