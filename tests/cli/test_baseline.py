"""HP104 from the CLI: each file against its committed version (`--baseline`, git)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hplint.cli import main
from tests.git_repos import HF, LARGER, SGD, commit_files, git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose last commit holds the SGD config at batch 256, learning rate 0.1."""
    commit_files(tmp_path, {"train.yaml": SGD, "sft.yaml": HF})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    main(["check", "--format", "json", *args])
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def _hp104(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int]]:
    return [
        (str(d["path"]), int(str(d["line"])))
        for d in _findings(capsys, *args)
        if d["code"] == "HP104"
    ]


def test_the_last_commit_is_the_reference(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "train.yaml").write_text(LARGER, encoding="utf-8")
    [finding] = [d for d in _findings(capsys, "train.yaml") if d["code"] == "HP104"]
    assert finding["line"] == 4  # the learning rate's line
    message = str(finding["message"])
    assert "256 → 1024" in message and "(0.1)" in message and "since HEAD" in message
    assert "expected ≈0.4" in message
    (repo / "train.yaml").write_text(LARGER.replace("0.1", "0.4"), encoding="utf-8")
    assert _hp104(capsys, "train.yaml") == []


def test_a_trainer_config_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "sft.yaml").write_text(HF.replace("batch_size: 8", "batch_size: 32"), "utf-8")
    assert _hp104(capsys, "sft.yaml") == [("sft.yaml", 2)]
    (repo / "sft.yaml").write_text(HF.replace("steps: 2", "steps: 8"), "utf-8")
    assert _hp104(capsys, "sft.yaml") == [("sft.yaml", 2)]


def test_no_baseline_and_another_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "train.yaml").write_text(LARGER, encoding="utf-8")
    assert _hp104(capsys, "--no-baseline", "train.yaml") == []
    git(repo, "commit", "-q", "-am", "larger batch")
    assert _hp104(capsys, "train.yaml") == []  # HEAD has the change now
    assert _hp104(capsys, "--baseline", "HEAD~1", "train.yaml") == [("train.yaml", 4)]
    assert main(["check", "--baseline", "no-such-branch", "train.yaml"]) == 2
    assert "--baseline no-such-branch: not a commit" in capsys.readouterr().err


def test_untracked_renamed_and_detached(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "new.yaml").write_text(LARGER, encoding="utf-8")
    assert _hp104(capsys, "new.yaml") == []  # untracked: nothing to compare with
    git(repo, "mv", "train.yaml", "moved.yaml")
    (repo / "moved.yaml").write_text(LARGER, encoding="utf-8")
    assert _hp104(capsys, "moved.yaml") == [("moved.yaml", 4)]  # followed to its old name
    git(repo, "checkout", "-q", "--detach")
    assert _hp104(capsys, "moved.yaml") == [("moved.yaml", 4)]


def test_a_baseline_that_does_not_parse_or_is_another_format(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "train.yaml").write_text("training: [unclosed\n", encoding="utf-8")
    (repo / "sft.yaml").write_text(SGD, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken, and a Trainer file turned native")
    (repo / "train.yaml").write_text(LARGER, encoding="utf-8")
    (repo / "sft.yaml").write_text(LARGER, encoding="utf-8")
    assert _hp104(capsys, "train.yaml", "sft.yaml") == [("sft.yaml", 4)]
    git(repo, "commit", "-q", "-am", "native")
    (repo / "sft.yaml").write_text(HF, encoding="utf-8")  # back to a Trainer config
    assert _hp104(capsys, "sft.yaml") == []


def test_outside_a_repository_or_withoutgit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "train.yaml").write_text(LARGER, encoding="utf-8")
    monkeypatch.chdir(outside)
    assert _hp104(capsys, "train.yaml") == []
    assert capsys.readouterr().err == ""  # not a repository: nothing to say

    git(outside, "init", "-q")  # a repository without commits: no baseline either
    assert main(["check", "train.yaml"]) == 0
    assert capsys.readouterr().err == ""

    git(outside, "add", "-A")
    git(outside, "commit", "-q", "-m", "one")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert main(["check", "train.yaml"]) == 0
    assert "hplint: note: no baseline for HP104" in capsys.readouterr().err


def test_a_broken_repository_is_a_note(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "train.yaml").write_text(LARGER, encoding="utf-8")
    (repo / ".git" / "HEAD").write_text("garbage\n", encoding="utf-8")
    assert main(["check", "train.yaml"]) == 0
    err = capsys.readouterr().err
    assert "hplint: note: no baseline for HP104" in err
