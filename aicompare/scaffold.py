"""Start a new technology, industry or glossary term: `python -m aicompare new ...`.

The files it writes pass the data check (`make check`) and are in canonical form, but are
plainly unfinished: every text the command cannot know starts with "TODO:", and every dimension
of a new technology is `status: unknown` until someone researches a sourced value. The content
rules in the test suite reject "TODO", so nothing scaffolded can be released unfinished.

For a technology or an industry it also writes the page in docs/ (the same macros as the
existing pages, with TODO headings for the prose). The navigation is generated from data, so
nothing else needs editing. If the data check fails afterwards, every change is undone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import PROJECT_ROOT
from .formatting import FormatError, dimension_order, dump, format_text, scalar_text
from .knowledge import KnowledgeBase
from .loader import load_knowledge_base
from .models import Kind, Slug
from .paths import industry_page, technology_page
from .problems import DataError, did_you_mean

SLUG = re.compile(typing.get_args(Slug)[1].pattern)
KINDS: tuple[str, ...] = typing.get_args(Kind)
UNKNOWN_NOTE = "TODO: research a sourced value, or explain why none can be given."


class ScaffoldError(Exception):
    """The request cannot be carried out; the message says why and what to do."""


# --- checks ---------------------------------------------------------------------------------


def check_slug(value: str, what: str) -> None:
    """Refuse an id that is not a lowercase slug."""
    if not SLUG.fullmatch(value):
        raise ScaffoldError(
            f"'{value}' is not a valid {what} id: use lowercase letters and digits separated by single hyphens, "
            "e.g. 'graph-neural-network'"
        )


def check_refs(values: Iterable[str], pool: dict[str, Any], what: str, hint: str) -> None:
    """Refuse ids that are not in `pool`, suggesting the closest one."""
    for value in values:
        if value not in pool:
            raise ScaffoldError(f"unknown {what} '{value}'{did_you_mean(value, pool)}; {hint}")


def check_sources(sources: Iterable[str], kb: KnowledgeBase) -> None:
    """Every cited source must already be in data/sources.yml."""
    check_refs(
        sources,
        kb.sources,
        "source",
        "add it to data/sources.yml first (title, authors, year, and a doi, arxiv id or url), then run this again",
    )


def name_owner(label: str, kb: KnowledgeBase) -> str | None:
    """Who already uses `label` (case-insensitive) as a technology or glossary name, if anyone."""
    key = label.casefold()
    for tech in kb.technologies.values():
        if key in {n.casefold() for n in [tech.name, tech.abbreviation or "", *tech.aliases]}:
            return f"technology '{tech.id}'"
    for term in kb.glossary.values():
        if key in {n.casefold() for n in [term.term, *term.aliases, *term.abbreviations]}:
            return f"glossary term '{term.id}'"
    return None


def check_name(name: str, kb: KnowledgeBase) -> None:
    """Names, abbreviations and aliases must be unique across technologies and the glossary."""
    if not name.strip():
        raise ScaffoldError("--name is empty; give the name readers will see")
    owner = name_owner(name, kb)
    if owner:
        raise ScaffoldError(f"the name '{name}' is already used by {owner}; names must be unique, pick another")


def check_year(year: int) -> None:
    if not 1900 <= year <= dt.date.today().year:
        raise ScaffoldError(f"--year {year} is out of range: give the year the technology was introduced (1900 to now)")


# --- content --------------------------------------------------------------------------------


def technology_record(
    tech_id: str, name: str, kind: str, year: int, sources: list[str], parents: list[str], kb: KnowledgeBase
) -> dict[str, Any]:
    """A valid but unfinished technology: every applicable dimension is unknown."""
    return {
        "id": tech_id,
        "name": name,
        "kind": kind,
        "parents": parents,
        "summary": f"TODO: one or two sentences saying what {in_sentence(name)} is and what it is for.",
        "introduced": {"year": year, "sources": sources},
        "dimensions": {
            dim.id: {"status": "unknown", "note": UNKNOWN_NOTE} for dim in kb.dimensions.values() if kind in dim.applies_to
        },
    }


def industry_record(industry_id: str, name: str, technology: str, sources: list[str]) -> dict[str, Any]:
    """A valid but unfinished industry with one use to fill in."""
    return {
        "id": industry_id,
        "name": name,
        "summary": f"TODO: one or two sentences on what AI does in {in_sentence(name)}.",
        "uses": [
            {
                "id": "todo-name-this-use",
                "technology": technology,
                "use_case": "TODO: the use in a few words",
                "description": "TODO: how the technology is used, and why it suits the task. Check the maturity below.",
                "example": "TODO: a named, dated deployment or study, as reported by the cited source.",
                "maturity": "research",
                "risks": "TODO: what can go wrong, and for whom.",
                "sources": sources,
                "as_of": dt.date.today().isoformat(),
            }
        ],
    }


def term_record(term_id: str, name: str, sources: list[str], technologies: list[str]) -> dict[str, Any]:
    """A valid but unfinished glossary entry."""
    return {
        "id": term_id,
        "term": name,
        "definition": f"TODO: define {in_sentence(name)} in two or three plain sentences.",
        "technologies": technologies,
        "sources": sources,
    }


def _front_matter(description: str) -> str:
    return f"---\ndescription: {scalar_text(description)}\n---\n"


def technology_page_text(tech_id: str, name: str) -> str:
    """A page calling the same macros as docs/technologies/rnn.md, with TODO prose."""
    return f"""{_front_matter(f"TODO: one sentence for search results on what {name} is and when to use it.")}
