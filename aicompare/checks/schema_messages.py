"""Turn pydantic's validation errors into messages a newcomer can act on.

Every message says what is expected, in words, with an example; no raw library wording
reaches a contributor without the project's own hint.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ..models import DATE_HINT
from ..problems import Location, did_you_mean

# An example value for fields whose name says what they hold; shown when a field is missing or of the wrong type.
FIELD_EXAMPLES: dict[str, str] = {
    "id": "vision-transformer",
    "name": "Vision Transformer",
    "term": "Attention",
    "title": '"Attention Is All You Need"',
    "summary": "One sentence saying what it is.",
    "definition": "Two or three sentences that explain the term.",
    "sources": "[vaswani2017]",
    "difference_sources": "[vaswani2017]",
    "key_papers": "[vaswani2017]",
    "authors": "[Ashish Vaswani, et al.]",
    "parents": "[dl]",
    "technologies": "[cnn, rnn]",
    "technology": "cnn",
    "as_of": "2026-11-30",
    "year": "2017",
    "kind": "architecture",
    "maturity": "pilot",
    "status": "unknown",
    "value": "One to three sentences, with sources.",
    "note": "Why the value is unknown or does not apply.",
    "url": "https://arxiv.org/abs/1706.03762",
    "doi": "10.1162/neco.1997.9.8.1735",
    "arxiv": "'1706.03762'",
    "when": "[The answers must cite the passage they came from.]",
}
PATTERN_HINTS: dict[str, str] = {
    "url": "write a full web address starting with https:// and without spaces, e.g. https://arxiv.org/abs/1706.03762",
    "doi": "write the DOI alone, starting with 10., e.g. 10.1162/neco.1997.9.8.1735 (no https://doi.org/ in front)",
    "arxiv": "write the arXiv id as YYMM.NNNNN in quotes, e.g. arxiv: '1706.03762'",
}
SLUG_HINT = "use lowercase letters, digits and single hyphens, e.g. 'vision-transformer'"
DIMENSION_ID_HINT = "use lowercase letters, digits and underscores, starting with a letter, e.g. 'training_compute'"


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so the underlying model, list or dict shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        else:
            return annotation


def model_at(model: Any, location: Location) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping at `location` inside `model`, if any."""
    current = _unwrap(model)
    for part in location:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = _unwrap(field.annotation)
        elif typing.get_origin(current) is list:
            current = _unwrap(typing.get_args(current)[0])
        elif typing.get_origin(current) is dict:
            current = _unwrap(typing.get_args(current)[1])
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _shown(value: Any) -> str:
    """The offending value as the contributor wrote it, shortened."""
    if isinstance(value, dict):
        return "a group of key: value lines"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _example(name: str) -> str:
    return FIELD_EXAMPLES.get(name, "...")


def _unknown_key(model: Any, location: Location) -> str:
    key = str(location[-1])
    owner = model_at(model, location[:-1])
    if owner is None:
        return f"unknown key '{key}'; remove it or check its spelling against the schema in schemas/"
    allowed = list(owner.model_fields)
    return f"unknown key '{key}'{did_you_mean(key, allowed)}; the keys allowed here are: {', '.join(allowed)}"


def _pattern_message(name: str, value: Any) -> str:
    if name in PATTERN_HINTS:
        return f"{PATTERN_HINTS[name]} (got {_shown(value)})"
    if name == "id" or name in {"parents", "built_on", "technologies", "technology", "sources", "key_papers", "regulations"}:
        return f"ids {SLUG_HINT} (got {_shown(value)})"
    return f"{DIMENSION_ID_HINT} (got {_shown(value)})"


def without_misspelling_echoes(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors, less each 'required field is missing' whose field an unknown key beside it misspells.

    `knd: architecture` makes pydantic report both an unknown key 'knd' and a missing 'kind'; the
    first message already says "did you mean 'kind'?", so one typo gives one problem.
    """
    unknown = [error["loc"] for error in errors if error["type"] == "extra_forbidden"]

    def echoes_typo(error: dict[str, Any]) -> bool:
        *parent, field = error["loc"]
        return any(list(loc[:-1]) == parent and did_you_mean(str(loc[-1]), [str(field)]) for loc in unknown if loc)

    return [error for error in errors if not (error["type"] == "missing" and error["loc"] and echoes_typo(error))]


def explain(error: dict[str, Any], model: Any) -> str:
    """One pydantic error detail as a message with a fix."""
    kind = error["type"]
    location: Location = tuple(part for part in error["loc"] if not _is_internal(part))
    name = next((str(part) for part in reversed(location) if isinstance(part, str)), "")
    value = error.get("input")
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return _unknown_key(model, location)
    if kind == "missing":
        return f"required field '{name}' is missing; add it, e.g. `{name}: {_example(name)}`"
    if kind == "value_error":
        return message
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}:
        return f"{DATE_HINT} (got {_shown(value)})"
    if kind in {"string_type", "str_type"}:
        if name == "arxiv" and isinstance(value, float | int):
            return f"put the arXiv id in quotes, e.g. arxiv: '{value}', so it is read as text and not as a number"
        return f"expected text, e.g. `{name}: {_example(name)}` (got {_shown(value)}); put text containing ': ' or '#' in quotes"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, e.g. `{name}: {_example(name)}` (got {_shown(value)})"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"expected a year between 1900 and 2100 (got {_shown(value)})"
    if kind == "list_type":
        return f"expected a list: write `{name}: {_example(name)}` or one '- item' per line below it (got {_shown(value)})"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a group of `key: value` lines indented under '{name or 'the file'}' (got {_shown(value)})"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        hint = did_you_mean(str(value), [choice.strip(" '") for choice in allowed.replace(" or ", ", ").split(",")])
        return f"must be one of {allowed} (got {_shown(value)}){hint}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(name, value)
    if kind in {"string_too_short", "too_short"}:
        return f"must not be empty: write at least one entry, e.g. `{name}: {_example(name)}`"
    if kind == "too_long":
        return f"{message.lower()}: keep at most the allowed number of entries"
    return f"{message.rstrip('.').lower()} (got {_shown(value)}); compare with the schema in schemas/ or a similar data file"


def _is_internal(part: Any) -> bool:
    """pydantic adds tags such as 'function-after[...]' for validators; they mean nothing to a reader."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def error_location(error: dict[str, Any]) -> Location:
    """The location of an error inside the record, without pydantic's internal tags."""
    return tuple(part for part in error["loc"] if not _is_internal(part))
