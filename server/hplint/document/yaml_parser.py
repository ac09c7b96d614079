"""YAML text → node tree, built from the parser's event stream.

We compose nodes ourselves instead of using PyYAML's composer so that we can keep what a loader
throws away — duplicate keys, alias sites, exact spans, raw scalar text — and bound the work on
hostile input: nesting depth is capped here and alias expansion is capped where the tree is turned
into plain values (`hplint.document.values`). Tags are recorded, never constructed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

import yaml
import yaml.events as ev

from hplint.codes import DUPLICATE_KEY, PARSE_ERROR, UNSAFE_OR_UNKNOWN_TAG
from hplint.document.model import (
    AliasNode,
    Document,
    MappingEntry,
    MappingNode,
    Node,
    ParseProblem,
    PathElement,
    ScalarNode,
    ScalarStyle,
    SequenceNode,
    YamlRoot,
    _scalar_key_text,
)
from hplint.document.scalars import MAX_INT_DIGITS, decimal_int, resolve_plain
from hplint.document.values import forget_values
from hplint.text import Span

try:  # libyaml is several times faster; the pure-Python parser is the fallback.
    from yaml.cyaml import CParser as _EventParser  # type: ignore[attr-defined]

    USING_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.loader import SafeLoader as _EventParser  # type: ignore[assignment]

    USING_LIBYAML = False

MAX_NODES: Final = 300_000
"""Most values (scalars and collections) one file may hold: ten times a 10,000-line config.
Dense files under the size cap could otherwise hold millions and exhaust memory."""

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
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)  # what `find_comments` finds
_LINE_END = re.compile(r"[\r\n]")


class _NestingTooDeep(Exception):
    def __init__(self, span: Span) -> None:
        super().__init__("nesting too deep")
        self.span = span


class _TooManyNodes(Exception):
    def __init__(self, span: Span) -> None:
        super().__init__("too many nodes")
        self.span = span


class _Frame:
    """An open collection: its node, its path, and (for a mapping) the key awaiting a value."""

    __slots__ = ("is_mapping", "items", "node", "path", "pending_key", "pending_text", "seen")

    def __init__(self, node: MappingNode | SequenceNode, path: tuple[PathElement, ...]) -> None:
        self.node = node
        self.path = path
        self.is_mapping = node.__class__ is MappingNode
        self.items: list[Node] | list[MappingEntry] = (
            node.entries if isinstance(node, MappingNode) else node.items
        )
        self.pending_key: Node | None = None
        self.pending_text = ""
        self.seen: dict[object, Node] = {}


class _Composer:
    def __init__(self, text: str, shift: int, problems: list[ParseProblem]) -> None:
        self.text = text
        self.shift = shift  # libyaml does not count a byte-order mark; the pure parser does
        self.length = len(text)
        self.nodes = 0  # values composed so far, across documents (MAX_NODES)
        self.problems = problems
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        # Plain scalars repeat (`min`, `distribution`, `0.05`): read each spelling once.
        self.plain_values: dict[str, object] = {}

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
                    UNSAFE_OR_UNKNOWN_TAG,
                    f"Tag `{shown}` is not a standard YAML tag; hplint never constructs it and "
                    "safe loaders reject it.",
                    span,
                )
            )
        return tag

    def scalar(self, event: ev.ScalarEvent) -> ScalarNode:
        """Any scalar (the composer's inline fast path handles plain untagged ones)."""
        span = self.span(event)
        style = _STYLES.get(event.style, ScalarStyle.PLAIN)
        if style is ScalarStyle.LITERAL or style is ScalarStyle.FOLDED:
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
        """Compose one document's tree; parents, paths and `is_key` are set as nodes are made.

        The hot loop: one iteration per event, dispatched on the event's class by identity;
        plain untagged scalars (most events) and their placement in a mapping or a sequence
        are handled inline, without helper calls. A mapping value shares its key's path tuple.
        """
        get_event: Callable[[], Any] = parser.get_event  # events are duck-typed by class
        text = self.text
        shift = self.shift
        length = self.length
        anchors = self.anchors
        plain_values = self.plain_values
        plain_get = plain_values.get
        new_object = object.__new__
        scalar_cls = ScalarNode
        entry_cls = MappingEntry
        plain = ScalarStyle.PLAIN
        missing = _MISSING
        str_cls = str
        stack: list[_Frame] = []
        frame: _Frame | None = None
        root: Node | None = None
        budget = MAX_NODES - self.nodes
        while True:
            event = get_event()
            cls = event.__class__
            node: Node
            if cls is _SCALAR:
                budget -= 1
                if budget < 0:
                    raise _TooManyNodes(self.span(event))
                anchor = event.anchor
                if event.tag is None and not event.style:
                    # A plain, untagged scalar: the common case, built inline.
                    start = event.start_mark.index + shift
                    end = event.end_mark.index + shift
                    if end > length or end < start:
                        end = min(max(end, start), length)
                    raw_value = event.value
                    value = plain_get(raw_value, missing)
                    if value is missing:
                        value = plain_values[raw_value] = resolve_plain(raw_value)
                    node = new_object(scalar_cls)
                    node.span = Span(start, end)
                    node.tag = None
                    node.anchor = anchor
                    node.value = value
                    node.raw = text[start:end]
                    node.style = plain
                else:
                    node = self.scalar(event)
                if anchor:
                    anchors[anchor] = node
            elif cls is _MAPPING_START or cls is _SEQUENCE_START:
                span = self.span(event)
                if len(stack) >= MAX_DEPTH:
                    raise _NestingTooDeep(span)
                budget -= 1
                if budget < 0:
                    raise _TooManyNodes(span)
                tag = self.check_tag(event.tag, span) if event.tag is not None else None
                flow = bool(event.flow_style)
                anchor = event.anchor
                collection: MappingNode | SequenceNode
                if cls is _MAPPING_START:
                    collection = MappingNode(span, tag=tag, anchor=anchor, flow=flow)
                else:
                    collection = SequenceNode(span, tag=tag, anchor=anchor, flow=flow)
                if anchor:
                    self.open_anchors.add(anchor)
                if frame is None:
                    path: tuple[PathElement, ...] = ()
                else:
                    path = _child_path(frame, collection)
                    collection.parent = frame.node
                collection.path = path
                frame = _Frame(collection, path)
                stack.append(frame)
                continue
            elif cls is _MAPPING_END or cls is _SEQUENCE_END:
                done = stack.pop()
                collection = done.node
                collection.span = self.collection_span(collection, event)
                anchor = collection.anchor
                if anchor:
                    self.open_anchors.discard(anchor)
                    anchors[anchor] = collection
                frame = stack[-1] if stack else None
                if frame is None:
                    root = collection
                else:
                    self.attach(frame, collection)
                continue
            elif cls is _ALIAS:
                node = self.alias(event)
            elif cls is _DOCUMENT_END:
                self.nodes = MAX_NODES - budget
                return root
            else:
                continue
            # A scalar or an alias: place it (collections are placed by `attach`).
            if frame is None:
                node.parent = None
                node.path_element = None
                node.is_key = False
                root = node
            elif not frame.is_mapping:
                items = frame.items
                node.parent = frame.node
                node.path_element = len(items)
                node.is_key = False
                items.append(node)  # type: ignore[arg-type]
            else:
                key = frame.pending_key
                node.parent = frame.node
                if key is None:  # a key: its path ends with its own text
                    if node.__class__ is scalar_cls and node.value.__class__ is str_cls:
                        key_text: str = node.value
                    else:
                        key_text = _key_text(node)
                    node.path_element = key_text
                    node.is_key = True
                    frame.pending_key = node
                    frame.pending_text = key_text
                    continue
                node.path_element = frame.pending_text
                node.is_key = False
                frame.pending_key = None
                entry = new_object(entry_cls)
                entry.key = key
                entry.value = node
                entry._key_text = frame.pending_text
                if key.__class__ is scalar_cls:
                    key_value = key.value
                    identity: object = (
                        key_value
                        if key_value.__class__ is str_cls and key_value != "<<"
                        else _duplicate_identity(key)
                    )
                    seen = frame.seen
                    first = seen.get(identity)
                    if first is None:
                        seen[identity] = key
                    else:
                        self.duplicate(entry, first)
                frame.items.append(entry)  # type: ignore[arg-type]

    def alias(self, event: ev.AliasEvent) -> Node:
        span = self.span(event)
        name = event.anchor or ""
        if name in self.open_anchors:
            self.problems.append(
                ParseProblem(
                    PARSE_ERROR, f"Alias `*{name}` refers to its own enclosing node.", span
                )
            )
            return ScalarNode(span, None, self.text[span.start : span.end], ScalarStyle.PLAIN)
        target = self.anchors.get(name)
        if target is None:
            self.problems.append(
                ParseProblem(
                    PARSE_ERROR, f"Alias `*{name}` has no anchor `&{name}` before it.", span
                )
            )
            return ScalarNode(span, None, self.text[span.start : span.end], ScalarStyle.PLAIN)
        return AliasNode(span, name, target)

    def attach(self, frame: _Frame, collection: Node) -> None:
        """Place a finished collection (parent and path were set at its start event)."""
        if not frame.is_mapping:
            frame.items.append(collection)  # type: ignore[arg-type]
            return
        key = frame.pending_key
        if key is None:  # a collection used as a key
            frame.pending_key = collection
            frame.pending_text = collection.path_element  # type: ignore[assignment]
            return
        frame.pending_key = None
        entry = MappingEntry(key, collection)
        entry._key_text = frame.pending_text
        identity = _duplicate_identity(key)
        if identity is not None:
            first = frame.seen.get(identity)
            if first is not None:
                self.duplicate(entry, first)
            else:
                frame.seen[identity] = key
        frame.items.append(entry)  # type: ignore[arg-type]

    def duplicate(self, entry: MappingEntry, first: Node) -> None:
        self.problems.append(
            ParseProblem(
                DUPLICATE_KEY,
                f"Duplicate key `{entry.key_text}`: most loaders keep only the last "
                "value, silently dropping the first.",
                entry.key.span,
                ((first.span, "first definition"),),
            )
        )

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


_SCALAR: Final = ev.ScalarEvent
_ALIAS: Final = ev.AliasEvent
_MAPPING_START: Final = ev.MappingStartEvent
_SEQUENCE_START: Final = ev.SequenceStartEvent
_MAPPING_END: Final = ev.MappingEndEvent
_SEQUENCE_END: Final = ev.SequenceEndEvent
_DOCUMENT_END: Final = ev.DocumentEndEvent
_MISSING: Final = object()


def _key_text(key: Node) -> str:
    """What `MappingEntry.key_text` gives for this key node (computed once, while composing)."""
    resolved = key.resolve()
    if resolved.__class__ is ScalarNode:
        value = resolved.value
        return value if isinstance(value, str) else _scalar_key_text(resolved)
    return f"<{type(resolved).__name__}>"


def _child_path(frame: _Frame, child: Node) -> tuple[PathElement, ...]:
    """The path of `child`, about to be placed in `frame` (a collection, at its start event)."""
    if not frame.is_mapping:
        return (*frame.path, len(frame.items))
    if frame.pending_key is None:  # a collection as a key: its path is its own key text
        child.is_key = True
        return (*frame.path, _key_text(child))
    return (*frame.path, frame.pending_text)


def _index(mark: object) -> int:
    index = getattr(mark, "index", 0)
    return index if isinstance(index, int) else 0


def _duplicate_identity(key: Node) -> object:
    """Keys that are the same for a loader: a str value is its own identity (the common case);
    other scalars are told apart by type and repr (`1` vs `"1"`, `-0.0` vs `0.0`); a tuple
    never equals a str. None for keys that are not scalars."""
    if key.__class__ is not ScalarNode:
        return None
    raw = key.raw
    if raw == "<<":
        return ("merge",)
    value = key.value
    if value.__class__ is str:
        return value
    return (f"{type(value).__name__}:{value!r}",)


def _apply_standard_tag(tag: str, raw_value: str) -> object:
    name = tag.rsplit(":", 1)[-1]
    try:
        if name == "int":
            digits = raw_value.replace("_", "")
            if digits.lstrip("+-").isdigit() and len(digits) > MAX_INT_DIGITS:
                return decimal_int(digits)  # Python refuses more digits: a float
            return int(digits, 0)
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
    """Set parents and path elements below `node` (the JSON parser builds trees without)."""
    stack: list[tuple[Node, Node | None, str | int | None]] = [
        (node, parent, path[-1] if path else None)
    ]
    while stack:
        current, owner, element = stack.pop()
        current.parent = owner
        current.path_element = element
        if isinstance(current, MappingNode):
            for entry in current.entries:
                text = entry.key_text
                entry.key.is_key = True
                stack.append((entry.key, current, text))
                stack.append((entry.value, current, text))
        elif isinstance(current, SequenceNode):
            for index, item in enumerate(current.items):
                stack.append((item, current, index))


def find_comments(text: str) -> list[tuple[Span, str]]:
    """`# ...` comments (a `#` at a line start or after a blank), as spans and their text."""
    # Same matches as `_COMMENT.finditer`, found with str.find: the regex tries its lookbehind
    # at every offset of the file, which costs more than parsing a large file's comments.
    comments: list[tuple[Span, str]] = []
    find = text.find
    line_end = _LINE_END.search
    at = find("#")
    while at != -1:
        if at == 0 or text[at - 1] in " \t\n":
            found = line_end(text, at)
            end = found.start() if found is not None else len(text)
            comments.append((Span(at, end), text[at:end]))
            at = find("#", end)
        else:
            at = find("#", at + 1)
    return comments


# A single-line plain scalar that means the same thing wherever a value can stand: no indicator,
# space, quote or comment character, no `---`/`...` marker, nothing that would end a flow item.
_SAFE_PLAIN: Final = re.compile(r"[-+.]?[A-Za-z0-9_][A-Za-z0-9_.+\-]*")


def patch_plain_scalar(previous: Document, text: str) -> Document | None:
    """`parse_yaml(text)` computed from `previous` (the parse of the text before one edit),
    or None when the edit is not one this shortcut handles.

    Handled: the text is unchanged, or the edit lies inside one plain, untagged, unanchored,
    single-line scalar that is a value (not a key, not a document root) of a document without
    parse problems, and the scalar reads as a plain scalar of `_SAFE_PLAIN` before and after
    the edit. Such an edit changes that scalar's text and value and shifts every later offset
    by the same amount; the tree's shape, keys, paths, anchors and problems stay what they were.

    `previous` is consumed: its nodes are updated in place and shared with the result.
    """
    old = previous.text
    if previous.language != "yaml":
        return None
    if old == text:
        return Document(
            text=text,
            language="yaml",
            roots=[YamlRoot(r.node, r.span, r.index) for r in previous.roots],
            problems=list(previous.problems),
            comments=list(previous.comments),
        )
    if previous.problems:
        return None
    start, old_end = _changed_range(old, text)
    delta = len(text) - len(old)
    target = _plain_value_at(previous, start, old_end)
    if target is None:
        return None
    span = target.span
    raw = text[span.start : span.end + delta]
    if _SAFE_PLAIN.fullmatch(raw) is None:
        return None
    if delta == 0:
        # The same length (a digit changed): no offset moves, no comment either (a plain
        # scalar holds none). Only the sequences holding the scalar may index it by name.
        _forget_names_above(target)
        roots = [YamlRoot(r.node, r.span, r.index) for r in previous.roots]
        comments = list(previous.comments)
    else:
        roots = []
        for root in previous.roots:
            if root.node is not None:
                _shift_after(root.node, old_end, delta, target)
            roots.append(YamlRoot(root.node, _shifted(root.span, old_end, delta), root.index))
        comments = find_comments(text)
    target.span = Span(span.start, span.end + delta)
    target.raw = raw
    target.value = resolve_plain(raw)
    forget_values(target.parent)
    return Document(text=text, language="yaml", roots=roots, comments=comments)


def _changed_range(old: str, new: str) -> tuple[int, int]:
    """`(start, end)` in `old` of the text that `new` replaces: the common prefix and suffix are
    found by bisection on slices (C comparisons, no loop per character)."""
    limit = min(len(old), len(new))
    low, high = 0, limit
    while low < high:  # longest common prefix
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    limit -= prefix
    low, high = 0, limit
    old_len, new_len = len(old), len(new)
    while low < high:  # longest common suffix not overlapping the prefix
        middle = (low + high + 1) // 2
        if old[old_len - middle : old_len - low] == new[new_len - middle : new_len - low]:
            low = middle
        else:
            high = middle - 1
    return prefix, old_len - low


def _plain_value_at(document: Document, start: int, end: int) -> ScalarNode | None:
    """The scalar whose span holds `[start, end]`, if it is one `patch_plain_scalar` handles."""
    for root in document.roots:
        node = root.node
        while node is not None and node.span.start <= start and end <= node.span.end:
            children: list[Node]
            if isinstance(node, MappingNode):
                children = [part for entry in node.entries for part in (entry.key, entry.value)]
            elif isinstance(node, SequenceNode):
                children = node.items
            else:
                break
            node = next((c for c in children if c.span.start <= start and end <= c.span.end), None)
        if node is None:
            continue
        if (
            node.__class__ is ScalarNode
            and node.parent is not None
            and not node.is_key
            and node.tag is None
            and node.anchor is None
            and node.style is ScalarStyle.PLAIN
            and node.raw == document.text[node.span.start : node.span.end]
            and _SAFE_PLAIN.fullmatch(node.raw) is not None
        ):
            return node
        return None
    return None


def _shifted(span: Span, at: int, delta: int) -> Span:
    start, end = span
    if end < at:
        return span
    return Span(start + delta if start >= at else start, end + delta)


def _forget_names_above(node: Node) -> None:
    """Drop the name index of every sequence above `node` (a step's `name` may be it)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SequenceNode):
            parent._named = None
        parent = parent.parent


def _shift_after(root: Node, at: int, delta: int, skip: Node) -> None:
    """Move every offset `>= at` by `delta` (subtrees that end before `at` are left alone) and
    drop the name index of sequences (a step's `name` may be the edited scalar)."""
    stack = [root]
    pop = stack.pop
    append = stack.append
    span_cls = Span
    while stack:
        node = pop()
        start, end = node.span
        if end < at:
            continue
        if node is not skip:
            node.span = span_cls(start + delta if start >= at else start, end + delta)
        cls = node.__class__
        if cls is MappingNode:
            for entry in node.entries:  # type: ignore[attr-defined]
                append(entry.key)
                append(entry.value)
        elif cls is SequenceNode:
            node._named = None  # type: ignore[attr-defined]
            stack.extend(node.items)  # type: ignore[attr-defined]


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
                root = composer.compose_document(parser)  # parents and paths included
                following = parser.peek_event() if parser.check_event() else None
                end = composer.span(following).start if following is not None else len(text)
                document.roots.append(YamlRoot(root, Span(doc_start, max(doc_start, end)), index))
                index += 1
    except _NestingTooDeep as exc:
        problems.append(
            ParseProblem(
                PARSE_ERROR,
                f"Nesting is deeper than {MAX_DEPTH} levels; hplint does not read this file.",
                exc.span,
            )
        )
    except _TooManyNodes as exc:
        problems.append(
            ParseProblem(
                PARSE_ERROR,
                f"The file holds more than {MAX_NODES:,} values; hplint does not read it.",
                exc.span,
            )
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = min(mark.index + shift, len(text)) if mark is not None else 0
        message = exc.problem or exc.context or "invalid YAML"
        related: tuple[tuple[Span, str], ...] = ()
        context = exc.context_mark
        if context is not None and not text[offset:].strip() and context.index + shift < offset:
            # Found at the end of the text (an unclosed `[` or `{`): the mistake is where the
            # construct opened, not on the line after the last.
            text_end = Span(len(text), len(text))
            offset = min(context.index + shift, len(text))
            message = f"{message} ({exc.context}, opened here, is never closed)"
            related = ((text_end, "the file ends here"),)
        problems.append(
            ParseProblem(
                PARSE_ERROR,
                f"YAML syntax error: {message}",
                Span(offset, min(offset + 1, len(text))),
                related,
            )
        )
    except yaml.YAMLError as exc:
        problems.append(ParseProblem(PARSE_ERROR, f"YAML error: {exc}", Span(0, min(1, len(text)))))
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    document.comments = find_comments(text)
    return document
