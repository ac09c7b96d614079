"""`--format text`: ruff-style `path:line:col: CODE message` with the source line and carets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from hplint.diagnostics import Applicability, Diagnostic, Severity
from hplint.reporters import FileReport, RunCounts
from hplint.reporters._positions import one_based

_COLOURS = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
    Severity.HINT: "\033[2m",
}
_BOLD = "\033[1m"
_RESET = "\033[0m"


# C0 controls but tab, DEL and C1 controls: a key like "\x1b[31m…" must not drive the terminal.
_CONTROLS = {
    code: f"\\x{code:02x}" for code in (*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))
}


def visible(text: str) -> str:
    """`text` with terminal control characters written as `\\xNN` escapes."""
    return text.translate(_CONTROLS)


def render(reports: Iterable[FileReport], *, colour: bool = False, show_source: bool = True) -> str:
    out: list[str] = []

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for report in reports:
        text = report.result.text
        lines = report.result.lines
        for diagnostic in report.result.diagnostics:
            line, column, end_line, end_column = one_based(lines, diagnostic.span)
            fixable = (
                diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE
            )
            marker = " [*]" if fixable else ""
            # The severity in words: CI logs have no colours.
            head = (
                f"{paint(visible(report.path), _BOLD)}:{line}:{column}: "
                f"{paint(diagnostic.code, _COLOURS[diagnostic.severity])}{marker} "
                f"{paint(diagnostic.severity.value, _COLOURS[diagnostic.severity])}: "
                f"{visible(diagnostic.message)}"
            )
            out.append(head)
            if not show_source or not text:
                continue
            start = lines.line_start(line - 1)
            raw = text[start : lines.line_end(line - 1, text)].replace("\t", " ")
            width = (end_column - column) if end_line == line else len(raw) - (column - 1)
            source, column, width = _excerpt(raw, column, max(1, width))
            source = visible(source)
            gutter = str(line)
            carets = "^" * max(1, width)
            out.append(f"{' ' * len(gutter)} |")
            out.append(f"{gutter} | {source}")
            underline = paint(carets, _COLOURS[diagnostic.severity])
            out.append(f"{' ' * len(gutter)} | {' ' * (column - 1)}{underline}")
            out.append("")
    return "\n".join(out) + ("\n" if out else "")


EXCERPT_WIDTH = 120
"""Most characters of a source line shown under a diagnostic: a 3 MB one-line JSON file must
not print itself under each of its problems."""


def _excerpt(line: str, column: int, width: int) -> tuple[str, int, int]:
    """(the part of `line` shown, the 1-based column and the caret width within it)."""
    if len(line) <= EXCERPT_WIDTH:
        return line, column, width
    # A third of the window before the problem, but never less than a full window shown.
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 3, len(line) - EXCERPT_WIDTH))
    end = min(len(line), start + EXCERPT_WIDTH)
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    new_column = column - start + (1 if start else 0)
    return shown, new_column, max(1, min(width, end - (column - 1)))


def summary(
    reports: Iterable[FileReport],
    *,
    fixed: Sequence[Diagnostic] = (),
    fixed_files: int = 0,
    run: RunCounts | None = None,
) -> str:
    """Counts per code and per severity, what `--fix` fixed, and how many remain fixable. With
    `run`, a run that checked nothing, or missed a path, says so instead of "All checks passed!"."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    by_severity: Counter[Severity] = Counter()
    fixable = 0
    for report in reports:
        for diagnostic in report.result.diagnostics:
            counts[diagnostic.code] += 1
            names[diagnostic.code] = diagnostic.name
            by_severity[diagnostic.severity] += 1
            if diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE:
                fixable += 1
    total = sum(counts.values())
    parts: list[str] = []
    if fixed:
        in_files = f" in {fixed_files} file{'s' if fixed_files != 1 else ''}" if fixed_files else ""
        parts.append(f"Fixed {len(fixed)} problem{'s' if len(fixed) != 1 else ''}{in_files}:")
        fixed_counts = Counter(d.code for d in fixed)
        fixed_names = {d.code: d.name for d in fixed}
        width = max(len(str(n)) for n in fixed_counts.values())
        parts.extend(
            f"  {count:>{width}}  {code}  {fixed_names[code]}"
            for code, count in sorted(fixed_counts.items())
        )
    if not total:
        parts.append(_nothing_found(run))
        return "\n".join(parts) + "\n"
    width = max(len(str(n)) for n in counts.values())
    for code, count in sorted(counts.items()):
        parts.append(f"{count:>{width}}  {code}  {names[code]}")
    severities = ", ".join(
        f"{by_severity[s]} {s.value}{'s' if by_severity[s] != 1 and s is not Severity.INFO else ''}"
        for s in Severity
        if by_severity[s]
    )
    remaining = " remaining" if fixed else ""
    parts.append(f"Found {total} problem{'s' if total != 1 else ''}{remaining} ({severities}).")
    hidden = run.unsafe_fixes if run is not None else 0
    if fixable or hidden:
        line = f"[*] {fixable} fixable with `hplint check --fix`" if fixable else ""
        if hidden:
            extra = (
                f"{hidden} more with `--unsafe-fixes`"
                if fixable
                else (f"{hidden} fixable with `hplint check --fix --unsafe-fixes`")
            )
            line = f"{line} ({extra})" if line else extra
        parts.append(line + ".")
    if run is not None and run.missing:
        parts.append(_missing(run.missing))
    return "\n".join(parts) + "\n"


def _missing(count: int) -> str:
    return f"{count} path{'s' if count != 1 else ''} could not be read (see above)."


def _nothing_found(run: RunCounts | None) -> str:
    """The last line when no problem was found: honest about what was checked."""
    if run is None:
        return "All checks passed!"
    if run.files == 0:
        line = "No YAML or JSON files found."
    elif run.linted == 0:
        files = f"{run.files} file{'s' if run.files != 1 else ''}"
        line = f"No tuning configs found in {files} (`--show-files` lists what was read)."
    else:
        line = "All checks passed!"
        if run.missing == 0:
            return line
        configs = f"{run.linted} tuning config{'s' if run.linted != 1 else ''}"
        line = f"No problems in {configs}."
    return f"{line} {_missing(run.missing)}" if run.missing else line
