"""Put every data file in one canonical form: `python -m aicompare format [--check]`.

The canonical form, so that two contributors writing the same data write the same text:

- Header: line 1 is `# yaml-language-server: $schema=<path>` with the right relative path for the
  kind of file (added or corrected if needed). Other comment lines at the very top of a file are
  kept, in order, below it; blank lines among them are dropped. A comment anywhere else (a line
  of its own further down, or after a value) cannot be kept, so the formatter refuses the file
  with an error naming file and line instead of dropping it.
- Keys: in the order of the model's fields in aicompare/models.py; unknown keys (which
  `make check` reports) are kept at the end of their mapping, in their original order.
- Defaults: list fields are always written (`[]` when empty) so contributors see where to add
  entries; a scalar field at its default (`null`, `status: known`) is omitted.
- Order: lists of id references carry no order and are sorted (`sources`, `regulations`,
  `technologies`, `parents`, `built_on`; `applies_to` in kind order field, architecture,
  generative_family). The bibliography and the regulations are sorted by id, the glossary by term
  (case-insensitive). Everything else keeps its order: `authors`, `key_papers`, `aliases`,
  `abbreviations` (the first is the preferred form), `uses`, the rows of data/dimensions.yml and
  the confusions. A technology's `dimensions` follow the row order of data/dimensions.yml.
- Layout: two-space indentation, sequences indented under their key, no blank lines. A list of
  ids (the sorted fields above and `key_papers`) is written in flow style (`[a, b]`) when it fits
  on one line of 100 columns; other lists are written one item per line.
- Scalars: plain when YAML reads the plain text back as the same string (dates such as
  2026-11-22 stay plain: the loader keeps them as text for the schema to check), otherwise single
  quoted, or double quoted when needed. Text with spaces that would make its line longer than 100
  columns is written as a folded block scalar (`>-`) wrapped at 100 columns; a single long word
  such as a URL stays on its key's line.

Formatting never changes data: the formatted text is parsed again and must equal the canonical
data exactly, otherwise nothing is written and the file is reported. Loading a file before and
after formatting gives equal records, up to the order of the lists whose order carries no meaning.
"""

from __future__ import annotations

import io
import sys
import typing
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic.fields import FieldInfo

from .models import COLLECTION_MODELS, ENTITY_MODELS, ENTITY_SINGULAR, KIND_ORDER, Record
from .yamlfile import YamlProblem, _Loader, parse_yaml

WIDTH = 100
INDENT = 2
SCHEMA_PREFIX = "# yaml-language-server: $schema="

# Lists of ids whose order means nothing: sorted. Keyed by field name, valid in every model.
UNORDERED_FIELDS: dict[str, Callable[[str], Any]] = {
    "sources": str,
    "regulations": str,
    "technologies": str,
    "parents": str,
    "built_on": str,
    "applies_to": lambda kind: (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind),
}
# Fields of those names whose order does mean something, by model: a comparison lists its technologies
# in the order readers name them ("ML vs DL vs LLM vs generative AI").
ORDERED_FIELDS = frozenset({("Comparison", "technologies")})
# Lists of ids written in flow style when they fit on one line.
FLOW_FIELDS = frozenset({*UNORDERED_FIELDS, "key_papers"})
# Collection files whose entries are sorted, and by what.
COLLECTION_ORDER: dict[str, Callable[[dict[str, Any]], Any]] = {
    "sources": lambda entry: str(entry.get("id", "")),
    "regulations": lambda entry: str(entry.get("id", "")),
    "glossary": lambda entry: (str(entry.get("term", "")).casefold(), str(entry.get("id", ""))),
}


class FormatError(Exception):
    """A file the formatter cannot put in canonical form without losing something."""


@dataclass(frozen=True)
class DataFile:
    """A data file and what it holds: 'technologies', 'industries' or a collection name."""

    path: Path
    kind: str


# --- which files, which schema --------------------------------------------------------------


