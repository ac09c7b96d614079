"""Files a config names (a Trainer's `deepspeed: ds_config.json`), read by the CLI for HP707."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hplint.cli import main
from hplint.files import related_reader

RECIPE = """\
learning_rate: 2.0e-5
per_device_train_batch_size: 4
gradient_accumulation_steps: 2
deepspeed: configs/ds_zero2.json
"""
DS = {
    "optimizer": {"type": "AdamW", "params": {"lr": 3e-5, "weight_decay": "auto"}},
    "train_micro_batch_size_per_gpu": "auto",
    "zero_optimization": {"stage": 2},
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose recipe names its DeepSpeed config relative to the repository root,
    as `accelerate launch` from the root resolves it."""
    (tmp_path / "hplint.toml").write_text("", encoding="utf-8")
    (tmp_path / "recipes").mkdir()
    (tmp_path / "recipes" / "sft.yaml").write_text(RECIPE, encoding="utf-8")
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "ds_zero2.json").write_text(json.dumps(DS), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_cli_reads_the_deepspeed_config_the_recipe_names(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--format", "json", "recipes/sft.yaml"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"]) for d in found] == [("HP707", 1)]
    assert "`configs/ds_zero2.json`" in found[0]["message"]
    assert "`optimizer.params.lr` is 3e-05" in found[0]["message"]


def test_agreeing_or_auto_values_are_silent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    DS["optimizer"]["params"]["lr"] = "auto"  # type: ignore[index]
    try:
        (project / "configs" / "ds_zero2.json").write_text(json.dumps(DS), encoding="utf-8")
        assert main(["check", "recipes/sft.yaml"]) == 0
    finally:
        DS["optimizer"]["params"]["lr"] = 3e-5  # type: ignore[index]


def test_a_missing_file_is_silent(project: Path) -> None:
    (project / "configs" / "ds_zero2.json").unlink()
    assert main(["check", "recipes/sft.yaml"]) == 0


def test_the_reader_stays_inside_the_project(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "ds.json"
    outside.write_text("{}", encoding="utf-8")
    read = related_reader(project / "recipes" / "sft.yaml", project)
    assert read("configs/ds_zero2.json") is not None  # found in a parent folder
    assert read(str(outside)) is None  # absolute
    assert read("../" + outside.name) is None  # climbs out
    assert read("configs/ds_zero2.txt") is None  # not a config file
    (project / "configs" / "link.json").symlink_to(outside)
    assert read("configs/link.json") is None  # a link out of the project


def test_an_open_editor_buffer_wins_over_the_disk(project: Path) -> None:
    target = (project / "configs" / "ds_zero2.json").resolve()
    read = related_reader(
        project / "recipes" / "sft.yaml",
        project,
        lambda path: '{"unsaved": true}' if path == target else None,
    )
    assert read("configs/ds_zero2.json") == '{"unsaved": true}'
    assert os.path.exists(target)
