"""Cite this page: the same reference in BibTeX, APA and CSL-JSON, from the page's title, address and last update."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass

SITE_NAME = "AI Compared"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class PageCitation:
    """What a citation of one page needs."""

    title: str
    url: str
    updated: dt.date
    accessed: dt.date

    @property
    def key(self) -> str:
        """A BibTeX key: 'aicompared-technologies-cnn'."""
        path = re.sub(r"[^a-z0-9]+", "-", self.url.split("://", 1)[-1].split("/", 1)[-1].lower()).strip("-")
        return f"aicompared-{path}" if path else "aicompared"


def _bibtex_text(value: str) -> str:
    """Text for a BibTeX field: braces balanced away, LaTeX specials escaped."""
    value = value.replace("\\", "").replace("{", "").replace("}", "")
    return re.sub(r"([&%$#_])", r"\\\1", value)


def bibtex(citation: PageCitation) -> str:
    return (
        f"@misc{{{citation.key},\n"
        f"  title = {{{_bibtex_text(citation.title)}}},\n"
        f"  author = {{{{{SITE_NAME} contributors}}}},\n"
        f"  howpublished = {{{SITE_NAME}}},\n"
        f"  year = {{{citation.updated.year}}},\n"
        f"  month = {{{citation.updated.month}}},\n"
        f"  url = {{{citation.url}}},\n"
        f"  urldate = {{{citation.accessed.isoformat()}}},\n"
        f"  note = {{Last updated {citation.updated.isoformat()}. Licensed under {LICENCE}}}\n"
        "}"
    )


def apa(citation: PageCitation) -> str:
    """APA 7th edition, a page on a website whose author is the site."""
    day = citation.updated
    return (
        f"{SITE_NAME}. ({day.year}, {day.strftime('%B')} {day.day}). {citation.title}. "
        f"{citation.url} (licensed under {LICENCE})"
    )


def csl_json(citation: PageCitation) -> str:
    """CSL-JSON (the format Zotero and citeproc read), as a one-item list."""
    item = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": SITE_NAME,
        "author": [{"literal": f"{SITE_NAME} contributors"}],
        "URL": citation.url,
        "issued": {"date-parts": [[citation.updated.year, citation.updated.month, citation.updated.day]]},
        "accessed": {"date-parts": [[citation.accessed.year, citation.accessed.month, citation.accessed.day]]},
        "license": f"{LICENCE} {LICENCE_URL}",
    }
    return json.dumps([item], indent=2, ensure_ascii=False)


def cite_block(citation: PageCitation) -> str:
    """The 'Cite this page' block at the foot of a page: three formats, each in a copyable code block."""
    parts = ['<details class="cite" data-search-exclude markdown="1">', "<summary>Cite this page</summary>", ""]
    for label, text, language in (("APA", apa(citation), "text"), ("BibTeX", bibtex(citation), "bibtex"),
                                  ("CSL-JSON", csl_json(citation), "json")):
        button = (
            '<button type="button" class="md-button cite__copy" data-cite-copy '
            f'aria-label="Copy the {label} citation">Copy</button>'
        )
        parts += [f'<p class="cite__label"><strong>{label}</strong> {button}</p>', "", f"``` {language}", text, "```", ""]
    parts.append("</details>")
    return "\n".join(parts)


def page_title(raw_title: str | None) -> str:
    """The page title as plain text (titles may carry HTML entities or tags)."""
    return html.unescape(re.sub(r"<[^>]+>", "", raw_title or SITE_NAME)).strip() or SITE_NAME
