"""SARIF against the official SARIF 2.1.0 schemas; GitHub annotations parsed back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator

from hplint.cli import main
from hplint.rules import all_rules

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "sarif"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

BAD = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Examples copied under awkward names, linted from the directory with relative paths."""
    monkeypatch.chdir(tmp_path)
    names = []
    for index, source in enumerate(sorted((EXAMPLES / "mistakes").iterdir())):
        folder = tmp_path / ("my configs" if index % 2 else "déjà vu")
        folder.mkdir(exist_ok=True)
        name = f"{folder.name}/{source.stem} #{index},x:y{source.suffix}"
        (tmp_path / name).write_bytes(source.read_bytes())
        names.append(name)
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    names.append("bad.yaml")
    return names


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["check", *args])
    return capsys.readouterr().out


def test_sarif_is_valid_against_the_official_schemas(
    tree: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    sarif = json.loads(_run(capsys, "--format", "sarif", *tree))
    standard = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errata = json.loads((SCHEMAS / "sarif-schema-2.1.0-errata01.json").read_text(encoding="utf-8"))
    assert standard["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert errata["$schema"] == "http://json-schema.org/draft-04/schema#"
    for validator in (Draft7Validator(standard), Draft4Validator(errata)):
        errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert len(sarif["runs"][0]["results"]) > 20


def test_sarif_driver_lists_the_reported_rules_and_results_point_into_it(
    tree: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    run = json.loads(_run(capsys, "--format", "sarif", *tree))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    reported = {r["ruleId"] for r in run["results"]}
    assert [r["id"] for r in rules] == [r.code for r in all_rules() if r.code in reported]
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["helpUri"].startswith("https://")
    expected = json.loads(_run(capsys, "--format", "json", *tree))
    assert len(run["results"]) == len(expected)
    for result, item in zip(run["results"], expected, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == item["code"]
        assert result["message"]["text"] == item["message"]
        assert result["level"] == {"error": "error", "warning": "warning"}.get(
            item["severity"], "note"
        )
        location = result["locations"][0]["physicalLocation"]
        assert location["region"] == {
            "startLine": item["line"],
            "startColumn": item["column"],
            "endLine": item["end_line"],
            "endColumn": item["end_column"],
        }
        artifact = location["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert " " not in artifact["uri"] and "#" not in artifact["uri"]
        from urllib.parse import unquote

        assert unquote(artifact["uri"]) == item["path"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "bad.yaml" in uris
    assert any(u.startswith("d%C3%A9j%C3%A0%20vu/") and "%20%23" in u for u in uris)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_absolute_paths_become_relative_or_file_uris(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "repo"
    inside.mkdir()
    (inside / "a b.yaml").write_text(BAD, encoding="utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(inside)
    run = json.loads(_run(capsys, "--format", "sarif", str(inside / "a b.yaml"), str(outside)))
    artifacts = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["runs"][0]["results"]
    ]
    assert artifacts[0] == {"uri": "a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifacts[-1] == {"uri": outside.resolve().as_uri()}


_ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m.group(1)).decode(), text)


def parse_annotations(output: str) -> list[dict[str, Any]]:
    """GitHub workflow commands back into their fields (the runner's own parsing rules)."""
    parsed = []
    for line in output.splitlines():
        match = _ANNOTATION.match(line)
        assert match, line
        props = dict(part.split("=", 1) for part in match.group("props").split(","))
        parsed.append(
            {
                "level": match.group("level"),
                "file": _unescape(props["file"]),
                "line": int(props["line"]),
                "col": int(props["col"]),
                "endLine": int(props["endLine"]),
                "endColumn": int(props["endColumn"]),
                "title": _unescape(props["title"]),
                "message": _unescape(match.group("message")),
            }
        )
    return parsed


def test_github_annotations_round_trip_to_the_json_output(
    tree: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    annotations = parse_annotations(_run(capsys, "--format", "github", *tree))
    expected = json.loads(_run(capsys, "--format", "json", *tree))
    assert len(annotations) == len(expected) > 20
    levels = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}
    for annotation, item in zip(annotations, expected, strict=True):
        assert annotation == {
            "level": levels[item["severity"]],
            "file": item["path"],
            "line": item["line"],
            "col": item["column"],
            "endLine": item["end_line"],
            "endColumn": item["end_column"],
            "title": item["code"],
            "message": f"{item['name']}: {item['message']}",
        }
    assert any("," in a["file"] and ":" in a["file"] for a in annotations)  # escaped and back


def test_github_format_is_automatic_on_actions_and_keeps_counts_on_stderr(
    tree: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", *tree]) == 1
    captured = capsys.readouterr()
    assert all(line.startswith("::") for line in captured.out.splitlines())
    assert "1  HP007  duplicate-key" in captured.err and "Found " in captured.err
    assert main(["check", "--format", "text", "bad.yaml"]) == 1  # an explicit format wins
    assert capsys.readouterr().out.startswith("bad.yaml:3:18: HP008")


def test_example_workflow_uploads_the_sarif_it_writes() -> None:
    import yaml

    workflow = yaml.safe_load((EXAMPLES.parent / "docs" / "examples" / "hplint.yml").read_text())
    job = workflow["jobs"]["code-scanning"]
    assert job["permissions"]["security-events"] == "write"
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("--format sarif" in run and "> hplint.sarif" in run for run in runs)
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "hplint.sarif" and upload["if"] == "always()"
    annotate = [step.get("run", "") for step in workflow["jobs"]["annotations"]["steps"]]
    assert "hplint check ." in annotate
