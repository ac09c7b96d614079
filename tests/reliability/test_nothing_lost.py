"""`--fix` never loses data: an interrupted write leaves the original byte-identical and no
temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hplint import cli

from .helpers import REPO, run_cli

MISTAKE = REPO / "examples" / "mistakes" / "wandb_log_uniform.yaml"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_failed_replace_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    target = tmp_path / "sweep.yaml"
    original = MISTAKE.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding)
    target.write_bytes(original)

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    status = cli.main(["check", "--fix", "--format", "json", str(target)])
    assert status == cli.EXIT_ERROR
    assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.yaml"]


def test_fix_through_the_cli_is_minimal_and_idempotent(tmp_path: Path) -> None:
    target = tmp_path / "sweep.yaml"
    original = MISTAKE.read_bytes()
    target.write_bytes(original)
    first = run_cli("check", "--fix", "--format", "json", "sweep.yaml", cwd=tmp_path)
    assert first.returncode in (0, 1) and "Traceback" not in first.stderr
    fixed = target.read_bytes()
    assert fixed != original, "the example should have a safe fix"
    # comments survive, and lines stay in order
    for line in original.decode().splitlines():
        if line.lstrip().startswith("#"):
            assert line in fixed.decode()
    second = run_cli("check", "--fix", "--format", "json", "sweep.yaml", cwd=tmp_path)
    assert second.returncode in (0, 1)
    assert target.read_bytes() == fixed
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".hplint-rss")) == [
        "sweep.yaml"
    ]
