"""Engine values → LSP types. Every position goes through the client's position codec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from hplint.text import LineIndex, Span

if TYPE_CHECKING:
    from cattrs import Converter

    from hplint.diagnostics import Diagnostic, Edit
    from hplint.engine import LintResult

SOURCE = "hplint"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}


class PositionMapper:
    """Code-point offsets of one text ↔ LSP positions in the negotiated encoding."""

    __slots__ = ("codec", "lines", "text")

    def __init__(self, text: str, codec: PositionCodec, lines: LineIndex | None = None) -> None:
        self.text = text
        self.codec = codec
        self.lines = lines if lines is not None else LineIndex(text)

    def position(self, offset: int) -> types.Position:
        line, character = self.point(offset)
        return types.Position(line=line, character=character)

    def point(self, offset: int) -> tuple[int, int]:
        """(line, character) of `offset`, without building a `types.Position` (whose
        validators cost more than the look-up: the outline of a large file has thousands)."""
        point = self.lines.position(offset)
        start = self.lines.line_start(point.line)
        prefix = self.text[start : start + point.column]
        return point.line, point.column if prefix.isascii() else self._units(prefix)

    def range_json(self, span: Span) -> dict[str, dict[str, int]]:
        """`range(span)` as the JSON the client receives."""
        start_line, start_character = self.point(span.start)
        end_line, end_character = self.point(span.end)
        return {
            "start": {"line": start_line, "character": start_character},
            "end": {"line": end_line, "character": end_character},
        }

    def _units(self, prefix: str) -> int:
        """`prefix`'s length in the client's code units, counted by a C-speed encode: a Python
        loop per character made 1,000 diagnostics on one 24 KB line take minutes (#21)."""
        encoding = str(getattr(self.codec.encoding, "value", self.codec.encoding))
        if encoding == "utf-32":
            return len(prefix)
        if encoding == "utf-8":
            return len(prefix.encode("utf-8", "surrogatepass"))
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position (clamped into the text)."""
        line = max(position.line, 0)
        if line >= self.lines.line_count:
            return len(self.text)
        start = self.lines.line_start(line)
        end = self.lines.line_end(line, self.text)
        body = self.text[start:end]
        wanted = max(position.character, 0)
        if body.isascii():
            return start + min(wanted, len(body))
        units = 0
        for index, char in enumerate(body):
            if units >= wanted:
                return start + index
            units += self.codec.impl.code_units_for_char(char)
        return end

    def text_edit(self, edit: Edit) -> types.TextEdit:
        return types.TextEdit(range=self.range(edit.span), new_text=edit.new_text)


def _range_json(rng: types.Range) -> dict[str, Any]:
    return {
        "start": {"line": rng.start.line, "character": rng.start.character},
        "end": {"line": rng.end.line, "character": rng.end.character},
    }


def edit_json(mapper: PositionMapper, edit: Edit) -> dict[str, Any]:
    return {"range": _range_json(mapper.range(edit.span)), "newText": edit.new_text}


def range_from_json(data: Any) -> types.Range | None:
    try:
        return types.Range(
            start=types.Position(
                line=int(data["start"]["line"]), character=int(data["start"]["character"])
            ),
            end=types.Position(
                line=int(data["end"]["line"]), character=int(data["end"]["character"])
            ),
        )
    except (KeyError, TypeError, ValueError):
        return None


def to_lsp_diagnostic(
    diagnostic: Diagnostic, mapper: PositionMapper, uri: str, result: LintResult
) -> types.Diagnostic:
    from hplint.rules import get_rule
    from hplint.services.code_actions import disable_edit, fix_title

    rule_ = get_rule(diagnostic.code)
    tags = []
    if "deprecated" in diagnostic.tags:
        tags.append(types.DiagnosticTag.Deprecated)
    if "unnecessary" in diagnostic.tags:
        tags.append(types.DiagnosticTag.Unnecessary)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=mapper.range(item.span)), message=item.message
        )
        for item in diagnostic.related
    ]
    data: dict[str, Any] = {"code": diagnostic.code}
    title = fix_title(diagnostic)
    if title is not None and diagnostic.fix is not None:
        data["fix"] = {
            "title": title,
            "applicability": diagnostic.fix.applicability.value,
            "edits": [edit_json(mapper, e) for e in diagnostic.fix.edits],
        }
    line = mapper.lines.position(diagnostic.span.start).line
    disable = disable_edit(result.text, mapper.lines, result.suppressions, line, diagnostic.code)
    if disable is not None:
        data["disable"] = edit_json(mapper, disable)
    url = rule_.url if rule_ is not None else None
    return types.Diagnostic(
        range=mapper.range(diagnostic.span),
        message=diagnostic.message,
        severity=_SEVERITY.get(diagnostic.severity.value, types.DiagnosticSeverity.Warning),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related or None,
        tags=tags or None,
        data=data,
    )


def to_lsp_diagnostics(
    result: LintResult, uri: str, codec: PositionCodec
) -> list[types.Diagnostic]:
    mapper = PositionMapper(result.text, codec, result.lines)
    return [to_lsp_diagnostic(d, mapper, uri, result) for d in result.diagnostics]


class RawJSON(list):  # type: ignore[type-arg]
    """A result built in its JSON shape (dicts, lists, numbers, strings): the server's converter
    hands it to `json.dumps` as it is. Without it pygls walks every dict of the result through
    cattrs: for the outline of a 10,000-line sweep that took longer than computing it."""


def hplint_converter() -> Converter:
    """pygls' converter, plus: a `RawJSON` result is already unstructured."""
    from pygls.protocol import default_converter

    converter: Converter = default_converter()  # type: ignore[no-untyped-call]
    converter.register_unstructure_hook(RawJSON, _as_it_is)
    return converter


def _as_it_is(value: RawJSON) -> RawJSON:
    return value
