"""`--fix` and `--diff` round trips: minimal edits, encodings, idempotence, atomic writes."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from hplint.cli import encode_like, main
from hplint.diagnostics import Diagnostic, Edit, Fix, Severity
from hplint.engine import lint
from hplint.fixes import fix_text
from hplint.text import Span

# Comments, a quoted non-ASCII value, key order, two safe fixes (HP008) and one unsafe (HP009).
SOURCE = (
    "# tuning config — ünïcode ✓\n"
    "hplint: 1   # marker\n"
    "data:\n"
    '  train: "données/train.csv"\n'
    "training:\n"
    "  # the rate\n"
    '  learning_rate: 1e-3   # "quoted" é\n'
    "  weight_decay: 5E-4\n"
    "  epochs: 30\n"
    "  shuffle: yes\n"
)
SAFE_FIXED = SOURCE.replace("1e-3", "1.0e-3").replace("5E-4", "5.0e-4")
ALL_FIXED = SAFE_FIXED.replace("shuffle: yes", "shuffle: true")


def _variants() -> list[tuple[str, str, bytes]]:
    """(id, text, bytes) for every encoding and line ending `--fix` must preserve."""
    crlf = SOURCE.replace("\n", "\r\n")
    return [
        ("utf8-lf", SOURCE, SOURCE.encode("utf-8")),
        ("utf8-crlf", crlf, crlf.encode("utf-8")),
        ("utf8-bom-crlf", crlf, codecs.BOM_UTF8 + crlf.encode("utf-8")),
        ("utf16le-bom", SOURCE, codecs.BOM_UTF16_LE + SOURCE.encode("utf-16-le")),
        ("utf16be-bom-crlf", crlf, codecs.BOM_UTF16_BE + crlf.encode("utf-16-be")),
        ("utf32le-bom", SOURCE, codecs.BOM_UTF32_LE + SOURCE.encode("utf-32-le")),
    ]


def _expected(original: bytes, text: str, fixed: str) -> bytes:
    if text != SOURCE:  # CRLF variant
        fixed = fixed.replace("\n", "\r\n")
    if original.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8 + fixed.encode("utf-8")
    return encode_like(fixed, original)


@pytest.mark.parametrize(("name", "text", "original"), _variants(), ids=[v[0] for v in _variants()])
def test_fix_round_trip_preserves_encoding_line_endings_and_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, original: bytes
) -> None:
    target = tmp_path / "train.yaml"
    target.write_bytes(original)
    assert main(["check", "--fix", str(target)]) == 0  # changed the file; nothing remains
    out = capsys.readouterr().out
    assert "Fixed 2 problems in 1 file:\n  2  HP008  yaml11-float-read-as-string\n" in out
    assert "HP009" in out  # the unsafe fix is not applied; the hint remains and is listed
    after = target.read_bytes()
    assert after == _expected(original, text, SAFE_FIXED), name
    # A second run changes nothing and passes (hints never fail a run).
    assert main(["check", "--fix", str(target)]) == 0
    assert target.read_bytes() == after
    assert "Fixed" not in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["train.yaml"]  # no temporary file left


def test_unsafe_fixes_only_with_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "train.yaml"
    target.write_text(SOURCE, encoding="utf-8")
    assert main(["check", "--fix", "--unsafe-fixes", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == ALL_FIXED
    assert "Fixed 3 problems in 1 file:" in capsys.readouterr().out
    assert main(["check", "--fix", "--unsafe-fixes", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == ALL_FIXED


def test_fix_preserves_mode_and_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(SOURCE, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert main(["check", "--fix", "--quiet", "--exit-non-zero-on-fix", str(link)]) == 1
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == SAFE_FIXED
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_interrupted_write_leaves_the_original_and_no_temp_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "train.yaml"
    original = codecs.BOM_UTF16_LE + SOURCE.replace("\n", "\r\n").encode("utf-16-le")
    target.write_bytes(original)

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    assert main(["check", "--fix", str(target)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["train.yaml"]


def test_interrupted_write_by_keyboard_interrupt_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hplint.cli import write_atomically

    target = tmp_path / "train.yaml"
    target.write_text(SOURCE, encoding="utf-8")

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, SAFE_FIXED, SOURCE.encode("utf-8"))
    assert target.read_text(encoding="utf-8") == SOURCE
    assert [p.name for p in tmp_path.iterdir()] == ["train.yaml"]


def test_file_with_undecodable_bytes_is_never_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "train.yaml"
    original = SOURCE.encode("utf-8").replace(b"# marker", b"# \xff\xfe marker")
    target.write_bytes(original)
    assert main(["check", "--fix", str(target)]) == 1  # HP000 for the bytes; no fix written
    assert target.read_bytes() == original
    assert "HP000" in capsys.readouterr().out


def test_diff_shows_fixes_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "train.yaml"
    target.write_text(SOURCE, encoding="utf-8")
    assert main(["check", "--diff", str(target)]) == 1
    captured = capsys.readouterr()
    assert f"--- {target}\n+++ {target}\n" in captured.out
    assert '-  learning_rate: 1e-3   # "quoted" é\n' in captured.out
    assert '+  learning_rate: 1.0e-3   # "quoted" é\n' in captured.out
    assert "+  shuffle" not in captured.out  # unsafe: not without --unsafe-fixes
    assert "Would fix 2 problems in 1 file (1 more with `--unsafe-fixes`)." in captured.err
    assert target.read_text(encoding="utf-8") == SOURCE
    assert main(["check", "--diff", "--unsafe-fixes", str(target)]) == 1
    assert "+  shuffle: true" in capsys.readouterr().out
    assert main(["check", "--diff", "--exit-zero", str(target)]) == 0
    with pytest.raises(SystemExit):
        main(["check", "--diff", "--fix", "--bogus"])
    assert main(["check", "--diff", "--fix", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == SOURCE


def test_fix_stdin_prints_fixed_text_and_reports_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SOURCE.encode())))
    assert main(["check", "--fix", "-", "--stdin-filename", "conf/train.yaml"]) == 0
    captured = capsys.readouterr()
    assert captured.out == SAFE_FIXED
    assert "conf/train.yaml:10:12: HP009" in captured.err
    # A file that is not a tuning config passes through unchanged.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"on: [push]\n")))
    assert main(["check", "--fix", "-"]) == 0
    assert capsys.readouterr().out == "on: [push]\n"


def _relint_with_breaking_fix(text: str) -> list[Diagnostic]:
    """Real diagnostics plus a bogus safe fix that would make the file unparsable."""
    diagnostics = list(lint(text, path="a.yaml").diagnostics)
    anchor = text.find("epochs")
    if anchor >= 0:
        diagnostics.append(
            Diagnostic(
                "HP999",
                "breaks-the-file",
                Severity.WARNING,
                "bogus",
                Span(anchor, anchor),
                fix=Fix("break it", (Edit(Span(anchor, anchor), "[: {\n"),)),
            )
        )
    return sorted(diagnostics, key=Diagnostic.sort_key)


def test_fix_that_would_break_parsing_is_dropped() -> None:
    assert any(
        d.code == "HP000" for d in lint(SOURCE.replace("epochs", "[: {\nepochs")).diagnostics
    )
    outcome = fix_text(SOURCE, _relint_with_breaking_fix)
    assert outcome.text == SAFE_FIXED  # the two real fixes applied, the bogus one dropped
    assert [d.code for d in outcome.applied] == ["HP008", "HP008"]
    assert [d.code for d in outcome.dropped] == ["HP999"]
    assert not any(d.code == "HP000" for d in outcome.remaining)


def test_fix_edits_follow_the_files_line_endings() -> None:
    crlf = SOURCE.replace("\n", "\r\n")

    def relint(text: str) -> list[Diagnostic]:
        start = text.find("epochs")
        if "warmup" in text:
            return []
        return [
            Diagnostic(
                "HP998",
                "insert-lines",
                Severity.WARNING,
                "insert",
                Span(start, start),
                fix=Fix("insert", (Edit(Span(start, start), "warmup: 1\n  "),)),
            )
        ]

    fixed = fix_text(crlf, relint).text
    assert "warmup: 1\r\n  epochs" in fixed
    assert "\n" not in fixed.replace("\r\n", "")


def test_fixing_twice_is_a_no_op_on_every_example(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    for source in sorted(examples.rglob("*")):
        if source.suffix not in (".yaml", ".json"):
            continue
        target = tmp_path / source.name
        target.write_bytes(source.read_bytes())
        main(["check", "--fix", "--unsafe-fixes", "--quiet", "--no-source", str(target)])
        once = target.read_bytes()
        assert main(["check", "--diff", "--unsafe-fixes", str(target)]) in (0, 1)
        main(["check", "--fix", "--unsafe-fixes", "--quiet", "--no-source", str(target)])
        assert target.read_bytes() == once, source.name
        assert not any(d.code == "HP000" for d in lint(once.decode(), path=str(target)).diagnostics)
