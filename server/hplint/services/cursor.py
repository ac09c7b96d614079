"""Where the cursor is: the YAML path at an offset, from the node tree or from indentation.

Completion runs while the user types, when the document is often not valid YAML (`  shu` inside
a mapping). `context_at` therefore derives the path from the indentation of the surrounding
lines, which needs no parse at all; `node_at` walks the parsed tree for hover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from hplint.document.model import (
    MappingEntry,
    MappingNode,
    Node,
    PathElement,
    ScalarNode,
    SequenceNode,
)

_KEY = re.compile(
    r"""^(?P<key>"[^"]*"|'[^']*'|[^\s#:'"{\[\-][^#:]*?|-[^\s#:][^#:]*?)\s*:(?=\s|$)(?P<rest>.*)$"""
)
_WORD = re.compile(r"[A-Za-z0-9_.$\-]*$")


@dataclass(slots=True)
class _Line:
    """One line of YAML read from its indentation and text alone: dashes, key and value."""

    first: int  # column of the first non-space character (-1 for blank or comment lines)
    dashes: list[int]  # columns of leading `- ` sequence markers
    key_col: int  # column where the (possible) key starts
    key: str | None  # the key text, when the line is `key: ...`
    value: str  # text after the colon, comments removed, stripped


def _strip_comment(text: str) -> str:
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return text[:index]
    return text


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        return key[1:-1]
    return key


def _parse_line(line: str) -> _Line:
    stripped = line.lstrip(" ")
    if not stripped.strip() or stripped.startswith("#"):
        return _Line(-1, [], -1, None, "")
    col = len(line) - len(stripped)
    first = col
    dashes: list[int] = []
    while stripped.startswith("- ") or stripped.rstrip() == "-":
        dashes.append(col)
        rest = stripped[1:]
        after = rest.lstrip(" ")
        col += 1 + len(rest) - len(after)
        stripped = after
        if not stripped:
            break
    match = _KEY.match(stripped)
    if match is None:
        return _Line(first, dashes, col, None, "")
    return _Line(
        first,
        dashes,
        col,
        _unquote(match.group("key").strip()),
        _strip_comment(match.group("rest")).strip(),
    )


@dataclass(slots=True)
class CursorContext:
    """Where completion is asked for: a key or a value, its YAML path and the prefix typed."""

    kind: Literal["key", "value"]
    path: tuple[PathElement, ...]  # the mapping holding the key (key) / the value's path (value)
    prefix: str  # what is typed of the current word
    prefix_start: int  # offset where that word starts
    key: str | None = None  # value context: the key of this line
    siblings: set[str] = field(default_factory=set)  # keys already present in the mapping


def _lines_of(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def context_at(text: str, offset: int) -> CursorContext | None:
    """The completion context at `offset` of a YAML text, from indentation alone."""
    offset = max(0, min(offset, len(text)))
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    line_no = text.count("\n", 0, line_start) + (
        text.count("\r", 0, line_start) - text.count("\r\n", 0, line_start)
    )
    lines = _lines_of(text)
    before = text[line_start:offset]
    if "#" in _strip_comment(before) != before:
        return None  # inside a comment
    current = (
        _parse_line(before + "x")
        if before.strip() == "" or before.rstrip().endswith("-")
        else _parse_line(before)
    )
    # Value position: `key: partial`
    if current.key is not None and before[current.key_col :].find(":") != -1:
        rest = before[current.key_col :].split(":", 1)[1]
        if rest[:1] in (" ", "\t") or rest == "":
            value = rest.lstrip()
            if value.startswith(("{", "[", "|", ">", "&", "*", "!")):
                return None
            quote = value[:1] if value[:1] in "'\"" else ""
            word = value[len(quote) :]
            path = _container_path(lines, line_no, current)
            if path is None:
                return None
            return CursorContext(
                "value", (*path, current.key), word, offset - len(word), key=current.key
            )
    # Key position: the word under the cursor on an otherwise key-less line.
    word_match = _WORD.search(before)
    word = word_match.group() if word_match else ""
    head = before[: len(before) - len(word)]
    if head.strip(" -") != "":
        return None
    line = _parse_line(head + "x")
    key_col = line.key_col if line.first != -1 else len(head)
    probe = _Line(line.first, line.dashes, key_col, None, "")
    path = _container_path(lines, line_no, probe)
    if path is None:
        return None
    siblings = set() if probe.dashes else _siblings(lines, line_no, key_col)
    return CursorContext("key", tuple(path), word, offset - len(word), siblings=siblings)


def _container_path(lines: list[str], line_no: int, current: _Line) -> list[PathElement] | None:
    """The path of the mapping that holds a key written at `current.key_col` on `line_no`."""
    path: list[PathElement] = []
    mode = "seq" if current.dashes else "mapping"
    target = current.key_col
    seq_col = current.dashes[-1] if current.dashes else -1
    count = 0
    for index in range(line_no - 1, -1, -1):
        line = lines[index]
        # A line indented deeper than the column looked for is skipped by both modes below
        # (its first character, dashes and key all sit right of it): skip it unparsed.
        if len(line) - len(line.lstrip(" ")) > (target if mode == "mapping" else seq_col):
            continue
        info = _parse_line(line)
        if info.first == -1:
            continue
        if mode == "mapping":
            if info.key_col == target and info.dashes and info.dashes[-1] < target:
                mode, seq_col, count = "seq", info.dashes[-1], 0
                continue
            if info.key_col >= target:
                continue
            if info.key is None or info.value not in ("",):
                return None if info.first < target else path
            path.insert(0, info.key)
            target = info.key_col
            if info.dashes:
                mode, seq_col, count = "seq", info.dashes[-1], 0
            continue
        # inside an item of a block sequence whose dash is at `seq_col`
        if (
            info.dashes
            and info.dashes[0] <= seq_col <= info.dashes[-1]
            and (info.dashes[-1] == seq_col or seq_col in info.dashes)
        ):
            count += 1
            continue
        if info.first > seq_col:
            continue
        if (
            info.key is not None
            and info.value == ""
            and not (info.dashes and info.dashes[-1] >= seq_col)
        ):
            path.insert(0, count)
            path.insert(0, info.key)
            target = info.key_col
            mode = "mapping"
            if info.dashes:
                mode, seq_col, count = "seq", info.dashes[-1], 0
            continue
        return None
    if mode == "seq":
        return None  # a sequence at the top level: no tuning format has one
    return path


def _siblings(lines: list[str], line_no: int, col: int) -> set[str]:
    found: set[str] = set()
    for step in (-1, 1):
        index = line_no + step
        while 0 <= index < len(lines):
            info = _parse_line(lines[index])
            index += step
            if info.first == -1:
                continue
            if info.key_col == col and info.key is not None:
                found.add(info.key)
                if info.dashes and info.dashes[-1] < col:
                    if step == -1:
                        break  # the first key of our sequence item
                    break  # the next item
                continue
            if info.first < col:
                break
    return found


@dataclass(slots=True)
class NodeHit:
    """The key or scalar value at an offset of a parsed tree (hover), with its entry and mapping."""

    kind: Literal["key", "value"]
    node: Node  # the key node or the scalar value node
    entry: MappingEntry | None
    mapping: MappingNode | None  # the mapping that holds `entry`


def _covers(node: Node, offset: int) -> bool:
    return node.span.start <= offset <= node.span.end


def node_at(root: Node | None, offset: int) -> NodeHit | None:
    """The key or scalar value at `offset` in a parsed tree."""
    current = root
    while current is not None:
        if isinstance(current, MappingNode):
            following: Node | None = None
            for entry in current.entries:
                if _covers(entry.key, offset) and entry.key.span.start != entry.key.span.end:
                    return NodeHit("key", entry.key, entry, current)
                value = entry.value
                if _covers(value, offset):
                    if isinstance(value, (MappingNode, SequenceNode)):
                        following = value
                        break
                    if value.span.start == value.span.end:
                        continue
                    return NodeHit("value", value, entry, current)
            current = following
        elif isinstance(current, SequenceNode):
            following = None
            for item in current.items:
                if _covers(item, offset):
                    if isinstance(item, ScalarNode):
                        return NodeHit("value", item, None, None)
                    following = item
                    break
            current = following
        else:
            return None
    return None


def mapping_at(root: Node | None, offset: int) -> MappingNode | None:
    """The innermost mapping whose span contains `offset` (JSON completion)."""
    best: MappingNode | None = None
    if root is None:
        return None
    for node in root.walk():
        if (
            isinstance(node, MappingNode)
            and node.span.start < offset < node.span.end
            and (best is None or node.span.start >= best.span.start)
        ):
            best = node
    return best
