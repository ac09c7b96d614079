"""The bundled examples: clean ones stay silent, mistake ones report."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplint.engine import lint
from tests.conftest import EXAMPLES


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
