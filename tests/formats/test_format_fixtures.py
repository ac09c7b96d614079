"""Generic (HP6xx) and schema rules on every vendor format: `fixtures/<format>/bad*` files.

Same markers as `tests/rules/fixtures`: `# expect: <CODE>` on each line where a diagnostic must
start (JSON: a `<file>.expected` sidecar of `<line> <CODE>` lines). The fixture must also be
detected as its folder's format.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.rules.helpers import lint_all
from tests.rules.test_rule_fixtures import _expected

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".yaml", ".yml", ".json"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_format_fixture(path: Path) -> None:
    result = lint_all(path.read_text(encoding="utf-8"), path=str(path))
    assert not result.internal_errors, result.internal_errors
    assert result.formats == [path.parent.name]
    actual = Counter(
        (result.lines.position(d.span.start).line + 1, d.code) for d in result.diagnostics
    )
    assert actual == _expected(path)


def _diagnostics(name: str) -> list:  # type: ignore[type-arg]
    path = FIXTURES / name
    return lint_all(path.read_text(encoding="utf-8"), path=str(path)).diagnostics


def test_wandb_log_uniform_gets_hp605_with_values_fix() -> None:
    (found,) = [d for d in _diagnostics("wandb-sweep/bad_log_uniform.yaml") if d.code == "HP605"]
    assert found.fix is not None
    assert [edit.new_text for edit in found.fix.edits] == ["log_uniform_values"]


def test_enum_case_slips_are_hp003_with_did_you_mean() -> None:
    messages = [d.message for d in _diagnostics("sagemaker-tuning/bad_enum_case.json")]
    assert any("'Bayes'" in m and "did you mean 'Bayesian'" in m for m in messages)
    assert any("'OFF'" in m and "did you mean 'Off'" in m for m in messages)
    (katib,) = _diagnostics("katib-experiment/bad_enum_case.yaml")
    assert katib.code == "HP003" and "did you mean 'logUniform'" in katib.message
