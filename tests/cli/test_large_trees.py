"""Large trees: .gitignore, the cheap pre-filter, the process pool and the progress bar."""

from __future__ import annotations

import concurrent.futures
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from hplint import cli
from hplint.cli import main
from hplint.engine import lint
from hplint.files import may_be_tuning_config
from hplint.settings import discover_settings

REPO = Path(__file__).resolve().parents[2]
BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"
FIXABLE = "hplint: 1\ntraining:\n  learning_rate: 1e-3  # fix me\n"
WANDB = (
    "method: grid\nmetric: {name: val_loss, goal: minimize}\n"
    "parameters:\n  lr: {min: 0.0001, max: 0.1}\n"
)
NOT_TUNING = "on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_gitignored_files_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("ignored/\n*.local.yaml\n", encoding="utf-8")
    for name in ("tracked.yaml", "untracked.yaml", "ignored/a.yaml", "cfg/x.local.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    _git(tmp_path, "add", "tracked.yaml", ".gitignore")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "."]) == 1
    paths = {Path(item["path"]).as_posix() for item in json.loads(capsys.readouterr().out)}
    assert paths == {"tracked.yaml", "untracked.yaml"}
    # A file named explicitly is linted even when ignored (like ruff); `exclude` needs
    # --force-exclude for explicit files, which is what the pre-commit hooks pass.
    assert main(["check", "--format", "json", "ignored/a.yaml"]) == 1
    capsys.readouterr()


def test_force_exclude_applies_exclude_to_explicit_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hplint.toml").write_text('exclude = ["legacy/**"]\n', encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "legacy/old.yaml"]) == 1
    capsys.readouterr()
    assert main(["check", "--format", "json", "--force-exclude", "legacy/old.yaml"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def _all_config_files() -> list[Path]:
    roots = [REPO / "examples", REPO / "tests" / "rules" / "fixtures", REPO.parent / "shared"]
    return sorted(
        p
        for root in roots
        if root.is_dir()
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml", ".json")
    )


def test_pre_filter_keeps_every_trainer_only_key() -> None:
    """A Trainer config is recognised by one of these keys: the filter must let each through."""
    from hplint.detection import DEEPSPEED_CORE_KEYS, TRAINER_ONLY_KEYS, YOLO_ONLY_KEYS

    assert all(may_be_tuning_config(f"{key}: 1\n") for key in TRAINER_ONLY_KEYS)
    assert all(may_be_tuning_config(f"{key}: 1\n") for key in YOLO_ONLY_KEYS)
    assert all(may_be_tuning_config(f'{{"{key}": 1}}') for key in DEEPSPEED_CORE_KEYS)


def test_pre_filter_never_drops_a_tuning_config() -> None:
    files = _all_config_files()
    assert len(files) > 100
    skipped = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        result = lint(text, path=str(path), settings=discover_settings(path))
        if not may_be_tuning_config(text):
            skipped += 1
            assert not result.is_tuning_config and not result.diagnostics, path
    hand_made = [
        '{"\\u0068plint": 1, "training": {"learning_rate": 0.1}}',  # JSON escape
        '"\\x68plint": 1\n',  # YAML escape
        'apiVersion: "kubeflow.\\\n  org/v1beta1"\nkind: Experiment\n',  # escaped line break
        "# hplint: format=wandb-sweep\nfoo: 1\n",
        "STRATEGY: x\n",
    ]
    assert all(may_be_tuning_config(text) for text in hand_made)
    assert skipped > 0  # the corpus's non-tuning files do exercise the cheap path


def test_formats_globs_bypass_the_pre_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hplint.toml").write_text(
        'formats = { "sweeps/*.yaml" = "wandb-sweep" }\n', encoding="utf-8"
    )
    (tmp_path / "sweeps").mkdir()
    (tmp_path / "sweeps" / "a.yaml").write_text(
        "metric: {name: loss, goal: up}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "sweeps/a.yaml"])
    assert json.loads(capsys.readouterr().out)  # linted as a W&B sweep although no keyword


def _generate(root: Path, count: int = 100) -> None:
    for index in range(count):
        folder = root / f"group{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = index % 4
        content = (BAD, FIXABLE, WANDB, NOT_TUNING)[kind]
        suffix = ".yml" if kind == 3 else ".yaml"
        (folder / f"config_{index:03d}{suffix}").write_text(content, encoding="utf-8")


class _SpyPool(concurrent.futures.ProcessPoolExecutor):
    created = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        type(self).created += 1
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("output_format", ["json", "text", "sarif", "github"])
def test_parallel_output_is_identical_to_sequential(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output_format: str,
) -> None:
    _generate(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _SpyPool)
    monkeypatch.setattr(_SpyPool, "created", 0)
    monkeypatch.setattr(cli, "PARALLEL_MIN_FILES", 10**9)
    sequential_code = main(["check", "--format", output_format, "."])
    sequential = capsys.readouterr()
    assert _SpyPool.created == 0
    monkeypatch.setattr(cli, "PARALLEL_MIN_FILES", 64)
    parallel_code = main(["check", "--format", output_format, "."])
    parallel = capsys.readouterr()
    assert _SpyPool.created == 1
    assert (parallel_code, parallel.out, parallel.err) == (
        sequential_code,
        sequential.out,
        sequential.err,
    )
    if output_format == "json":
        items = json.loads(parallel.out)
        assert {Path(i["path"]).name for i in items if i["code"] == "HP007"} == {
            f"config_{n:03d}.yaml" for n in range(0, 100, 4)
        }
        assert [i["path"] for i in items] == sorted(i["path"] for i in items)


def test_parallel_fix_matches_sequential_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    results = []
    for name, threshold in (("sequential", 10**9), ("parallel", 64)):
        root = tmp_path / name
        _generate(root)
        monkeypatch.chdir(root)
        monkeypatch.setattr(cli, "PARALLEL_MIN_FILES", threshold)
        code = main(["check", "--fix", "--no-source", "."])
        out = capsys.readouterr().out
        contents = {
            p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.y*ml"))
        }
        results.append((code, out, contents))
    assert results[0] == results[1]
    code, out, contents = results[1]
    assert code == 1 and "Fixed 50 problems in 50 files:" in out
    assert sum(b"1.0e-3" in data for data in contents.values()) == 50


def test_settings_and_jobs_are_picklable(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.hplint]\nignore = ["HP302"]\nseverity = { HP603 = "error" }\n'
        'per-file-ignores = { "legacy/*.yaml" = ["HP008"] }\n'
        'formats = { "s/*.yaml" = "wandb-sweep" }\n'
        "lr-scaling-tolerance = 2.0\n",
        encoding="utf-8",
    )
    settings = discover_settings(tmp_path / "a.yaml").with_overrides(
        select=["HP1"], ignore=None, extend_ignore=[]
    )
    job = cli._Job("a.yaml", "a.yaml", settings, fix=True, unsafe=False, diff=False)
    assert pickle.loads(pickle.dumps(job)) == job


def _many_files(root: Path) -> list[str]:
    _generate(root, 80)
    return [str(root)]


def test_no_progress_bar_in_pipes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    completed = subprocess.run(
        [sys.executable, "-m", "hplint", "check", "--quiet", *_many_files(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 1
    assert "\r" not in completed.stderr and "files" not in completed.stderr


@pytest.mark.parametrize("ci", [None, "true"])
def test_progress_bar_on_a_terminal_unless_ci(tmp_path: Path, ci: str | None) -> None:
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    if ci:
        env["CI"] = ci
    leader, follower = pty.openpty()
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "hplint",
                "check",
                "--quiet",
                "--format",
                "json",
                *_many_files(tmp_path),
            ],
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    stderr = b"".join(chunks).decode()
    assert completed.returncode == 1 and json.loads(completed.stdout)
    if ci:
        assert "files" not in stderr
    else:
        assert "80/80 files" in stderr and "\r" in stderr
