"""The conventions a ruff user brings: honest summaries, --show-files/--show-settings,
--output-format/-o, colours, selector validation, unsafe-fix counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hplint.cli import main

BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"
# HP103 (learning rate not scaled with the batch): its fix is unsafe.
UNSAFE = (
    "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 2048\n"
    "  reference: {batch_size: 256, learning_rate: 0.1}\n"
)
WORKFLOW = "name: ci\non: [push]\njobs: {}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_run_that_linted_nothing_says_so(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "check", "ci.yml")
    assert code == 0 and "All checks passed" not in out
    assert "No tuning configs found in 1 file (`--show-files` lists what was read)." in out
    (folder / "empty").mkdir()
    code, out, _ = _run(capsys, "check", "empty")
    assert code == 0 and out.strip() == "No YAML or JSON files found."


def test_a_missing_path_is_an_error_and_never_all_clear(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "good.yaml").write_text("hplint: 1\ntraining:\n  epochs: 10\n", encoding="utf-8")
    code, out, err = _run(capsys, "check", "good.yaml", "nope.yaml")
    assert code == 2
    assert "nope.yaml: no such file or directory" in err
    assert "All checks passed" not in out
    assert "No problems in 1 tuning config. 1 path could not be read (see above)." in out


def test_show_files_and_show_settings(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--show-files", ".")
    assert code == 0
    assert out.splitlines() == ["bad.yaml\thplint", "ci.yml\t(not a tuning config)"]
    (folder / "hplint.toml").write_text('ignore = ["HP008"]\n', encoding="utf-8")
    code, out, _ = _run(capsys, "check", "--show-settings", "bad.yaml")
    shown = json.loads(out)
    assert code == 0
    assert shown["settings file"].endswith("hplint.toml") and shown["ignore"] == ["HP008"]
    assert shown["baseline"] == "HEAD"


def test_output_format_and_output_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--output-format", "json", "-o", "report.json", ".")
    assert code == 1 and out == ""
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert {d["code"] for d in report} == {"HP007", "HP008"}
    code, out, _ = _run(capsys, "check", "--format", "json", "bad.yaml")  # the old spelling
    assert len(json.loads(out)) == 2


def test_text_names_the_severity_and_colours_follow_the_conventions(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = _run(capsys, "check", "bad.yaml")
    assert "bad.yaml:3:18: HP008 [*] warning: `1e-3`" in out
    assert "bad.yaml:4:3: HP007 error: " in out
    assert "\033[" not in out  # not a terminal: no colours
    _, out, _ = _run(capsys, "check", "--color", "always", "bad.yaml")
    assert "\033[33mwarning\033[0m" in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[" in _run(capsys, "check", "bad.yaml")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in _run(capsys, "check", "bad.yaml")[1]
    assert "\033[" not in _run(capsys, "check", "--color", "never", "bad.yaml")[1]


@pytest.mark.parametrize(
    ("flag", "value", "hint"),
    [
        ("--select", "HP10x", ""),
        ("--ignore", "heuristik", "did you mean `heuristic`?"),
        ("--extend-select", "lr-not-scaled", "did you mean `lr-not-scaled-with-batch-size`?"),
    ],
)
def test_unknown_selectors_are_usage_errors(
    folder: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, hint: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", flag, value, "bad.yaml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"`{value}` is not a rule code, prefix, rule name or group" in err and hint in err


def test_unknown_selectors_in_the_configuration(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "hplint.toml").write_text('select = ["HP1", "defualt"]\n', encoding="utf-8")
    code, _, err = _run(capsys, "check", "bad.yaml")
    assert code == 2
    assert "hplint.toml: select: `defualt` is not a rule code" in err
    assert "did you mean `default`?" in err


def test_summaries_count_the_fixes_only_unsafe_fixes_apply(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "adam.yaml").write_text(UNSAFE, encoding="utf-8")
    _, out, _ = _run(capsys, "check", "adam.yaml")
    assert "1 fixable with `hplint check --fix --unsafe-fixes`." in out
    _, out, _ = _run(capsys, "check", "adam.yaml", "bad.yaml")
    assert "[*] 1 fixable with `hplint check --fix` (1 more with `--unsafe-fixes`)." in out
    _, _, err = _run(capsys, "check", "--diff", "adam.yaml")
    assert "No fixes available (1 more with `--unsafe-fixes`)." in err


def test_fix_passes_when_nothing_remains(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "fixable.yaml").write_text(BAD.replace("  learning_rate: 0.1\n", ""), "utf-8")
    assert main(["check", "--fix", "--exit-non-zero-on-fix", "fixable.yaml"]) == 1
    (folder / "fixable.yaml").write_text(BAD.replace("  learning_rate: 0.1\n", ""), "utf-8")
    assert main(["check", "--fix", "fixable.yaml"]) == 0
    assert "Fixed 1 problem in 1 file" in capsys.readouterr().out


def test_watch_lints_again_when_a_file_changes(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    (tmp_path / "train.yaml").write_text("hplint: 1\ntraining:\n  epochs: 10\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "hplint", "check", "--watch", "--no-baseline", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:

        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                line = process.stdout.readline()  # type: ignore[union-attr]
                lines.append(line)
                if text in line:
                    return
            raise AssertionError("".join(lines))

        wait_for("Watching for changes")
        assert "All checks passed!" in "".join(lines)
        time.sleep(0.1)  # a new modification time
        (tmp_path / "train.yaml").write_text(
            "hplint: 1\ntraining:\n  learning_rate: 1e-3\n", encoding="utf-8"
        )
        wait_for("HP008")
        wait_for("Watching for changes")
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
    assert sum("hplint check ." in line for line in lines) == 2


def test_statistics_and_extend_flags(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--statistics", "bad.yaml")
    assert code == 1
    assert out.splitlines()[:2] == [
        "1  HP007  duplicate-key",
        "1  HP008  yaml11-float-read-as-string",
    ]
    assert "bad.yaml:" not in out  # counts only
    code, out, _ = _run(capsys, "check", "--extend-ignore", "HP008", "bad.yaml")
    assert "HP008" not in out and "HP007" in out
    code, out, _ = _run(capsys, "check", "--select", "HP0", "--extend-select", "HP1", "bad.yaml")
    assert code == 1 and "HP008" in out
