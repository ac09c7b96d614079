"""The default selection and the `default` / `heuristic` groups (docs/rules/principles.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hplint.cli import main
from hplint.codes import BY_CODE, HEURISTICS, STABLE
from hplint.engine import lint
from hplint.rules import is_selected
from hplint.settings import Settings, load_settings_file

# HP108 (heuristic: a batch that is 20 % of the training set) and HP103 (default: the learning
# rate not scaled with the batch) on one config.
CONFIG = """\
hplint: 1
data:
  train: data/train.parquet
  n_samples: 5000
training:
  optimizer: sgd
  learning_rate: 0.1
  batch_size: 1024
  reference: {batch_size: 256, learning_rate: 0.1}
"""


def _codes(settings: Settings | None = None) -> set[str]:
    return {d.code for d in lint(CONFIG, path="c.yaml", settings=settings).diagnostics}


def test_every_heuristic_is_a_stable_code_with_a_reason() -> None:
    for code, reason in HEURISTICS.items():
        assert BY_CODE[code].status == STABLE and BY_CODE[code].heuristic, code
        assert reason and not reason.endswith("."), code


def test_heuristics_are_opt_in() -> None:
    assert {"HP103"} <= _codes() and "HP108" not in _codes()
    assert {"HP103", "HP108"} <= _codes(Settings(select=("default", "heuristic")))
    assert {"HP103", "HP108"} <= _codes(Settings(select=("ALL",)))
    assert _codes(Settings(select=("heuristic",))) == {"HP108"}


@pytest.mark.parametrize(
    ("select", "ignore", "code", "selected"),
    [
        (("default",), (), "HP103", True),
        (("default",), (), "HP108", False),
        (("HP",), (), "HP108", True),  # a prefix selects heuristics too, like ruff's prefixes
        (("HP",), ("heuristic",), "HP108", False),  # a group is more specific than `HP`
        (("HP",), ("heuristic",), "HP103", True),
        (("heuristic",), ("HP10",), "HP108", False),  # a longer prefix beats a group
        (("default", "HP108"), (), "HP108", True),
        (("default", "batch-large-fraction-of-training-set"), (), "HP108", True),
        (("DEFAULT",), (), "HP103", True),  # groups are case-insensitive
    ],
)
def test_group_specificity(
    select: tuple[str, ...], ignore: tuple[str, ...], code: str, selected: bool
) -> None:
    assert is_selected(code, select, ignore) is selected


def test_extend_select_in_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "hplint.toml").write_text('extend-select = ["heuristic"]\n', encoding="utf-8")
    settings = load_settings_file(tmp_path / "hplint.toml")
    assert settings.select == ("default", "heuristic")
    assert {"HP103", "HP108"} <= _codes(settings)


def test_extend_select_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    main(["check", "--format", "json", "--exit-zero", str(config)])
    assert "HP108" not in {i["code"] for i in json.loads(capsys.readouterr().out)}
    main(["check", "--format", "json", "--exit-zero", "--extend-select", "heuristic", str(config)])
    assert "HP108" in {i["code"] for i in json.loads(capsys.readouterr().out)}


def test_rules_listing_marks_opt_in_rules(capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules"])
    lines = {line.split()[0]: line.split()[3] for line in capsys.readouterr().out.splitlines()}
    assert lines["HP108"] == "opt-in" and lines["HP103"] == "default"
    main(["rules", "--format", "json"])
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["HP108"]["default"] is False and listed["HP103"]["default"] is True