# {name}

{{{{ technology_summary("{tech_id}") }}}}

## What it is

TODO: explain the idea in plain words, with an everyday comparison, and link related technologies.

## How it works

TODO: describe the mechanism step by step without repeating the profile table.

## When to use it, and when not

TODO: the cases it suits, the cases where another technology is the better start, with links.

## Pitfalls

TODO: a short list of mistakes practitioners make and how to avoid them.

## Profile

{{{{ technology_profile("{tech_id}") }}}}

## Where it is used

{{{{ technology_uses("{tech_id}") }}}}
"""


def in_sentence(name: str) -> str:
    """'Retail' becomes 'retail'; an acronym such as 'IT services' stays as it is."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def industry_page_text(industry_id: str, name: str) -> str:
    """A page calling the same macros as docs/industries/retail.md, with TODO prose."""
    return f"""{_front_matter(f"TODO: one sentence for search results on how {in_sentence(name)} uses AI.")}
# AI in {in_sentence(name)}

{{{{ industry_summary("{industry_id}") }}}}

## How AI changes the work

TODO: explain which tasks each technology takes on in this industry, linking the technology pages.

## What to watch for

TODO: a short list of practical cautions, each with what to do about it.

## Uses

{{{{ industry_uses("{industry_id}") }}}}

## Rules that apply

{{{{ industry_regulations("{industry_id}") }}}}
"""


# --- writing --------------------------------------------------------------------------------


@dataclass
class Changes:
    """Files written so far, with their previous text (None if new), so everything can be undone."""

    root: Path
    previous: dict[Path, str | None] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)

    def write(self, relative: str, text: str, message: str) -> None:
        path = self.root / relative
        self.previous.setdefault(path, path.read_text(encoding="utf-8") if path.exists() else None)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.report.append(message)

    def undo(self) -> None:
        for path, text in self.previous.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")


def load(root: Path) -> KnowledgeBase:
    """The project's data, which must be valid before anything is added to it."""
    try:
        return load_knowledge_base(root / "data")
    except DataError as error:
        raise ScaffoldError(f"the data has problems already; fix them first (run `make check`):\n{error}") from error


def refuse_existing(root: Path, relative_paths: Iterable[str], what: str) -> None:
    for relative in relative_paths:
        if (root / relative).exists():
            raise ScaffoldError(f"{what} already exists: {relative}; pick another id, or edit that file")


def data_text(record: Any, relative: str, kind: str, root: Path) -> str:
    """Canonical text of a new data file."""
    return format_text(dump(record), kind, relative, dimension_order(root / "data"))


def _finish(changes: Changes, root: Path) -> None:
    """Check the data with the new files; undo everything if it fails."""
    try:
        load_knowledge_base(root / "data")
    except DataError as error:
        changes.undo()
        raise ScaffoldError(f"the new entry would make the data invalid, so nothing was changed:\n{error}") from error


def _add_page(changes: Changes, page_path: str, page: str) -> None:
    changes.write(f"docs/{page_path}", page, f"created docs/{page_path} (the navigation lists it from data)")


def refuse_taken_id(root: Path, existing: Mapping[str, object], folder: str, record_id: str, what: str) -> str:
    """Fail if the id, its data file or its page already exists; return the data file's relative path."""
    relative = f"data/{folder}/{record_id}.yml"
    if record_id in existing:
        raise ScaffoldError(f"{what} '{record_id}' already exists ({relative}); pick another id, or edit that file")
    refuse_existing(root, [relative, f"docs/{folder}/{record_id}.md"], f"{what} '{record_id}'")
    return relative


def new_technology(root: Path, tech_id: str, name: str, kind: str, year: int, sources: list[str], parents: list[str]) -> Changes:
    """Create data/technologies/<id>.yml and docs/technologies/<id>.md."""
    check_slug(tech_id, "technology")
    kb = load(root)
    relative = refuse_taken_id(root, kb.technologies, "technologies", tech_id, "technology")
    check_name(name, kb)
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}'{did_you_mean(kind, KINDS)}; use one of {', '.join(KINDS)}")
    check_year(year)
    check_sources(sources, kb)
    check_refs(parents, kb.technologies, "parent technology", "parents are ids of files in data/technologies/")
    record = technology_record(tech_id, name, kind, year, sources, parents, kb)
    changes = Changes(root)
    changes.write(relative, data_text(record, relative, "technologies", root), f"created {relative}")
    _add_page(changes, technology_page(tech_id), technology_page_text(tech_id, name))
    _finish(changes, root)
    return changes


