"""1-based line/column pairs for CLI output (columns in Unicode code points)."""

from __future__ import annotations

from hplint.text import LineIndex, Span


def one_based(lines: LineIndex, span: Span) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column); the end column is exclusive, as in SARIF."""
    start = lines.position(span.start)
    end = lines.position(span.end)
    return start.line + 1, start.column + 1, end.line + 1, end.column + 1
