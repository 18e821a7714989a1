"""Where every page of the site lives: the one place that knows the site's structure.

Paths are Markdown source paths relative to docs/ (MkDocs checks links made from them).
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
TECHNOLOGIES_INDEX = "technologies/index.md"
INDUSTRIES_INDEX = "industries/index.md"
COMPARE_INDEX = "compare/index.md"
GLOSSARY = "glossary.md"
REFERENCES = "references.md"
REGULATIONS = "regulations.md"
CONFUSIONS = "topics/confusions.md"
TIMELINE = "topics/timeline.md"
GUIDE = "guide.md"
CHANGES = "changes.md"
OPEN_DATA = "open-data.md"

TECHNOLOGIES_FOLDER = "technologies"
INDUSTRIES_FOLDER = "industries"
COMPARE_FOLDER = "compare"

# Pages made from one whole data file, so their last-updated date includes that file.
PAGE_DATA_FILES = {
    GLOSSARY: "data/glossary.yml",
    REFERENCES: "data/sources.yml",
    CONFUSIONS: "data/confusions.yml",
    REGULATIONS: "data/regulations.yml",
    TIMELINE: "data/milestones.yml",
}


def technology_page(tech_id: str) -> str:
    """'technologies/cnn.md'."""
    return f"{TECHNOLOGIES_FOLDER}/{tech_id}.md"


def kind_page(kind: str) -> str:
    """'technologies/kinds/model-family.md': the list of one kind of technology, made when the nav cannot hold them."""
    return f"{TECHNOLOGIES_FOLDER}/kinds/{kind.replace('_', '-')}.md"


def industry_page(industry_id: str) -> str:
    """'industries/healthcare.md'."""
    return f"{INDUSTRIES_FOLDER}/{industry_id}.md"


def pair_slug(first_id: str, second_id: str) -> str:
    """URL slug of a pair page, e.g. 'rnn-vs-cnn'."""
    return f"{first_id}-vs-{second_id}"


def pair_page(first_id: str, second_id: str) -> str:
    """'compare/rnn-vs-cnn.md'."""
    return f"{COMPARE_FOLDER}/{pair_slug(first_id, second_id)}.md"


def pair_redirect(first_id: str, second_id: str) -> tuple[str, str]:
    """Built path of the reverse-order address of a pair page, and the relative link it redirects to."""
    return f"{COMPARE_FOLDER}/{pair_slug(second_id, first_id)}/index.html", f"../{pair_slug(first_id, second_id)}/"


def milestone_anchor(milestone_id: str) -> str:
    """Anchor of a milestone on the timeline page."""
    return f"m-{milestone_id}"


def source_anchor(source_id: str) -> str:
    """Anchor of a source on its references page."""
    return f"source-{source_id}"


def reference_letter(source_id: str) -> str:
    """The references page a source is listed on, by the first character of its id: 'a' ... 'z', or '0'."""
    first = source_id[:1]
    return first if first.isalpha() else "0"


def references_page(source_id_or_letter: str) -> str:
    """'references/v.md': the page that lists a source (the bibliography is split by letter to stay light)."""
    return f"references/{reference_letter(source_id_or_letter)}.md"


def entity_of_page(src_uri: str) -> tuple[str, str] | None:
    """('technologies', 'cnn') for 'technologies/cnn.md'; None for any other page."""
    folder, _, name = src_uri.partition("/")
    if folder in (TECHNOLOGIES_FOLDER, INDUSTRIES_FOLDER) and name.endswith(".md") and "/" not in name and name != "index.md":
        return folder, name.removesuffix(".md")
    return None


def data_file_of_entity(collection: str, record_id: str) -> str:
    """'data/technologies/cnn.yml'."""
    return f"data/{collection}/{record_id}.yml"


def url_of(src_uri: str) -> str:
    """The built page's URL path for a Markdown source (directory URLs): 'technologies/cnn.md' -> 'technologies/cnn/'."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


@functools.cache
def relative_path(target: str, start: str = ".") -> str:
    """`posixpath.relpath`, remembered: pages link between the same few folders thousands of times a build,
    and each uncached call asks the operating system for the working directory twice."""
    return posixpath.relpath(target, start)


def relative_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """A URL from one built page to another, for places MkDocs does not rewrite (data attributes, scripts)."""
    relative = relative_path(url_of(to_src) or ".", url_of(from_src) or ".")
    relative = "./" if relative == "." else relative + "/"
    return f"{relative}#{anchor}" if anchor else relative


def asset_url(from_src: str, asset_path: str) -> str:
    """A URL from a built page to a file under docs/ that is not a page (a script), e.g. '../../assets/x.js'."""
    return relative_path(asset_path, url_of(from_src) or ".")


def group_page(comparison_id: str) -> str:
    """'compare/gan-vs-vae-vs-diffusion.md': the page of a curated comparison of three or more."""
    return f"{COMPARE_FOLDER}/{comparison_id}.md"


def comparison_page(technology_ids: list[str], comparison_id: str, display_order: list[str]) -> str:
    """Where a curated comparison is shown: its pair's page for two technologies, its own page for more."""
    if len(technology_ids) == 2:
        first, second = sorted(technology_ids, key=display_order.index)
        return pair_page(first, second)
    return group_page(comparison_id)


def picker_data(tech_id: str) -> str:
    """'compare/data/cnn.json': what the compare page loads about one technology."""
    return f"{COMPARE_FOLDER}/data/{tech_id}.json"
