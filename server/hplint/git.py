"""The committed text of files, read from git for HP104's baseline (the CLI and the language
server; the engine never runs git).

git runs as a subprocess with an argument list (never a shell), a timeout, and never does what
would run a program a repository's own config names: `core.fsmonitor` is switched off for every
call, and no command reads the work tree through git (that would run `filter.*.clean` drivers):
`cat-file` reads objects, and renames are looked up between the revision and the index (`diff
--cached`, where external diffs and text conversions are off too). One `git cat-file --batch`
reads every file of a run; the rename look-up runs only when some file is not at the revision
under its path. The CLI's gitignore-aware file listing (`files.py`) runs git through `run_git`
as well.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

GIT_TIMEOUT: Final = 20.0
"""Seconds one git call may take before hplint gives up on the baseline."""

# Options that keep git from running programs a repository's config names.
_SAFE: Final = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.external=",
    "-c",
    "core.quotePath=false",
)


class GitUnavailable(Exception):
    """git is missing, timed out, or the repository is unreadable: the run goes on without a
    baseline, and says so once (`str(error)` completes "no baseline: …")."""


class UnknownRevision(Exception):
    """The revision the user asked for (`--baseline REV`) does not name a commit."""


@dataclass(slots=True)
class Committed:
    """What the revision holds for the files asked about."""

    revision: str  # the commit, as resolved
    texts: dict[Path, str] = field(default_factory=dict)  # file (as asked) -> committed text
    renamed: dict[Path, str] = field(default_factory=dict)  # file -> its path at the revision


def find_repository(path: Path) -> Path | None:
    """The work tree that holds `path` (the nearest folder with a `.git` entry), or None."""
    try:
        folder = path.resolve()
    except OSError:
        return None
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def committed_texts(root: Path, revision: str, files: Iterable[Path]) -> Committed:
    """The text of each of `files` (inside the work tree `root`) at `revision`.

    A file the revision lacks under its path, and did not have under an earlier name git
    detects as renamed, is left out (untracked and new files have no baseline); so is one whose
    bytes are not text. A repository without commits has no baseline for `HEAD`. Raises
    `UnknownRevision` for another revision that names no commit, `GitUnavailable` when git
    cannot answer."""
    wanted: dict[str, Path] = {}
    for file in files:
        relative = _relative(root, file)
        if relative is not None:
            wanted[relative] = file
    lines = [f"{revision}^{{commit}}", *(f"{revision}:{path}" for path in wanted)]
    answers = _batch(root, lines)
    head = answers[0]
    if head is None:
        if revision == "HEAD":
            return Committed("")  # no commit yet: nothing to compare with
        raise UnknownRevision(revision)
    commit = head[0]
    committed = Committed(commit)
    missing: list[str] = []
    for (path, file), answer in zip(wanted.items(), answers[1:], strict=True):
        if answer is None:
            missing.append(path)
        else:
            _store(committed, file, answer[1])
    if missing:
        renames = _renames(root, commit)
        earlier = {path: renames[path] for path in missing if path in renames}
        if earlier:
            found = _batch(root, [f"{commit}:{old}" for old in earlier.values()])
            for (path, old), answer in zip(earlier.items(), found, strict=True):
                if answer is not None:
                    _store(committed, wanted[path], answer[1])
                    committed.renamed[wanted[path]] = old
    return committed


def _store(committed: Committed, file: Path, data: bytes) -> None:
    from hplint.document.loader import decode

    text, problem = decode(data)
    if problem is None:
        committed.texts[file] = text


def _relative(root: Path, file: Path) -> str | None:
    try:
        relative = file.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    text = PurePosixPath(*relative.parts).as_posix()
    return None if "\n" in text or not relative.parts else text


def run_git(root: Path, *arguments: str, stdin: bytes | None = None) -> bytes:
    """`git -C root ARGUMENTS` with hplint's safety options; its stdout. Raises
    `GitUnavailable` when git is missing, fails or times out."""
    executable = shutil.which("git")
    if executable is None:
        raise GitUnavailable("git is not installed")
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        completed = subprocess.run(
            [executable, *_SAFE, "-C", str(root), *arguments],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env=environment,
        )
    except subprocess.TimeoutExpired as error:
        raise GitUnavailable(f"git took more than {GIT_TIMEOUT:.0f} s") from error
    except OSError as error:
        raise GitUnavailable(f"git could not run ({error.strerror or error})") from error
    if completed.returncode != 0:
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(reason[-1] if reason else f"git exited {completed.returncode}")
    return completed.stdout


def _batch(root: Path, requests: list[str]) -> list[tuple[str, bytes] | None]:
    """`git cat-file --batch` for each request: (object name, content), or None when missing."""
    output = run_git(
        root, "cat-file", "--batch", stdin="".join(f"{r}\n" for r in requests).encode()
    )
    answers: list[tuple[str, bytes] | None] = []
    at = 0
    for request in requests:
        end = output.index(b"\n", at)
        header = output[at:end].decode("utf-8", "replace").split(" ")
        at = end + 1
        # `<sha> <type> <size>`; anything else (`<request> missing`, `… ambiguous`) is none.
        if len(header) != 3 or not header[2].isdigit():
            answers.append(None)
            continue
        size = int(header[2])
        content = output[at : at + size]
        at += size + 1  # the content, then a newline
        # A request names a commit (`REV^{commit}`) or a file (`REV:path`, which must be a blob).
        wanted = "commit" if request.endswith("^{commit}") else "blob"
        answers.append((header[0], content) if header[1] == wanted else None)
    return answers


def _renames(root: Path, commit: str) -> dict[str, str]:
    """{path now: path at `commit`} for the files git sees renamed since it in the index
    (`git mv`, a staged rename — what pre-commit checks). The work tree is never compared: that
    would run the repository's clean filters."""
    output = run_git(
        root,
        "diff",
        "--cached",
        "--no-ext-diff",
        "--no-textconv",
        "--name-status",
        "-M",
        "-z",
        commit,
        "--",
    )
    fields = output.decode("utf-8", "surrogateescape").split("\0")
    renames: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            renames[fields[index + 2]] = fields[index + 1]
            index += 3
        else:
            index += 2
    return renames


