"""Open data: the whole knowledge base as one versioned JSON file, a JSON Schema for it, and CSV tables.

The JSON file validates against `OpenData` (whose schema is published next to it), and both the JSON
and the CSV tables load back into the same records the site was built from.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .knowledge import KnowledgeBase
from .models import (
    Choice,
    Comparison,
    Confusion,
    Dimension,
    DimensionValue,
    Example,
    GlossaryTerm,
    Industry,
    Milestone,
    Record,
    Regulation,
    RegulationDate,
    Source,
    Technology,
    Use,
)

FORMAT_VERSION = 1
JSON_PATH = "data/ai-compared.json"
SCHEMA_PATH = "data/ai-compared.schema.json"
CSV_FOLDER = "data/csv"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "


class Licence(BaseModel):
    """Terms under which the data may be reused."""

    model_config = ConfigDict(extra="forbid")
    name: str
    url: str


class OpenData(BaseModel):
    """The AI Compared knowledge base: every technology, industry, criterion, source, rule, term and confusion."""

    model_config = ConfigDict(extra="forbid", title="AI Compared open data")
    format_version: Literal[1] = Field(description="Changes only when the structure of this file changes incompatibly.")
    data_version: str = Field(description="Hash of the content: changes whenever any value changes.")
    licence: Licence
    technologies: list[Technology]
    industries: list[Industry]
    dimensions: list[Dimension]
    sources: list[Source]
    regulations: list[Regulation]
    glossary: list[GlossaryTerm]
    confusions: list[Confusion]
    comparisons: list[Comparison] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)


def _content(kb: KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    collections: dict[str, dict[str, Record]] = {
        "technologies": kb.technologies,
        "industries": kb.industries,
        "dimensions": kb.dimensions,
        "sources": kb.sources,
        "regulations": kb.regulations,
        "glossary": kb.glossary,
        "confusions": kb.confusions,
        "comparisons": kb.comparisons,
        "milestones": kb.milestones,
    }
    return {
        name: [record.model_dump(mode="json", exclude_none=True) for record in records.values()]
        for name, records in collections.items()
    }


def data_version(content: dict[str, Any]) -> str:
    """A short, stable hash of the content."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def open_data_document(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as a JSON-ready document (made once per load of the data)."""

    def document() -> dict[str, Any]:
        content = _content(kb)
        return {"format_version": FORMAT_VERSION, "data_version": data_version(content), "licence": LICENCE, **content}

    return kb.from_all_records("open_data_document", document)


def open_data_json(kb: KnowledgeBase) -> str:
    """The open data document as indented JSON text."""
    return json.dumps(open_data_document(kb), indent=1, ensure_ascii=False) + "\n"


