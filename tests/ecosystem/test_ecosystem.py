"""The ecosystem check (`scripts/ecosystem.py`): real configs from public repositories, every
finding reviewed in `verdicts.tsv`.

Fails on a finding nobody reviewed, on a finding reviewed FALSE (fix the rule, do not edit the
ledger), on a ledger row whose finding is gone, on any finding on a `not-tuning/` file, and when
the warnings and errors fall below 85 % TRUE.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hplint.engine import lint
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import ecosystem

PERMISSIVE = frozenset(
    {"MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "CC0-1.0", "Unlicense"}
)
FILES = ecosystem.corpus_files()


@pytest.fixture(scope="module")
def report() -> ecosystem.Report:
    return ecosystem.check()


def test_the_corpus_is_large_and_varied() -> None:
    assert len(FILES) >= 150
    folders = {p.parent.name for p in FILES}
    assert {"wandb-sweep", "hydra-optuna", "katib-experiment", "azureml-sweep"} <= folders


def test_every_file_has_provenance_under_a_permissive_licence() -> None:
    for folder in sorted({p.parent for p in FILES}):
        entries = json.loads((folder / "PROVENANCE.json").read_text(encoding="utf-8"))
        named = {e["file"] for e in entries}
        # Files a config names (`deepspeed: examples/deepspeed/ds_z3_config.json`) sit under
        # the path it gives: read through them, not linted on their own.
        present = {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and p.name != "PROVENANCE.json"
        }
        assert named == present, folder.name
        for entry in entries:
            assert entry["license"] in PERMISSIVE, entry
            assert entry["repo"].count("/") == 1 and entry["path"], entry


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name[:70]}")
def test_detected_as_its_folders_format(path: Path) -> None:
    result = lint(path.read_text(encoding="utf-8", errors="replace"), path=str(path))
    assert not result.internal_errors
    expected = None if path.parent.name == ecosystem.NOT_TUNING else path.parent.name
    assert result.format_id == expected


def test_every_finding_is_reviewed_and_none_is_false(report: ecosystem.Report) -> None:
    assert not report.not_tuning, ecosystem.render(report)
    assert not report.unreviewed, ecosystem.render(report)
    assert not report.false, ecosystem.render(report)
    assert not report.stale, ecosystem.render(report)


def test_warnings_and_errors_are_mostly_true(report: ecosystem.Report) -> None:
    true, reviewed = report.precision({"error", "warning"})
    assert reviewed and true / reviewed >= 0.85, ecosystem.render(report)


def test_the_ledger_names_a_reason_for_every_verdict() -> None:
    for verdict in ecosystem.read_ledger():
        assert verdict.verdict in ecosystem.VERDICTS, verdict
        assert verdict.reason.strip(), verdict
