"""Bytes or text → `Document`: decoding, the size cap, and the choice of parser."""

from __future__ import annotations

import codecs
from typing import Final

from hplint.codes import PARSE_ERROR
from hplint.document.json_parser import parse_json
from hplint.document.model import (
    AliasNode,
    Document,
    MappingNode,
    Node,
    ParseProblem,
    SequenceNode,
)
from hplint.document.values import MAX_EXPANDED_NODES
from hplint.document.yaml_parser import MAX_DEPTH, find_comments, parse_yaml
from hplint.text import Span

MAX_FILE_BYTES: Final = 5 * 1024 * 1024
"""Files larger than this get one HP000 diagnostic and are not parsed (product spec)."""

JSON_SUFFIXES: Final = (".json", ".jsonc", ".json5")


def language_for(path: str | None, language_id: str | None = None) -> str:
    """`"json"` or `"yaml"`: from the editor's language id, else the file name."""
    if language_id in ("json", "jsonc"):
        return "json"
    if language_id == "yaml":
        return "yaml"
    if path and path.lower().endswith(JSON_SUFFIXES):
        return "json"
    return "yaml"


def decode(data: bytes) -> tuple[str, ParseProblem | None]:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Invalid bytes do not stop linting: they are replaced and reported once as HP000.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                text = data.decode(encoding, errors="replace")
                return text, _encoding_problem(text, exc, encoding)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, _encoding_problem(text, exc, "UTF-8")


def _encoding_problem(text: str, exc: UnicodeDecodeError, encoding: str) -> ParseProblem:
    # Offsets after a replacement differ from byte offsets; point at the first replacement.
    where = text.find("\ufffd")
    where = max(where, 0)
    return ParseProblem(
        PARSE_ERROR,
        f"The file is not valid {encoding} (byte {exc.start}: {exc.reason}); "
        "invalid bytes were replaced before linting.",
        Span(where, min(where + 1, len(text))),
    )


def parse_text(text: str, language: str) -> Document:
    """Parse text that is already decoded; never raises for bad input."""
    if len(text) > MAX_FILE_BYTES:  # a cheap bound before encoding: a code point is ≥ 1 byte
        return _too_large(text, len(text))
    if "\x00" in text:
        where = text.index("\x00")
        document = Document(text=text, language=language)
        document.problems.append(
            ParseProblem(
                PARSE_ERROR,
                "The file contains a NUL byte; it is binary, not YAML or JSON.",
                Span(where, where + 1),
            )
        )
        # Comments still count: a `# hplint: format=…` modeline makes the HP000 visible.
        document.comments = find_comments(text)
        return document
    if language == "json":
        return parse_json(text)
    document = parse_yaml(text)
    if "*" in text:  # no alias without a `*`: plain files skip the walk
        _bound_aliases(document)
    return document


def _bound_aliases(document: Document) -> None:
    """Refuse documents whose aliases expand too deep or too wide, before anyone expands them.

    The parser caps the nesting that is *written*; aliases multiply it: `a1: &a1 [*a0]`,
    `a2: &a2 [*a1]`, … nests one level per line, and a chain of merge keys (`<<: *a1`) does the
    same for mappings. Everything downstream (plain values, merged entries, the adapters and the
    rules) recurses through aliases, so the expanded depth is bounded here, once, by the same
    `MAX_DEPTH`; the expanded size (an upper bound of what `to_python` would build, merges
    included) by `MAX_EXPANDED_NODES`. One pass over the tree: anchors come before their aliases
    and never contain them, so each node is measured once. A document over either bound keeps
    no tree (like a syntax error) and gets one HP000 at the alias that contributes most.
    """
    for root in document.roots:
        if root.node is None:
            continue
        sizes, depths = _measure(root.node)
        node = root.node
        if depths[id(node)] > MAX_DEPTH:
            message = f"YAML aliases nest values deeper than {MAX_DEPTH} levels"
            measure = depths
        elif sizes[id(node)] > MAX_EXPANDED_NODES:
            message = f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values"
            measure = sizes
        else:
            continue
        culprit = _largest_alias(node, measure)
        document.problems.append(
            ParseProblem(
                PARSE_ERROR,
                f"{message}; hplint does not expand them and does not lint this document.",
                culprit.span,
            )
        )
        root.node = None


def _children(node: Node) -> list[Node]:
    if isinstance(node, AliasNode):
        return [node.target]
    if isinstance(node, SequenceNode):
        return node.items
    if isinstance(node, MappingNode):
        return [entry.value for entry in node.entries]
    return []


def _measure(root: Node) -> tuple[dict[int, int], dict[int, int]]:
    """Expanded size and depth of every node below `root`, iteratively (no recursion)."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        size = 1 + sum(sizes[id(child)] for child in children)
        depth = max((depths[id(child)] for child in children), default=-1)
        sizes[key] = min(size, MAX_EXPANDED_NODES + 1)  # saturate: keep the integers small
        depths[key] = depth if isinstance(node, AliasNode) else depth + 1
    return sizes, depths


def _largest_alias(root: Node, measure: dict[int, int]) -> Node:
    """Follow the biggest child down to the first alias on the way (the root if none)."""
    node = root
    while not isinstance(node, AliasNode):
        children = _children(node)
        if not children:
            return root
        node = max(children, key=lambda child: measure[id(child)])
    return node


def _too_large(text: str, size: int) -> Document:
    document = Document(text=text, language="yaml")
    document.problems.append(
        ParseProblem(
            PARSE_ERROR,
            f"The file is {size:,} bytes, over hplint's {MAX_FILE_BYTES:,}-byte limit; "
            "it was not parsed.",
            Span(0, 0),
        )
    )
    return document


def parse_bytes(data: bytes, language: str) -> Document:
    """Decode and parse file contents; never raises for bad input."""
    if len(data) > MAX_FILE_BYTES:
        return _too_large("", len(data))
    text, problem = decode(data)
    document = parse_text(text, language)
    if problem is not None:
        document.problems.insert(0, problem)
    return document