def open_data_schema() -> dict[str, Any]:
    """JSON Schema of the open data document, with descriptions taken from the data model."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **OpenData.model_json_schema()}


def load_open_data(text: str) -> OpenData:
    """Parse and validate an exported JSON document."""
    return OpenData.model_validate_json(text)


# --- CSV -------------------------------------------------------------------------------------------


def _is_list(model: type[BaseModel], name: str) -> bool:
    return typing.get_origin(model.model_fields[name].annotation) is list


def _nested_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    annotation = model.model_fields[name].annotation
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _cell(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if any(";" in str(item) for item in value):
            raise ValueError(f"{where}: a list item contains ';', which the CSV export uses to separate items")
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def flatten(record: BaseModel, skip: frozenset[str] = frozenset(), prefix: str = "") -> dict[str, str]:
    """One CSV row from a record: nested records become prefixed columns, lists are joined with '; '."""
    row: dict[str, str] = {}
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            row.update(flatten(value, prefix=f"{prefix}{name}_"))
        else:
            dumped = record.model_dump(mode="json", include={name})[name]
            row[f"{prefix}{name}"] = _cell(dumped, f"{type(record).__name__}.{name}")
    return row


def unflatten(model: type[BaseModel], row: dict[str, str], prefix: str = "") -> dict[str, Any]:
    """The inverse of `flatten`: field values ready for `model.model_validate`."""
    values: dict[str, Any] = {}
    for name in model.model_fields:
        nested = _nested_model(model, name)
        if nested is not None:
            values[name] = unflatten(nested, row, prefix=f"{prefix}{name}_")
            continue
        column = f"{prefix}{name}"
        if column not in row:
            continue
        cell = row[column]
        if _is_list(model, name):
            values[name] = cell.split(LIST_SEPARATOR) if cell else []
        elif cell != "":
            values[name] = cell
    return values


def csv_rows(kb: KnowledgeBase) -> dict[str, list[dict[str, str]]]:
    """Table name to rows, one table per kind of record; dimension values and uses get their own tables (made once per load)."""
    return kb.from_all_records("csv_rows", lambda: _csv_rows(kb))


def _csv_rows(kb: KnowledgeBase) -> dict[str, list[dict[str, str]]]:
    return {
        "technologies": [flatten(t, skip=frozenset({"dimensions", "examples"})) for t in kb.technologies.values()],
        "technology_examples": [
            {"technology": t.id, **flatten(example)} for t in kb.technologies.values() for example in t.examples
        ],
        "technology_values": [
            {"technology": tech.id, "dimension": dimension_id, **flatten(value)}
            for tech in kb.technologies.values()
            for dimension_id, value in tech.dimensions.items()
        ],
        "industries": [flatten(i, skip=frozenset({"uses"})) for i in kb.industries.values()],
        "uses": [{"industry": i.id, **flatten(use)} for i in kb.industries.values() for use in i.uses],
        "dimensions": [flatten(d) for d in kb.dimensions.values()],
        "sources": [flatten(s) for s in kb.sources.values()],
        "regulations": [flatten(r, skip=frozenset({"dates"})) for r in kb.regulations.values()],
        "regulation_dates": [{"regulation": r.id, **flatten(d)} for r in kb.regulations.values() for d in r.dates],
        "glossary": [flatten(g) for g in kb.glossary.values()],
        "confusions": [flatten(c) for c in kb.confusions.values()],
        "comparisons": [flatten(c, skip=frozenset({"choose"})) for c in kb.comparisons.values()],
        "comparison_choices": [{"comparison": c.id, **flatten(choice)} for c in kb.comparisons.values() for choice in c.choose],
        "milestones": [flatten(m) for m in kb.milestones.values()],
    }


def _columns(model: type[BaseModel], skip: frozenset[str] = frozenset(), prefix: str = "") -> list[str]:
    columns: list[str] = []
    for name in model.model_fields:
        if name in skip:
            continue
        nested = _nested_model(model, name)
        columns += _columns(nested, prefix=f"{prefix}{name}_") if nested else [f"{prefix}{name}"]
    return columns


CSV_COLUMNS: dict[str, list[str]] = {
    "technologies": _columns(Technology, frozenset({"dimensions", "examples"})),
    "technology_examples": ["technology", *_columns(Example)],
    "technology_values": ["technology", "dimension", *_columns(DimensionValue)],
    "industries": _columns(Industry, frozenset({"uses"})),
    "uses": ["industry", *_columns(Use)],
    "dimensions": _columns(Dimension),
    "sources": _columns(Source),
    "regulations": _columns(Regulation, frozenset({"dates"})),
    "regulation_dates": ["regulation", *_columns(RegulationDate)],
    "glossary": _columns(GlossaryTerm),
    "confusions": _columns(Confusion),
    "comparisons": _columns(Comparison, frozenset({"choose"})),
    "comparison_choices": ["comparison", *_columns(Choice)],
    "milestones": _columns(Milestone),
}


def csv_text(columns: list[str], rows: list[dict[str, str]]) -> str:
    """CSV with a header row; every row has every column."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def csv_files(kb: KnowledgeBase) -> dict[str, str]:
    """Site path to CSV text for every table."""
    return {f"{CSV_FOLDER}/{name}.csv": csv_text(CSV_COLUMNS[name], rows) for name, rows in csv_rows(kb).items()}


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV file as dictionaries."""
    return list(csv.DictReader(io.StringIO(text)))


def _children(rows: list[dict[str, str]], parent_column: str, model: type[Record]) -> dict[str, list[Any]]:
    """Rows of a child table (regulation dates, comparison choices) grouped by their parent's id."""
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row[parent_column], []).append(model.model_validate(unflatten(model, row)))
    return grouped


def records_from_csv(tables: dict[str, list[dict[str, str]]]) -> dict[str, list[Record]]:
    """Rebuild every record from the CSV tables (the inverse of `csv_rows`)."""
    values_by_tech: dict[str, dict[str, DimensionValue]] = {}
    for row in tables["technology_values"]:
        values_by_tech.setdefault(row["technology"], {})[row["dimension"]] = DimensionValue.model_validate(
            unflatten(DimensionValue, row)
        )
    uses_by_industry: dict[str, list[Use]] = {}
    for row in tables["uses"]:
        uses_by_industry.setdefault(row["industry"], []).append(Use.model_validate(unflatten(Use, row)))
    examples = _children(tables["technology_examples"], "technology", Example)
    technologies = [
        Technology.model_validate(
            {
                **unflatten(Technology, row),
                "dimensions": values_by_tech.get(row["id"], {}),
                "examples": examples.get(row["id"], []),
            }
        )
        for row in tables["technologies"]
    ]
    industries = [
        Industry.model_validate({**unflatten(Industry, row), "uses": uses_by_industry.get(row["id"], [])})
        for row in tables["industries"]
    ]
    dates = _children(tables["regulation_dates"], "regulation", RegulationDate)
    regulations = [
        Regulation.model_validate({**unflatten(Regulation, row), "dates": dates.get(row["id"], [])})
        for row in tables["regulations"]
    ]
    choices = _children(tables["comparison_choices"], "comparison", Choice)
    comparisons = [
        Comparison.model_validate({**unflatten(Comparison, row), "choose": choices.get(row["id"], [])})
        for row in tables["comparisons"]
    ]
    simple: dict[str, type[Record]] = {
        "dimensions": Dimension,
        "sources": Source,
        "glossary": GlossaryTerm,
        "confusions": Confusion,
        "milestones": Milestone,
    }
    rebuilt: dict[str, list[Record]] = {
        "technologies": list(technologies),
        "industries": list(industries),
        "regulations": list(regulations),
        "comparisons": list(comparisons),
    }
    for name, model in simple.items():
        rebuilt[name] = [model.model_validate(unflatten(model, row)) for row in tables[name]]
    return rebuilt


def open_data_files(kb: KnowledgeBase) -> dict[str, str]:
    """Every published data file: site path to text (made once per load of the data)."""
    return kb.from_all_records(
        "open_data_files",
        lambda: {
            JSON_PATH: open_data_json(kb),
            SCHEMA_PATH: json.dumps(open_data_schema(), indent=2, ensure_ascii=False) + "\n",
            **csv_files(kb),
        },
    )
