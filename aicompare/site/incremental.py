"""Fast `mkdocs serve` reloads: after a data edit, rebuild only the pages that show what changed.

While serving, each page's reads of the knowledge base are noted, field by field (`read_tracking.py`).
After an edit, a page is rebuilt when it read something that changed. Every other page keeps the
HTML it already has in the served folder, and its search entries are kept too.

Anything the record comparison cannot see (mkdocs.yml, the navigation, the glossary terms that
become tooltips, a Markdown page, git history, the date, a build with bad data) makes the next
build a full one, so a reload is never wrong, only sometimes slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..knowledge import KnowledgeBase
from .read_tracking import Dependency, Recorder, TrackedCollection, data_changes, is_affected, track

log = logging.getLogger("mkdocs.plugins.aicompare")


def fingerprint(parts: Iterable[Any]) -> str:
    """A short stable digest of everything that, when it changes, calls for a full build."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "backslashreplace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def tree_stamp(paths: Iterable[Path], skip: Callable[[Path], bool] = lambda path: False) -> list[tuple[str, int, int]]:
    """Path, modification time and size of every file under `paths` (a cheap 'did anything here change')."""
    stamp = []
    for root in paths:
        files = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file())
        for path in files:
            if not skip(path) and "__pycache__" not in path.parts:
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return stamp


def build_signature(config: Any, data_dir: Path, commit_dates: dict[str, Any], term_index: Any) -> str:
    """Everything besides the data records that pages are made from: when it changes, every page is rebuilt.

    The configuration and navigation, today's date (review marks), git history (page dates), the
    phrases and definitions that become tooltips, the code and theme, and docs/ files other than pages.
    """
    watched = [Path(path) for path in config["watch"] if not Path(path).resolve().is_relative_to(data_dir.resolve())]
    terms = (sorted(term_index.exact.items()), sorted(term_index.folded.items())) if term_index else None
    return fingerprint(
        [
            Path(config.config_file_path).read_text(encoding="utf-8"),
            dt.date.today(),
            commit_dates,
            config["nav"],
            terms,
            tree_stamp(watched),
            tree_stamp([Path(config["docs_dir"])], skip=lambda path: path.suffix == ".md"),
        ]
    )


