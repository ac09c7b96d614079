from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hplint.text import LineIndex


def test_line_endings() -> None:
    index = LineIndex("a\r\nbc\rd\n\ne")
    assert [index.position(o) for o in (0, 3, 6, 8, 9)] == [
        index.position(0),
        index.position(3),
        index.position(6),
        index.position(8),
        index.position(9),
    ]
    assert [(p.line, p.column) for p in map(index.position, (0, 3, 6, 8, 9))] == [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 0),
        (4, 0),
    ]


@given(st.text(alphabet="ab\n\r😀é", max_size=60))
def test_offset_round_trip(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        position = index.position(offset)
        if offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue  # the middle of a CRLF pair has no position of its own
        assert index.offset(position.line, position.column) == offset
