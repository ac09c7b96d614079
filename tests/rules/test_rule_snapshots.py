"""Every bad fixture has a rendered snapshot, so message, span and fix changes show in review.

`tests/rules/fixtures/<CODE>/<fixture>.snap` holds, per diagnostic in source order: the CLI's text
rendering (`path:line:col: CODE message`, source line, carets), the severity, the related
locations, and for a fix its title, its applicability and a unified diff of the fixture with that
one fix applied. The (line, code) pairs are checked by `test_rule_fixtures.py`; this file checks
everything else a reader sees. After an intended change, regenerate and review the diff:

    HPLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/rules/test_rule_snapshots.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from hplint.diagnostics import Diagnostic
from hplint.engine import LintResult, lint
from hplint.reporters import FileReport, LintedText
from hplint.reporters._positions import one_based
from hplint.reporters.text import render
from tests.conftest import REPO
from tests.rules.helpers import EVERY_RULE, FIXTURES, apply_fix, fixture_baseline, fixture_files

SUFFIX = ".snap"
UPDATE = "HPLINT_UPDATE_SNAPSHOTS"
HINT = f"{UPDATE}=1 python -m pytest tests/rules/test_rule_snapshots.py"
DIFF_CONTEXT = 2
NO_NEWLINE = "\\ No newline at end of file"

BAD_FIXTURES = fixture_files("bad")


def _snapshot_path(fixture: Path) -> Path:
    return fixture.with_name(fixture.name + SUFFIX)


def _display_path(fixture: Path) -> str:
    """`HP103/bad.yaml`: relative to the fixtures dir, so snapshots match on every machine."""
    return fixture.relative_to(FIXTURES).as_posix()


def _lint(fixture: Path) -> LintResult:
    """Lint as `hplint check` would, run from the fixtures dir (the path is the one displayed)."""
    result = lint(
        fixture.read_text(encoding="utf-8"),
        path=_display_path(fixture),
        settings=EVERY_RULE,
        baseline=fixture_baseline(fixture),
    )
    assert not result.internal_errors, result.internal_errors
    return result


def _fix_diff(path: str, before: str, after: str) -> list[str]:
    """The changed hunks of `before` → `after`, git-style, marking a missing final newline."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    lines: list[str] = []
    diff = difflib.unified_diff(old, new, path, f"{path} (fixed)", n=DIFF_CONTEXT)
    for index, line in enumerate(diff):
        body = line.rstrip("\r\n")
        lines.append(body)
        is_header = index < 2 or line.startswith("@@")  # `---`/`+++`, then hunk headers
        if not is_header and body == line:
            lines.append(NO_NEWLINE)
    return lines


def _render_diagnostic(path: str, result: LintResult, diagnostic: Diagnostic) -> list[str]:
    """The CLI's text rendering of one diagnostic, then what the CLI leaves out."""
    alone = FileReport(path, LintedText(result.text, [diagnostic]))
    lines = render([alone]).rstrip("\n").splitlines()
    line, column, end_line, end_column = one_based(result.lines, diagnostic.span)
    note = f"{' ' * len(str(line))} = "  # aligned with the excerpt's `|` gutter
    if end_line != line or end_column == column:  # the carets cannot show where it ends
        lines.append(f"{note}span: {line}:{column}-{end_line}:{end_column}")
    lines.append(f"{note}severity: {diagnostic.severity.value}")
    for related in diagnostic.related:
        related_line, related_column, _, _ = one_based(result.lines, related.span)
        lines.append(f"{note}related: {related_line}:{related_column}: {related.message}")
    fix = diagnostic.fix
    if fix is not None:
        lines.append(f"{note}fix ({fix.applicability.value}): {fix.description}")
        after = apply_fix(result.text, diagnostic)
        lines.extend(_fix_diff(path, result.text, after) or [f"{note}(the fix changes nothing)"])
    return lines


def render_snapshot(fixture: Path) -> str:
    path = _display_path(fixture)
    result = _lint(fixture)
    blocks = [
        "\n".join(_render_diagnostic(path, result, d))
        for d in sorted(result.diagnostics, key=Diagnostic.sort_key)
    ]
    return "\n\n".join(blocks) + "\n"


def _updating() -> bool:
    return os.environ.get(UPDATE) == "1"


@pytest.mark.parametrize("fixture", BAD_FIXTURES, ids=_display_path)
def test_bad_fixture_matches_its_snapshot(fixture: Path) -> None:
    actual = render_snapshot(fixture)
    assert str(REPO) not in actual, "an absolute path leaked into the snapshot"
    snapshot = _snapshot_path(fixture)
    stored = snapshot.read_text(encoding="utf-8") if snapshot.is_file() else None
    if _updating():
        if stored != actual:
            snapshot.write_text(actual, encoding="utf-8", newline="\n")
        return
    if stored is None:
        pytest.fail(
            f"no snapshot {_display_path(snapshot)}; create it with\n    {HINT}", pytrace=False
        )
    if stored != actual:
        diff = difflib.unified_diff(
            stored.splitlines(),
            actual.splitlines(),
            f"{_display_path(snapshot)} (stored)",
            "now",
            lineterm="",
        )
        pytest.fail(
            f"{_display_path(snapshot)} is out of date. If the change is intended, "
            f"regenerate and review the diff:\n    {HINT}\n\n" + "\n".join(diff),
            pytrace=False,
        )


def test_every_bad_fixture_has_a_snapshot() -> None:
    missing = [_display_path(f) for f in BAD_FIXTURES if not _snapshot_path(f).is_file()]
    if missing:
        listed = "".join(f"\n    {name}" for name in missing)
        pytest.fail(f"bad fixtures without a snapshot:{listed}\ncreate them with\n    {HINT}")


def test_every_snapshot_belongs_to_a_bad_fixture() -> None:
    """A snapshot of a renamed or deleted fixture would otherwise linger, checked by nothing."""
    wanted = {_snapshot_path(f) for f in BAD_FIXTURES}
    stale = sorted(_display_path(p) for p in FIXTURES.rglob(f"*{SUFFIX}") if p not in wanted)
    if stale:
        listed = "".join(f"\n    {name}" for name in stale)
        pytest.fail(f"snapshots without a bad fixture; delete them:{listed}")
