"""Exact spans for JSON: tabs, escapes, non-ASCII, deep nesting, duplicates, errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplint.document.json_parser import parse_json
from hplint.document.model import MappingNode
from hplint.document.values import get_path, to_python


def test_spans_with_tabs_escapes_and_unicode() -> None:
    text = (
        '{\n\t"name":\t"caf\\u00e9 😀",\n\t"lr": 1.5e-3,\n\t"layers": [\n\t\t{"units": 64}\n\t]\n}'
    )
    doc = parse_json(text)
    root = doc.roots[0].node
    assert root is not None and not doc.problems
    name = get_path(root, "name")
    assert name is not None and text[name.span.start : name.span.end] == '"caf\\u00e9 😀"'
    units = get_path(root, "layers", 0, "units")
    assert units is not None and text[units.span.start : units.span.end] == "64"
    position = doc.lines.position(units.span.start)
    assert (position.line, position.column) == (4, 12)
    assert to_python(root) == json.loads(text)


def test_duplicate_keys_kept() -> None:
    doc = parse_json('{"a": 1, "a": 2}')
    assert [p.code for p in doc.problems] == ["HP007"]
    root = doc.roots[0].node
    assert isinstance(root, MappingNode) and len(root.entries) == 2
    assert to_python(root) == {"a": 2}


@pytest.mark.parametrize(
    ("text", "offset"),
    [('{"a": 1,}', 8), ("[1 2]", 3), ('{"a" 1}', 5), ('{"a": tru}', 6), ('"x" y', 4), ("[", 1)],
)
def test_syntax_errors_point_at_the_offending_character(text: str, offset: int) -> None:
    doc = parse_json(text)
    (problem,) = doc.problems
    assert problem.code == "HP000" and problem.span.start == offset


def test_deep_nesting_is_bounded_without_recursion() -> None:
    doc = parse_json("[" * 100_000 + "]" * 100_000)
    assert [p.code for p in doc.problems] == ["HP000"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 2, "\t"]))
def test_agrees_with_the_standard_library(value: object, indent: int | str | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    doc = parse_json(text)
    assert not doc.problems
    assert to_python(doc.roots[0].node) == json.loads(text)
    for node in doc.roots[0].node.walk():  # type: ignore[union-attr]
        assert 0 <= node.span.start <= node.span.end <= len(text)
