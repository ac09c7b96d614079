"""Finding and reading the configuration: broken files, `[tool.hplint]` in hplint.toml, where the
upward search stops, `hplint init`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hplint.cli import main
from hplint.settings import SettingsError, discover_settings, find_config_file, load_settings_file

BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n"


def test_a_broken_pyproject_is_an_error_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = \n', "utf-8")
    (tmp_path / "train.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "train.yaml"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml: invalid TOML" in err and "line 3" in err


def test_tool_hplint_in_hplint_toml_is_read_or_explained(tmp_path: Path) -> None:
    config = tmp_path / "hplint.toml"
    config.write_text('[tool.hplint]\nignore = ["HP008"]\n', encoding="utf-8")
    assert load_settings_file(config).ignore == ("HP008",)
    config.write_text('select = ["HP1"]\n[tool.hplint]\nignore = ["HP008"]\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"both at the top level and under \[tool.hplint\]"):
        load_settings_file(config)


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "hplint.toml").write_text('ignore = ["HP008"]\n', encoding="utf-8")
    project = tmp_path / "project"
    (project / "configs").mkdir(parents=True)
    assert find_config_file(project / "configs") == tmp_path / "hplint.toml"
    (project / ".git").mkdir()  # the project is a repository: the file above is not its own
    assert find_config_file(project / "configs") is None
    assert discover_settings(project / "configs").ignore == ()


def test_the_search_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hplint.toml").write_text('ignore = ["HP008"]\n', encoding="utf-8")
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_config_file(home / "work") is None


def test_init_writes_a_commented_starter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path)]) == 0
    written = (tmp_path / "hplint.toml").read_text(encoding="utf-8")
    assert "# lr-scaling-tolerance = 2" in written and '# extend-select = ["heuristic"]' in written
    # Everything is commented out: the file reads as the defaults, and is valid.
    assert load_settings_file(tmp_path / "hplint.toml").select == ("default",)
    # Uncommenting the rule options gives a valid configuration too.
    option = re.compile(r"# ([a-z-]+ = [0-9.e+-]+)  # ")
    uncommented = "\n".join(
        match.group(1) if (match := option.match(line)) else line for line in written.splitlines()
    )
    (tmp_path / "hplint.toml").write_text(uncommented, encoding="utf-8")
    assert load_settings_file(tmp_path / "hplint.toml").options["lr-scaling-tolerance"] == 2.0
    assert main(["init", str(tmp_path)]) == 2  # never overwrites
    assert "exists; not overwriting it" in capsys.readouterr().err


def test_hostile_configuration_files_are_errors_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "train.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    deep = "[tool.hplint]\nx = " + "[" * 20_000 + "]" * 20_000 + "\n"
    (tmp_path / "pyproject.toml").write_text(deep, encoding="utf-8")
    assert main(["check", "train.yaml"]) == 2
    assert "pyproject.toml: nested too deeply to read" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    assert main(["check", "--config", "pyproject.toml", "train.yaml"]) in (0, 1)
    (tmp_path / "other.toml").write_text("tool = 1\n", encoding="utf-8")
    assert main(["check", "--config", "other.toml", "train.yaml"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_world_writable_folder_above_is_never_a_source_of_settings(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "project").mkdir(parents=True)
    (shared / "hplint.toml").write_text('ignore = ["HP008"]\n', encoding="utf-8")
    shared.chmod(0o1777)  # like /tmp
    try:
        assert find_config_file(shared / "project") is None
    finally:
        shared.chmod(0o755)
    assert find_config_file(shared / "project") == shared / "hplint.toml"


def test_fifos_and_endless_stdin_never_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import os
    import sys

    from hplint.document.loader import MAX_FILE_BYTES

    os.mkfifo(tmp_path / "fifo.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["detect", "fifo.yaml"]) == 2
    assert main(["check", "fifo.yaml"]) == 2
    assert "fifo.yaml: not a regular file" in capsys.readouterr().err

    class Endless(io.RawIOBase):
        """Standard input that never ends: only the cap and one byte may be read from it."""

        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = b"hplint: 1\n" if Endless.served == 0 else b"#" * len(buffer)
            chunk = chunk[: len(buffer)]
            buffer[: len(chunk)] = chunk
            Endless.served += len(chunk)
            assert Endless.served <= 4 * MAX_FILE_BYTES, "read past the cap"
            return len(chunk)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    assert main(["check", "--format", "json", "-"]) == 1
    assert "over hplint's" in capsys.readouterr().out


def test_an_over_cap_file_with_a_modeline_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hplint.document.loader import MAX_FILE_BYTES

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# hplint: format=wandb-sweep\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert main(["check", str(big)]) == 1
    assert "over hplint's" in capsys.readouterr().out
