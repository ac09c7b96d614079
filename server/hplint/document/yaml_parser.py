"""YAML text → node tree, built from the parser's event stream.

We compose nodes ourselves instead of using PyYAML's composer so that we can keep what a loader
throws away — duplicate keys, alias sites, exact spans, raw scalar text — and bound the work on
hostile input: nesting depth is capped here and alias expansion is capped where the tree is turned
into plain values (`hplint.document.values`). Tags are recorded, never constructed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

import yaml
import yaml.events as ev

from hplint.document.model import (
    AliasNode,
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
from hplint.document.scalars import resolve_plain
from hplint.text import Span

try:  # libyaml is several times faster; the pure-Python parser is the fallback.
    from yaml.cyaml import CParser as _EventParser  # type: ignore[attr-defined]

    USING_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.loader import SafeLoader as _EventParser  # type: ignore[assignment]

    USING_LIBYAML = False

MAX_DEPTH: Final = 200
"""Deepest nesting accepted; real configs stay far below it."""

_STANDARD_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "map",
        "seq",
        "binary",
        "timestamp",
        "merge",
        "omap",
        "set",
        "pairs",
        "value",
    )
)
_STYLES: Final = {
    None: ScalarStyle.PLAIN,
    "": ScalarStyle.PLAIN,
    "'": ScalarStyle.SINGLE_QUOTED,
    '"': ScalarStyle.DOUBLE_QUOTED,
    "|": ScalarStyle.LITERAL,
    ">": ScalarStyle.FOLDED,
}
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)


class _NestingTooDeep(Exception):
    def __init__(self, span: Span) -> None:
        super().__init__("nesting too deep")
        self.span = span


@dataclass(slots=True)
class _Frame:
    node: MappingNode | SequenceNode
    pending_key: Node | None = None
    seen: dict[str, Node] = field(default_factory=dict)


class _Composer:
    def __init__(self, text: str, shift: int, problems: list[ParseProblem]) -> None:
        self.text = text
        self.shift = shift  # libyaml does not count a byte-order mark; the pure parser does
        self.length = len(text)
        self.problems = problems
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()

    def span(self, event: ev.Event) -> Span:
        # Both libyaml's and PyYAML's marks carry `index` (code points, see `shift`).
        start = event.start_mark.index + self.shift  # type: ignore[union-attr]
        end = event.end_mark.index + self.shift  # type: ignore[union-attr]
        return Span(start, min(max(end, start), self.length))

    def check_tag(self, tag: str | None, span: Span) -> str | None:
        if tag is None or tag == "!":
            return None
        if tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(
                ParseProblem(
                    "HP010",
                    f"Tag `{shown}` is not a standard YAML tag; hplint never constructs it and "
                    "safe loaders reject it.",
                    span,
                )
            )
        return tag

    def scalar(self, event: ev.ScalarEvent) -> ScalarNode:
        span = self.span(event)
        style = _STYLES.get(event.style, ScalarStyle.PLAIN)
        if style in (ScalarStyle.LITERAL, ScalarStyle.FOLDED):
            end = span.end
            while end > span.start and self.text[end - 1] in " \t\r\n":
                end -= 1
            span = Span(span.start, end)
        raw = self.text[span.start : span.end]
        tag = self.check_tag(event.tag, span)
        value: object = event.value
        if style is ScalarStyle.PLAIN and tag is None:
            value = resolve_plain(event.value)
        elif tag is not None:
            value = _apply_standard_tag(tag, event.value)
        return ScalarNode(span, value, raw, style, tag, event.anchor)

    def compose_document(self, parser: _EventParser) -> Node | None:
        stack: list[_Frame] = []
        root: Node | None = None
        while True:
            event = parser.get_event()
            if isinstance(event, ev.DocumentEndEvent):
                return root
            node: Node | None = None
            if isinstance(event, ev.ScalarEvent):
                node = self.scalar(event)
            elif isinstance(event, ev.AliasEvent):
                node = self.alias(event)
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                span = self.span(event)
                if len(stack) >= MAX_DEPTH:
                    raise _NestingTooDeep(span)
                tag = self.check_tag(event.tag, span)
                flow = bool(event.flow_style)
                collection: MappingNode | SequenceNode
                if isinstance(event, ev.MappingStartEvent):
                    collection = MappingNode(span, tag=tag, anchor=event.anchor, flow=flow)
                else:
                    collection = SequenceNode(span, tag=tag, anchor=event.anchor, flow=flow)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(collection))
                continue
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                frame = stack.pop()
                node = frame.node
                node.span = self.collection_span(node, event)
                if node.anchor:
                    self.open_anchors.discard(node.anchor)
            if node is None:
                continue
            if node.anchor:
                self.anchors[node.anchor] = node
            if not stack:
                root = node
            else:
                self.attach(stack[-1], node)

    def alias(self, event: ev.AliasEvent) -> Node:
        span = self.span(event)
        name = event.anchor or ""
        if name in self.open_anchors:
            self.problems.append(
                ParseProblem("HP000", f"Alias `*{name}` refers to its own enclosing node.", span)
            )
            return ScalarNode(span, None, self.text[span.start : span.end], ScalarStyle.PLAIN)
        target = self.anchors.get(name)
        if target is None:
            self.problems.append(
                ParseProblem("HP000", f"Alias `*{name}` has no anchor `&{name}` before it.", span)
            )
            return ScalarNode(span, None, self.text[span.start : span.end], ScalarStyle.PLAIN)
        return AliasNode(span, name, target)

    def attach(self, frame: _Frame, node: Node) -> None:
        parent = frame.node
        if isinstance(parent, SequenceNode):
            parent.items.append(node)
            return
        if frame.pending_key is None:
            frame.pending_key = node
            return
        key, frame.pending_key = frame.pending_key, None
        entry = MappingEntry(key, node)
        text_key = _duplicate_identity(entry)
        if text_key is not None:
            first = frame.seen.get(text_key)
            if first is not None:
                self.problems.append(
                    ParseProblem(
                        "HP007",
                        f"Duplicate key `{entry.key_text}`: most loaders keep only the last "
                        "value, silently dropping the first.",
                        key.span,
                        ((first.span, "first definition"),),
                    )
                )
            else:
                frame.seen[text_key] = key
        parent.entries.append(entry)

    def collection_span(self, node: MappingNode | SequenceNode, end: ev.Event) -> Span:
        start = node.span.start
        if node.flow:
            return Span(start, min(_index(end.end_mark) + self.shift, len(self.text)))
        # A block collection ends where its last child ends; the end event sits at the next
        # token, possibly lines later, after comments.
        last: Node | None = None
        if isinstance(node, MappingNode) and node.entries:
            last = node.entries[-1].value
            if last.span.end <= node.entries[-1].key.span.end:
                last = node.entries[-1].key
        elif isinstance(node, SequenceNode) and node.items:
            last = node.items[-1]
        if last is None:
            return Span(start, start)
        if isinstance(node, SequenceNode) and start > node.items[0].span.start:
            start = node.items[0].span.start
        return Span(min(start, last.span.end), last.span.end)


def _index(mark: object) -> int:
    index = getattr(mark, "index", 0)
    return index if isinstance(index, int) else 0


def _duplicate_identity(entry: MappingEntry) -> str | None:
    key = entry.key
    if isinstance(key, ScalarNode):
        return f"{type(key.value).__name__}:{key.value!r}" if key.raw != "<<" else "merge:<<"
    return None


def _apply_standard_tag(tag: str, raw_value: str) -> object:
    name = tag.rsplit(":", 1)[-1]
    try:
        if name == "int":
            return int(raw_value.replace("_", ""), 0)
        if name == "float":
            return float(raw_value.replace("_", ""))
        if name == "bool":
            return raw_value.lower() in ("true", "yes", "on")
        if name == "null":
            return None
    except ValueError:
        return raw_value
    return raw_value


def _assign_paths(node: Node, parent: Node | None, path: tuple[str | int, ...]) -> None:
    stack: list[tuple[Node, Node | None, tuple[str | int, ...]]] = [(node, parent, path)]
    while stack:
        current, owner, where = stack.pop()
        current.parent = owner
        current.path = where
        if isinstance(current, MappingNode):
            for entry in current.entries:
                key_path = (*where, entry.key_text)
                entry.key.is_key = True
                stack.append((entry.key, current, key_path))
                stack.append((entry.value, current, key_path))
        elif isinstance(current, SequenceNode):
            for index, item in enumerate(current.items):
                stack.append((item, current, (*where, index)))


def find_comments(text: str) -> list[tuple[Span, str]]:
    """`# ...` comments (a `#` at a line start or after a blank), as spans and their text."""
    if "#" not in text:
        return []
    return [(Span(m.start(), m.end()), m.group()) for m in _COMMENT.finditer(text)]


def parse_yaml(text: str) -> Document:
    """Parse a YAML stream; never raises for bad input: problems are recorded instead."""
    document = Document(text=text, language="yaml")
    problems = document.problems
    shift = 1 if USING_LIBYAML and text.startswith("\ufeff") else 0
    composer = _Composer(text, shift, problems)
    parser = _EventParser(text)
    index = 0
    doc_start = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, ev.StreamEndEvent):
                break
            if isinstance(event, ev.DocumentStartEvent):
                doc_start = min(_index(event.start_mark) + shift, len(text))
                root = composer.compose_document(parser)
                following = parser.peek_event() if parser.check_event() else None
                end = composer.span(following).start if following is not None else len(text)
                if root is not None:
                    _assign_paths(root, None, ())
                document.roots.append(YamlRoot(root, Span(doc_start, max(doc_start, end)), index))
                index += 1
    except _NestingTooDeep as exc:
        problems.append(
            ParseProblem(
                "HP000",
                f"Nesting is deeper than {MAX_DEPTH} levels; hplint does not read this file.",
                exc.span,
            )
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = min(mark.index + shift, len(text)) if mark is not None else 0
        message = exc.problem or exc.context or "invalid YAML"
        problems.append(
            ParseProblem(
                "HP000",
                f"YAML syntax error: {message}",
                Span(offset, min(offset + 1, len(text))),
            )
        )
    except yaml.YAMLError as exc:
        problems.append(ParseProblem("HP000", f"YAML error: {exc}", Span(0, min(1, len(text)))))
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    document.comments = find_comments(text)
    return document
