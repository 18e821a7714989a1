"""What the loader reports: one located problem per mistake, and the error that carries them all."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

Location = tuple[str | int, ...]


class Stage(IntEnum):
    """How close to the root cause a problem is; problems are listed in this order."""

    FILE = 0  # the file cannot be read or parsed
    SCHEMA = 1  # a record does not match its model
    REFERENCE = 2  # records do not agree with each other


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible, and the rule that found it."""

    file: str
    line: int | None
    field: str
    message: str
    rule: str = ""
    stage: Stage = Stage.REFERENCE

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (self.stage, self.file, self.line or 0, self.field, self.message)


class DataError(Exception):
    """Raised when the data has problems; carries all of them, root causes first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=Problem.sort_key)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in data/:\n{lines}")


def field_path(location: Location) -> str:
    """Render a location tuple as `dimensions.focus.sources[0]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean ...?)' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
