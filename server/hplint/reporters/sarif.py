"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

One run; the tool driver lists every rule (id, name, short and full description, help, helpUri,
default level) so `ruleIndex` points into it. Locations use 1-based lines and columns counted in
Unicode code points (`columnKind`), the end column exclusive. Relative paths become relative URI
references against `%SRCROOT%` (the working directory, given in `originalUriBaseIds`), percent-
encoded where needed; absolute paths outside the working directory become `file://` URIs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from hplint import __version__
from hplint.diagnostics import Severity
from hplint.reporters import FileReport
from hplint.reporters._positions import one_based
from hplint.rules import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def artifact_location(path: str, cwd: Path | None = None) -> dict[str, str]:
    """A SARIF `artifactLocation` for a path as the user gave it."""
    if path == "-":
        return {"uri": "stdin"}
    candidate = Path(path)
    if candidate.is_absolute():
        base = (cwd or Path.cwd()).resolve()
        try:
            candidate = candidate.resolve().relative_to(base)
        except (ValueError, OSError):
            return {"uri": candidate.as_uri()}
    posix = PurePosixPath(candidate.as_posix()).as_posix()
    return {"uri": quote(posix, safe="/-._~!$&'()*+,;=@"), "uriBaseId": SRCROOT}


def _region(span_positions: tuple[int, int, int, int]) -> dict[str, int]:
    line, column, end_line, end_column = span_positions
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def document(reports: Iterable[FileReport]) -> dict[str, Any]:
    reports = list(reports)
    # Only the rules the run reports: a code-scanning upload describes what it found (every
    # rule's full page made a three-finding report 340 KB).
    reported = {d.code for report in reports for d in report.result.diagnostics}
    rules = [rule for rule in all_rules() if rule.code in reported]
    index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    cwd = Path.cwd()
    for report in reports:
        location = artifact_location(report.path, cwd)
        lines = report.result.lines
        for diagnostic in report.result.diagnostics:
            result: dict[str, Any] = {
                "ruleId": diagnostic.code,
                "level": _LEVELS[diagnostic.severity],
                "message": {"text": diagnostic.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": dict(location),
                            "region": _region(one_based(lines, diagnostic.span)),
                        }
                    }
                ],
            }
            if diagnostic.code in index:
                result["ruleIndex"] = index[diagnostic.code]
            if diagnostic.related:
                result["relatedLocations"] = [
                    {
                        "id": number,
                        "physicalLocation": {
                            "artifactLocation": dict(location),
                            "region": _region(one_based(lines, related.span)),
                        },
                        "message": {"text": related.message},
                    }
                    for number, related in enumerate(diagnostic.related, start=1)
                ]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hplint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/hplint/hplint",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.explanation},
                                "help": {"text": rule.explanation, "markdown": rule.markdown()},
                                "helpUri": rule.url,
                                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                                "properties": {"tags": ["hplint", rule.name]},
                            }
                            for rule in rules
                        ],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(cwd)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _directory_uri(directory: Path) -> str:
    uri = directory.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(reports: Iterable[FileReport]) -> str:
    return json.dumps(document(reports), indent=2, ensure_ascii=False) + "\n"


__all__ = ["SARIF_SCHEMA", "artifact_location", "document", "render"]
