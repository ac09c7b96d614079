"""Start-up of the language server: keep the code that attrs and cattrs generate.

lsprotocol defines about 570 attrs classes, and attrs writes and compiles the source of their
`__init__`, `__eq__`, `__repr__`, ... when `lsprotocol.types` is imported; cattrs does the same
for a structuring function per message type when pygls first meets it. `compile` is the largest
single cost between spawning the server and answering `initialize` (≈ 0.2 s of ≈ 0.7 s on the
benchmark machine), and it produces the same code objects in every run. So the entry points
call `keep_generated_code()` before importing pygls: it serves those `compile` calls from a
marshal file in the user's cache directory and adds what a session had to compile.

A cache entry is found by the file name, the mode and the `__future__` flags the caller's code
would have passed on, and used only for the very same source, so a kept code object is exactly
what `compile` would return; the file is per Python bytecode version and optimisation level.
A missing, unreadable, foreign-owned or corrupt file only means compiling as usual.
`HPLINT_NO_CACHE=1` turns the cache off; `HPLINT_CACHE_DIR` moves it.
"""

from __future__ import annotations
import __future__

import atexit
import functools
import gc
import marshal
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

# Modules whose generated code is kept: each calls the builtin `compile` by name.
_GENERATING_MODULES = ("attr._make", "cattrs.gen", "cattrs.gen.typeddicts")
# The flags `compile` inherits from its caller's code: the `__future__` features (the obsolete
# `nested_scopes` bit is also `CO_NESTED`, which is not inherited).
_FUTURE_FLAGS = functools.reduce(
    lambda flags, name: flags | getattr(__future__, name).compiler_flag,
    [name for name in __future__.all_feature_names if name != "nested_scopes"],
    0,
)

# (file name, mode, flags) -> (source, code): the source is compared on every hit, so a kept
# code object is always for the very same text (no hash, hence no collision to rule out).
_Key = tuple[str, str, int]
_Entry = tuple[str, CodeType]


class GeneratedCodeCache:
    """Code objects by (file name, mode, future flags) and source, loaded from and saved to one
    file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded: dict[_Key, _Entry] = _read(path)
        self.used: dict[_Key, _Entry] = {}
        self.compiled = 0  # compiled this session (not found in the file)
        self.saved_compiled = 0  # `compiled` when last saved
        self._lock = threading.Lock()

    def compile(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        """`compile` for the generating modules, with the caller's inherited flags made
        explicit (so a kept code object equals a fresh one)."""
        if args or kwargs or not isinstance(source, str) or not isinstance(filename, str):
            return compile(source, filename, mode, *args, **kwargs)
        flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        key = (filename, mode, flags)
        entry = self.loaded.get(key)
        if entry is None or entry[0] != source:
            entry = (source, compile(source, filename, mode, flags, True))
            self.compiled += 1
        self.used[key] = entry
        return entry[1]

    def save(self) -> None:
        """Write the file again if this session compiled something it lacked. Entries other
        sessions used stay (a session that never hovers still keeps the hover code); one per
        generated file name, so upgrades replace entries instead of piling them up."""
        with self._lock:
            if self.compiled == self.saved_compiled:
                return
            self.saved_compiled = self.compiled
            entries = {**self.loaded, **self.used}
        import tempfile  # only when writing: it costs start-up ≈ 7 ms to import

        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _trusted_directory(self.path.parent):
                return  # a directory others may write: never put code there
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    marshal.dump(entries, stream)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs the next start-up some time


_INSTALLED: list[GeneratedCodeCache] = []  # at most one per process
_BEGUN: list[tuple[int, ...]] = []  # the collector's thresholds before `begin()`


def begin() -> None:
    """Make the imports before `initialize` cheaper; the entry points call this before they
    import pygls. Besides keeping generated code, it lets the cyclic garbage collector run less
    often: creating lsprotocol's classes allocates hundreds of thousands of objects and frees
    few (the classes attrs replaces by slotted ones), so at the default threshold the collector
    walks the growing heap about 115 times (≈ 70 ms here); at 10,000 it walks it 8 times
    (≈ 35 ms) and still frees that garbage. (Turning it off saves the rest, but leaves ≈ 9 MB
    of garbage to free later, in the way of the first diagnostics.) `end()` restores it."""
    if not _BEGUN:
        _BEGUN.append(gc.get_threshold())
        gc.set_threshold(10_000, 10, 10)
    keep_generated_code()


def end() -> None:
    """After `initialize`: the collector's usual thresholds again."""
    if _BEGUN:
        gc.set_threshold(*_BEGUN.pop())


def keep_generated_code() -> GeneratedCodeCache | None:
    """Serve the generating modules' `compile` from the cache file (once per process), and
    save what was compiled at exit. Call before importing pygls or lsprotocol."""
    if _INSTALLED:
        return _INSTALLED[0]
    if os.environ.get("HPLINT_NO_CACHE"):
        return None
    directory = cache_directory()
    if directory is None:
        return None
    name = f"generated-code-{sys.implementation.cache_tag}-O{sys.flags.optimize}.marshal"
    cache = GeneratedCodeCache(directory / name)
    modules = [_import(name) for name in _GENERATING_MODULES]
    for module in modules:
        if module is not None:
            module.compile = cache.compile  # type: ignore[attr-defined]
    _INSTALLED.append(cache)
    atexit.register(cache.save)
    return cache


def save_generated_code() -> None:
    """Write the cache now (the server calls this once it is warm; exit writes it again)."""
    for cache in _INSTALLED:
        cache.save()


def cache_directory() -> Path | None:
    """hplint's directory in the platform's user cache location."""
    override = os.environ.get("HPLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "hplint" / "Cache" if base else None
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "hplint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache") / "hplint"


def _read(path: Path) -> dict[_Key, _Entry]:
    """The entries of the cache file, or none. The file is opened without following a symlink
    and without blocking (a FIFO planted there would stall start-up), and read only if it is a
    regular file, in a directory, that this user owns and nobody else may write."""
    flags = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # missing, a symlink (ELOOP), unreadable
        return {}
    try:
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or not _trusted(status):
                return {}
            if not _trusted_directory(path.parent):
                return {}
            # one read: `marshal.load(stream)` reads object by object through the file API
            data = marshal.loads(stream.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry for key, entry in data.items() if _well_formed(key, entry)}


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _trusted(status: os.stat_result) -> bool:
    """Code is only read from a file this user owns and nobody else may write."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the per-user LOCALAPPDATA is not shared
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _trusted_directory(directory: Path) -> bool:
    """A directory this user owns that others cannot write to: nobody else can swap the file.
    (Group-writable is allowed: with per-user groups, umask 002 makes every directory so.)"""
    if not hasattr(os, "getuid"):
        return True
    try:
        status = os.lstat(directory)
    except OSError:
        return False
    return (
        stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o002
    )


def _well_formed(key: object, entry: object) -> bool:
    """((file name, mode, flags), (source, code)), as `GeneratedCodeCache.save` writes them."""
    match key, entry:
        case (str(), str(), int()), (str(), CodeType()):
            return True
    return False


def _import(name: str) -> ModuleType | None:
    try:
        __import__(name)
    except ImportError:
        return None
    module = sys.modules.get(name)
    compile_name: Callable[..., Any] | None = getattr(module, "compile", None)
    # Only modules that use the builtin (a module defining its own `compile` is left alone).
    return module if compile_name is None or compile_name is compile else None
