"""Every rule's bad and good fixture files are its tests (the pylint/sqlfluff model).

Layout: `tests/rules/fixtures/<CODE>/bad*.yaml|json` and `good*.yaml|json`.
- In a bad YAML fixture, each line where the rule must fire ends with `# expect: <CODE>` (several
  codes may be listed, comma-separated). The rule's diagnostics must be exactly on those lines,
  and no diagnostic of another code may appear unless it is marked too.
- JSON has no comments: `bad.json` comes with `bad.json.expected`, lines of `<line> <CODE>`.
- A good fixture must produce no diagnostic at all.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from hplint.engine import lint
from hplint.rules import all_rules
from tests.rules.helpers import EVERY_RULE, FIXTURES, fixture_baseline, fixture_files

EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def _expected(path: Path) -> Counter[tuple[int, str]]:
    expected: Counter[tuple[int, str]] = Counter()
    if path.suffix == ".json":
        sidecar = path.with_name(path.name + ".expected")
        for raw in sidecar.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                line, code = raw.split()
                expected[(int(line), code)] += 1
        return expected
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for code in match.group(1).replace(" ", "").split(","):
                if code:
                    expected[(number, code)] += 1
    return expected


def _actual(path: Path) -> Counter[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    result = lint(text, path=str(path), settings=EVERY_RULE, baseline=fixture_baseline(path))
    assert not result.internal_errors, result.internal_errors
    return Counter(
        (result.lines.position(d.span.start).line + 1, d.code) for d in result.diagnostics
    )


@pytest.mark.parametrize("path", fixture_files("bad"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_fixture_reports_exactly_the_marked_lines(path: Path) -> None:
    expected = _expected(path)
    assert expected, f"{path} marks no expected diagnostic"
    assert any(code == path.parent.name for _, code in expected), "must exercise its own rule"
    assert _actual(path) == expected


@pytest.mark.parametrize("path", fixture_files("good"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_good_fixture_is_silent(path: Path) -> None:
    assert _actual(path) == Counter()


def test_every_rule_with_a_check_has_bad_and_good_fixtures() -> None:
    missing = []
    for rule in all_rules():
        if rule.check is None:
            continue
        folder = FIXTURES / rule.code
        names = [p.name for p in folder.glob("*")] if folder.is_dir() else []
        kinds = {kind for kind in ("bad", "good") if any(n.startswith(kind) for n in names)}
        if not {"bad", "good"} <= kinds:
            missing.append(rule.code)
    assert not missing, f"rules without bad+good fixtures: {missing}"