def head_token(root: Path) -> str | None:
    """What `HEAD` of the work tree `root` points at, read from its files without running git
    (the language server asks on every keystroke): the commit, or None when there is none yet
    or the files cannot be read. A commit, a checkout or a reset changes it."""
    try:
        git_dir = _git_dir(root)
        head = (git_dir / "HEAD").read_text("utf-8").strip()
        if not head.startswith("ref: "):
            return head or None  # detached: the commit itself
        ref = head[len("ref: ") :].strip()
        common = _common_dir(git_dir)
        for folder in (git_dir, common):
            loose = folder / ref
            if loose.is_file():
                return loose.read_text("utf-8").strip() or None
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text("utf-8").splitlines():
                commit, _, name = line.partition(" ")
                if name.strip() == ref and not line.startswith(("#", "^")):
                    return commit
    except (OSError, UnicodeDecodeError):
        return None
    return None  # an unborn branch


def _git_dir(root: Path) -> Path:
    """`.git`, or for a linked work tree the folder its `.git` file names (`gitdir: …`)."""
    dot_git = root / ".git"
    if dot_git.is_file():
        target = dot_git.read_text("utf-8").strip().removeprefix("gitdir:").strip()
        return (root / target).resolve()
    return dot_git


def _common_dir(git_dir: Path) -> Path:
    """Where a linked work tree's refs live (`commondir`), else `git_dir` itself."""
    common = git_dir / "commondir"
    if common.is_file():
        return (git_dir / common.read_text("utf-8").strip()).resolve()
    return git_dir
