"""HP104 in the editor: the unsaved buffer against the file at HEAD (or as it was opened)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.git_repos import HF, LARGER, SGD, commit_files, git
from tests.lsp.helpers import change_document, diagnostics_for, open_document, uses_pull, wait_until

pytestmark = pytest.mark.lsp


def _committed(folder: Path, name: str, text: str) -> Path:
    commit_files(folder, {name: text})
    return folder / name


async def _hp104(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """HP104's diagnostics once the server has linted `version` (pushed or pulled)."""
    if not uses_pull(client):
        await wait_until(lambda: client.diagnostics.get(uri) is not None)
    return [d for d in await diagnostics_for(client, uri, version) if d.code == "HP104"]


async def test_the_unsaved_buffer_against_head(client: LanguageClient, tmp_path: Path) -> None:
    uri = _committed(tmp_path, "train.yaml", SGD).as_uri()
    open_document(client, uri, SGD)
    assert await _hp104(client, uri, 1) == []
    change_document(client, uri, LARGER, 2)  # not saved: the file on disk is unchanged
    await wait_until(lambda: uses_pull(client) or client.diagnostics.get(uri))
    found = await _eventually_hp104(client, uri, 2)
    assert len(found) == 1
    [finding] = found
    assert finding.range.start.line == 3  # the learning rate's line
    assert "256 → 1024" in finding.message and "(0.1)" in finding.message
    assert "since HEAD" in finding.message and "expected ≈0.4" in finding.message
    change_document(client, uri, LARGER.replace("0.1", "0.4"), 3)
    assert await _eventually_none(client, uri, 3)


async def test_a_commit_moves_the_baseline(client: LanguageClient, tmp_path: Path) -> None:
    path = _committed(tmp_path, "train.yaml", SGD)
    uri = path.as_uri()
    open_document(client, uri, LARGER)
    assert await _eventually_hp104(client, uri, 1)
    path.write_text(LARGER, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "larger batch, retuned")  # HEAD moves
    branch = git(tmp_path, "symbolic-ref", "--short", "HEAD").strip()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / ".git" / "refs" / "heads" / branch).as_uri(),
                    type=types.FileChangeType.Changed,
                )
            ]
        )
    )
    assert await _eventually_none(client, uri, 1)


async def test_a_trainer_config_in_the_editor(client: LanguageClient, tmp_path: Path) -> None:
    uri = _committed(tmp_path, "sft.yaml", HF).as_uri()
    open_document(client, uri, HF.replace("steps: 2", "steps: 8"))
    found = await _eventually_hp104(client, uri, 1)
    assert [d.range.start.line for d in found] == [1]


async def test_an_untracked_file_against_its_opened_text(
    client: LanguageClient, tmp_path: Path
) -> None:
    _committed(tmp_path, "other.yaml", "x: 1\n")
    uri = (tmp_path / "new.yaml").as_uri()
    open_document(client, uri, SGD)
    change_document(client, uri, LARGER, 2)
    found = await _eventually_hp104(client, uri, 2)
    assert "since you opened the file" in found[0].message


async def test_the_setting_turns_it_off(client: LanguageClient, tmp_path: Path) -> None:
    uri = _committed(tmp_path, "train.yaml", SGD).as_uri()
    client.set_configuration({"baseline": False}, section="hplint")  # type: ignore[attr-defined]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"hplint": {"baseline": False}})
    )
    open_document(client, uri, LARGER)
    assert await _eventually_none(client, uri, 1)


async def _eventually_hp104(
    client: LanguageClient, uri: str, version: int
) -> list[types.Diagnostic]:
    for _ in range(50):
        found = await _hp104(client, uri, version)
        if found:
            return found
        await _pause()
    raise AssertionError("no HP104")


async def _eventually_none(client: LanguageClient, uri: str, version: int) -> bool:
    for _ in range(50):
        if not await _hp104(client, uri, version):
            return True
        await _pause()
    return False


async def _pause() -> None:
    import asyncio

    await asyncio.sleep(0.1)
