"""JSON text → node tree with exact spans, keeping duplicate keys.

`json.load` loses both positions and duplicate keys, so this is a small iterative parser. Strings
are decoded by the standard library's C `scanstring` (the same one `json` uses), numbers by one
regular expression, so a large file costs little more than `json.loads`. Nesting depth is capped
without recursion, so no input can exhaust the stack.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from typing import Final

from hplint.codes import DUPLICATE_KEY, PARSE_ERROR
from hplint.document.model import (
    Document,
    MappingEntry,
    MappingNode,
    Node,
    ParseProblem,
    ScalarNode,
    ScalarStyle,
    SequenceNode,
    YamlRoot,
)
from hplint.document.scalars import decimal_int
from hplint.document.yaml_parser import MAX_DEPTH, MAX_NODES, _assign_paths
from hplint.text import Span

_WS: Final = re.compile(r"[ \t\n\r]*")
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS: Final = {"true": True, "false": False, "null": None}
# The C string scanner `json` itself uses; typeshed does not declare it.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class JsonSyntaxError(Exception):
    def __init__(self, message: str, offset: int, *, limit: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.limit = limit  # one of hplint's safety limits, not a syntax error


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[ParseProblem] = []

    def skip_ws(self, index: int) -> int:
        match = _WS.match(self.text, index)
        return match.end() if match else index

    def scalar(self, index: int) -> ScalarNode:
        text = self.text
        char = text[index] if index < len(text) else ""
        if char == '"':
            try:
                value, end = _scanstring(text, index + 1, True)
            except json.JSONDecodeError as exc:
                raise JsonSyntaxError(exc.msg, exc.pos) from None
            return ScalarNode(Span(index, end), value, text[index:end], ScalarStyle.JSON)
        for word, literal in _LITERALS.items():
            if text.startswith(word, index):
                end = index + len(word)
                return ScalarNode(Span(index, end), literal, word, ScalarStyle.JSON)
        match = _NUMBER.match(text, index)
        if match:
            raw = match.group()
            number: object = float(raw) if match.group(1) or match.group(2) else decimal_int(raw)
            return ScalarNode(Span(index, match.end()), number, raw, ScalarStyle.JSON)
        if not char:
            raise JsonSyntaxError("Expecting a value but the file ends", index)
        raise JsonSyntaxError(f"Expecting a value, found {char!r}", index)

    def parse(self) -> Node | None:
        text = self.text
        index = self.skip_ws(1 if text.startswith("\ufeff") else 0)
        if index >= len(text):
            return None
        # Each frame: (collection, pending key or None, seen keys for duplicates).
        stack: list[tuple[MappingNode | SequenceNode, list[Node | None], dict[str, Node]]] = []
        root: Node | None = None
        expect_value = True
        budget = MAX_NODES
        while True:
            index = self.skip_ws(index)
            if expect_value:
                budget -= 1
                if budget < 0:
                    raise JsonSyntaxError(
                        f"The file holds more than {MAX_NODES:,} values; hplint does not read it.",
                        index,
                        limit=True,
                    )
                char = text[index] if index < len(text) else ""
                if char in "{[":
                    if len(stack) >= MAX_DEPTH:
                        raise JsonSyntaxError(
                            f"Nesting is deeper than {MAX_DEPTH} levels; hplint does not read "
                            "this file.",
                            index,
                            limit=True,
                        )
                    collection: MappingNode | SequenceNode = (
                        MappingNode(Span(index, index + 1), flow=True)
                        if char == "{"
                        else SequenceNode(Span(index, index + 1), flow=True)
                    )
                    stack.append((collection, [None], {}))
                    index = self.skip_ws(index + 1)
                    closer = "}" if char == "{" else "]"
                    if index < len(text) and text[index] == closer:
                        stack.pop()
                        collection.span = Span(collection.span.start, index + 1)
                        node: Node = collection
                        index += 1
                    else:
                        if char == "{":
                            index = self.key(index, stack[-1])
                        continue
                else:
                    node = self.scalar(index)
                    index = node.span.end
                if not stack:
                    root = node
                    index = self.skip_ws(index)
                    if index < len(text):
                        raise JsonSyntaxError("Extra data after the top-level value", index)
                    return root
                self.attach(stack[-1], node)
                expect_value = False
                continue
            # After a value inside a collection: `,` or the closer.
            collection = stack[-1][0]
            char = text[index] if index < len(text) else ""
            closer = "}" if isinstance(collection, MappingNode) else "]"
            if char == ",":
                index = self.skip_ws(index + 1)
                if isinstance(collection, MappingNode):
                    index = self.key(index, stack[-1])
                expect_value = True
                continue
            if char == closer:
                stack.pop()
                collection.span = Span(collection.span.start, index + 1)
                index += 1
                if not stack:
                    index = self.skip_ws(index)
                    if index < len(text):
                        raise JsonSyntaxError("Extra data after the top-level value", index)
                    return collection
                self.attach(stack[-1], collection)
                continue
            if not char:
                raise JsonSyntaxError(f"Expecting ',' or '{closer}' but the file ends", index)
            raise JsonSyntaxError(f"Expecting ',' or '{closer}', found {char!r}", index)

    def key(
        self,
        index: int,
        frame: tuple[MappingNode | SequenceNode, list[Node | None], dict[str, Node]],
    ) -> int:
        text = self.text
        if index >= len(text) or text[index] != '"':
            raise JsonSyntaxError("Expecting a property name in double quotes", index)
        key = self.scalar(index)
        index = self.skip_ws(key.span.end)
        if index >= len(text) or text[index] != ":":
            raise JsonSyntaxError("Expecting ':' after the property name", index)
        frame[1][0] = key
        return index + 1

    def attach(
        self,
        frame: tuple[MappingNode | SequenceNode, list[Node | None], dict[str, Node]],
        node: Node,
    ) -> None:
        collection, pending, seen = frame
        if isinstance(collection, SequenceNode):
            collection.items.append(node)
            return
        key = pending[0]
        assert key is not None
        pending[0] = None
        entry = MappingEntry(key, node)
        name = entry.key_text
        first = seen.get(name)
        if first is not None:
            self.problems.append(
                ParseProblem(
                    DUPLICATE_KEY,
                    f"Duplicate key `{name}`: JSON loaders keep only the last value, silently "
                    "dropping the first.",
                    key.span,
                    ((first.span, "first definition"),),
                )
            )
        else:
            seen[name] = key
        collection.entries.append(entry)


def parse_json(text: str) -> Document:
    """Parse JSON; never raises for bad input: problems are recorded instead."""
    document = Document(text=text, language="json")
    parser = _Parser(text)
    try:
        root = parser.parse()
    except JsonSyntaxError as exc:
        offset = min(exc.offset, len(text))
        document.problems.append(
            ParseProblem(
                PARSE_ERROR,
                exc.message if exc.limit else f"JSON syntax error: {exc.message}",
                Span(offset, min(offset + 1, len(text))),
            )
        )
        return document
    document.problems.extend(parser.problems)
    if root is not None:
        _assign_paths(root, None, ())
    document.roots.append(YamlRoot(root, Span(0, len(text)), 0))
    return document
