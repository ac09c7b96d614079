"""`--format github`: GitHub Actions workflow commands that annotate the pull request."""

from __future__ import annotations

from collections.abc import Iterable

from hplint.diagnostics import Severity
from hplint.reporters import FileReport
from hplint.reporters._positions import one_based
from hplint.reporters.text import visible

_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)  # no terminal control sequences in the job log


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Iterable[FileReport]) -> str:
    lines: list[str] = []
    for report in reports:
        for diagnostic in report.result.diagnostics:
            line, column, end_line, end_column = one_based(report.result.lines, diagnostic.span)
            properties = ",".join(
                (
                    f"file={_escape_property(report.path)}",
                    f"line={line}",
                    f"col={column}",
                    f"endLine={end_line}",
                    f"endColumn={end_column}",
                    f"title={_escape_property(diagnostic.code)}",
                )
            )
            message = f"{diagnostic.name}: {diagnostic.message}"
            lines.append(f"::{_LEVELS[diagnostic.severity]} {properties}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
