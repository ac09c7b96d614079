"""Safe loading and a closed world: no tag constructs anything, nothing is fetched, nothing
outside the package's schemas is read through a schema name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hplint.engine import lint
from hplint.resources import schema_file

from .helpers import REPO, assert_spans_inside, no_network, run_cli

SHARED = REPO.parent / "shared"
LINTABLE = (".yaml", ".yml", ".json")


def _all_samples() -> list[Path]:
    roots = [
        REPO / "examples",
        REPO / "tests" / "rules" / "fixtures",
        REPO / "tests" / "formats",
        SHARED / "corpus" / "realworld",
    ]
    return sorted(
        p
        for root in roots
        if root.is_dir()
        for p in root.rglob("*")
        if p.is_file() and p.suffix in LINTABLE
    )


EXECUTING_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ['{marker}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    "!ruby/object:Gem::Installer [1]",
    "!custom-tag 1",
]


def _tag_config(tag: str, marker: Path) -> str:
    value = tag.format(marker=marker)
    return f"hplint: 1\ntraining:\n  learning_rate: {value}\nmodel:\n  estimator: {value}\n"


@pytest.mark.parametrize("tag", EXECUTING_TAGS)
def test_tags_are_reported_never_constructed(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = _tag_config(tag, marker)
    result = lint(text, path="train.yaml")
    assert any(d.code == "HP010" for d in result.diagnostics), result.diagnostics
    assert_spans_inside(result)
    config = tmp_path / "train.yaml"
    config.write_text(text)
    run = run_cli("check", "--format", "json", "--fix", "train.yaml", cwd=tmp_path)
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    assert "HP010" in {d["code"] for d in json.loads(run.stdout or "[]")}
    assert not marker.exists(), "a YAML tag was constructed"


def test_remote_refs_are_never_fetched() -> None:
    texts = [
        "$schema: https://example.invalid/schema.json\nhplint: 1\ntraining: {learning_rate: 0.1}\n",
        "hplint: 1\nmodel: {$ref: 'https://example.invalid/x.json#/a'}\n",
        '{"$schema": "http://10.255.255.1/s.json", "HyperParameterTuningJobConfig": '
        '{"$ref": "https://example.invalid/r.json"}}',
        "$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json\ntype: sweep\n"
        "search_space: {lr: {$ref: 'http://example.invalid/a'}}\n",
    ]
    with no_network() as attempts:
        for index, text in enumerate(texts):
            result = lint(text, path=f"remote{index}.json" if text.startswith("{") else "r.yaml")
            assert_spans_inside(result)
    assert attempts == []


def test_guard_really_blocks() -> None:
    import socket

    with no_network() as attempts, pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
    assert len(attempts) == 1


def test_no_socket_while_linting_every_sample() -> None:
    samples = _all_samples()
    assert len(samples) > 100, "examples, fixtures and the corpus should all be found"
    with no_network() as attempts:
        for path in samples:
            result = lint(path.read_text(encoding="utf-8", errors="replace"), path=str(path))
            assert not result.internal_errors, (path, result.internal_errors)
            assert_spans_inside(result)
    assert attempts == []


@pytest.mark.parametrize(
    "name",
    ["../pyproject.toml", "../../etc/passwd", "/etc/passwd", "estimators/../../README.md", ".."],
)
def test_schema_names_cannot_escape_the_schema_directory(name: str) -> None:
    with pytest.raises(ValueError, match="escapes"):
        schema_file(name)


def test_schema_names_inside_resolve() -> None:
    assert schema_file("hplint.schema.json").is_file()
