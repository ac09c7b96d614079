"""Temporary git repositories and the configs HP104's tests commit to them (CLI and editor)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

GIT = ("git", "-c", "user.name=hplint tests", "-c", "user.email=tests@hplint.invalid")
SGD = "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 256\n"
LARGER = SGD.replace("batch_size: 256", "batch_size: 1024")  # the learning rate forgotten
HF = (
    "model_name_or_path: Qwen/Qwen2.5-1.5B\nlearning_rate: 2.0e-5\n"
    "per_device_train_batch_size: 8\ngradient_accumulation_steps: 2\nnum_train_epochs: 3\n"
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        [*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=60
    ).stdout


def commit_files(folder: Path, files: dict[str, str], message: str = "tuned") -> None:
    """Write `files` into `folder`, a new repository, and commit them."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def copy_work_tree(destination: Path) -> Path:
    """This repository's work tree as it is now (tracked and untracked files, not ignored ones;
    what a clone has after `git add -A`), copied to `destination`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file():  # deleted in the work tree
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return destination
