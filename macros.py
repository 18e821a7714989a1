"""mkdocs-macros entry point: load the knowledge base once per build and register the renderers.

All logic lives in the `aicompare` package; this module only wires it to page templates.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = str(Path(__file__).resolve().parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from aicompare import DATA_DIR  # noqa: E402
from aicompare.site.build import load_for_build  # noqa: E402
from aicompare.site.macros import MACROS, bind  # noqa: E402


def define_env(env: Any) -> None:
    """Register the macros; bad data stops the build with every problem listed (or, while serving, shows them)."""
    kb = load_for_build(DATA_DIR)
    for name, render in MACROS.items():
        if kb is None:
            env.macro(lambda *args, **kwargs: "", name)
        else:
            env.macro(bind(name, render, kb, env), name)