def data_files(data_dir: Path) -> list[DataFile]:
    """Every file the loader reads, in a stable order."""
    files = [DataFile(data_dir / f"{name}.yml", name) for name in COLLECTION_MODELS if (data_dir / f"{name}.yml").exists()]
    for folder in ENTITY_MODELS:
        files += [DataFile(path, folder) for path in sorted((data_dir / folder).glob("*.yml"))]
    return files


def schema_comment(kind: str) -> str:
    """The editor schema line for a kind of file, relative to where that file lives."""
    if kind in ENTITY_MODELS:
        return f"{SCHEMA_PREFIX}../../schemas/{ENTITY_SINGULAR[kind]}.schema.json"
    return f"{SCHEMA_PREFIX}../schemas/{kind}.schema.json"


def dimension_order(data_dir: Path) -> list[str]:
    """Dimension ids in the row order of data/dimensions.yml ([] if it cannot be read)."""
    try:
        rows = parse_yaml((data_dir / "dimensions.yml").read_text(encoding="utf-8")).data
    except (OSError, YamlProblem):
        return []
    return [row["id"] for row in rows or [] if isinstance(row, dict) and isinstance(row.get("id"), str)]


# --- comments -------------------------------------------------------------------------------


def split_header(text: str) -> tuple[list[str], int]:
    """Comment lines at the top of the file (blank lines skipped) and how many lines they span."""
    comments: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(line.rstrip())
        elif stripped:
            return comments, number
    return comments, len(lines)


def comment_lines(text: str) -> list[int]:
    """1-based lines holding a YAML comment ('#' outside every scalar)."""
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken):
            start = token.start_mark.index
            if token.style in (">", "|"):
                # the header line of a block scalar (`>-  # note`) may hold a comment
                start = text.find("\n", start)
                start = token.end_mark.index if start == -1 else start
            spans.append((start, token.end_mark.index))
    starts = [start for start, _ in spans]
    lines: set[int] = set()
    position = text.find("#")
    while position != -1:
        index = bisect_right(starts, position) - 1
        if index < 0 or position >= spans[index][1]:
            lines.add(text.count("\n", 0, position) + 1)
        position = text.find("#", position + 1)
    return sorted(lines)


# --- canonical data -------------------------------------------------------------------------


