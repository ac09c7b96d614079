"""The pre-commit hooks, end to end with the real `pre-commit` tool.

pre-commit builds a virtualenv and pip-installs hplint from a git repository (PyPI must be
reachable for the dependencies). `pre-commit try-repo` would snapshot a dirty work tree itself,
but only tracked files (`git add -u`), so new, untracked modules would be missing; this test
therefore commits a snapshot of the work tree (tracked plus untracked, not ignored files) to a
temporary repository and points pre-commit at that.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.git_repos import copy_work_tree

REPO = Path(__file__).resolve().parents[2]
BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"
CLEAN = "hplint: 1\ntraining:\n  learning_rate: 1.0e-3\n"
FIXABLE = "hplint: 1  # keep this comment\ntraining:\n  learning_rate: 1e-3\n"
# A GitHub workflow: YAML with `strategy:` (a detection keyword), but not a tuning config.
WORKFLOW = (
    "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    strategy:\n      matrix: {python: ['3.10', '3.12']}\n    steps: [{run: pytest}]\n"
)
GIT = ("git", "-c", "user.name=hplint tests", "-c", "user.email=tests@hplint.invalid")


def _git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(
        [*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=300
    )
    return completed.stdout


def _snapshot(destination: Path) -> tuple[Path, str]:
    """The work tree as it is now, committed to a fresh repository: (path, commit)."""
    copy_work_tree(destination)
    _git(destination, "init", "-q")
    _git(destination, "add", "-A")
    _git(destination, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return destination, _git(destination, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return _snapshot(tmp_path_factory.mktemp("hplint-snapshot"))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "CI", "PRE_COMMIT_HOME", "VIRTUAL_ENV")
    }
    environment["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    environment["PRE_COMMIT_COLOR"] = "never"
    environment["NO_COLOR"] = "1"
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return environment


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "configs").mkdir(parents=True)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / "configs" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (root / "configs" / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (root / "configs" / "fixable.yaml").write_text(FIXABLE, encoding="utf-8")
    (root / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_manifests_are_valid() -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        completed = subprocess.run(
            [sys.executable, "-m", "pre_commit", command, name],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"hplint", "hplint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types_or"] == ["yaml", "json"]
        assert hook["entry"].startswith("hplint check")
    assert "--fix" in hooks["hplint-fix"]["entry"] and "--fix" not in hooks["hplint"]["entry"]
    assert "--exit-non-zero-on-fix" in hooks["hplint-fix"]["entry"]  # the commit must include them
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "- id: hplint " in readme and "# - id: hplint-fix" in readme


@pytest.mark.slow
def test_hooks_end_to_end_with_pre_commit(
    hook_repo: tuple[Path, str], env: dict[str, str], project: Path
) -> None:
    repo, commit = hook_repo
    files = ["configs/bad.yaml", "configs/clean.yaml", ".github/workflows/ci.yml"]

    # try-repo: the check fails with the expected codes and never mentions the workflow.
    tried = _pre_commit(
        project, env, "try-repo", str(repo), "hplint", "--ref", commit, "--files", *files
    )
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert "configs/bad.yaml:3:18: HP008" in output and "configs/bad.yaml:4:3: HP007" in output
    assert "ci.yml" not in output and "clean.yaml" not in output
    assert output.count("Found ") == 1  # one hook run, one summary (require_serial)

    # The same hooks from a .pre-commit-config.yaml, as users install them.
    config = {
        "repos": [
            {"repo": str(repo), "rev": commit, "hooks": [{"id": "hplint"}, {"id": "hplint-fix"}]}
        ]
    }
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    clean = _pre_commit(
        project, env, "run", "hplint", "--files", "configs/clean.yaml", ".github/workflows/ci.yml"
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    fix = _pre_commit(project, env, "run", "hplint-fix", "--files", "configs/fixable.yaml")
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "Fixed 1 problem in 1 file:" in fix.stdout
    fixed = (project / "configs" / "fixable.yaml").read_text(encoding="utf-8")
    assert fixed == FIXABLE.replace("1e-3", "1.0e-3")

    again = _pre_commit(project, env, "run", "hplint-fix", "--files", "configs/fixable.yaml")
    assert again.returncode == 0, again.stdout + again.stderr
    check = _pre_commit(project, env, "run", "hplint", "--files", "configs/fixable.yaml")
    assert check.returncode == 0, check.stdout + check.stderr


SGD = "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 256\n"


@pytest.mark.slow
def test_the_hook_compares_the_staged_change_with_head(
    hook_repo: tuple[Path, str], env: dict[str, str], tmp_path: Path
) -> None:
    """HP104 on a commit: pre-commit lints the staged text (it stashes the rest) against HEAD."""
    repo, commit = hook_repo
    root = tmp_path / "scaling"
    root.mkdir()
    config = {"repos": [{"repo": str(repo), "rev": commit, "hooks": [{"id": "hplint"}]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (root / "train.yaml").write_text(SGD, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "tuned at batch 256")

    (root / "train.yaml").write_text(SGD.replace("256", "1024"), encoding="utf-8")
    _git(root, "add", "train.yaml")
    # An unstaged edit that would fix it: not part of the commit, so not what is checked.
    (root / "train.yaml").write_text(SGD.replace("256", "1024").replace("0.1", "0.4"), "utf-8")
    staged = _pre_commit(root, env, "run", "hplint")
    output = staged.stdout + staged.stderr
    assert staged.returncode == 1, output
    assert "train.yaml:4:18: HP104" in output
    assert "256 → 1024" in output and "expected ≈0.4" in output

    _git(root, "add", "train.yaml")  # stage the scaled learning rate too
    scaled = _pre_commit(root, env, "run", "hplint")
    assert scaled.returncode == 0, scaled.stdout + scaled.stderr
