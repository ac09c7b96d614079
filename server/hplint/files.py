"""Finding the files to lint: walk directories, honour `.gitignore` and `exclude`.

Inside a git work tree the file list comes from `git ls-files` (tracked plus untracked files that
are not ignored), so ignored paths are skipped exactly as git skips them. Elsewhere, directories
are walked with the usual tool and environment folders skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Final

CONFIG_SUFFIXES: Final = (".yaml", ".yml", ".json")
SKIP_DIRS: Final = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "site-packages",
        "dist",
        "build",
    }
)


def _git_files(directory: Path) -> list[Path] | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        completed = subprocess.run(
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=directory,
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    names = [n for n in completed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [directory / name for name in names]


def _walk(directory: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(directory):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS and not (Path(current) / d / "pyvenv.cfg").exists()
        )
        for name in sorted(files):
            yield Path(current) / name


def iter_config_files(directory: Path) -> Iterator[Path]:
    """YAML/JSON files below `directory`, gitignore-aware, in a stable order."""
    listed = _git_files(directory)
    candidates = sorted(listed) if listed is not None else _walk(directory)
    for path in candidates:
        if path.suffix.lower() not in CONFIG_SUFFIXES:
            continue
        if any(part in SKIP_DIRS for part in path.relative_to(directory).parts[:-1]):
            continue
        if path.is_file():
            yield path
