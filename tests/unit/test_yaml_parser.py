"""Spans of the YAML node tree: every node's span covers exactly its source text."""

from __future__ import annotations

from hplint.document.model import AliasNode, MappingNode, ScalarNode, ScalarStyle, SequenceNode
from hplint.document.values import get_path, locate, to_python
from hplint.document.yaml_parser import parse_yaml


def _slice(text: str, node: object) -> str:
    assert hasattr(node, "span")
    return text[node.span.start : node.span.end]  # type: ignore[attr-defined]


def test_scalar_spans_raw_text_and_styles() -> None:
    text = "a: 1e-3\nb: 'x y'\nc: \"q\\n\"\nd: |\n  line\n  two\ne: plain words\n"
    doc = parse_yaml(text)
    root = doc.roots[0].node
    assert isinstance(root, MappingNode)
    values = {e.key_text: e.value for e in root.entries}
    assert isinstance(values["a"], ScalarNode)
    assert values["a"].value == 0.001 and values["a"].raw == "1e-3"
    assert _slice(text, values["b"]) == "'x y'" and values["b"].style is ScalarStyle.SINGLE_QUOTED
    assert values["b"].value == "x y"
    assert _slice(text, values["c"]) == '"q\\n"' and values["c"].value == "q\n"
    assert _slice(text, values["d"]) == "|\n  line\n  two"
    assert values["d"].style is ScalarStyle.LITERAL
    assert _slice(text, values["e"]) == "plain words"
    for entry in root.entries:
        assert _slice(text, entry.key) == entry.key_text


def test_non_ascii_and_emoji_offsets_are_code_points() -> None:
    text = 'name: "héllo 😀"\nlr: 0.5  # ünïcode\n'
    doc = parse_yaml(text)
    root = doc.roots[0].node
    assert isinstance(root, MappingNode)
    lr = root.get("lr")
    assert lr is not None and _slice(text, lr) == "0.5"
    assert doc.lines.position(lr.span.start).column == 4
    assert doc.comments[0][1] == "# ünïcode"


def test_crlf_and_byte_order_mark() -> None:
    text = "\ufeffa: 1\r\nb:\r\n  c: two\r\n"
    doc = parse_yaml(text)
    root = doc.roots[0].node
    assert isinstance(root, MappingNode)
    c = get_path(root, "b", "c")
    assert c is not None and _slice(text, c) == "two"
    position = doc.lines.position(c.span.start)
    assert (position.line, position.column) == (2, 5)


def test_duplicate_keys_are_kept_and_reported() -> None:
    text = "x:\n  lr: 1\n  lr: 2\n"
    doc = parse_yaml(text)
    root = doc.roots[0].node
    inner = get_path(root, "x")
    assert isinstance(inner, MappingNode) and len(inner.entries) == 2
    (problem,) = doc.problems
    assert problem.code == "HP007"
    assert doc.lines.position(problem.span.start).line == 2
    assert doc.lines.position(problem.related[0][0].start).line == 1
    assert to_python(root) == {"x": {"lr": 2}}


def test_multi_document_stream() -> None:
    text = "a: 1\n---\nb: [1, 2]\n...\n---\n- c\n"
    doc = parse_yaml(text)
    assert len(doc.roots) == 3
    second = doc.roots[1].node
    assert isinstance(second, MappingNode)
    seq = second.get("b")
    assert isinstance(seq, SequenceNode) and _slice(text, seq) == "[1, 2]"
    assert isinstance(doc.roots[2].node, SequenceNode)


def test_anchors_aliases_and_merge_keys() -> None:
    text = "base: &b {lr: 0.1, wd: 0.0}\nrun:\n  <<: *b\n  lr: 0.2\nother: *b\n"
    doc = parse_yaml(text)
    root = doc.roots[0].node
    assert root is not None
    assert to_python(root) == {
        "base": {"lr": 0.1, "wd": 0.0},
        "run": {"lr": 0.2, "wd": 0.0},
        "other": {"lr": 0.1, "wd": 0.0},
    }
    assert isinstance(get_path(root, "run"), MappingNode)
    other = root.resolve()
    assert isinstance(other, MappingNode)
    alias = other.get("other")
    assert isinstance(alias, AliasNode) and _slice(text, alias) == "*b"
    # An error inside an aliased value is placed at the alias site.
    node, _ = locate(root, ["other", "lr"])
    assert node is alias


def test_unknown_and_python_tags_are_reported_not_constructed() -> None:
    text = "a: !!python/object/apply:os.system ['touch /tmp/x']\nb: !custom 3\nc: !!str 5\n"
    doc = parse_yaml(text)
    codes = [p.code for p in doc.problems]
    assert codes == ["HP010", "HP010"]
    root = doc.roots[0].node
    assert to_python(root) == {"a": ["touch /tmp/x"], "b": "3", "c": "5"}


def test_syntax_error_is_placed_where_the_parser_stopped() -> None:
    text = "hplint: 1\nsearch:\n  space:\n    lr: {choice: [1, 2}\n"
    doc = parse_yaml(text)
    (problem,) = doc.problems
    assert problem.code == "HP000"
    assert doc.lines.position(problem.span.start).line == 3


def test_undefined_and_recursive_aliases() -> None:
    doc = parse_yaml("a: *nope\n")
    assert [p.code for p in doc.problems] == ["HP000"]
    doc = parse_yaml("a: &x [1, *x]\n")
    assert [p.code for p in doc.problems] == ["HP000"]


def test_nesting_cap() -> None:
    doc = parse_yaml("[" * 5000 + "]" * 5000)
    assert [p.code for p in doc.problems] == ["HP000"]
    # Our own cap (200) or, in newer libyaml builds, libyaml's: either way one HP000.
    assert "nesting" in doc.problems[0].message.lower()


def test_paths_and_parents() -> None:
    text = "a:\n  - b: 1\n"
    doc = parse_yaml(text)
    root = doc.roots[0].node
    one = get_path(root, "a", 0, "b")
    assert one is not None and one.path == ("a", 0, "b")
    assert isinstance(one.parent, MappingNode)


def test_an_unclosed_bracket_is_reported_where_it_opens() -> None:
    """Found at the end of the text, the error points at the `{` that is never closed, with the
    end of the text as related information (#21), not at the line after the last."""
    from hplint.engine import lint

    text = "hplint: 1\ntraining: {learning_rate: 0.1,\n  batch_size: 32\n"
    result = lint(text, path="train.yaml")
    [problem] = [d for d in result.diagnostics if d.code == "HP000"]
    assert text[problem.span.start] == "{"
    assert "is never closed" in problem.message
    assert [(r.span.start, r.message) for r in problem.related] == [
        (len(text), "the file ends here")
    ]
    # An error in the middle of the text stays where it is found.
    middle = "hplint: 1\ntraining:\n  x: [1, 2\n  y: 3\n"
    [found] = [d for d in lint(middle, path="m.yaml").diagnostics if d.code == "HP000"]
    assert "never closed" not in found.message
