"""editor-client/protocol.json from the server's side: the custom requests of the VS Code client.

The server must register exactly the methods the contract names, and its answers, read off the
wire from a real `hplint lsp` process, must validate against the contract's result schemas. The
client's side (method constants and TypeScript types) is checked by
editor-client/test/unit/protocol.test.ts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from lsprotocol import types

from tests.conftest import REPO
from tests.lsp.helpers import RawClient

CONTRACT = json.loads((REPO / "editor-client" / "protocol.json").read_text(encoding="utf-8"))
REQUESTS: dict[str, dict[str, Any]] = {r["method"]: r for r in CONTRACT["requests"]}

NATIVE = "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n"
WANDB = "method: bayes\nmetric:\n  name: val_loss\n  goal: minimize\nparameters:\n  lr:\n    min: 0.0001\n    max: 0.1\n"
NOT_TUNING = "services:\n  web:\n    image: nginx\n"


class Prefix(str):
    """An expected string the answer's string must start with."""


# (method, params, the answer); together they give every top-level result type the contract
# allows for each method (test_the_cases_cover_the_contract).
CASES: list[tuple[str, dict[str, Any], Any]] = [
    (
        "hplint/documentInfo",
        {"textDocument": {"uri": "native.yaml"}},
        {"format": "hplint", "label": "hplint config"},
    ),
    (
        "hplint/documentInfo",
        {"textDocument": {"uri": "sweep.yaml"}},
        {"format": "wandb-sweep", "label": "W&B sweep"},
    ),
    (
        "hplint/documentInfo",
        {"textDocument": {"uri": "compose.yaml"}},
        {"format": None, "label": None},
    ),
    (
        "hplint/documentInfo",
        {"textDocument": {"uri": "not-open.yaml"}},
        {"format": None, "label": None},
    ),
    ("hplint/ruleDocs", {"code": "HP008"}, {"markdown": Prefix("# yaml11-float-read-as-string")}),
    ("hplint/ruleDocs", {"code": "HP999"}, None),
]
OPEN = {"native.yaml": NATIVE, "sweep.yaml": WANDB, "compose.yaml": NOT_TUNING}


def _json_type(value: Any) -> str:
    """The JSON Schema type name of a top-level value (the cases use objects and null)."""
    return "null" if value is None else "object" if isinstance(value, dict) else "other"


def _matches(actual: Any, expected: Any) -> bool:
    if isinstance(expected, Prefix):
        return isinstance(actual, str) and actual.startswith(expected)
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(_matches(actual[k], v) for k, v in expected.items())
        )
    return bool(actual == expected)


def _with_uris(params: dict[str, Any], workspace: Path) -> dict[str, Any]:
    """The case's params with its file name turned into a URI under `workspace`."""
    document = params.get("textDocument")
    if document is None:
        return params
    return {**params, "textDocument": {"uri": (workspace / document["uri"]).as_uri()}}


def test_the_contract_schemas_are_json_schemas() -> None:
    assert CONTRACT["description"]
    assert len(REQUESTS) == len(CONTRACT["requests"]), "a method is listed twice"
    for method, request in REQUESTS.items():
        assert method.startswith("hplint/")
        assert request["description"]
        Draft202012Validator.check_schema(request["params"])
        Draft202012Validator.check_schema(request["result"])


def test_the_server_registers_exactly_the_contract_methods() -> None:
    from hplint.lsp.server import server

    registered = set(server.protocol.fm.features)
    custom = {method for method in registered if method not in types.METHOD_TO_TYPES}
    assert custom == set(REQUESTS)


def test_the_cases_cover_the_contract() -> None:
    assert {method for method, _, _ in CASES} == set(REQUESTS)
    for method, request in REQUESTS.items():
        declared = request["result"]["type"]
        allowed = {declared} if isinstance(declared, str) else set(declared)
        answered = {_json_type(expected) for m, _, expected in CASES if m == method}
        assert answered == allowed, method


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RawClient, Path]]:
    """A real `hplint lsp` process, initialized, with the cases' documents open."""
    workspace = tmp_path_factory.mktemp("protocol")
    process = subprocess.Popen(
        [sys.executable, "-m", "hplint", "lsp", "--stdio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO / "server")},
        cwd=workspace,
    )
    assert process.stdout is not None and process.stdin is not None
    client = RawClient(process.stdout, process.stdin, process)
    try:
        init = client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": workspace.as_uri(), "capabilities": {}},
        )
        assert "result" in client.response(init, timeout=60)
        client.notify("initialized", {})
        for name, text in OPEN.items():
            document = {"uri": (workspace / name).as_uri(), "languageId": "yaml", "version": 1}
            client.notify("textDocument/didOpen", {"textDocument": {**document, "text": text}})
        yield client, workspace
        client.response(client.request("shutdown", None), timeout=10)
        client.notify("exit", None)
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdin.close()
        process.stdout.close()


@pytest.mark.lsp
@pytest.mark.parametrize(
    ("method", "params", "expected"),
    CASES,
    ids=[f"{m}({p.get('code') or p['textDocument']['uri']})" for m, p, _ in CASES],
)
def test_the_answers_have_the_documented_shape(
    session: tuple[RawClient, Path], method: str, params: dict[str, Any], expected: Any
) -> None:
    client, workspace = session
    params = _with_uris(params, workspace)
    Draft202012Validator(REQUESTS[method]["params"]).validate(params)
    response = client.response(client.request(method, params), timeout=60)
    assert "error" not in response, response
    result = response["result"]
    Draft202012Validator(REQUESTS[method]["result"]).validate(result)
    assert _matches(result, expected), result
