"""The command line: exit codes, every output format, stdin, detect, rule docs, --fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hplint.cli import main

BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"
CLEAN = "hplint: 1\ntraining:\n  learning_rate: 1.0e-3\n"
HINT_ONLY = "hplint: 1\ntraining:\n  shuffle: yes\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "bad": tmp_path / "bad.yaml",
        "clean": tmp_path / "clean.yaml",
        "hint": tmp_path / "hint.yaml",
        "workflow": tmp_path / "ci.yml",
    }
    paths["bad"].write_text(BAD, encoding="utf-8")
    paths["clean"].write_text(CLEAN, encoding="utf-8")
    paths["hint"].write_text(HINT_ONLY, encoding="utf-8")
    paths["workflow"].write_text("on: [push]\njobs: {a: {runs-on: x}}\n", encoding="utf-8")
    return paths


def test_exit_codes(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(files["bad"])]) == 1
    assert main(["check", str(files["clean"])]) == 0
    assert main(["check", str(files["hint"])]) == 0  # hints and infos do not fail a run
    assert main(["check", str(files["workflow"])]) == 0
    assert main(["check", "--exit-zero", str(files["bad"])]) == 0
    assert main(["check", str(files["bad"].with_name("missing.yaml"))]) == 2
    capsys.readouterr()


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    (tmp_path / "hplint.toml").write_text("bogus = 1\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.yaml")]) == 2
    assert "unknown setting" in capsys.readouterr().err


def test_text_output_is_ruff_like(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(files["bad"])])
    out = capsys.readouterr().out
    assert f"{files['bad']}:3:18: HP008 [*] warning: `1e-3` is read as the string" in out
    assert "3 |   learning_rate: 1e-3\n  |                  ^^^^" in out
    assert f"{files['bad']}:4:3: HP007" in out
    assert "Found 2 problems (1 error, 1 warning)." in out
    assert "1  HP007  duplicate-key" in out


def test_json_output_binding_shape(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--format", "json", str(files["bad"]), str(files["workflow"])])
    items = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["line"], i["column"]) for i in items] == [
        ("HP008", 3, 18),
        ("HP007", 4, 3),
    ]
    first = items[0]
    assert set(first) >= {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fix",
    }
    assert first["path"] == str(files["bad"])
    assert (first["end_line"], first["end_column"]) == (3, 22)
    assert first["severity"] == "warning" and first["name"] == "yaml11-float-read-as-string"
    assert first["fix"]["edits"][0]["content"] == "1.0e-3"
    assert items[1]["fix"] is None


def test_json_output_is_an_empty_array_for_clean_files(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--format", "json", str(files["clean"])])
    assert json.loads(capsys.readouterr().out) == []


def test_github_output(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "github", str(files["bad"])])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"::warning file={files['bad']},line=3,col=18,endLine=3,endColumn=22,title=HP008::"
    )
    assert lines[1].startswith("::error ")


def test_github_format_is_chosen_on_github_actions(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["check", str(files["bad"])])
    assert capsys.readouterr().out.startswith("::warning ")


def test_sarif_output(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "sarif", str(files["bad"])])
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert sorted(ids) == ["HP007", "HP008"]  # only the rules the run reports
    assert all(r["ruleIndex"] == ids.index(r["ruleId"]) for r in run["results"])
    result = run["results"][0]
    assert result["ruleId"] == "HP008" and result["level"] == "warning"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 22}


def test_stdin_with_filename(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    assert main(["check", "-", "--stdin-filename", "cfg/train.yaml", "--format", "json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {i["path"] for i in items} == {"cfg/train.yaml"}


def test_directories_are_walked_and_non_tuning_files_ignored(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (files["bad"].parent / "node_modules").mkdir()
    (files["bad"].parent / "node_modules" / "x.yaml").write_text(BAD, encoding="utf-8")
    main(["check", "--format", "json", str(files["bad"].parent)])
    paths = {Path(i["path"]).name for i in json.loads(capsys.readouterr().out)}
    assert paths == {"bad.yaml", "hint.yaml"}  # not ci.yml, not node_modules/x.yaml


def test_select_and_ignore_flags(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--format", "json", "--select", "HP007", str(files["bad"])])
    assert [i["code"] for i in json.loads(capsys.readouterr().out)] == ["HP007"]
    main(["check", "--format", "json", "--ignore", "HP0", str(files["bad"])])
    assert json.loads(capsys.readouterr().out) == []


def test_config_discovery_from_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.hplint]\nignore = ["HP008"]\n', encoding="utf-8"
    )
    nested = tmp_path / "configs" / "deep"
    nested.mkdir(parents=True)
    (nested / "a.yaml").write_text(BAD, encoding="utf-8")
    main(["check", "--format", "json", str(nested / "a.yaml")])
    assert [i["code"] for i in json.loads(capsys.readouterr().out)] == ["HP007"]


def test_hplint_toml_wins_over_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.hplint]\nignore = ["HP008"]\n', encoding="utf-8"
    )
    (tmp_path / "hplint.toml").write_text('ignore = ["HP007"]\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_text(BAD, encoding="utf-8")
    main(["check", "--format", "json", str(tmp_path / "a.yaml")])
    assert [i["code"] for i in json.loads(capsys.readouterr().out)] == ["HP008"]


def test_fix_rewrites_minimally_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a.yaml"
    original = "\ufeffhplint: 1  # keep me\r\ntraining:\r\n  learning_rate: 1e-3   # é\r\n"
    target.write_bytes(original.encode("utf-8"))
    assert main(["check", "--fix", "--exit-non-zero-on-fix", str(target)]) == 1  # it changed
    fixed = target.read_bytes().decode("utf-8")
    assert fixed == original.replace("1e-3", "1.0e-3")
    assert "Fixed 1 problem in 1 file:\n  1  HP008  yaml11-float-read-as-string\n" in (
        capsys.readouterr().out
    )
    assert main(["check", "--fix", str(target)]) == 0  # nothing left to fix
    assert target.read_bytes().decode("utf-8") == fixed
    assert "All checks passed!" in capsys.readouterr().out


def test_diff_writes_nothing(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = files["bad"].read_text(encoding="utf-8")
    assert main(["check", "--diff", str(files["bad"])]) == 1  # something to fix, like ruff
    captured = capsys.readouterr()
    assert "-  learning_rate: 1e-3" in captured.out and "+  learning_rate: 1.0e-3" in captured.out
    assert "HP007" not in captured.out  # the diff alone on stdout
    assert "Would fix 1 problem in 1 file." in captured.err
    assert files["bad"].read_text(encoding="utf-8") == before
    assert main(["check", "--diff", str(files["clean"])]) == 0
    assert capsys.readouterr().out == ""


def test_detect_prints_tab_separated_formats(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["detect", str(files["bad"]), str(files["workflow"])])
    assert capsys.readouterr().out.splitlines() == [
        f"{files['bad']}\thplint",
        f"{files['workflow']}\t-",
    ]


def test_detect_explain_says_what_decided(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trainer = tmp_path / "sft.yaml"
    trainer.write_text("per_device_train_batch_size: 8\nlearning_rate: 2.0e-5\n", "utf-8")
    forced = tmp_path / "forced.yaml"
    forced.write_text("# hplint: format=wandb-sweep\nmethod: grid\n", "utf-8")
    main(
        [
            "detect",
            "--explain",
            str(files["bad"]),
            str(trainer),
            str(forced),
            str(files["workflow"]),
        ]
    )
    assert capsys.readouterr().out.splitlines() == [
        f"{files['bad']}\thplint\tdecided by: hplint: 1",
        f"{trainer}\thf-trainer\tdecided by: per_device_train_batch_size; + learning_rate",
        f"{forced}\twandb-sweep\tdecided by: the `# hplint: format=` modeline",
        f"{files['workflow']}\t-\tno tuning or training config keys found",
    ]


def test_rule_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "HP008"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# yaml11-float-read-as-string (HP008)")
    assert "## Why is this bad?" in out
    assert main(["rule", "yaml11-boolean-word", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "HP009"
    assert main(["rule", "HP9999"]) == 2
    assert main(["rules", "--format", "json"]) == 0
    codes = [r["code"] for r in json.loads(capsys.readouterr().out)]
    assert codes == sorted(codes) and "HP000" in codes


def test_python_dash_m_and_console_script(files: dict[str, Path]) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "hplint", "check", "--format", "json", str(files["bad"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert [i["code"] for i in json.loads(completed.stdout)] == ["HP008", "HP007"]
