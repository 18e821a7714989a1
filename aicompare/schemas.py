"""JSON Schemas for each kind of data file, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .export import open_data_schema
from .models import COLLECTION_MODELS, DOCUMENT_MODELS, ENTITY_MODELS, ENTITY_SINGULAR


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name to JSON Schema: one per entity kind, one per list file, and one for the open data export."""
    schemas: dict[str, dict[str, Any]] = {}
    for folder, model in ENTITY_MODELS.items():
        schemas[f"{ENTITY_SINGULAR[folder]}.schema.json"] = _with_header(model.model_json_schema(), f"data/{folder}/<id>.yml")
    for collection, model in COLLECTION_MODELS.items():
        schema = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
        schemas[f"{collection}.schema.json"] = _with_header(schema, f"data/{collection}.yml")
    for name, model in DOCUMENT_MODELS.items():
        schemas[f"{name}.schema.json"] = _with_header(model.model_json_schema(), f"data/{name}.yml")
    schemas["open-data.schema.json"] = open_data_schema()
    return schemas


def _with_header(schema: dict[str, Any], applies_to: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "description": f"Schema for {applies_to}", **schema}
