"""Finding the files to lint: walk directories, honour `.gitignore` and `exclude`.

Inside a git work tree the file list comes from `git ls-files` (tracked plus untracked files that
are not ignored), so ignored paths are skipped exactly as git skips them. Elsewhere, directories
are walked with the usual tool and environment folders skipped.

`may_be_tuning_config` is the CLI's cheap textual pre-filter: a file that contains none of the
words content detection looks for cannot be a tuning config, so it is skipped before parsing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
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
    """The files git tracks or would track below `directory` (None outside a work tree or
    without git). Run through `git.run_git`: a repository's `core.fsmonitor` is never run."""
    from hplint.git import GitUnavailable, run_git

    try:
        output = run_git(
            directory, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."
        )
    except GitUnavailable:
        return None
    names = [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]
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


# Every detector (hplint.detection), modeline and `$schema` override, and the engine's textual
# guess for unparsable files (engine.looks_like_tuning_config) needs at least one of these words
# verbatim in the file: `hplint` (native format, `# hplint:` modelines), `method` + `parameters`
# (W&B), `HyperParameterTuningJobConfig` / `Strategy` (SageMaker), `kubeflow.org` (Katib),
# `sweep` (Azure ML `type: sweep`, sweepJob schemas, Hydra's `hydra/sweeper`, `OptunaSweeper`),
# `hydra` and `_target_` (Hydra), `$schema`, and a Trainer-only key (`per_device_…`, `…strategy`,
# `lr_scheduler_type`, `…best_model…`, …). Matching ignores case, so it only ever errs towards
# linting.
DETECTION_KEYWORDS: Final = (
    "hplint",
    "method",
    "parameters",
    "hyperparametertuningjobconfig",
    "strategy",
    "kubeflow.org",
    "sweep",
    "hydra",
    "_target_",
    "$schema",
    # Trainer/TRL configs: each of `detection.TRAINER_ONLY_KEYS` contains one of these.
    "per_device_",
    "lr_scheduler_type",
    "best_model",
    "save_total_limit",
    "gradient_checkpointing_kwargs",
    "hub_model_id",
    # Ultralytics YOLO arguments: each of `detection.YOLO_ONLY_KEYS` contains one of these.
    "lr0",
    "lrf",
    "imgsz",
    "mosaic",
    "warmup_",
    "hsv_",
    "mixup",
    "copy_paste",
    "flip",
    "nbs",
    "cos_lr",
    "mask_",
    "overlap_mask",
    # DeepSpeed: each of `detection.DEEPSPEED_CORE_KEYS`.
    "train_micro_batch_size_per_gpu",
    "train_batch_size",
    "zero_optimization",
    # LightningCLI: the top-level `trainer` mapping.
    "trainer",
    # detectron2: `SOLVER` or `_BASE_`.
    "solver",
    "_base_",
)  # (Hydra training configs have `_target_`, above.)
_KEYWORDS: Final = re.compile("|".join(re.escape(k) for k in DETECTION_KEYWORDS), re.IGNORECASE)


def may_be_tuning_config(text: str) -> bool:
    """False only when `text` cannot be a tuning config whatever the engine decides.

    A backslash disables the filter: YAML and JSON escapes (`"\\u0068plint"`, an escaped line
    break inside a double-quoted scalar) can spell a key or value that is not in the raw text.
    """
    return "\\" in text or _KEYWORDS.search(text) is not None


def related_reader(
    config_file: Path,
    project_root: Path | None,
    opened: Callable[[Path], str | None] | None = None,
) -> Callable[[str], str | None]:
    """How the CLI and the language server read a file a config names (`deepspeed:
    configs/ds_z3.json`): the engine's `related` argument.

    Launchers resolve such names against their working directory, which the file does not
    record, so the name is looked up in the config's folder, then in each parent up to the
    project root (the settings file's folder, else the working directory) — never outside it.
    Only relative `.json`/`.yaml`/`.yml` names without `..` are read, up to the size cap.
    `opened(path)`: the editor's text of a file it has open (unsaved edits win over the disk).
    """
    import functools

    from hplint.document.loader import MAX_FILE_BYTES, decode

    @functools.cache
    def search_path() -> tuple[list[Path], Path]:
        # Resolved on the first name looked up, not per lint: most configs name no file, and
        # the language server makes a reader for every keystroke.
        folder = config_file.resolve().parent
        top = (project_root if project_root is not None else Path.cwd()).resolve()
        inside = [f for f in (folder, *folder.parents) if f == top or top in f.parents]
        bases = inside or [folder]
        return bases, bases[-1]

    def read(name: str) -> str | None:
        relative = PurePosixPath(name.strip())
        if (
            not relative.parts
            or relative.is_absolute()
            or ".." in relative.parts
            or not relative.name.lower().endswith(CONFIG_SUFFIXES)
        ):
            return None
        bases, fence = search_path()
        for base in bases:
            candidate = base.joinpath(*relative.parts)
            try:
                real = candidate.resolve()
                if not (real.is_file() and (real == fence or fence in real.parents)):
                    continue
                text_in_editor = opened(real) if opened is not None else None
                if text_in_editor is not None:
                    return text_in_editor
                if real.stat().st_size > MAX_FILE_BYTES:
                    return None
                text, problem = decode(real.read_bytes())
            except OSError:
                continue
            return None if problem is not None else text
        return None

    return read
