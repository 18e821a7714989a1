"""Schema of every kind of data file, as pydantic models that forbid unknown keys.

These models are the single definition of the data format: the loader validates with them and
`python -m aicompare schemas` exports them as JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

Kind = Literal["field", "architecture", "generative_family"]
Maturity = Literal["research", "pilot", "early_adoption", "established"]
SourceType = Literal["paper", "book", "chapter", "standard", "regulation", "documentation", "report", "article", "web"]
Status = Literal["known", "unknown", "not_applicable"]

KIND_LABELS: dict[str, str] = {
    "field": "Field",
    "architecture": "Architecture",
    "generative_family": "Generative model family",
}
MATURITY_LABELS: dict[str, str] = {
    "research": "Research",
    "pilot": "Pilot",
    "early_adoption": "Early adoption",
    "established": "Established",
}

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
DimensionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2100)]
SourceRefs = Annotated[list[Slug], Field(min_length=1)]


def _not_in_future(day: dt.date) -> dt.date:
    if day > dt.date.today():
        raise ValueError(f"date {day.isoformat()} is in the future; use the date you checked the value")
    return day


PastDate = Annotated[dt.date, AfterValidator(_not_in_future)]


class Record(BaseModel):
    """Base for all data records: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(Record):
    """One comparison criterion: a row of the comparison tables."""

    id: DimensionId
    label: Text
    question: Text = Field(description="The question this row answers, shown as a hint.")
    applies_to: Annotated[list[Kind], Field(min_length=1)]


class DimensionValue(Record):
    """A technology's value on one dimension, or an explicit unknown / not applicable."""

    status: Status = "known"
    value: Text | None = None
    sources: list[Slug] = Field(default_factory=list)
    as_of: PastDate | None = None
    note: Text | None = Field(default=None, description="Why the value is unknown or not applicable.")

    @model_validator(mode="after")
    def _complete_for_status(self) -> DimensionValue:
        if self.status == "known":
            missing = [name for name in ("value", "as_of") if getattr(self, name) is None]
            if not self.sources:
                missing.append("sources")
            if missing:
                raise ValueError(f"a known value needs {', '.join(missing)}; or set status: unknown with a note")
            if self.note is not None:
                raise ValueError("'note' is only for status unknown or not_applicable")
        else:
            if self.note is None:
                raise ValueError(f"status {self.status} needs a 'note' saying why")
            if self.value is not None:
                raise ValueError(f"status {self.status} cannot have a 'value'; set status: known or drop the value")
        return self


class Introduced(Record):
    """When a technology was introduced, and the source that says so."""

    year: Year
    note: Text | None = None
    sources: SourceRefs


class Technology(Record):
    """A technology: a field, an architecture or a generative model family."""

    id: Slug
    name: Text
    abbreviation: Text | None = None
    kind: Kind
    parents: list[Slug] = Field(description="Technologies this one sits inside; [] for a top-level field.")
    built_on: list[Slug] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)
    summary: Text
    introduced: Introduced
    key_papers: list[Slug] = Field(default_factory=list)
    dimensions: dict[DimensionId, DimensionValue]


class Use(Record):
    """One way an industry uses one technology."""

    id: Slug
    technology: Slug
    use_case: Text
    description: Text
    example: Text
    maturity: Maturity
    risks: Text
    regulations: list[Slug] = Field(default_factory=list)
    sources: SourceRefs
    as_of: PastDate


class Industry(Record):
    """An industry and the uses it makes of the technologies."""

    id: Slug
    name: Text
    summary: Text
    regulations: list[Slug] = Field(default_factory=list)
    uses: Annotated[list[Use], Field(min_length=1)]


class Regulation(Record):
    """A law, regulation or regulator's rule that bears on some uses."""

    id: Slug
    name: Text
    short_name: Text | None = None
    jurisdiction: Text
    summary: Text
    sources: SourceRefs


class Source(Record):
    """A bibliography entry: something a value cites."""

    id: Slug
    type: SourceType
    title: Text
    authors: Annotated[list[Text], Field(min_length=1)]
    year: Year
    venue: Text | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/[^\s]+$")] | None = None
    arxiv: Annotated[str, StringConstraints(pattern=r"^\d{4}\.\d{4,5}(v\d+)?$")] | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not (self.url or self.doi or self.arxiv):
            raise ValueError("a source needs at least one of url, doi or arxiv so readers can check it")
        return self

    @property
    def link(self) -> str:
        """Best link to the source: DOI, then arXiv, then URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return self.url or ""


class GlossaryTerm(Record):
    """A term the site uses, with its spelling variants and abbreviations."""

    id: Slug
    term: Text
    aliases: list[Text] = Field(default_factory=list)
    abbreviations: list[Text] = Field(default_factory=list)
    definition: Text
    technologies: list[Slug] = Field(default_factory=list)
    sources: SourceRefs


class Confusion(Record):
    """A common misconception, stated, corrected and sourced."""

    id: Slug
    claim: Text = Field(description="The mistaken belief, as people state it.")
    correction: Text
    technologies: Annotated[list[Slug], Field(min_length=1)]
    sources: SourceRefs
    as_of: PastDate


COLLECTION_MODELS: dict[str, type[Record]] = {
    "dimensions": Dimension,
    "confusions": Confusion,
    "sources": Source,
    "regulations": Regulation,
    "glossary": GlossaryTerm,
}
ENTITY_MODELS: dict[str, type[Record]] = {"technologies": Technology, "industries": Industry}
