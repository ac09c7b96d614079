"""OmegaConf interpolations followed inside one document (`hplint.document.interpolation`)."""

from __future__ import annotations

import textwrap

import pytest

from hplint.document.access import mapping, scalar_value
from hplint.document.interpolation import MAX_HOPS, follow, node_reference
from hplint.document.loader import parse_text
from hplint.document.model import Node

TEXT = textwrap.dedent(
    """\
    base_lr: 0.1
    alias: ${base_lr}
    epochs: [10, 20]
    model:
      optimizer:
        lr: ${base_lr}
        same: ${.lr}
        up: ${..name}
        chained: ${alias}
        indexed: ${epochs.1}
        env: ${oc.env:LR}
        embedded: run_${base_lr}
        missing: ${trainer.max_epochs}
        too_high: ${....base_lr}
        loop: ${.loop}
        ping: ${.pong}
        pong: ${.ping}
      name: resnet
    """
)


def _value(path: str) -> Node:
    root = parse_text(TEXT, "yaml").roots[0].node
    node = root
    for key in path.split("."):
        body = mapping(node)
        assert body is not None
        found = body.get(key)
        assert found is not None, path
        node = found
    return node


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("model.optimizer.lr", 0.1),
        ("model.optimizer.chained", 0.1),
        ("model.optimizer.indexed", 20),
        ("model.optimizer.up", "resnet"),
    ],
)
def test_references_inside_the_file_are_followed(path: str, expected: object) -> None:
    target = follow(_value(path), absolute=True)
    assert target is not None and scalar_value(target) == expected


def test_a_relative_reference_to_an_interpolation_is_followed_to_its_value() -> None:
    target = follow(_value("model.optimizer.same"), absolute=True)
    assert target is not None and scalar_value(target) == 0.1
    # Without absolute references the chain stops at `${base_lr}`: nothing is guessed.
    assert follow(_value("model.optimizer.same"), absolute=False) is None


@pytest.mark.parametrize(
    "path",
    [
        "model.optimizer.env",  # a resolver
        "model.optimizer.embedded",  # a string that embeds an interpolation
        "model.optimizer.missing",  # a key of another file
        "model.optimizer.too_high",  # climbs out of the document
        "model.optimizer.loop",  # points at itself
        "model.optimizer.ping",  # a cycle of two
        "base_lr",  # not an interpolation
    ],
)
def test_anything_else_stays_unknown(path: str) -> None:
    assert follow(_value(path), absolute=True) is None


def test_absolute_references_only_when_the_file_is_the_root() -> None:
    assert follow(_value("model.optimizer.lr"), absolute=False) is None


def test_a_long_chain_stops() -> None:
    lines = [f"k{i}: ${{k{i + 1}}}" for i in range(MAX_HOPS + 1)] + [f"k{MAX_HOPS + 1}: 1"]
    root = parse_text("\n".join(lines) + "\n", "yaml").roots[0].node
    body = mapping(root)
    assert body is not None
    first = body.get("k0")
    assert first is not None and follow(first, absolute=True) is None
    near = body.get(f"k{2}")
    assert near is not None and scalar_value(follow(near, absolute=True)) == 1


def test_node_reference_grammar() -> None:
    assert node_reference("${a.b}") == (0, ("a", "b"))
    assert node_reference("${..a}") == (2, ("a",))
    assert node_reference("${oc.select:a, 1}") is None
    assert node_reference("${a[0]}") is None
    assert node_reference(3) is None
