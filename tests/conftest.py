"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from hplint.diagnostics import Diagnostic
from hplint.engine import LintResult, lint
from hplint.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "realworld"
EXAMPLES = REPO / "examples"


def pytest_configure(config: pytest.Config) -> None:
    # Language servers started by the tests keep their generated code here, not in the
    # user's cache directory (`hplint.lsp.startup`).
    if "HPLINT_CACHE_DIR" not in os.environ:
        os.environ["HPLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="hplint-test-cache-")
        config.stash[_OWN_CACHE] = os.environ["HPLINT_CACHE_DIR"]


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = config.stash.get(_OWN_CACHE, None)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
        os.environ.pop("HPLINT_CACHE_DIR", None)


_OWN_CACHE = pytest.StashKey[str]()


def lint_snippet(
    text: str, *, path: str = "config.yaml", settings: Settings | None = None
) -> LintResult:
    """Lint dedented text (like yamllint's RuleTestCase)."""
    return lint(textwrap.dedent(text).lstrip("\n"), path=path, settings=settings)


def codes_and_lines(result: LintResult) -> list[tuple[str, int]]:
    """(code, 1-based line) for every diagnostic."""
    return [(d.code, result.lines.position(d.span.start).line + 1) for d in result.diagnostics]


def line_of(result: LintResult, diagnostic: Diagnostic) -> int:
    return result.lines.position(diagnostic.span.start).line + 1


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(
            f"the shared corpus is missing at {CORPUS}: these tests read real configs from a "
            "folder beside the checkout (see CONTRIBUTING.md)"
        )
    return CORPUS
