"""What a change does to the site: build two revisions and diff the readable text of every page.

The pure parts (page text extraction, comparing two sites, formatting the report) take and return
plain values; the rest (exporting a git revision, running mkdocs, reading a built site) is kept to
a few small functions at the bottom.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

# Elements that start a new line of text; everything else is inline and joins the current line.
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "details", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
        *("main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Parts of a page that change without its content changing, or that carry no readable text.
NOISE_SELECTORS = (
    "aside.md-source-file",
    "script",
    "style",
    "noscript",
    "template",
    "a.headerlink",
    "a.row-link",
    "a.md-content__button",
    "p.data-note",
)
# Files derived from the pages themselves, or stamped with the build date: reporting them adds nothing.
IGNORED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"})
DEFAULT_MAX_LINES = 40
# GitHub rejects comments over 65,536 characters; stop adding diffs well before that.
DEFAULT_MAX_CHARS = 60_000


def _normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def _block_lines(node: Tag) -> list[str]:
    """Lines of text under `node`, one per block element.

    Headings become '## Title', list items '- item' (indented two spaces per nesting level) and
    table rows 'cell | cell'; preformatted text keeps its own lines.
    """
    lines: list[str] = []
    buffer: list[str] = []
    bullet = [""]  # the list marker waiting for the first line of the current list item
    depth = [0]

    def flush(prefix: str = "") -> None:
        text = _normalise("".join(buffer))
        buffer.clear()
        if text:
            lines.append(bullet[0] + prefix + text)
            bullet[0] = ""

    def walk(parent: Tag) -> None:
        for child in parent.children:
            if isinstance(child, Comment | Doctype | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
            elif isinstance(child, Tag):
                visit(child)

    def visit(tag: Tag) -> None:
        if tag.name not in BLOCK_TAGS:
            walk(tag)
            return
        flush()
        if tag.name == "tr":
            cells = [" ".join(_block_lines(cell)) for cell in tag.find_all(["th", "td"], recursive=False)]
            lines.append(" | ".join(cells))
        elif tag.name == "pre":
            lines.extend(line for line in (_normalise(raw) for raw in tag.get_text().splitlines()) if line)
        elif tag.name == "li":
            bullet[0] = "  " * depth[0] + "- "
            depth[0] += 1
            walk(tag)
            flush()
            depth[0] -= 1
            bullet[0] = ""
        else:
            walk(tag)
            flush("#" * int(tag.name[1]) + " " if tag.name in HEADINGS else "")

    walk(node)
    flush()
    return lines


def page_lines(html: str) -> list[str]:
    """The readable content of a built page as text lines, without parts that change on their own.

    Takes Material's main article (falling back to <article>, <main> or <body>), drops the
    last-updated aside, scripts, styles, permalink anchors and edit buttons, and gives one line per
    block element: headings as '## Title', list items as '- item', table rows as 'cell | cell'.
    """
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one("article.md-content__inner") or soup.find("article") or soup.find("main") or soup.body or soup
    for selector in NOISE_SELECTORS:
        for element in root.select(selector):
            element.decompose()
    return _block_lines(root)


def url_path(relative: str) -> str:
    """The URL path of a built file: 'technologies/rnn/index.html' -> '/technologies/rnn/'."""
    relative = relative.replace(os.sep, "/").lstrip("/")
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


@dataclass(frozen=True)
class SiteDiff:
    """How one build differs from another: page diffs by URL path, and other files by name."""

    changed: dict[str, list[str]] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    files_added: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when neither pages nor other files differ."""
        return not (self.changed or self.added or self.removed or self.files_changed or self.files_added or self.files_removed)


def page_diff(old: list[str], new: list[str], context: int = 1) -> list[str]:
    """Unified diff lines of two pages' text, without the '---'/'+++' file header."""
    lines = list(difflib.unified_diff(old, new, lineterm="", n=context))
    return lines[2:]


