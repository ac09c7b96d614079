"""Applying fixes as minimal text edits.

Edits replace exact spans and never re-serialise the document, so comments, quoting, key order,
line endings (CRLF) and a byte-order mark survive untouched. Overlapping fixes are not combined
in one pass; the caller re-lints and applies again until nothing changes (bounded).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hplint.diagnostics import Applicability, Diagnostic, Edit, Fix

MAX_PASSES = 10


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (sorted here); raises ValueError on overlap."""
    ordered = sorted(edits, key=lambda e: (e.span.start, e.span.end))
    pieces: list[str] = []
    position = 0
    for edit in ordered:
        if edit.span.start < position:
            raise ValueError("overlapping edits")
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.new_text)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces)


def fixable(diagnostic: Diagnostic, unsafe: bool) -> Fix | None:
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return None
    if fix.applicability is Applicability.UNSAFE and not unsafe:
        return None
    return fix


@dataclass(slots=True)
class FixOutcome:
    text: str
    applied: list[Diagnostic]


def fix_text(
    text: str, relint: Callable[[str], list[Diagnostic]], *, unsafe: bool = False
) -> FixOutcome:
    """Apply every applicable fix, re-linting between passes, until nothing changes."""
    applied: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        diagnostics = relint(text)
        chosen: list[Edit] = []
        taken: list[tuple[int, int]] = []
        batch: list[Diagnostic] = []
        for diagnostic in diagnostics:
            fix = fixable(diagnostic, unsafe)
            if fix is None:
                continue
            ranges = [(e.span.start, e.span.end) for e in fix.edits]
            if any(_overlaps(r, t) for r in ranges for t in taken):
                continue  # apply in the next pass, against fresh positions
            taken.extend(ranges)
            chosen.extend(fix.edits)
            batch.append(diagnostic)
        if not chosen:
            break
        new_text = apply_edits(text, chosen)
        if new_text == text:
            break
        text = new_text
        applied.extend(batch)
    return FixOutcome(text, applied)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point or inside
        return b[0] <= a[0] <= b[1] if a[0] == a[1] else a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]
