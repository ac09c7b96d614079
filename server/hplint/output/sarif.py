"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hplint import __version__
from hplint.diagnostics import Severity
from hplint.output import FileReport
from hplint.output._positions import one_based
from hplint.rules import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def _uri(path: str) -> str:
    return Path(path).as_posix() if path != "-" else "stdin"


def document(reports: Iterable[FileReport]) -> dict[str, Any]:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for diagnostic in report.result.diagnostics:
            line, column, end_line, end_column = one_based(report.result.lines, diagnostic.span)
            result: dict[str, Any] = {
                "ruleId": diagnostic.code,
                "level": _LEVELS[diagnostic.severity],
                "message": {"text": diagnostic.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(report.path)},
                            "region": {
                                "startLine": line,
                                "startColumn": column,
                                "endLine": end_line,
                                "endColumn": end_column,
                            },
                        }
                    }
                ],
            }
            if diagnostic.code in index:
                result["ruleIndex"] = index[diagnostic.code]
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
                            }
                            for rule in rules
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(reports: Iterable[FileReport]) -> str:
    return json.dumps(document(reports), indent=2, ensure_ascii=False) + "\n"