def _strip_annotated(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _record_type(annotation: Any) -> type[Record] | None:
    annotation = _strip_annotated(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, Record) else None


def _is_list(info: FieldInfo) -> bool:
    return typing.get_origin(_strip_annotated(info.annotation)) is list


def _omitted(value: Any, info: FieldInfo) -> bool:
    """A scalar field at its default value is left out."""
    if info.is_required() or _is_list(info) or info.default_factory is not None:
        return False
    return value is None if info.default is None else type(value) is type(info.default) and value == info.default


def _sorted_ids(model: type[Record], name: str, value: Any) -> Any:
    if (model.__name__, name) in ORDERED_FIELDS:
        return value
    if name in UNORDERED_FIELDS and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return sorted(value, key=UNORDERED_FIELDS[name])
    return value


def _ordered_mapping(mapping: dict[Any, Any], order: list[str]) -> dict[Any, Any]:
    rank = {key: index for index, key in enumerate(order)}
    return dict(sorted(mapping.items(), key=lambda item: rank.get(item[0], len(rank))))


def _canonical_field(model: type[Record], name: str, value: Any, annotation: Any, dimensions: list[str]) -> Any:
    annotation = _strip_annotated(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    nested = _record_type(annotation)
    if nested is not None:
        return canonical_record(value, nested, dimensions)
    if origin is list and args and (item_model := _record_type(args[0])) and isinstance(value, list):
        return [canonical_record(item, item_model, dimensions) for item in value]
    if origin is dict and len(args) == 2 and (item_model := _record_type(args[1])) and isinstance(value, dict):
        ordered = _ordered_mapping(value, dimensions) if name == "dimensions" else value
        return {key: canonical_record(item, item_model, dimensions) for key, item in ordered.items()}
    return _sorted_ids(model, name, value)


def canonical_record(data: Any, model: type[Record], dimensions: list[str]) -> Any:
    """One record with keys in field order, defaults settled and id lists sorted."""
    if not isinstance(data, dict):
        return data
    result: dict[Any, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            value = _canonical_field(model, name, data[name], info.annotation, dimensions)
            if not _omitted(value, info):
                result[name] = value
        elif _is_list(info) and not info.is_required():
            result[name] = []
    result.update((key, value) for key, value in data.items() if key not in model.model_fields)
    return result


def canonical_data(data: Any, kind: str, dimensions: list[str]) -> Any:
    """The whole content of a file of the given kind, in canonical order."""
    if kind in ENTITY_MODELS:
        return canonical_record(data, ENTITY_MODELS[kind], dimensions)
    if not isinstance(data, list):
        return data
    entries = [canonical_record(entry, COLLECTION_MODELS[kind], dimensions) for entry in data]
    if kind in COLLECTION_ORDER and all(isinstance(entry, dict) for entry in entries):
        entries.sort(key=COLLECTION_ORDER[kind])
    return entries


# --- text -----------------------------------------------------------------------------------


class _Resolver(yaml.resolver.Resolver):
    """Resolves plain scalars exactly as the project's loader does (dates stay strings)."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_RESOLVER = _Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _analysis(text: str) -> Any:
    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text)


def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether `text` can be written unquoted and still read back as the same string."""
    if not text:
        return False
    analysis = _analysis(text)
    allowed = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    return allowed and not analysis.multiline and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _dumped(value: Any, **options: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, **options)
    return text.removesuffix("\n...\n").rstrip("\n")


def scalar_text(value: Any, flow: bool = False) -> str:
    """A scalar on one line: plain if safe, otherwise quoted."""
    if isinstance(value, str):
        return value if plain_ok(value, flow) else _dumped(value, default_style="'")
    return _dumped(value)


def _foldable(value: Any) -> bool:
    if not isinstance(value, str) or " " not in value or value != value.strip() or "  " in value or "\t" in value:
        return False
    analysis = _analysis(value)
    return analysis.allow_block and not analysis.multiline


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at single spaces; joining the lines with spaces gives `text` back."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _scalar_lines(prefix: str, value: Any, content_indent: int) -> list[str]:
    inline = scalar_text(value)
    if len(prefix) + 1 + len(inline) <= WIDTH or not _foldable(value):
        return [f"{prefix} {inline}"]
    return [f"{prefix} >-"] + [" " * content_indent + line for line in wrap(value, WIDTH - content_indent)]


def _flow_list(items: list[Any]) -> str | None:
    if all(isinstance(item, str) and plain_ok(item, flow=True) for item in items):
        return "[" + ", ".join(items) + "]"
    return None


def _as_item(lines: list[str], indent: int) -> list[str]:
    """Turn lines indented for a nested block into a sequence item starting with '- '."""
    return [" " * indent + "- " + lines[0][indent + INDENT :], *lines[1:]]


def _sequence_lines(items: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            lines += _as_item(_mapping_lines(item, indent + INDENT), indent)
        elif isinstance(item, list) and item:
            lines += _as_item(_sequence_lines(item, indent + INDENT), indent)
        elif isinstance(item, dict | list):
            lines.append(" " * indent + ("- {}" if isinstance(item, dict) else "- []"))
        else:
            lines += _scalar_lines(" " * indent + "-", item, indent + INDENT)
    return lines


def _entry_lines(key: Any, value: Any, indent: int) -> list[str]:
    prefix = " " * indent + scalar_text(key) + ":"
    if isinstance(value, dict):
        return [prefix + " {}"] if not value else [prefix, *_mapping_lines(value, indent + INDENT)]
    if isinstance(value, list):
        if not value:
            return [prefix + " []"]
        flow = _flow_list(value) if key in FLOW_FIELDS else None
        if flow is not None and len(prefix) + 1 + len(flow) <= WIDTH:
            return [f"{prefix} {flow}"]
        return [prefix, *_sequence_lines(value, indent + INDENT)]
    return _scalar_lines(prefix, value, indent + INDENT)


def _mapping_lines(mapping: dict[Any, Any], indent: int) -> list[str]:
    return [line for key, value in mapping.items() for line in _entry_lines(key, value, indent)]


def dump(data: Any) -> str:
    """Canonical YAML text for already canonical data (no header)."""
    if isinstance(data, dict):
        lines = _mapping_lines(data, 0) if data else ["{}"]
    elif isinstance(data, list):
        lines = _sequence_lines(data, 0) if data else ["[]"]
    else:
        lines = [scalar_text(data)]
    return "\n".join(lines) + "\n"


# --- files ----------------------------------------------------------------------------------


def format_text(text: str, kind: str, name: str, dimensions: list[str]) -> str:
    """The canonical text of one data file; FormatError if that would lose a comment or data."""
    try:
        document = parse_yaml(text)
    except YamlProblem as problem:
        where = f"{name}:{problem.line}" if problem.line else name
        raise FormatError(f"{where}: {problem.message}; fix it (see `make check`), then format again") from problem
    if document.data is None:
        raise FormatError(f"{name}: the file holds no data; fill it in or delete it")
    header, header_end = split_header(text)
    stray = [line for line in comment_lines(text) if line > header_end]
    if stray:
        raise FormatError(
            f"{name}:{stray[0]}: comment the formatter cannot keep (only comments at the top of a file are kept); "
            "move it to the top of the file or delete it"
            + (f" (also lines {', '.join(map(str, stray[1:]))})" if len(stray) > 1 else "")
        )
    kept = [line for line in header if not line.lstrip().startswith(SCHEMA_PREFIX)]
    data = canonical_data(document.data, kind, dimensions)
    result = "\n".join([schema_comment(kind), *kept]) + "\n" + dump(data)
    if parse_yaml(result).data != data:
        raise FormatError(f"{name}: formatting would change the data, so the file was left alone; please report this bug")
    return result


def relative_name(path: Path, data_dir: Path) -> str:
    """'data/technologies/rnn.yml' for messages."""
    return path.resolve().relative_to(data_dir.resolve().parent).as_posix()


def format_data_dir(data_dir: Path, write: bool) -> tuple[list[str], list[str]]:
    """Format every data file; return (names of files not canonical, errors). Writes only if `write`."""
    dimensions = dimension_order(data_dir)
    changed: list[str] = []
    errors: list[str] = []
    for data_file in data_files(data_dir):
        name = relative_name(data_file.path, data_dir)
        text = data_file.path.read_text(encoding="utf-8")
        try:
            canonical = format_text(text, data_file.kind, name, dimensions)
        except FormatError as error:
            errors.append(str(error))
            continue
        if canonical != text:
            changed.append(name)
            if write:
                data_file.path.write_text(canonical, encoding="utf-8")
    return changed, errors


def format_command(data_dir: Path, check_only: bool) -> int:
    """`format`: rewrite data files in canonical form, or with `check_only` list those that are not."""
    changed, errors = format_data_dir(data_dir, write=not check_only)
    for error in errors:
        print(error, file=sys.stderr)
    if check_only:
        if changed:
            listing = "\n".join(f"  {name}" for name in changed)
            print(f"{len(changed)} data file(s) not in canonical form:\n{listing}", file=sys.stderr)
            print("run `make format` (python -m aicompare format) to fix them", file=sys.stderr)
        elif not errors:
            print(f"data format OK: {len(data_files(data_dir))} files in canonical form")
        return 1 if changed or errors else 0
    for name in changed:
        print(f"formatted {name}")
    if not changed and not errors:
        print(f"nothing to do: {len(data_files(data_dir))} files already in canonical form")
    return 1 if errors else 0
