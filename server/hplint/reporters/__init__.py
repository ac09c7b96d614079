"""The CLI's reporters, what `--format` picks: text (ruff-like), json (binding shape), github
(workflow commands), sarif."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hplint.diagnostics import Diagnostic
from hplint.text import LineIndex


class Reportable(Protocol):
    """What a reporter needs of one linted file: an `engine.LintResult` or a `LintedText`."""

    @property
    def text(self) -> str: ...

    @property
    def lines(self) -> LineIndex: ...

    @property
    def diagnostics(self) -> Sequence[Diagnostic]: ...


@dataclass(slots=True)
class LintedText:
    """A file's text and diagnostics without the parsed tree: cheap to pickle between processes."""

    text: str
    diagnostics: list[Diagnostic]
    _lines: LineIndex | None = field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def __getstate__(self) -> tuple[str, list[Diagnostic]]:
        return self.text, self.diagnostics

    def __setstate__(self, state: tuple[str, list[Diagnostic]]) -> None:
        self.text, self.diagnostics = state
        self._lines = None


@dataclass(frozen=True, slots=True)
class FileReport:
    """The result of linting one file, with the path as the user gave it."""

    path: str
    result: Reportable


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What a `check` run read, for a summary that says what happened."""

    files: int  # YAML/JSON files read
    linted: int  # of them, tuning configs
    missing: int  # paths that do not exist
    unsafe_fixes: int  # findings only `--unsafe-fixes` would fix


REPORTERS = ("text", "json", "sarif", "github")
