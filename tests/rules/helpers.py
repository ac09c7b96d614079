"""Helpers shared by the rule tests: lint a snippet, read back (line, code) pairs, apply a fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hplint.diagnostics import Diagnostic
from hplint.engine import Baseline, LintResult, lint
from hplint.fixes import apply_edits
from hplint.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_files(kind: str) -> list[Path]:
    """The `bad*` or `good*` fixtures of every rule, `fixtures/<CODE>/<kind>*.yaml|yml|json`."""
    return sorted(
        p
        for p in FIXTURES.glob(f"*/{kind}*")
        if p.suffix in (".yaml", ".yml", ".json") and p.is_file()
    )


def fixture_baseline(fixture: Path) -> Baseline | None:
    """A fixture's last committed text, `<fixture>.head` beside it (HP104), as `HEAD`."""
    head = fixture.with_name(fixture.name + ".head")
    return Baseline(head.read_text(encoding="utf-8"), "HEAD") if head.is_file() else None


# Rule tests judge every rule, the opt-in heuristics too; the default selection is tested in
# tests/unit/test_selection.py.
EVERY_RULE = Settings(select=("ALL",))


def lint_all(text: str, *, path: str = "config.yaml", **kwargs: Any) -> LintResult:
    """`hplint.engine.lint` with every rule selected unless `settings` is given."""
    settings = kwargs.pop("settings", None) or EVERY_RULE
    return lint(text, path=path, settings=settings, **kwargs)


def lint_ok(text: str, settings: Settings | None = None) -> LintResult:
    """Lint `text` as `config.yaml` with every rule selected (unless `settings` says otherwise);
    no rule may have crashed."""
    result = lint(text, path="config.yaml", settings=settings or EVERY_RULE)
    assert not result.internal_errors, result.internal_errors
    return result


def lines_and_codes(result: LintResult, keep: Callable[[str], bool]) -> list[tuple[int, str]]:
    """Sorted (1-based line, code) of the diagnostics whose code `keep` accepts."""
    return sorted(
        (result.lines.position(d.span.start).line + 1, d.code)
        for d in result.diagnostics
        if keep(d.code)
    )


def single(result: LintResult, code: str) -> Diagnostic:
    """The one diagnostic of `code` (fails when there are none or several)."""
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [d.code for d in result.diagnostics]
    return found[0]


def apply_fix(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    return apply_edits(text, diagnostic.fix.edits)


def codes_starting(text: str, prefix: str) -> list[tuple[int, str]]:
    """Sorted (1-based line, code) of the diagnostics of `text` whose code starts with `prefix`."""
    return lines_and_codes(lint_ok(text), lambda code: code.startswith(prefix))


def fixed_text(text: str, code: str) -> str:
    """`text` after the fix of its one diagnostic of `code`."""
    return apply_fix(text, single(lint_ok(text), code))
