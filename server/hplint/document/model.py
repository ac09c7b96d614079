"""Node types shared by the YAML and JSON parsers.

Every node knows its exact span in the source text, its parent and its path from the document
root. Mappings keep *all* their entries in source order, duplicates included, so that duplicate
keys can be reported instead of silently dropped. Scalars keep their raw text and style, because
several traps (`1e-5` read as a string by YAML 1.1 loaders, `no` read as a boolean) live in the
raw text rather than in the value.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

from hplint.codes import PARSE_ERROR
from hplint.text import LineIndex, Span

PathElement: TypeAlias = str | int
"""A mapping key (as text) or a sequence index."""


class ScalarStyle(enum.Enum):
    PLAIN = "plain"
    SINGLE_QUOTED = "single-quoted"
    DOUBLE_QUOTED = "double-quoted"
    LITERAL = "literal"
    FOLDED = "folded"
    JSON = "json"  # a JSON literal: string, number, true/false/null

    @property
    def is_quoted(self) -> bool:
        return self not in (ScalarStyle.PLAIN, ScalarStyle.JSON)


class Node:
    """Base of all nodes; `span` covers the node's own text (key nodes are separate nodes)."""

    __slots__ = ("anchor", "is_key", "parent", "path_element", "span", "tag")

    def __init__(self, span: Span, tag: str | None = None, anchor: str | None = None) -> None:
        self.span = span
        self.tag = tag
        self.anchor = anchor
        self.parent: Node | None = None
        # The last element of this node's path (its key text or its index); None for a root or
        # for a node that stands in for its parent. Whole paths are derived on demand: storing
        # a tuple per node costs memory proportional to nodes × depth.
        self.path_element: PathElement | None = None
        self.is_key = False  # set when the tree is finished: this node is a mapping key

    @property
    def path(self) -> tuple[PathElement, ...]:
        """Keys and indexes from the document root to this node (a key shares its value's)."""
        parts: list[PathElement] = []
        node: Node | None = self
        while node is not None:
            if node.path_element is not None:
                parts.append(node.path_element)
            node = node.parent
        parts.reverse()
        return tuple(parts)

    @path.setter
    def path(self, value: tuple[PathElement, ...]) -> None:
        self.path_element = value[-1] if value else None

    def resolve(self) -> Node:
        """The node that holds the content (the anchored node for an alias)."""
        return self

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in source order (aliases are not followed).

        Iterative (one explicit stack) rather than recursive generators, which cost a frame per
        level for every node yielded."""
        stack: list[Node] = [self]
        pop = stack.pop
        extend = stack.extend
        while stack:
            node = pop()
            yield node
            cls = node.__class__
            if cls is MappingNode:
                children: list[Node] = []
                for entry in node.entries:  # type: ignore[attr-defined]
                    children.append(entry.key)
                    children.append(entry.value)
                children.reverse()
                extend(children)
            elif cls is SequenceNode:
                extend(reversed(node.items))  # type: ignore[attr-defined]


class ScalarNode(Node):
    """A scalar: `value` is the interpreted value (str, int, float, bool or None)."""

    __slots__ = ("raw", "style", "value")

    def __init__(
        self,
        span: Span,
        value: object,
        raw: str,
        style: ScalarStyle,
        tag: str | None = None,
        anchor: str | None = None,
    ) -> None:
        super().__init__(span, tag, anchor)
        self.value = value
        self.raw = raw
        self.style = style

    def __repr__(self) -> str:
        return f"ScalarNode({self.value!r} @ {self.span.start}:{self.span.end})"


@dataclass(slots=True, eq=False)
class MappingEntry:
    """One `key: value` of a mapping as written (a `<<` merge key included)."""

    key: Node
    value: Node
    _key_text: str | None = field(default=None, init=False, repr=False)

    @property
    def key_text(self) -> str:
        """The key as text (non-scalar keys are rendered by their source slice elsewhere)."""
        text = self._key_text
        if text is None:
            key = self.key.resolve()
            if isinstance(key, ScalarNode):
                text = key.value if isinstance(key.value, str) else _scalar_key_text(key)
            else:
                text = f"<{type(key).__name__}>"
            self._key_text = text  # keys never change once parsed
        return text


def _scalar_key_text(node: ScalarNode) -> str:
    if node.value is None:
        return "null"
    if isinstance(node.value, bool):
        return "true" if node.value else "false"
    return str(node.value)


class MappingNode(Node):
    """A mapping with all entries in source order (duplicates kept).

    Key lookups go through an index built on first use (parsers only ever append entries, so
    the index is rebuilt if the entry count changed): `get` is O(1), not a scan per call, which
    keeps rules that look up many paths linear in the file size.
    """

    __slots__ = ("_index", "_indexed", "_memo", "_py", "entries", "flow")

    def __init__(
        self,
        span: Span,
        entries: list[MappingEntry] | None = None,
        tag: str | None = None,
        anchor: str | None = None,
        flow: bool = False,
    ) -> None:
        super().__init__(span, tag, anchor)
        self.entries: list[MappingEntry] = entries if entries is not None else []
        self.flow = flow
        self._indexed = -1  # len(entries) when `_index` was built
        self._index: _MappingIndex | None = None
        # `values.to_python`'s memo: (value, values counted, levels below); see there.
        self._py: tuple[object, int, int] | None = None
        self._memo: dict[object, object] | None = None  # `values.subtree_memo`

    def _lookup(self) -> _MappingIndex:
        index = self._index
        if index is None or self._indexed != len(self.entries):
            index = self._index = _MappingIndex(self)
            self._indexed = len(self.entries)
        return index

    def own_entries(self) -> Iterator[MappingEntry]:
        """Entries written in this mapping, without `<<` merge keys."""
        for entry in self.entries:
            if not _is_merge_key(entry.key):
                yield entry

    def effective_entries(self) -> list[MappingEntry]:
        """Entries as a YAML loader sees them: merge keys expanded, explicit keys winning,
        the last of duplicate keys winning (as PyYAML and json.load do)."""
        return list(self._lookup().effective)

    def _compute_effective(self) -> list[MappingEntry]:
        merged: dict[str, MappingEntry] = {}
        for entry in self.entries:
            if _is_merge_key(entry.key):
                for source in _merge_sources(entry.value):
                    for inherited in source.effective_entries():
                        merged.setdefault(inherited.key_text, inherited)
        explicit: dict[str, MappingEntry] = {}
        for entry in self.own_entries():
            explicit[entry.key_text] = entry
        result = {**{k: v for k, v in merged.items() if k not in explicit}, **explicit}
        return list(result.values())

    def get_entry(self, key: str) -> MappingEntry | None:
        index = self._lookup()
        entry = index.own.get(key)
        return entry if entry is not None else index.by_key.get(key)

    def get(self, key: str) -> Node | None:
        entry = self.get_entry(key)
        return entry.value if entry is not None else None

    def keys(self) -> list[str]:
        return [entry.key_text for entry in self._lookup().effective]


class _MappingIndex:
    """Lookups of one mapping: the last own entry per key, and the effective entries."""

    __slots__ = ("by_key", "effective", "has_merge", "own")

    def __init__(self, node: MappingNode) -> None:
        own: dict[str, MappingEntry] = {}
        has_merge = False
        for entry in node.entries:
            if not _is_merge_key(entry.key):
                own[entry.key_text] = entry  # the last duplicate wins, as before
            else:
                has_merge = True
        self.own = own
        self.has_merge = has_merge  # some entries come from `<<` merge sources
        effective = node._compute_effective()
        self.effective = effective
        by_key: dict[str, MappingEntry] = {}
        for entry in effective:
            by_key.setdefault(entry.key_text, entry)
        self.by_key = by_key


def _is_merge_key(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.style is ScalarStyle.PLAIN
        and node.raw == "<<"
        and node.tag in (None, "tag:yaml.org,2002:merge")
    )


def _merge_sources(node: Node) -> Iterator[MappingNode]:
    target = node.resolve()
    if isinstance(target, MappingNode):
        yield target
    elif isinstance(target, SequenceNode):
        for item in target.items:
            resolved = item.resolve()
            if isinstance(resolved, MappingNode):
                yield resolved


class SequenceNode(Node):
    __slots__ = ("_memo", "_named", "_named_size", "_py", "flow", "items")

    def __init__(
        self,
        span: Span,
        items: list[Node] | None = None,
        tag: str | None = None,
        anchor: str | None = None,
        flow: bool = False,
    ) -> None:
        super().__init__(span, tag, anchor)
        self.items: list[Node] = items if items is not None else []
        self.flow = flow
        self._named: dict[object, int] | None = None
        self._named_size = -1
        self._py: tuple[object, int, int] | None = None  # `values.to_python`'s memo
        self._memo: dict[object, object] | None = None  # `values.subtree_memo`

    def index_named(self, name: object) -> int | None:
        """Position of the first item that is a mapping whose `name` scalar equals `name`.

        O(1) after the first call (pipelines look steps up by name once per search path;
        a scan per lookup made long pipelines quadratic).
        """
        named = self._named
        if named is None or self._named_size != len(self.items):
            named = {}
            for position, item in enumerate(self.items):
                body = item.resolve()
                if isinstance(body, MappingNode):
                    label = body.get("name")
                    label = label.resolve() if label is not None else None
                    if isinstance(label, ScalarNode) and label.value.__hash__ is not None:
                        named.setdefault(label.value, position)
            self._named, self._named_size = named, len(self.items)
        return named.get(name)


class AliasNode(Node):
    """`*name`: its span is the alias itself; `target` is the anchored node."""

    __slots__ = ("name", "target")

    def __init__(self, span: Span, name: str, target: Node) -> None:
        super().__init__(span)
        self.name = name
        self.target = target

    def resolve(self) -> Node:
        return self.target.resolve()


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """A problem found while parsing, before any rule runs.

    `code` is a binding rule code: HP000 (syntax, encoding, caps), HP007 (duplicate key),
    HP010 (unsafe or unknown tag).
    """

    code: str
    message: str
    span: Span
    related: tuple[tuple[Span, str], ...] = ()


@dataclass(slots=True)
class YamlRoot:
    """One document of a (possibly multi-document) stream."""

    node: Node | None
    span: Span
    index: int = 0


@dataclass(slots=True)
class Document:
    """A parsed file: its text, its roots (one per YAML document) and its parse problems."""

    text: str
    language: str  # "yaml" or "json"
    roots: list[YamlRoot] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    comments: list[tuple[Span, str]] = field(default_factory=list)
    _lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    @property
    def fatal(self) -> bool:
        """True when the text could not be read into a tree at all."""
        return any(problem.code == PARSE_ERROR for problem in self.problems) and not any(
            root.node is not None for root in self.roots
        )
