"""A repository's own git configuration never runs a program when hplint reads it (#21): a
planted `core.fsmonitor` hook and a `filter.*.clean` driver stay untouched by `hplint check`
(which lists files with `git ls-files` and reads baselines with `git cat-file` / `git diff
--cached`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplint.cli import main
from tests.git_repos import LARGER, SGD, commit_files, git


def test_planted_fsmonitor_and_filters_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "unpacked-archive"
    repo.mkdir()
    commit_files(repo, {"train.yaml": SGD, "old.yaml": SGD})
    fsmonitor, filtered = tmp_path / "fsmonitor-ran", tmp_path / "filter-ran"
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {fsmonitor}\n", encoding="utf-8")
    hook.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(hook))
    git(repo, "config", "filter.evil.clean", f"sh -c 'touch {filtered}; cat'")
    (repo / ".gitattributes").write_text("*.yaml filter=evil\n", encoding="utf-8")
    # Plain git runs both: the test would catch a call without hplint's safety options.
    git(repo, "ls-files", "--others", "--exclude-standard")
    assert fsmonitor.exists()
    fsmonitor.unlink()
    (repo / "train.yaml").write_text(LARGER, encoding="utf-8")
    git(repo, "diff", "--name-status", "HEAD")
    assert filtered.exists()
    filtered.unlink()

    git(repo, "mv", "old.yaml", "renamed.yaml")  # the rename look-up runs too
    fsmonitor.unlink(missing_ok=True)  # plain git (the test's own) ran them again
    filtered.unlink(missing_ok=True)
    monkeypatch.chdir(repo)
    assert main(["check", "--format", "json", "."]) == 1  # HP104 on train.yaml: it did run
    assert not fsmonitor.exists()
    assert not filtered.exists()
