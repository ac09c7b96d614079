"""The bundled examples: clean ones stay silent, mistake ones report; every ★ rule exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hplint.engine import lint
from hplint.rules import all_rules, get_rule
from tests.conftest import EXAMPLES, SHARED


@pytest.mark.parametrize("path", sorted((EXAMPLES / "clean").glob("*.*")), ids=lambda p: p.name)
def test_clean_examples_are_silent(path: Path) -> None:
    result = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert result.is_tuning_config
    assert [(d.code, d.message) for d in result.diagnostics] == []


@pytest.mark.parametrize("path", sorted((EXAMPLES / "mistakes").glob("*.*")), ids=lambda p: p.name)
def test_mistake_examples_report(path: Path) -> None:
    result = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert result.is_tuning_config
    assert result.diagnostics


def test_every_first_release_rule_is_implemented_under_its_binding_name() -> None:
    table = (SHARED / "spec" / "rules-codes.md").read_text(encoding="utf-8")
    starred = dict(re.findall(r"(HP\d{3}) ★ \|? ?([a-z0-9-]+)", table))
    starred.update(re.findall(r"(HP\d{3}) ★ ([a-z0-9-]+)", table))
    assert len(starred) >= 25
    for code, name in starred.items():
        rule = get_rule(code)
        assert rule is not None, f"{code} ({name}) is a first-release rule"
        assert rule.name == name


def test_every_registered_name_matches_the_binding_table() -> None:
    table = (SHARED / "spec" / "rules-codes.md").read_text(encoding="utf-8")
    binding = dict(re.findall(r"(HP\d{3}) (?:★ )?\|? ?([a-z0-9]+(?:-[a-z0-9]+)+)", table))
    for rule in all_rules():
        assert binding.get(rule.code) == rule.name, rule.code
