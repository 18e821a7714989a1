"""Small building blocks for safe Markdown: escaping, links, tables."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..paths import asset_url, relative_path

# Characters that Markdown, the table syntax, HTML or Jinja would treat as syntax.
_SYNTAX_ENTITIES = {
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    ":": "&#58;",
}

_SYNTAX_TABLE = str.maketrans(_SYNTAX_ENTITIES)


@functools.cache  # the same names and values are escaped on many pages of one build
def text(value: str) -> str:
    """Escape plain text so it renders literally inside Markdown, a table cell or a heading.

    Line breaks become spaces so a value can never split a table row; HTML is escaped so
    nothing in the data can run; Markdown and Jinja syntax characters become entities.
    """
    return html.escape(" ".join(value.split()), quote=True).translate(_SYNTAX_TABLE)


def front_matter(values: dict[str, str]) -> str:
    """A YAML front matter block whose values MkDocs and the theme insert into HTML as they are.

    Each value is escaped as `text` does (titles and descriptions reach `<title>`, the nav and `<meta>` as
    they are, and mkdocs-macros renders Jinja in titles), then written as a JSON string, which is valid
    YAML whatever quotes or colons it holds.
    """
    lines = [f"{key}: {json.dumps(text(value), ensure_ascii=False)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class PageContext:
    """Where the Markdown being rendered lives (so links can be made relative to it), and the build's day."""

    src_uri: str
    edit_base: str = ""
    site_url: str = ""  # where the site is published, e.g. for files whose bytes name it
    today: dt.date = field(default_factory=dt.date.today)
    # (collection, record, field, part) -> the day a value was last revised, for values revised lately
    revised: Mapping[tuple[str, str, str, str], dt.date] = field(default_factory=dict)
    # Pieces pages of one build may share (see `reuse`); None while serving, where each page's reads must be noted
    shared: dict[tuple[object, ...], str] | None = field(default=None, compare=False, repr=False)

    def reuse(self, key: tuple[object, ...], render: Callable[[], str]) -> str:
        """`render()`, or what a page in the same folder rendered for the same `key` in this build.

        The key must name everything the piece shows besides the data and this context's fields; the
        folder (which sets relative links), the day, the edit and site addresses and the revision marks
        (by identity: one mapping per commit) are added to it. `shared` lives as long as one load of the data.
        """
        if self.shared is None:
            return render()
        full_key = (posixpath.dirname(self.src_uri), self.today, self.edit_base, self.site_url, id(self.revised), *key)
        if full_key not in self.shared:
            self.shared[full_key] = render()
        return self.shared[full_key]

    def revised_on(self, collection: str, record_id: str, field_name: str, part: str) -> dt.date | None:
        """The day this value was last revised, when that was lately; None otherwise."""
        return self.revised.get((collection, record_id, field_name, part))

    def link_to(self, target_src_uri: str, anchor: str = "") -> str:
        """Relative link from this page to another page's Markdown source (MkDocs validates these)."""
        base = posixpath.dirname(self.src_uri)
        relative = relative_path(target_src_uri, base or ".")
        return f"{relative}#{anchor}" if anchor else relative

    def scripts(self, *asset_paths: str) -> str:
        """Script tags for what only this page needs (the rest of the site does not download them).

        Each script registers its setup in `window.aicPageScripts` under its file name. On a first
        visit the deferred file runs it. When instant navigation brings the page back (a link, or Back
        after the address changed), Material runs the inline call at once, so the page is set up
        in the same step as its content appears, not after the file is fetched again.
        """
        tags = []
        for path in asset_paths:
            name = json.dumps(posixpath.basename(path).removesuffix(".js"))
            tags.append(f"<script>(function(s){{if(s){{s()}}}})((window.aicPageScripts||{{}})[{name}])</script>")
            tags.append(f'<script src="{html.escape(asset_url(self.src_uri, path))}" defer></script>')
        return "\n".join(tags)

    def edit_url(self, data_path: str) -> str:
        """Link to edit a data file (or browse a data folder) in the repository; '' without a repository."""
        if not self.edit_base:
            return ""
        if data_path.endswith("/"):
            return f"{self.edit_base.replace('/edit/', '/tree/')}{data_path}"
        return f"{self.edit_base}{data_path}"

    def fix_url(self, data_path: str, line: int | None) -> str:
        """Link to the line of a data file that holds a value, to suggest a fix ('' without a repository)."""
        if not self.edit_base:
            return ""
        blob = self.edit_base.replace("/edit/", "/blob/")
        return f"{blob}{data_path}#L{line}" if line else f"{blob}{data_path}"


def link(label_markdown: str, href: str, title: str = "") -> str:
    """A Markdown link; the label must already be escaped."""
    safe_href = href.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f'[{label_markdown}]({safe_href} "{text(title)}")' if title else f"[{label_markdown}]({safe_href})"


