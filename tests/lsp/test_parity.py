"""The CLI (`hplint check --format json`) and the server report identical diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.lsp.helpers import REPO, SERVER_COMMAND, diagnostics_for, open_document, prepare, units

pytestmark = pytest.mark.lsp

SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}


def corpus() -> list[Path]:
    files = [
        *sorted((REPO / "examples").rglob("*.yaml")),
        *sorted((REPO / "examples").rglob("*.yml")),
        *sorted((REPO / "examples").rglob("*.json")),
        *sorted((REPO / "tests" / "rules" / "fixtures").rglob("*.yaml")),
        *sorted((REPO / "tests" / "rules" / "fixtures").rglob("*.yml")),
        *sorted((REPO / "tests" / "rules" / "fixtures").rglob("*.json")),
    ]
    return [f for f in files if f.is_file()]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def vscode(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    prepare(lsp_client)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=REPO.as_uri()
        )
    )
    yield
    await lsp_client.shutdown_session()


def cli_run(files: list[Path]) -> dict[Path, list[dict[str, object]]]:
    """One CLI run over every file; JSON items grouped by resolved path."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "hplint",
            "check",
            "--format",
            "json",
            "--exit-zero",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert completed.returncode in (0, 1), completed.stderr
    grouped: dict[Path, list[dict[str, object]]] = {}
    for item in json.loads(completed.stdout or "[]"):
        grouped.setdefault((REPO / str(item["path"])).resolve(), []).append(item)
    return grouped


def cli_diagnostics(
    path: Path, raw: list[dict[str, object]]
) -> list[tuple[str, int, int, int, int, int, str]]:
    text = path.read_text(encoding="utf-8-sig" if path.suffix != ".json" else "utf-8")
    lines = text.splitlines(keepends=False) or [""]

    def utf16(line: int, column: int) -> int:
        body = lines[line - 1] if line - 1 < len(lines) else ""
        return units(body[: column - 1], "utf-16")

    items = []
    for item in raw:  # type: ignore[assignment]
        items.append(
            (
                item["code"],
                item["line"] - 1,
                utf16(item["line"], item["column"]),
                item["end_line"] - 1,
                utf16(item["end_line"], item["end_column"]),
                SEVERITY[item["severity"]],
                item["message"],
            )
        )
    return sorted(items)


async def test_cli_and_server_agree(vscode: LanguageClient) -> None:
    files = corpus()
    assert files, "no examples or rule fixtures found"
    mismatches = []
    cli = cli_run(files)
    for index, path in enumerate(files):
        uri = path.as_uri()
        text = path.read_bytes().decode("utf-8")
        language = "json" if path.suffix == ".json" else "yaml"
        open_document(vscode, uri, text, version=1, language=language)
        diagnostics = await diagnostics_for(vscode, uri, 1)
        server = sorted(
            (
                str(d.code),
                d.range.start.line,
                d.range.start.character,
                d.range.end.line,
                d.range.end.character,
                int(d.severity or 0),
                d.message,
            )
            for d in diagnostics
        )
        expected = cli_diagnostics(path, cli.get(path.resolve(), []))
        if server != expected:
            mismatches.append((path.relative_to(REPO), expected, server))
        vscode.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        del index
    assert not mismatches, "\n".join(
        f"{p}:\n  cli:    {c}\n  server: {s}" for p, c, s in mismatches
    )
