"""Problems in an editor's files: values with a position, collected and reported together."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    """Where something was written: a path relative to the site folder, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or warning) in an editor's files, with what to do about it."""

    at: Position
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.at}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass
class Problems:
    """A collector: every stage adds what it finds, and the CLI reports them all at once."""

    found: list[Problem] = field(default_factory=list)

    def error(self, at: Position, message: str, hint: str = "") -> None:
        self.found.append(Problem(at, message, hint, "error"))

    def warning(self, at: Position, message: str, hint: str = "") -> None:
        self.found.append(Problem(at, message, hint, "warning"))

    def extend(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.found.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.found if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.found if p.severity == "warning"]

    def stop_if_errors(self) -> None:
        """Raise ProblemsFound when any error was collected, so nothing is built from bad input."""
        if self.errors:
            raise ProblemsFound(self.unique())

    def unique(self) -> tuple[Problem, ...]:
        """Each problem once (a translation may meet its source's mistake again), in file order."""
        return tuple(sorted(set(self.found)))


def did_you_mean(written: str, known: Iterable[str]) -> str:
    """A hint for a near miss, 'did you mean "timezone"?'; "" when nothing known is close."""
    close = difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else ""


class ProblemsFound(Exception):
    """Raised when content has errors; carries every problem found, warnings included."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def __reduce__(self) -> tuple[type[ProblemsFound], tuple[tuple[Problem, ...]]]:
        return (ProblemsFound, (self.problems,))  # whole, from a worker process to its parent
