"""What a config can put in a report never costs the report (#21): integers past Python's
4,300-digit limit, lone surrogates from JSON escapes, terminal control sequences in keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.helpers import run_cli

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("huge.yaml", f"hplint: 1\ntraining:\n  epochs: {HUGE}\n"),
        ("huge-tag.yaml", f"hplint: 1\ntraining:\n  epochs: !!int {HUGE}\n"),
        ("huge.json", f'{{"hplint": 1, "training": {{"epochs": {HUGE}}}}}'),
    ],
)
def test_integers_past_pythons_digit_limit_are_linted(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    run = run_cli("check", "--format", "json", name, cwd=tmp_path)
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.returncode in (0, 1)
    json.loads(run.stdout)


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_a_lone_surrogate_key_does_not_crash_a_reporter(tmp_path: Path, output: str) -> None:
    (tmp_path / "sur.json").write_text(
        '{"hplint": 1, "training": {"\\ud800x": 1}}', encoding="utf-8"
    )
    run = run_cli("check", "--format", output, "sur.json", cwd=tmp_path)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1
    assert "HP002" in run.stdout + run.stderr


@pytest.mark.parametrize("output", ["text", "github"])
def test_terminal_escapes_in_keys_are_not_echoed_raw(tmp_path: Path, output: str) -> None:
    (tmp_path / "esc.yaml").write_text(
        'hplint: 1\ntraining:\n  "\\e[31m\\e]0;pwned\\a": 1\n', encoding="utf-8"
    )
    run = run_cli("check", "--format", output, "esc.yaml", cwd=tmp_path)
    assert run.returncode == 1
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b[31m" in run.stdout


def test_a_file_of_thousands_of_problems_makes_a_bounded_report(tmp_path: Path) -> None:
    """16,000 duplicate keys on one 200 KB line: at most 1,000 diagnostics and one that says how
    many more, each with a short excerpt (the whole line under each was gigabytes)."""
    pairs = ", ".join(f'"k": {i}' for i in range(16_000))
    (tmp_path / "dup.json").write_text(f'{{"hplint": 1, "é": {{{pairs}}}}}', encoding="utf-8")
    run = run_cli("check", "--format", "json", "dup.json", cwd=tmp_path)
    found = json.loads(run.stdout)
    assert len(found) == 1001
    assert found[-1]["code"] == "HP000" and found[-1]["severity"] == "info"
    assert "more were found" in found[-1]["message"]
    text = run_cli("check", "dup.json", cwd=tmp_path)
    assert text.returncode == 1
    assert len(text.stdout) < 2_000_000, len(text.stdout)


def test_long_line_excerpts_keep_the_caret_under_the_problem() -> None:
    from hplint.reporters.text import EXCERPT_WIDTH, _excerpt

    line = "x" * 500 + "BAD" + "y" * 500
    shown, column, width = _excerpt(line, 501, 3)
    assert len(shown) <= EXCERPT_WIDTH + 2
    assert shown[column - 1 : column - 1 + width] == "BAD"
    assert _excerpt("short: BAD", 8, 3) == ("short: BAD", 8, 3)
    start, column, width = _excerpt(line, 1, 3)
    assert start.startswith("xxx") and column == 1
