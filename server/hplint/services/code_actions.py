"""Code-action computation: fixes, "disable for this line" comments, fix-all.

Everything here works on `str` offsets (`Span`s); the language server converts to ranges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hplint.diagnostics import Diagnostic, Edit
from hplint.suppress import DIRECTIVE, Suppressions
from hplint.text import LineIndex, Span


@dataclass(frozen=True, slots=True)
class TextAction:
    """A code action as edits: a diagnostic's fix (`preferred`) or a "disable" comment."""

    title: str
    edits: tuple[Edit, ...]
    code: str | None = None
    preferred: bool = False


def fix_title(diagnostic: Diagnostic) -> str | None:
    if diagnostic.fix is None or not diagnostic.fix.edits:
        return None
    return f"hplint ({diagnostic.code}): {diagnostic.fix.description}"


def disable_title(code: str) -> str:
    return f"Disable {code} for this line"


def disable_edit(
    text: str, lines: LineIndex, suppressions: Suppressions, line: int, code: str
) -> Edit | None:
    """Add `code` to the line's `# hplint: disable=` comment, or append a new comment.

    None when the line is already suppressed for every rule or for that code.
    """
    line = max(0, min(line, lines.line_count - 1))
    start = lines.line_start(line)
    end = lines.line_end(line, text)
    existing = suppressions.comment_lines.get(line)
    if existing is not None and text[start : existing.start].strip() != "":
        comment = text[existing.start : existing.end]
        match = DIRECTIVE.search(comment)
        if match is not None and match.group("kind") == "disable":
            codes = match.group("codes")
            if codes is None or not codes.strip():
                return None  # disables everything already
            names = [c.strip() for c in codes.split(",") if c.strip()]
            if code in names:
                return None
            codes_end = existing.start + match.start("codes") + len(codes.rstrip())
            return Edit(Span(codes_end, codes_end), f",{code}")
    body = text[start:end]
    trimmed = len(body.rstrip())
    insert_at = start + trimmed
    return Edit(Span(insert_at, end), f"  # hplint: disable={code}")


def fix_all_edit(
    text: str, relint: Callable[[str], list[Diagnostic]], *, unsafe: bool = False
) -> Edit | None:
    """One minimal edit applying every (safe) fix, re-linting between passes; None if none."""
    from hplint.fixes import fix_text

    outcome = fix_text(text, relint, unsafe=unsafe)
    if outcome.text == text:
        return None
    return minimal_edit(text, outcome.text)


def minimal_edit(old: str, new: str) -> Edit:
    """The single replacement that turns `old` into `new` (common prefix and suffix kept)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    # Never split a CRLF pair or a surrogate-free code point: str indices are code points.
    return Edit(Span(prefix, len(old) - suffix), new[prefix : len(new) - suffix])


def actions_for(
    text: str,
    lines: LineIndex,
    suppressions: Suppressions,
    diagnostics: list[Diagnostic],
) -> list[TextAction]:
    """Quick fixes and "disable" actions for the diagnostics the client asks about."""
    actions: list[TextAction] = []
    disabled: set[tuple[int, str]] = set()
    for diagnostic in diagnostics:
        title = fix_title(diagnostic)
        if title is not None and diagnostic.fix is not None:
            actions.append(TextAction(title, diagnostic.fix.edits, diagnostic.code, preferred=True))
    for diagnostic in diagnostics:
        line = lines.position(diagnostic.span.start).line
        if (line, diagnostic.code) in disabled:
            continue
        disabled.add((line, diagnostic.code))
        edit = disable_edit(text, lines, suppressions, line, diagnostic.code)
        if edit is not None:
            actions.append(TextAction(disable_title(diagnostic.code), (edit,), diagnostic.code))
    return actions
