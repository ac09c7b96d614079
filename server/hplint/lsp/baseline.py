"""HP104's baseline for open documents: the file at `HEAD`, else the text it was opened with.

The committed text is read with git in the lint thread, never on the event loop, and cached per
(work tree, commit of `HEAD`, file): `HEAD`'s commit is read from the repository's files on each
lint (`git.head_token`), so a commit or a checkout is a new key, and the watchers on `.git/HEAD`
and `.git/refs` relint the open documents when it moves. A file that is untracked, outside a
repository, or in one git cannot read is compared with its text when it was opened.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Final

from hplint.git import (
    GitUnavailable,
    UnknownRevision,
    committed_texts,
    find_repository,
    head_token,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from hplint.engine import Baseline

MAX_CACHED: Final = 256
OPENED_LABEL: Final = "you opened the file"


class Baselines:
    def __init__(self, log: Callable[[str], None]) -> None:
        self._log = log
        self._lock = threading.Lock()
        self._committed: dict[tuple[Path, str, Path], str | None] = {}
        self._opened: dict[str, str] = {}
        self._noted: set[Path] = set()

    def opened(self, uri: str, text: str) -> None:
        with self._lock:
            self._opened[uri] = text

    def closed(self, uri: str) -> None:
        with self._lock:
            self._opened.pop(uri, None)

    def for_document(self, uri: str, path: str | None, *, fetch: bool) -> Baseline | None:
        """The baseline of an open document. `fetch`: may run git (only off the event loop);
        otherwise only what is cached is used."""
        from hplint.engine import Baseline

        committed = self._committed_text(Path(path), fetch=fetch) if path else None
        if committed is not None:
            return Baseline(committed, "HEAD")
        with self._lock:
            opened = self._opened.get(uri)
        return Baseline(opened, OPENED_LABEL) if opened is not None else None

    def _committed_text(self, path: Path, *, fetch: bool) -> str | None:
        repository = find_repository(path)
        if repository is None:
            return None
        commit = head_token(repository)
        if commit is None:
            return None
        key = (repository, commit, path)
        with self._lock:
            if key in self._committed:
                return self._committed[key]
        if not fetch:
            return None
        try:
            text = committed_texts(repository, commit, [path]).texts.get(path)
        except UnknownRevision:  # HEAD's files name no commit git knows
            return None
        except GitUnavailable as error:
            if repository not in self._noted:
                self._noted.add(repository)
                self._log(f"hplint: no baseline for HP104 in {repository}: {error}")
            return None
        with self._lock:
            if len(self._committed) >= MAX_CACHED:
                self._committed.clear()
            self._committed[key] = text
        return text