def table(headers: list[str], rows: list[list[str]], row_ids: list[str] | None = None, label: str = "") -> str:
    """A reading table: HTML whose cells hold inline Markdown, shown as stacked cards on narrow screens.

    Headers are escaped here; cells must already be rendered. With three or more columns each row
    becomes a card titled by its first cell, every other cell shown under its column's header
    (`data-label`); a two-column table becomes one card of label-value pairs.
    With `row_ids`, each row gets that id and a small link to itself, so a reader can share one row.
    ARIA roles keep the table's meaning for screen readers when the card layout changes `display`.
    """
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every table row needs one cell per header")
    if not all(header.strip() for header in headers):
        raise ValueError("every table column needs a header, so screen readers can name it")
    if row_ids is not None and len(row_ids) != len(rows):
        raise ValueError("give one row id per row")
    labelled = len(headers) > 2  # with two columns the card's title says what its one value is
    name = f' aria-label="{text(label)}"' if label else ""
    layout = "rows" if labelled else "pairs"
    lines = [f'<table data-cards="{layout}" role="table"{name} markdown="1">']
    lines += ['<thead role="rowgroup" markdown="1"><tr role="row">']
    lines += [f'<th scope="col" role="columnheader">{text(header)}</th>' for header in headers]
    lines += ["</tr></thead>", '<tbody role="rowgroup" markdown="1">']
    for index, row in enumerate(rows):
        row_id = row_ids[index] if row_ids else ""
        lines.append(f'<tr role="row" id="{row_id}" markdown="1">' if row_id else '<tr role="row" markdown="1">')
        for column, cell in enumerate(row):
            content = " ".join(cell.split()) or "&nbsp;"
            if column == 0 and row_id:
                content += f' <a class="row-link" href="#{row_id}" aria-label="Link to this row">#</a>'
            data_label = f' data-label="{text(headers[column])}"' if labelled and column else ""
            role = "rowheader" if column == 0 else "cell"
            lines.append(f'<td role="{role}"{data_label} markdown="span">{content}</td>')
        lines.append("</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def folded(summary: str, markdown: str) -> str:
    """Detail behind a summary line the reader opens (a link to something inside opens it too, see terms.js)."""
    return f'<details class="fold" markdown="1">\n<summary>{summary}</summary>\n\n{markdown}\n\n</details>'


FIX_ICON = "\u270e"


def fix_link(href: str) -> str:
    """The one quiet control per card that opens a value's line in its data file."""
    escaped = html.escape(href, quote=True)
    title = "Suggest a fix: open this value in its file"
    return f'<a class="fix-link" href="{escaped}" title="{title}" aria-label="Suggest a fix">{FIX_ICON}</a>'


def not_searched(markdown: str) -> str:
    """Wrap Markdown so the search index skips it: for tables that repeat values indexed on their own page."""
    return f'<div data-search-exclude markdown="1">\n\n{markdown}\n\n</div>'


def data_note(page: PageContext, data_paths: list[str]) -> str:
    """A small 'edit data' control under a data-driven table, kept out of the search index ('' without a repository)."""
    if not page.edit_base:
        return ""
    links = ", ".join(_edit_link(page, path) for path in data_paths)
    return f'<p class="data-note" data-search-exclude><span aria-hidden="true">&#9998;</span> Edit data: {links}</p>'


def _edit_link(page: PageContext, path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return f'<a href="{html.escape(page.edit_url(path), quote=True)}" title="Edit {text(path)}">{text(name)}</a>'


@dataclass(frozen=True)
class Cell:
    """A cell of an HTML table whose content is inline Markdown (links are still checked by MkDocs)."""

    markdown: str
    sort_value: int | None = None
    header: bool = False
    numeric: bool = False


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attributes = ""
    if cell.sort_value is not None:
        attributes += f' data-sort="{cell.sort_value}"'
    if cell.numeric:
        attributes += ' data-sort-method="number"'
    if cell.header:
        attributes += ' scope="col"'
    return f'<{tag}{attributes} markdown="span">{cell.markdown or "&nbsp;"}</{tag}>'


def sortable_table(headers: list[Cell], rows: list[list[Cell]], label: str) -> str:
    """A matrix readers can sort by clicking a header, scrolling inside its own box; cells hold inline Markdown.

    `label` is the table's accessible name (Python-Markdown cannot keep a <caption> inside md_in_html).
    """
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every table row needs one cell per header")
    lines = [f'<div class="matrix-scroll" role="region" aria-label="{text(label)}" tabindex="0" markdown="1">']
    lines += [f'<table class="sortable" aria-label="{text(label)}" markdown="1">', '<thead markdown="1">']
    lines += ['<tr markdown="1">', *(_cell_html(Cell(h.markdown, header=True, numeric=h.numeric)) for h in headers), "</tr>"]
    lines += ["</thead>", '<tbody markdown="1">']
    for row in rows:
        lines += ['<tr markdown="1">', *(_cell_html(cell) for cell in row), "</tr>"]
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)
