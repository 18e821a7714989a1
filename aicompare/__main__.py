"""Command line: `python -m aicompare check` validates data/; `format` puts it in canonical form;
`new` starts a technology, industry or glossary term; `schemas` writes the JSON Schemas;
`site-diff` reports what a change does to the built pages."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import DATA_DIR, PROJECT_ROOT
from .formatting import format_command
from .knowledge import KnowledgeBase
from .loader import load_knowledge_base
from .problems import DataError
from .release import write_release
from .scaffold import add_arguments as add_new_arguments
from .scaffold import new_command
from .schemas import json_schemas
from .staleness import due_values


def check(data_dir: Path) -> int:
    """Print every problem in the data, or a one-line summary of what loaded."""
    try:
        kb = load_knowledge_base(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"data OK: {kb.summary()}")
    for warning in review_warnings(kb, dt.date.today()):
        print(warning)
    return 0


def review_warnings(kb: KnowledgeBase, today: dt.date) -> list[str]:
    """One line per value past its review date: a reminder, never an error."""
    lines = []
    for item in due_values(kb, today):
        line = kb.line_of("technologies", item.technology, ("dimensions", item.dimension))
        where = f"{kb.file_of('technologies', item.technology)}:{line}"
        lines.append(
            f"warning: {where}: dimensions.{item.dimension}: checked {item.checked.isoformat()}, due for review since "
            f"{item.due.isoformat()}; check it against its sources, then update the value and as_of"
        )
    return lines


def list_rules() -> int:
    """Print every rule the loader applies, with its one-line description."""
    from .checks.rules import LOADING_RULES, RULES

    rules = [*LOADING_RULES.items(), *((rule.name, rule.description) for rule in RULES)]
    width = max(len(name) for name, _ in rules)
    for name, description in rules:
        print(f"{name:<{width}}  {description}")
    return 0


def write_schemas(folder: Path) -> int:
    """Write one JSON Schema per kind of data file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        (folder / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(json_schemas())} schemas to {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aicompare", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate data/ and report every problem")
    check_parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: %(default)s)")
    check_parser.add_argument("--rules", action="store_true", help="list the rules the check applies, and stop")
    format_parser = commands.add_parser("format", help="put every data file in canonical form (rules: aicompare/formatting.py)")
    format_parser.add_argument("--check", action="store_true", help="change nothing; list files not in canonical form, exit 1")
    format_parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: %(default)s)")
    add_new_arguments(commands.add_parser("new", help="start a new technology, industry or glossary term, marked TODO"))
    release_parser = commands.add_parser("release", help="write the open data release of the current data into releases/")
    release_parser.add_argument("--site-url", default="https://ai-compared.github.io/ai-compared/")
    schema_parser = commands.add_parser("schemas", help="write JSON Schemas for editors")
    schema_parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "schemas")
    diff_parser = commands.add_parser(
        "site-diff",
        help="build two revisions and report the pages whose content changed",
        description="Build BASE and HEAD with `mkdocs build --strict` and print a Markdown report of the pages whose text "
        "changed. BASE defaults to the merge-base with origin/main when that exists, else HEAD when there are "
        "uncommitted changes, else HEAD~1; HEAD defaults to the working tree, uncommitted changes included.",
    )
    diff_parser.add_argument("base", nargs="?", help="git revision to compare from (default: see above)")
    diff_parser.add_argument("head", nargs="?", help="git revision to compare to (default: the working tree)")
    diff_parser.add_argument("--sites", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"), help="compare two built site folders")
    diff_parser.add_argument("--out", type=Path, help="also write the report to this file")
    diff_parser.add_argument("--max-lines", type=int, default=40, help="diff lines shown per page (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return list_rules() if args.rules else check(args.data)
    if args.command == "format":
        return format_command(args.data, args.check)
    if args.command == "new":
        return new_command(args)
    if args.command == "release":
        path = write_release(PROJECT_ROOT, load_knowledge_base(DATA_DIR), dt.date.today(), args.site_url)
        print(f"release: {path.relative_to(PROJECT_ROOT)} (commit it; a release is never overwritten)")
        return 0
    if args.command == "site-diff":
        from .sitediff import site_diff  # needs bs4, a dev requirement: imported only when used

        if args.sites and (args.base or args.head):
            parser.error("site-diff: give either BASE/HEAD revisions or --sites, not both")
        sites = tuple(args.sites) if args.sites else None
        return site_diff(PROJECT_ROOT, args.base, args.head, sites, args.out, args.max_lines)
    return write_schemas(args.out)


if __name__ == "__main__":
    sys.exit(main())
