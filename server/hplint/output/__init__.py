"""CLI reporters: text (ruff-like), json (binding shape), github (workflow commands), sarif."""

from __future__ import annotations

from dataclasses import dataclass

from hplint.engine import LintResult


@dataclass(frozen=True, slots=True)
class FileReport:
    """The result of linting one file, with the path as the user gave it."""

    path: str
    result: LintResult


FORMATS = ("text", "json", "sarif", "github")
