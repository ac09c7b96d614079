"""The real-world corpus (`shared/corpus/realworld/`): detection, structure, reviewed findings.

The judgement findings on the corpus are kept in `corpus_findings.txt`, a reviewed snapshot with
a one-line justification per file in its header. When findings change on purpose, regenerate it
with

    HPLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/formats/test_corpus.py

(the `#` header lines are kept), review the diff, and update the justifications.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from hplint.engine import LintResult, lint
from tests.conftest import CORPUS

SNAPSHOT = Path(__file__).parent / "corpus_findings.txt"
STRUCTURAL = frozenset({"HP000", "HP002", "HP003", "HP006", "HP007", "HP010"})
FOLDERS = ("wandb-sweep", "sagemaker-tuning", "katib-experiment", "azureml-sweep", "hydra-optuna")
BANDIT = "Azure__azure-sdk-for-python__test_configs__sweep_job__sweep-bandit.yaml"
GRID = (
    "Azure__azure-sdk-for-python__test_configs__sweep_job__string_sampling_algorithm__"
    "sweep_job_grid_sampling_algorithm_string.yml"
)


def _files(folder: str) -> list[Path]:
    return sorted(p for p in (CORPUS / folder).iterdir() if p.is_file())


def _lint(path: Path) -> LintResult:
    result = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert not result.internal_errors, result.internal_errors
    return result


def _line(result: LintResult, start: int) -> int:
    return result.lines.position(start).line + 1


ALL_TUNING = [p for folder in FOLDERS for p in _files(folder)] if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", ALL_TUNING, ids=lambda p: f"{p.parent.name}/{p.name[:60]}")
def test_detected_as_its_folders_format(path: Path) -> None:
    result = _lint(path)
    assert result.formats and all(f == path.parent.name for f in result.formats)
    assert result.configs, "the document was adapted"


@pytest.mark.parametrize(
    "path",
    [p for p in ALL_TUNING if p.name != BANDIT],
    ids=lambda p: f"{p.parent.name}/{p.name[:60]}",
)
def test_valid_files_have_no_structural_error(path: Path) -> None:
    result = _lint(path)
    structural = [
        (d.code, _line(result, d.span.start), d.message)
        for d in result.diagnostics
        if d.code in STRUCTURAL
    ]
    assert structural == []


@pytest.mark.parametrize(
    "path", _files("not-tuning") if CORPUS.is_dir() else [], ids=lambda p: p.name[:60]
)
def test_not_tuning_gets_nothing(path: Path) -> None:
    result = _lint(path)
    assert result.formats == [None] * len(result.formats)
    assert result.diagnostics == []


def test_bandit_slack_error() -> None:
    result = _lint(CORPUS / "azureml-sweep" / BANDIT)
    found = [
        (d.code, _line(result, d.span.start)) for d in result.diagnostics if d.code in STRUCTURAL
    ]
    assert found == [("HP003", 35)]
    assert "slack_amount" in next(d.message for d in result.diagnostics if d.code == "HP003")


def test_grid_sampling_file_gets_hp612_and_hp616() -> None:
    result = _lint(CORPUS / "azureml-sweep" / GRID)
    found = {(d.code, _line(result, d.span.start)) for d in result.diagnostics}
    assert {("HP612", 5), ("HP612", 12), ("HP616", 25)} <= found


def _render() -> list[str]:
    lines: list[str] = []
    for folder in FOLDERS:
        for path in _files(folder):
            result = _lint(path)
            for d in result.diagnostics:
                if d.code in STRUCTURAL:
                    continue
                lines.append(
                    f"{folder}/{path.name}:{_line(result, d.span.start)} {d.code} {d.message}"
                )
    return lines


def test_corpus_findings_snapshot() -> None:
    actual = _render()
    existing = SNAPSHOT.read_text(encoding="utf-8").splitlines() if SNAPSHOT.exists() else []
    header = [line for line in existing if line.startswith("#")]
    expected = [line for line in existing if line.strip() and not line.startswith("#")]
    if os.environ.get("HPLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text("\n".join([*header, *actual]) + "\n", encoding="utf-8")
        return
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(expected, actual, "corpus_findings.txt", "now", lineterm="")
        )
        pytest.fail(
            "Corpus findings changed. Review the diff, then regenerate with "
            "HPLINT_UPDATE_SNAPSHOTS=1 and update the justifications:\n" + diff
        )