def digest(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between builds (keyed by name and source checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Session:
    """What one `mkdocs serve` remembers between builds to decide which pages the next one rebuilds."""

    recorder: Recorder = field(default_factory=Recorder)
    built_kb: KnowledgeBase | None = None
    built_signature: str | None = None
    built_sources: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    search_entries: dict[str, list[Any]] = field(default_factory=dict)
    kb: KnowledgeBase | None = None
    signature: str = ""
    changed: set[Dependency] | None = None
    reason: str = ""
    rebuilt: set[str] | None = None
    page_order: list[str] = field(default_factory=list)
    indexed: int = 0
    templates: TemplateCache = field(default_factory=TemplateCache)
    outputs: set[str] = field(default_factory=set)

    def begin(self, kb: KnowledgeBase | None, signature: str) -> None:
        """A build starts: compare its data and global inputs with those of the last complete build."""
        self.kb, self.signature, self.indexed, self.rebuilt = kb, signature, 0, None
        if kb is None or self.built_kb is None:
            self.changed, self.reason = None, "first build" if self.built_kb is None else "bad data"
        elif signature != self.built_signature:
            self.changed, self.reason = None, "configuration, navigation, tooltips, theme or git history changed"
        else:
            self.changed = data_changes(self.built_kb, kb)
            self.reason = "" if self.changed is not None else "the guide changed"
        if kb is not None and not isinstance(kb.technologies, TrackedCollection):
            track(kb, self.recorder)

    def plan(self, sources: dict[str, str]) -> set[str] | None:
        """The pages (by source path) this build renders, or None for all of them.

        `sources` maps each page to a digest of its Markdown: a page added, removed or edited
        can change the navigation or links anywhere, so it makes the build a full one.
        """
        self.page_order = list(sources)
        if self.changed is not None and sources != self.built_sources:
            self.changed, self.reason = None, "a Markdown page was added, removed or edited"
        if self.changed is None:
            self.rebuilt = None
            log.info(f"Rebuilding every page ({self.reason})")
        else:
            reads = self.recorder.reads
            self.rebuilt = {src for src in sources if src not in reads or is_affected(reads[src], self.changed)}
            log.info(f"Rebuilding {len(self.rebuilt)} of {len(sources)} pages: the ones that show the changed data")
        self.built_sources = sources
        return self.rebuilt

    def stale_outputs(self, outputs: set[str]) -> set[str]:
        """Files the last build wrote that this one does not (an old release zip); a full build has cleaned them already."""
        stale = self.outputs - outputs if self.rebuilt is not None else set()
        self.outputs = outputs
        return stale

    def renders(self, src_uri: str) -> bool:
        return self.rebuilt is None or src_uri in self.rebuilt

    def indexed_page(self, src_uri: str, entries: list[Any]) -> None:
        """Keep the search entries the search plugin just made for a page (the new tail of `entries`)."""
        self.search_entries[src_uri] = entries[self.indexed :]
        self.indexed = len(entries)

    def all_search_entries(self) -> list[Any]:
        """The search entries of every page, in page order: fresh for rebuilt pages, kept for the others."""
        return [entry for src in self.page_order for entry in self.search_entries.get(src, [])]

    def finish(self) -> None:
        """The build completed: the next one is compared with this one."""
        self.built_kb, self.built_signature = self.kb, self.signature

    # What the hooks call at each MkDocs event while serving.

    def plan_files(self, files: Any, site_dir: str) -> None:
        """on_files: decide the pages to render; mark the others unmodified, so MkDocs' partial build skips them."""
        from mkdocs.utils import clean_directory

        sources = {file.src_uri: digest(file.content_bytes) for file in files.documentation_pages()}
        if self.plan(sources) is None:
            clean_directory(site_dir)  # a partial build does not clean; a full one starts from nothing
        for dest_uri in self.stale_outputs({file.dest_uri for file in files}):
            (Path(site_dir) / dest_uri).unlink(missing_ok=True)
        for file in files.documentation_pages():
            renders = self.renders(file.src_uri)
            file.is_modified = lambda renders=renders: renders

    def keep_titles(self, nav: Any) -> None:
        """on_nav: a page that is skipped keeps its title, so the navigation on rebuilt pages stays right."""
        if self.rebuilt is not None:
            for page in nav.pages:
                if not self.renders(page.file.src_uri) and page.file.src_uri in self.titles:
                    page.title = self.titles[page.file.src_uri]

    def page_context(self, page: Any, config: Any) -> None:
        """on_page_context, after the search plugin: reads count for the page again; keep its search entries."""
        self.recorder.start(page.file.src_uri)
        index = search_index(config)
        if index is not None:
            self.indexed_page(page.file.src_uri, index.entries)

    def page_done(self, page: Any) -> None:
        """on_post_page: the page is written; remember its title."""
        self.recorder.stop()
        self.titles[page.file.src_uri] = page.title

    def build_done(self, config: Any) -> None:
        """on_post_build, before the search plugin writes its index: every page's entries, then remember this build."""
        index = search_index(config)
        if index is not None:
            index.entries = self.all_search_entries()
        self.finish()

    def fail(self) -> None:
        """The build stopped half-way: the next one renders every page."""
        self.built_kb, self.built_signature, self.built_sources = None, None, {}


def search_index(config: Any) -> Any:
    """The search plugin's index of this build (None without the plugin)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns on every partial ('dirty') build; here the plan makes partial builds exact, so the warning misleads."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


def serve_builder(config: Any) -> Callable[[], None]:
    """What `mkdocs serve` runs on each change: its own rebuild, but leaving unaffected pages in place.

    MkDocs' partial ('dirty') build skips every page whose file reports it is not modified; the
    hooks make exactly the pages outside the plan report that, and clean the folder for a full build.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())
    config_file, site_dir, serve_url, strict = config.config_file_path, config.site_dir, config.site_url, config.strict

    def rebuild() -> None:
        logging.getLogger("mkdocs").info("Building documentation...")
        fresh = load_config(config_file=config_file, site_dir=site_dir, strict=strict)
        fresh.site_url = serve_url
        build(fresh, serve_url=serve_url, dirty=True)

    return rebuild
