"""Schema of every kind of data file, as pydantic models that forbid unknown keys.

These models are the single definition of the data format: the loader validates with them and
`python -m aicompare schemas` exports them as JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

Kind = Literal["field", "learning_paradigm", "algorithm", "architecture", "model_family", "generative_family", "technique"]
Maturity = Literal["research", "pilot", "early_adoption", "established"]
SourceType = Literal["paper", "book", "chapter", "standard", "regulation", "documentation", "report", "article", "web"]
Status = Literal["known", "unknown", "not_applicable"]

KIND_LABELS: dict[str, str] = {
    "field": "Field",
    "learning_paradigm": "Learning paradigm",
    "algorithm": "Classical algorithm",
    "architecture": "Architecture",
    "model_family": "Model family",
    "generative_family": "Generative model family",
    "technique": "Technique",
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


def _no_list_separator(value: str) -> str:
    if ";" in value:
        raise ValueError("a list item cannot contain ';' (the CSV export separates items with it); use a comma or rephrase")
    return value


ListText = Annotated[Text, AfterValidator(_no_list_separator)]
Year = Annotated[int, Field(ge=1600, le=2100)]
SourceRefs = Annotated[list[Slug], Field(min_length=1)]


DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2026-11-30"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """Accept only dates written YYYY-MM-DD (YAML may hand over a number or free text)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date; {DATE_HINT}") from None
    raise ValueError(f"{DATE_HINT} (got {value!r})")


def _not_in_future(day: dt.date) -> dt.date:
    if day > dt.date.today():
        raise ValueError(f"date {day.isoformat()} is in the future; use the date you checked the value")
    return day


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PastDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_not_in_future)]


class Record(BaseModel):
    """Base for all data records: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(Record):
    """One comparison criterion: a row of the comparison tables."""

    id: DimensionId
    label: Text
    question: Text = Field(description="The question this row answers, shown as a hint.")
    applies_to: Annotated[list[Kind], Field(min_length=1)]
    key: bool = Field(default=False, description="A row that tells technologies apart: pair pages lead with it.")
    review_months: Annotated[int, Field(ge=1, le=120)] | None = Field(
        default=None,
        description="How long its values stay reliable before someone should check them again; omit for facts that do not age.",
    )


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


class Example(Record):
    """A well-known model, product or library that belongs to a technology, as readers know it by name."""

    name: ListText = Field(description="The name readers know, e.g. 'ChatGPT' or 'XGBoost'.")
    description: Text = Field(description="What it is and how it belongs to the technology, in one sentence.")
    year: Year | None = Field(default=None, description="The year it was released or published.")
    sources: SourceRefs


class Technology(Record):
    """A technology: a field, an algorithm, an architecture, a model family, a technique."""

    id: Slug
    name: Text
    abbreviation: Text | None = None
    kind: Kind
    parents: list[Slug] = Field(description="Technologies this one sits inside; [] for a top-level field.")
    built_on: list[Slug] = Field(default_factory=list)
    aliases: list[ListText] = Field(default_factory=list)
    summary: Text
    tagline: Annotated[Text, StringConstraints(max_length=90)] | None = Field(
        default=None, description="The summary in a dozen words or so, for short answers that must fit one screen."
    )
    introduced: Introduced
    key_papers: list[Slug] = Field(default_factory=list)
    examples: list[Example] = Field(
        default_factory=list,
        description="Well-known models, products or libraries of this kind; search finds the technology by them.",
    )
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


class RegulationDate(Record):
    """A date that matters for a rule: adopted, in force, applies, amended (may lie ahead)."""

    date: IsoDate
    event: Text = Field(description="What happens on that date, e.g. 'Applies to general-purpose AI models'.")
    sources: SourceRefs


class Regulation(Record):
    """A law, regulation or regulator's rule that bears on some uses."""

    id: Slug
    name: Text
    short_name: Text | None = None
    jurisdiction: Text
    summary: Text
    dates: list[RegulationDate] = Field(default_factory=list)
    sources: SourceRefs


