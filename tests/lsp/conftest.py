"""pytest-lsp fixtures: the server as a subprocess, under several editors' capabilities."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp.helpers import (
    PROFILES,
    PULL_PROFILES,
    PUSH_PROFILES,
    REPO,
    SERVER_COMMAND,
    prepare,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/lsp/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.lsp)


async def _start(lsp_client: LanguageClient, profile: str) -> None:
    prepare(lsp_client)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(profile),
            root_uri=REPO.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=REPO.as_uri(), name="hplint")],
            initialization_options={"settings": {"enable": True}},
        )
    )
    lsp_client.init_result = result  # type: ignore[attr-defined]
    lsp_client.profile = profile  # type: ignore[attr-defined]


_CONFIG = ClientServerConfig(server_command=SERVER_COMMAND)


@pytest_lsp.fixture(config=_CONFIG, params=PROFILES)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The server under every editor profile."""
    await _start(lsp_client, request.param)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_CONFIG, params=PULL_PROFILES)
async def pull_client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Editors that ask for diagnostics (`textDocument/diagnostic`)."""
    await _start(lsp_client, request.param)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_CONFIG, params=PUSH_PROFILES)
async def push_client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Editors that only receive pushed diagnostics."""
    await _start(lsp_client, request.param)
    yield
    await lsp_client.shutdown_session()
