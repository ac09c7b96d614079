"""Source positions: `str` offsets in the core, (line, column) pairs only at the edges.

Offsets count Unicode code points of the decoded text. `LineIndex` maps an offset to a 0-based
line and column in O(log n) with a bisect over the line starts, so placing many diagnostics never
rescans the text.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import NamedTuple

_ONE = 1  # `_ONE.__add__` adds one in C, per line length


class Span(NamedTuple):
    """A half-open range `[start, end)` of offsets into a document's text.

    A named tuple rather than a dataclass: the parser makes one per node, tens of thousands
    per keystroke in a large file, and a tuple is several times cheaper to build.
    """

    start: int
    end: int

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end or (self.start == self.end == offset)


@dataclass(frozen=True, slots=True)
class Position:
    """A 0-based line and a 0-based column counted in code points."""

    line: int
    column: int


class LineIndex:
    """Maps offsets to positions and back for one text (`\\n`, `\\r\\n` and `\\r` end lines)."""

    __slots__ = ("_length", "_starts", "lookups")

    def __init__(self, text: str) -> None:
        length = len(text)
        self._length = length
        self.lookups = 0  # counts bisect lookups; tests use it to prove lookups are not scans
        if "\r" not in text:
            # The common case, without a Python-level step per line: each line starts one
            # past the end of the one before.
            lengths = map(len, text.split("\n"))
            self._starts = list(itertools.accumulate(map(_ONE.__add__, lengths), initial=0))
            self._starts.pop()  # the offset one past the end of the text
            return
        starts = [0]
        index = 0
        find_nl = text.find
        newline = find_nl("\n")
        # Scan for line breaks with str.find (C speed) rather than a Python loop per character.
        # The next `\n` is searched again only once the scan has passed it: searching from every
        # `\r` of a CR-only file would scan to its end each time (quadratic).
        while True:
            if newline != -1 and newline < index:
                newline = find_nl("\n", index)
            carriage = find_nl("\r", index, newline if newline != -1 else length)
            if carriage != -1:
                nxt = (
                    carriage + 2
                    if carriage + 1 < length and text[carriage + 1] == "\n"
                    else carriage + 1
                )
                starts.append(nxt)
                index = nxt
                continue
            if newline == -1:
                break
            starts.append(newline + 1)
            index = newline + 1
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 0), len(self._starts) - 1)]

    def line_end(self, line: int, text: str) -> int:
        """Offset of the end of `line`, before its line break."""
        if line + 1 < len(self._starts):
            end = self._starts[line + 1]
            while end > self._starts[line] and text[end - 1] in "\r\n":
                end -= 1
            return end
        return self._length

    def position(self, offset: int) -> Position:
        self.lookups += 1
        offset = min(max(offset, 0), self._length)
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line, offset - self._starts[line])

    def offset(self, line: int, column: int) -> int:
        if line >= len(self._starts):
            return self._length
        return min(self._starts[max(line, 0)] + max(column, 0), self._length)
