"""`--format json`: one JSON array of diagnostics, in the binding shape of the product spec."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable
from typing import Any

from hplint.reporters import FileReport
from hplint.reporters._positions import one_based
from hplint.rules.api import DOCS_BASE_URL


def diagnostic_objects(reports: Iterable[FileReport]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for report in reports:
        lines = report.result.lines
        for diagnostic in report.result.diagnostics:
            line, column, end_line, end_column = one_based(lines, diagnostic.span)
            item: dict[str, Any] = {
                "path": report.path,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "code": diagnostic.code,
                "name": diagnostic.name,
                "severity": diagnostic.severity.value,
                "message": diagnostic.message,
                "fix": None,
                "url": f"{DOCS_BASE_URL}/{diagnostic.code}.md",
            }
            if diagnostic.related:
                item["related"] = [
                    dict(
                        zip(
                            ("line", "column", "end_line", "end_column"),
                            one_based(lines, r.span),
                            strict=True,
                        )
                    )
                    | {"message": r.message}
                    for r in diagnostic.related
                ]
            if diagnostic.fix is not None:
                item["fix"] = {
                    "description": diagnostic.fix.description,
                    "applicability": diagnostic.fix.applicability.value,
                    "edits": [
                        dict(
                            zip(
                                ("line", "column", "end_line", "end_column"),
                                one_based(lines, e.span),
                                strict=True,
                            )
                        )
                        | {"content": e.new_text}
                        for e in diagnostic.fix.edits
                    ],
                }
            items.append(item)
    return items


def render(reports: Iterable[FileReport]) -> str:
    return _json.dumps(diagnostic_objects(reports), indent=2, ensure_ascii=False) + "\n"