class Source(Record):
    """A bibliography entry: something a value cites."""

    id: Slug
    type: SourceType
    title: Text
    authors: Annotated[list[ListText], Field(min_length=1)]
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


class GlossaryTerm(Record):
    """A term the site uses, with its spelling variants and abbreviations."""

    id: Slug
    term: Text
    aliases: list[ListText] = Field(default_factory=list)
    abbreviations: list[ListText] = Field(default_factory=list)
    definition: Text
    technologies: list[Slug] = Field(default_factory=list)
    sources: SourceRefs


class Milestone(Record):
    """A dated event of the timeline: a model, a paper, a product or a rule that changed the field."""

    id: Slug
    year: Year
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    title: Text = Field(description="The event in a few words, e.g. 'ChatGPT released'.")
    description: Text = Field(description="What happened and why it mattered, in one or two sentences.")
    technologies: list[Slug] = Field(default_factory=list)
    sources: SourceRefs

    @model_validator(mode="after")
    def _not_in_future(self) -> Milestone:
        today = dt.date.today()
        if (self.year, self.month or 1) > (today.year, today.month):
            raise ValueError("a milestone cannot lie in the future; the timeline records what happened")
        return self


class Confusion(Record):
    """A common misconception, stated, corrected and sourced."""

    id: Slug
    claim: Text = Field(description="The mistaken belief, as people state it.")
    correction: Text
    technologies: Annotated[list[Slug], Field(min_length=1)]
    sources: SourceRefs
    as_of: PastDate


class Choice(Record):
    """When to choose one technology of a curated comparison: conditions a reader can check."""

    technology: Slug
    when: Annotated[list[ListText], Field(min_length=1)]
    sources: SourceRefs


class Misconception(Record):
    """A belief readers bring to a comparison, and what is true instead."""

    claim: Text
    correction: Text
    sources: SourceRefs


class Comparison(Record):
    """A curated comparison: what a reader asking "X vs Y" needs first."""

    id: Slug
    technologies: Annotated[list[Slug], Field(min_length=2, max_length=4)]
    title: Text = Field(description="The comparison as readers type it, e.g. 'RAG vs fine-tuning'.")
    difference: Text = Field(description="The difference in substance, in two or three sentences.")
    difference_sources: SourceRefs
    choose: Annotated[list[Choice], Field(min_length=2)]
    misconception: Misconception
    as_of: PastDate


class GuideAnswer(Record):
    """One answer a reader can give to a guide question."""

    id: Slug
    label: Text


class GuideQuestion(Record):
    """A plain question of the "Which should I use?" guide."""

    id: Slug
    text: Text
    answers: Annotated[list[GuideAnswer], Field(min_length=2)]


class GuideRule(Record):
    """When the reader's answers match every condition, these technologies fit, for this reason."""

    id: Slug
    when: Annotated[dict[Slug, Slug], Field(min_length=1, description="question id: answer id; all must hold")]
    recommend: Annotated[list[Slug], Field(min_length=1)]
    reason: Text
    sources: SourceRefs


class Guide(Record):
    """The "Which should I use?" guide: questions and the rules that turn answers into technologies."""

    questions: Annotated[list[GuideQuestion], Field(min_length=1)]
    rules: Annotated[list[GuideRule], Field(min_length=1)]


COLLECTION_MODELS: dict[str, type[Record]] = {
    "dimensions": Dimension,
    "confusions": Confusion,
    "sources": Source,
    "regulations": Regulation,
    "glossary": GlossaryTerm,
    "milestones": Milestone,
}
ENTITY_MODELS: dict[str, type[Record]] = {"technologies": Technology, "industries": Industry, "comparisons": Comparison}
DOCUMENT_MODELS: dict[str, type[Record]] = {"guide": Guide}
ENTITY_SINGULAR: dict[str, str] = {"technologies": "technology", "industries": "industry", "comparisons": "comparison"}
KIND_ORDER: tuple[str, ...] = (
    "field",
    "learning_paradigm",
    "algorithm",
    "architecture",
    "model_family",
    "generative_family",
    "technique",
)
