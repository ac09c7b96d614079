"""Settings and project-config changes: `didChangeConfiguration`, watched files, saves."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from lsprotocol import types

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost

CONFIG_FILE_NAMES = (".hplint.toml", "hplint.toml", "pyproject.toml")
# Where HEAD moves (a commit, a checkout, a reset): HP104's baseline is the file at HEAD.
GIT_REF_PATTERNS = ("**/.git/HEAD", "**/.git/refs/**", "**/.git/packed-refs")
WATCHER_ID = "hplint-config-files"


def is_config_file(uri: str) -> bool:
    return PurePosixPath(unquote(urlparse(uri).path)).name in CONFIG_FILE_NAMES


async def register_watchers(ls: FeatureHost) -> None:
    if not ls.client_supports("workspace.did_change_watched_files.dynamic_registration", False):
        return
    patterns = [f"**/{name}" for name in CONFIG_FILE_NAMES] + list(GIT_REF_PATTERNS)
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in patterns]
    )
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id=WATCHER_ID,
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=options,
                    )
                ]
            )
        )
    except Exception as exc:
        ls.log(f"hplint: could not register file watchers: {exc}", types.MessageType.Warning)


async def configuration_changed(
    ls: FeatureHost, params: types.DidChangeConfigurationParams
) -> None:
    before = ls.generation
    if ls.client_supports("workspace.configuration", False):
        await ls.pull_configuration()
    elif params.settings is not None:
        ls.set_editor_settings(params.settings)
    if ls.generation == before:
        ls.generation += 1  # project files may have changed too: re-lint anyway
    ls.relint_all()


def is_git_ref(uri: str) -> bool:
    parts = PurePosixPath(unquote(urlparse(uri).path)).parts
    return ".git" in parts and (parts[-1] in ("HEAD", "packed-refs") or "refs" in parts)


def watched_files_changed(ls: FeatureHost, params: types.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(change.uri) for change in params.changes):
        ls.invalidate_project_settings()
        ls.relint_all()
    elif any(is_git_ref(change.uri) for change in params.changes):
        ls.generation += 1  # HEAD moved: every baseline may be another commit's
        ls.relint_all()


def on_saved(ls: FeatureHost, uri: str) -> None:
    if is_config_file(uri):
        ls.invalidate_project_settings()
        ls.relint_all()
