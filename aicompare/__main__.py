"""Command line: `python -m aicompare check` validates data/; `schemas` writes the JSON Schemas."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import DATA_DIR, PROJECT_ROOT
from .knowledge import DataError, load_knowledge_base
from .schemas import json_schemas


def check(data_dir: Path) -> int:
    """Print every problem in the data, or a one-line summary of what loaded."""
    try:
        kb = load_knowledge_base(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"data OK: {kb.summary()}")
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
    schema_parser = commands.add_parser("schemas", help="write JSON Schemas for editors")
    schema_parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "schemas")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data)
    return write_schemas(args.out)


if __name__ == "__main__":
    sys.exit(main())