def new_industry(root: Path, industry_id: str, name: str, technology: str, sources: list[str]) -> Changes:
    """Create data/industries/<id>.yml with one use and docs/industries/<id>.md."""
    check_slug(industry_id, "industry")
    kb = load(root)
    relative = refuse_taken_id(root, kb.industries, "industries", industry_id, "industry")
    if not name.strip():
        raise ScaffoldError("--name is empty; give the name readers will see")
    taken = next((other.id for other in kb.industries.values() if other.name.casefold() == name.casefold()), None)
    if taken:
        raise ScaffoldError(f"the name '{name}' is already used by industry '{taken}'; pick another")
    check_refs([technology], kb.technologies, "technology", "give the id of a file in data/technologies/ for the first use")
    check_sources(sources, kb)
    changes = Changes(root)
    record = industry_record(industry_id, name, technology, sources)
    changes.write(relative, data_text(record, relative, "industries", root), f"created {relative}")
    _add_page(changes, industry_page(industry_id), industry_page_text(industry_id, name))
    _finish(changes, root)
    return changes


def new_term(root: Path, term_id: str, name: str, sources: list[str], technologies: list[str]) -> Changes:
    """Add an entry to data/glossary.yml, keeping the file in canonical (sorted) form."""
    check_slug(term_id, "glossary term")
    kb = load(root)
    if term_id in kb.glossary:
        raise ScaffoldError(f"glossary term '{term_id}' already exists in data/glossary.yml; pick another id, or edit it")
    check_name(name, kb)
    check_sources(sources, kb)
    check_refs(technologies, kb.technologies, "technology", "give ids of files in data/technologies/")
    relative = "data/glossary.yml"
    current = (root / relative).read_text(encoding="utf-8")
    combined = current + ("" if current.endswith("\n") else "\n") + dump([term_record(term_id, name, sources, technologies)])
    changes = Changes(root)
    text = format_text(combined, "glossary", relative, dimension_order(root / "data"))
    changes.write(relative, text, f"added the term '{name}' ({term_id}) to {relative}")
    _finish(changes, root)
    return changes


def next_steps(kind: str, item_id: str) -> list[str]:
    """What the contributor does after scaffolding."""
    if kind == "term":
        steps = ["Write the definition in data/glossary.yml in place of the TODO; add aliases or abbreviations if any."]
    else:
        folder = "technologies" if kind == "technology" else "industries"
        data = f"data/{folder}/{item_id}.yml"
        steps = [
            f"Replace every TODO in {data}"
            + (
                ": give each dimension a value with sources and as_of where a source supports one."
                if kind == "technology"
                else ", set the use's maturity, and add further uses and the regulations that apply."
            ),
            f"Write the prose under the TODO headings of docs/{folder}/{item_id}.md.",
        ]
    return [
        *steps,
        "Run `make check` to validate the data, and `make format` after editing YAML.",
        "Preview with `make serve`; run `make test` before opening the pull request (it fails while any TODO remains).",
    ]


# --- command line ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `new technology|industry|term` subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("id", help="the new id: lowercase letters, digits and hyphens (also the file name)")
    common.add_argument("--name", required=True, help="the name readers see")
    common.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project folder to change (default: %(default)s)")
    kinds = parser.add_subparsers(dest="what", required=True)
    tech = kinds.add_parser("technology", parents=[common], help="a new technology: data file and page")
    tech.add_argument("--kind", required=True, choices=KINDS)
    tech.add_argument("--year", required=True, type=int, help="year it was introduced")
    _id_option(tech, "--source", "sources", True, "source of the year, in data/sources.yml; repeat for several")
    _id_option(tech, "--parent", "parents", False, "technology it sits inside; repeat for several, omit for a top-level field")
    industry = kinds.add_parser("industry", parents=[common], help="a new industry with one use: data file and page")
    industry.add_argument("--technology", required=True, metavar="ID", help="technology of its first use")
    _id_option(industry, "--source", "sources", True, "source of the first use, in data/sources.yml; repeat for several")
    term = kinds.add_parser("term", parents=[common], help="a new glossary term in data/glossary.yml")
    _id_option(term, "--source", "sources", True, "source of the definition, in data/sources.yml; repeat for several")
    _id_option(term, "--technology", "technologies", False, "related technology; repeat for several")


def _id_option(parser: argparse.ArgumentParser, flag: str, dest: str, required: bool, help_text: str) -> None:
    """A repeatable option taking an id."""
    if required:
        parser.add_argument(flag, action="append", required=True, dest=dest, metavar="ID", help=help_text)
    else:
        parser.add_argument(flag, action="append", default=[], dest=dest, metavar="ID", help=help_text)


def new_command(args: argparse.Namespace) -> int:
    """Run `new`; print what was created and what to do next."""
    root: Path = args.root.resolve()
    try:
        if args.what == "technology":
            changes = new_technology(root, args.id, args.name, args.kind, args.year, args.sources, args.parents)
        elif args.what == "industry":
            changes = new_industry(root, args.id, args.name, args.technology, args.sources)
        else:
            changes = new_term(root, args.id, args.name, args.sources, args.technologies)
    except (ScaffoldError, FormatError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(changes.report))
    print("Next steps:")
    print("\n".join(f"  {number}. {step}" for number, step in enumerate(next_steps(args.what, args.id), start=1)))
    return 0
