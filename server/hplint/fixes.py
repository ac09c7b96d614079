"""Applying fixes as minimal text edits.

Edits replace exact spans and never re-serialise the document, so comments, quoting, key order,
line endings (CRLF) and a byte-order mark survive untouched. Overlapping fixes are not combined
in one pass; the caller's `relint` runs again and the next pass applies them against fresh
positions, until nothing changes (bounded by `MAX_PASSES`).

Every pass is verified: when the fixed text has more parse errors (HP000) than the text before it,
the pass is reverted and its fixes are tried one at a time; a fix that breaks the file on its own
is dropped for good. So a fix can never leave a file that no longer parses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hplint.codes import PARSE_ERROR
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
    """What `fix_text` did: the fixed text, the fixes applied and dropped, and what is left."""

    text: str
    applied: list[Diagnostic]
    remaining: list[Diagnostic] = field(default_factory=list)  # diagnostics of the final text
    dropped: list[Diagnostic] = field(default_factory=list)  # fixes that would break parsing


def _parse_errors(diagnostics: Sequence[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.code == PARSE_ERROR)


def _line_ending(text: str) -> str | None:
    """`"\\r\\n"` when every line break in `text` is CRLF, so inserted breaks must be CRLF too."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf == text.count("\n") else None


def _conform(edits: Sequence[Edit], newline: str | None) -> list[Edit]:
    if newline is None:
        return list(edits)
    return [
        Edit(e.span, e.new_text.replace("\r\n", "\n").replace("\n", newline))
        if "\n" in e.new_text
        else e
        for e in edits
    ]


def _identity(text: str, diagnostic: Diagnostic, fix: Fix) -> tuple[object, ...]:
    """What a fix replaces with what: stable across passes, where positions shift."""
    return (
        diagnostic.code,
        tuple((text[e.span.start : e.span.end], e.new_text) for e in fix.edits),
    )


def fix_text(
    text: str, relint: Callable[[str], list[Diagnostic]], *, unsafe: bool = False
) -> FixOutcome:
    """Apply every applicable fix, re-linting between passes, until nothing changes."""
    applied: list[Diagnostic] = []
    dropped: list[Diagnostic] = []
    rejected: set[tuple[object, ...]] = set()
    newline = _line_ending(text)
    diagnostics = relint(text)
    for _ in range(MAX_PASSES):
        baseline = _parse_errors(diagnostics)
        batch: list[tuple[Diagnostic, list[Edit]]] = []
        taken: list[tuple[int, int]] = []
        for diagnostic in diagnostics:
            fix = fixable(diagnostic, unsafe)
            if fix is None or _identity(text, diagnostic, fix) in rejected:
                continue
            ranges = [(e.span.start, e.span.end) for e in fix.edits]
            if not _well_formed(ranges):
                continue  # a malformed fix: never guess how to combine its edits
            if any(_overlaps(r, t) for r in ranges for t in taken):
                continue  # apply in the next pass, against fresh positions
            taken.extend(ranges)
            batch.append((diagnostic, _conform(fix.edits, newline)))
        if not batch:
            break
        new_text = apply_edits(text, [e for _, edits in batch for e in edits])
        if new_text == text:
            break
        new_diagnostics = relint(new_text)
        if _parse_errors(new_diagnostics) <= baseline:
            text, diagnostics = new_text, new_diagnostics
            applied.extend(d for d, _ in batch)
            continue
        # Revert the pass; keep the first fix that is harmless on its own, drop the culprits.
        progressed = False
        for diagnostic, edits in batch:
            candidate = apply_edits(text, edits)
            candidate_diagnostics = relint(candidate)
            fix = diagnostic.fix
            assert fix is not None
            if _parse_errors(candidate_diagnostics) > baseline:
                rejected.add(_identity(text, diagnostic, fix))
                dropped.append(diagnostic)
                continue
            text, diagnostics = candidate, candidate_diagnostics
            applied.append(diagnostic)
            progressed = True
            break
        if not progressed and not any(
            (f := fixable(d, unsafe)) is not None and _identity(text, d, f) not in rejected
            for d in diagnostics
        ):
            break
    return FixOutcome(text, applied, diagnostics, dropped)


def _well_formed(ranges: Sequence[tuple[int, int]]) -> bool:
    ordered = sorted(ranges)
    return all(
        start <= end and (i == 0 or start >= ordered[i - 1][1])
        for i, (start, end) in enumerate(ordered)
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point or inside
        return b[0] <= a[0] <= b[1] if a[0] == a[1] else a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]