def diff_sites(
    old_pages: Mapping[str, list[str]],
    new_pages: Mapping[str, list[str]],
    old_files: Mapping[str, str] | None = None,
    new_files: Mapping[str, str] | None = None,
    context: int = 1,
) -> SiteDiff:
    """Compare two builds: page text by URL path, and other files by content digest."""
    old_files, new_files = old_files or {}, new_files or {}
    changed = {
        path: page_diff(old_pages[path], new_pages[path], context)
        for path in sorted(old_pages.keys() & new_pages.keys())
        if old_pages[path] != new_pages[path]
    }
    return SiteDiff(
        changed=changed,
        added=sorted(new_pages.keys() - old_pages.keys()),
        removed=sorted(old_pages.keys() - new_pages.keys()),
        files_changed=sorted(name for name in old_files.keys() & new_files.keys() if old_files[name] != new_files[name]),
        files_added=sorted(new_files.keys() - old_files.keys()),
        files_removed=sorted(old_files.keys() - new_files.keys()),
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(diff: SiteDiff) -> str:
    """'N pages changed, M added, K removed', plus other files when any differ."""
    line = f"{_plural(len(diff.changed), 'page')} changed, {len(diff.added)} added, {len(diff.removed)} removed"
    others = len(diff.files_changed) + len(diff.files_added) + len(diff.files_removed)
    return line + (f"; {_plural(others, 'other file')} differ" if others else "")


def truncate(lines: list[str], max_lines: int) -> tuple[list[str], int]:
    """The first `max_lines` lines and how many were left out."""
    kept = lines[: max(max_lines, 0)]
    return kept, len(lines) - len(kept)


def _fence(lines: list[str]) -> str:
    """A ```diff fence long enough not to be closed by backticks inside the text."""
    ticks = "`" * max(3, _longest_backtick_run(lines) + 1)
    return "\n".join([f"{ticks}diff", *lines, ticks])


def _longest_backtick_run(lines: list[str]) -> int:
    best = 0
    for line in lines:
        run = 0
        for char in line:
            run = run + 1 if char == "`" else 0
            best = max(best, run)
    return best


def _bullets(title: str, names: list[str]) -> list[str]:
    return [f"### {title}", "", *(f"- `{name}`" for name in names), ""] if names else []


def format_report(
    diff: SiteDiff,
    base_label: str = "base",
    head_label: str = "head",
    max_lines: int = DEFAULT_MAX_LINES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> str:
    """The Markdown report: a summary line, then each changed page's URL path and a diff.

    Each page's diff is cut to `max_lines` lines with a note of how many were left out. Once the
    report passes `max_chars`, further changed pages are only listed by path.
    """
    out = [f"## Site diff: {base_label} → {head_label}", "", f"**{summary_line(diff)}**", ""]
    if diff.empty:
        out += ["No page content changed.", ""]
    unshown: list[str] = []
    for path, lines in diff.changed.items():
        kept, left_out = truncate(lines, max_lines)
        section = [f"### `{path}`", "", _fence(kept)]
        if left_out:
            section.append(f"… {left_out} more lines")
        section.append("")
        if sum(len(part) + 1 for part in out + section) > max_chars:
            unshown.append(path)
        else:
            out += section
    out += _bullets("Also changed (diff left out to keep this report short)", unshown)
    out += _bullets("Added pages", diff.added)
    out += _bullets("Removed pages", diff.removed)
    out += _bullets("Other files changed", diff.files_changed)
    out += _bullets("Other files added", diff.files_added)
    out += _bullets("Other files removed", diff.files_removed)
    return "\n".join(out).rstrip() + "\n"


# --- Reading built sites ---------------------------------------------------------------------------


def _site_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            yield path.relative_to(site_dir).as_posix(), path


def read_site(site_dir: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Page text by URL path, and a digest of every other file by its path in the site."""
    pages: dict[str, list[str]] = {}
    files: dict[str, str] = {}
    for relative, path in _site_files(site_dir):
        if relative.endswith(".html"):
            pages[url_path(relative)] = page_lines(path.read_text(encoding="utf-8", errors="replace"))
        elif relative not in IGNORED_FILES:
            files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return pages, files


def compare_sites(old_site: Path, new_site: Path, context: int = 1) -> SiteDiff:
    """Read two built sites and compare them."""
    old_pages, old_files = read_site(old_site)
    new_pages, new_files = read_site(new_site)
    return diff_sites(old_pages, new_pages, old_files, new_files, context)


# --- Git revisions and builds ----------------------------------------------------------------------


class BuildError(Exception):
    """A revision could not be exported or built; the message carries the tool's output."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def revision_exists(repo: Path, rev: str) -> bool:
    """True when `rev` names a commit in `repo`."""
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0


def short_sha(repo: Path, rev: str) -> str:
    """The abbreviated commit id of `rev`, or '' when git cannot resolve it."""
    result = _git(repo, "rev-parse", "--short", f"{rev}^{{commit}}")
    return result.stdout.strip() if result.returncode == 0 else ""


def default_base(repo: Path) -> str:
    """The revision to compare the working tree with when none is given.

    - `origin/main` exists: the commit where HEAD's branch left it (`git merge-base origin/main HEAD`),
      so the report shows this branch's changes only, not later ones on main;
    - otherwise, uncommitted changes exist: `HEAD`, so the report shows those changes;
    - otherwise: `HEAD~1`, the last commit's effect.
    """
    if revision_exists(repo, "origin/main"):
        merge_base = _git(repo, "merge-base", "origin/main", "HEAD")
        return merge_base.stdout.strip() if merge_base.returncode == 0 else "origin/main"
    if _git(repo, "status", "--porcelain").stdout.strip():
        return "HEAD"
    return "HEAD~1"


def export_revision(repo: Path, rev: str, destination: Path) -> Path:
    """Write the files of commit `rev` into `destination` (`git archive rev | tar -x`)."""
    if not revision_exists(repo, rev):
        raise BuildError(f"not a git revision in {repo}: {rev}")
    destination.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", "archive", "--format=tar", rev], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert archive.stdout is not None
    untar = subprocess.run(["tar", "-x", "-C", str(destination)], stdin=archive.stdout, capture_output=True, check=False)
    archive.stdout.close()
    archive_error = archive.stderr.read().decode(errors="replace") if archive.stderr else ""
    if archive.wait() != 0 or untar.returncode != 0:
        raise BuildError(f"could not export {rev}:\n{archive_error}{untar.stderr.decode(errors='replace')}")
    return destination


def build(project: Path, site_dir: Path, label: str) -> Path:
    """Run `mkdocs build --strict` in `project` into `site_dir`; raise BuildError with its output on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"building {label} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return site_dir


def _label(repo: Path, rev: str | None) -> str:
    if rev is None:
        return "working tree"
    sha = short_sha(repo, rev)
    if not sha or sha.startswith(rev):
        return f"`{rev}`"
    return f"`{sha}`" if rev.startswith(sha) else f"`{rev}` ({sha})"


def build_revision(repo: Path, rev: str | None, workdir: Path, name: str) -> Path:
    """Build commit `rev` (exported to `workdir/name`) or, for None, the working tree itself."""
    project = repo if rev is None else export_revision(repo, rev, workdir / name / "project")
    return build(project, workdir / name / "site", "the working tree" if rev is None else rev)


def site_diff(
    repo: Path,
    base: str | None = None,
    head: str | None = None,
    sites: tuple[Path, Path] | None = None,
    out: Path | None = None,
    max_lines: int = DEFAULT_MAX_LINES,
) -> int:
    """Build (or take) two sites, print the report and write it to `out`; 1 only when something failed."""
    try:
        if sites is not None:
            old_site, new_site = sites
            missing = [str(site) for site in sites if not site.is_dir()]
            if missing:
                raise BuildError(f"not a built site folder: {', '.join(missing)}")
            report = format_report(compare_sites(old_site, new_site), f"`{old_site}`", f"`{new_site}`", max_lines)
        else:
            base = base or default_base(repo)
            print(f"site-diff: comparing {base} with {head or 'the working tree'}", file=sys.stderr)
            with tempfile.TemporaryDirectory(prefix="site-diff-") as temp:
                workdir = Path(temp)
                old_site = build_revision(repo, base, workdir, "base")
                new_site = build_revision(repo, head, workdir, "head")
                report = format_report(compare_sites(old_site, new_site), _label(repo, base), _label(repo, head), max_lines)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(report, end="")
    if out is not None:
        out.write_text(report, encoding="utf-8")
    return 0
