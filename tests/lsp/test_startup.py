"""Start-up of the language server: the kept generated code (`hplint.lsp.startup`)."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Imports lsprotocol with the cache in place, then checks every generated function of every
# lsprotocol class against a fresh compile of the source attrs recorded in `linecache`.
_PROBE = textwrap.dedent(
    """
    import gc, linecache, sys
    from hplint.lsp import startup
    before = gc.get_threshold()
    startup.begin()
    assert gc.get_threshold()[0] > before[0]
    import lsprotocol.types as types
    from pygls.protocol import default_converter
    cache = startup.keep_generated_code()
    compared = 0
    for name in dir(types):
        cls = getattr(types, name)
        for attribute in ("__init__", "__repr__", "__eq__", "__ne__"):
            code = getattr(getattr(cls, attribute, None), "__code__", None)
            if code is None or not code.co_filename.startswith("<attrs generated"):
                continue
            source = "".join(linecache.cache[code.co_filename][2])
            module = compile(source, code.co_filename, "exec", dont_inherit=True,
                             flags=__import__("__future__").annotations.compiler_flag)
            fresh = next(c for c in module.co_consts
                         if getattr(c, "co_name", None) == code.co_name)
            assert fresh == code, (name, attribute)
            compared += 1
    converter = default_converter()
    position = converter.structure({"line": 1, "character": 2}, types.Position)
    assert position == types.Position(line=1, character=2), position
    assert converter.unstructure(position) == {"line": 1, "character": 2}
    import os
    if os.environ.get("PROBE_EXTRA"):  # a session that also meets another message type
        converter.structure({"contents": "x"}, types.Hover)
    cache.save()
    startup.end()
    assert gc.get_threshold() == before
    print(cache.compiled, len(cache.loaded), compared)
    """
)


def _probe(cache_dir: Path, **env: str) -> tuple[int, int, int]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HPLINT_CACHE_DIR": str(cache_dir), **env},
    )
    assert result.returncode == 0, result.stderr
    compiled, loaded, compared = (int(part) for part in result.stdout.split())
    return compiled, loaded, compared


def _cache_file(cache_dir: Path) -> Path:
    files = list(cache_dir.glob("generated-code-*.marshal"))
    assert len(files) == 1, files
    return files[0]


def test_second_start_compiles_nothing_and_gets_the_same_code(tmp_path: Path) -> None:
    compiled, loaded, compared = _probe(tmp_path)
    assert compiled > 500 and loaded == 0 and compared > 500
    assert _cache_file(tmp_path).stat().st_mode & 0o077 == 0  # private to the user
    compiled, loaded, compared = _probe(tmp_path)
    assert compiled == 0 and loaded > 500 and compared > 500


def test_what_other_sessions_compiled_is_kept(tmp_path: Path) -> None:
    first, _, _ = _probe(tmp_path)
    extra, loaded, _ = _probe(tmp_path, PROBE_EXTRA="1")
    assert 0 < extra < 20 and loaded == first
    compiled, loaded, _ = _probe(tmp_path)  # a session without the extra type keeps it
    assert compiled == 0 and loaded == first + extra
    compiled, loaded, _ = _probe(tmp_path, PROBE_EXTRA="1")
    assert compiled == 0 and loaded == first + extra


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal data",
        b"\xe3" + b"\x00" * 40,
        marshal.dumps({("<attrs generated methods x.Y>", "exec", 0): ("source", 5)}),
        marshal.dumps([1, 2, 3]),
    ],
    ids=["empty", "garbage", "truncated", "wrong-entry", "not-a-dict"],
)
def test_a_damaged_cache_only_means_compiling(tmp_path: Path, damage: bytes) -> None:
    _probe(tmp_path)
    _cache_file(tmp_path).write_bytes(damage)
    compiled, loaded, _ = _probe(tmp_path)
    assert compiled > 500 and loaded == 0
    compiled, loaded, _ = _probe(tmp_path)  # and it was written again
    assert compiled == 0 and loaded > 500


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_others_may_write_is_not_read(tmp_path: Path) -> None:
    _probe(tmp_path)
    _cache_file(tmp_path).chmod(0o666)
    compiled, loaded, _ = _probe(tmp_path)
    assert compiled > 500 and loaded == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_at_the_cache_path_neither_stalls_nor_is_read(tmp_path: Path) -> None:
    # Opening it for reading used to block start-up until someone wrote to it (#21).
    _probe(tmp_path)
    path = _cache_file(tmp_path)
    path.unlink()
    os.mkfifo(path)
    compiled, loaded, _ = _probe(tmp_path)  # within _probe's timeout, not forever
    assert compiled > 500 and loaded == 0


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX O_NOFOLLOW")
def test_a_symlink_at_the_cache_path_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    _probe(elsewhere)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / _cache_file(elsewhere).name).symlink_to(_cache_file(elsewhere))
    compiled, loaded, _ = _probe(cache)  # a valid cache, but only through the link
    assert compiled > 500 and loaded == 0
    assert not (cache / _cache_file(elsewhere).name).is_symlink()  # replaced, not written through


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_directory_others_may_write_is_neither_read_nor_written(tmp_path: Path) -> None:
    _probe(tmp_path)
    tmp_path.chmod(0o777)  # like /tmp without the sticky bit: anyone could swap the file
    try:
        compiled, loaded, _ = _probe(tmp_path)
        assert compiled > 500 and loaded == 0
        shared = tmp_path / "shared"
        shared.mkdir(mode=0o777)
        shared.chmod(0o777)
        _probe(shared)
        assert not list(shared.iterdir())  # nothing saved there
    finally:
        tmp_path.chmod(0o700)


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from hplint.lsp import startup; print(startup.begin())"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HPLINT_CACHE_DIR": str(tmp_path), "HPLINT_NO_CACHE": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.iterdir())


def test_an_unwritable_cache_directory_is_harmless(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("x")
    compiled, loaded, _ = _probe(blocked / "cache")
    assert compiled > 500 and loaded == 0
