"""`--fix` writes only what it may (#21): never through a symlink to outside the linted tree,
never a read-only file or one edited while it ran; hard links and owners are kept; a failed
write is an error, never "Fixed"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hplint.cli import main

SOURCE = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n"
FIXED = SOURCE.replace("1e-3", "1.0e-3")


def _fix(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str, str]:
    code = main(["check", "--fix", "--no-baseline", *paths])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_link_out_of_the_tree_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(SOURCE, encoding="utf-8")
    tree = tmp_path / "project"
    tree.mkdir()
    (tree / "link.yaml").symlink_to(outside)
    (tree / "inside.yaml").write_text(SOURCE, encoding="utf-8")
    (tree / "inner-link.yaml").symlink_to(tree / "inside.yaml")
    code, out, err = _fix(capsys, str(tree))
    assert code == 2
    assert outside.read_text(encoding="utf-8") == SOURCE
    assert f"link.yaml: not fixed: it is a link to {outside.resolve()}, outside" in err
    assert (tree / "inside.yaml").read_text(encoding="utf-8") == FIXED  # a link inside is fine
    assert "Fixed" in out


def test_read_only_and_concurrently_edited_files_are_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only = tmp_path / "read-only.yaml"
    read_only.write_text(SOURCE, encoding="utf-8")
    read_only.chmod(0o444)
    if os.access(read_only, os.W_OK):  # root writes anyway: hplint must still refuse
        monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    code, out, err = _fix(capsys, str(read_only))
    assert code == 2 and "not fixed: it is read-only; the file is unchanged" in err
    assert read_only.read_text(encoding="utf-8") == SOURCE
    assert "Fixed" not in out
    monkeypatch.undo()

    edited = tmp_path / "edited.yaml"
    edited.write_text(SOURCE, encoding="utf-8")
    import hplint.fixes

    real_fix_text = hplint.fixes.fix_text

    def fix_while_the_user_saves(*args: object, **kwargs: object) -> object:
        edited.write_text(SOURCE + "# saved by the user meanwhile\n", encoding="utf-8")
        return real_fix_text(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hplint.fixes, "fix_text", fix_while_the_user_saves)
    code, _, err = _fix(capsys, str(edited))
    assert code == 2 and "not fixed: it changed while hplint ran" in err
    assert edited.read_text(encoding="utf-8").endswith("# saved by the user meanwhile\n")


def test_hard_links_and_the_owner_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.yaml"
    first.write_text(SOURCE, encoding="utf-8")
    second = tmp_path / "second.yaml"
    os.link(first, second)
    inode = first.stat().st_ino
    if os.geteuid() == 0:
        os.chown(first, 4242, 4242)  # root fixes someone else's file
    code, _, _ = _fix(capsys, str(first))
    assert code == 0
    assert first.stat().st_ino == inode and second.stat().st_ino == inode
    assert second.read_text(encoding="utf-8") == FIXED
    if os.geteuid() == 0:
        assert (first.stat().st_uid, first.stat().st_gid) == (4242, 4242)


def test_a_failed_write_is_an_error_not_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "train.yaml"
    target.write_text(SOURCE, encoding="utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, out, err = _fix(capsys, str(target))
    assert code == 2
    assert "not fixed: could not write it (No space left on device)" in err
    assert "Fixed" not in out and "All checks passed" not in out
    assert target.read_text(encoding="utf-8") == SOURCE
