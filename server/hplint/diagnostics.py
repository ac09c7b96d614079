"""What the engine reports: diagnostics with spans, related locations and fixes.

Diagnostics carry `str`-offset spans; the CLI turns them into 1-based lines and columns and the
language server into client positions, each at its own edge.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from hplint.text import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return {"error": 3, "warning": 2, "info": 1, "hint": 0}[self.value]


class Applicability(enum.Enum):
    """Whether `--fix` may apply a fix without asking (ruff's model)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in `span` with `new_text` (an insertion when the span is empty)."""

    span: Span
    new_text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that fix a diagnostic, applied together; `description` says what they do."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a diagnostic points at, and what it is there (related information)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding as reported: rule code and name, severity, message, span, maybe a fix."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    tags: frozenset[str] = field(default_factory=frozenset)  # "deprecated", "unnecessary"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.code)
