"""Read a YAML file into plain Python data plus the line number of every value.

PyYAML silently keeps the last of two equal keys; here a repeated key is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import build_cache

Location = tuple[str | int, ...]


class YamlProblem(Exception):
    """A file that is not valid YAML, or repeats a key."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDocument:
    """Parsed data and, for each location inside it, the 1-based line it starts on."""

    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int | None:
        """Line of the deepest known location on the way to `location`."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None


# libyaml's parser when PyYAML was built with it (several times faster); the pure-Python one otherwise.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type, misc]
    """SafeLoader that keeps dates as ISO strings checked later by the schema."""


# Keep YAML timestamps as strings so pydantic reports bad dates in one consistent way.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, location: Location, loader: _Loader, lines: dict[Location, int]) -> Any:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise YamlProblem(f"key '{key}' appears twice in the same mapping; keep one", key_node.start_mark.line + 1)
            result[key] = _walk(value_node, (*location, key), loader, lines)
            lines[(*location, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*location, index), loader, lines) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


INDENTATION_HINT = (
    "this line is indented differently from the lines around it; keys of one group start in the same column, "
    "and text continued on the next line is indented further than its key"
)
COLON_HINT = (
    "a colon followed by a space inside unquoted text looks like a new key; put the whole text in double quotes, "
    'e.g. title: "Attention: all you need", or write >- after the key and the text on the next line, indented'
)


def _has_colon_in_text(line: str) -> bool:
    """True when a `key: value` line has another ': ' inside the value."""
    _, separator, value = line.strip().lstrip("- ").partition(": ")
    return bool(separator) and (": " in value or value.rstrip().endswith(":"))


def syntax_hint(problem: str, line: str) -> str:
    """The usual cause and fix of a YAML syntax error, given the parser's words and the offending line."""
    if "tab" in problem:
        return "a tab character is used for indentation; YAML needs spaces: replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        return COLON_HINT if _has_colon_in_text(line) else INDENTATION_HINT
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a [list] or {group} is not closed, or an item in it contains ': '; close the bracket or quote the item"
    if "quoted scalar" in problem or "end of stream" in problem:
        return "a quote is opened and never closed; close it, or use >- and put the text on the next line"
    if line.strip().count("'") % 2 or line.strip().count('"') % 2:
        return "an apostrophe or quote ends the quoted text early; use double quotes around text that has an apostrophe"
    if "expected key" in problem or "expected ':'" in problem or "block end" in problem:
        return INDENTATION_HINT
    if "cannot start any token" in problem:
        return "text cannot start with @, ` or %; put it in quotes"
    return "check this line and the one above it for a missing quote, bracket or space after a colon"


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document, recording lines; raise YamlProblem on bad syntax or repeated keys."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        # An unclosed bracket or quote is noticed lines later; where it was opened is the line to fix.
        opened_earlier = str(error.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
        mark = (error.context_mark if opened_earlier else None) or error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        source_lines = text.splitlines()
        offending = source_lines[line - 1] if line and line <= len(source_lines) else ""
        problem = str(error.problem or error)
        raise YamlProblem(f"not valid YAML: {syntax_hint(problem, offending)}", line) from error
    finally:
        loader.dispose()
    if root is None:
        return YamlDocument(data=None)
    lines: dict[Location, int] = {}
    return YamlDocument(data=_walk(root, (), loader, lines), lines=lines)


_PARSED: dict[Path, tuple[str, YamlDocument, str]] = {}  # path -> (text, parsed, digest) of its last read
_BY_DIGEST: dict[str, YamlDocument] = {}  # sha256 of a text -> its parsed document, kept between builds
_READ: set[str] = set()  # digests read since the last `keep_parsed`
_STORED: set[str] = set()  # digests the store in .cache holds
PARSED_STORE = "parsed-yaml"  # in .cache/aicompare/ (see build_cache)
PARSED_STORE_VERSION = build_cache.source_digest(__file__)  # parsing code changed: parse everything again


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file; a text parsed before (in this process, or by an earlier build) is not parsed again.

    `mkdocs serve` reloads the data after every edit, usually of one file; this keeps that fast.
    The parsed document is never modified by its readers, so sharing it is safe.
    """
    text = path.read_text(encoding="utf-8")
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == text:
        _READ.add(cached[2])
        return cached[1]
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = _BY_DIGEST.get(digest)
    if document is None:
        document = _BY_DIGEST[digest] = parse_yaml(text)
    _PARSED[path] = (text, document, digest)
    _READ.add(digest)
    return document


def keep_parsed(project: Path) -> Callable[[], None]:
    """Load what the last build parsed; the returned function keeps what was read since, if that changed, for the next."""
    if not _BY_DIGEST:
        _BY_DIGEST.update(build_cache.load(project, PARSED_STORE, PARSED_STORE_VERSION))
        _STORED.update(_BY_DIGEST)
    _READ.clear()

    def save() -> None:
        for stale in _BY_DIGEST.keys() - _READ:  # while serving, older versions of edited files
            del _BY_DIGEST[stale]
        if _READ != _STORED:
            build_cache.save(project, PARSED_STORE, PARSED_STORE_VERSION, {d: _BY_DIGEST[d] for d in _READ})
            _STORED.clear()
            _STORED.update(_READ)

    return save
