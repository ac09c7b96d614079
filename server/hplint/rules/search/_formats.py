"""What several rules of formats.py share (helpers, constants, derived values)."""

from __future__ import annotations

from hplint.diagnostics import Edit
from hplint.document.model import Node, ScalarNode, ScalarStyle


def replace_text(node: Node, old: str, new: str) -> Edit | None:
    """Replace `old` by `new` inside a scalar's source text (quotes kept)."""
    if (
        not isinstance(node, ScalarNode)
        or old not in node.raw
        or node.style
        in (
            ScalarStyle.LITERAL,
            ScalarStyle.FOLDED,
        )
    ):
        return None
    return Edit(node.span, node.raw.replace(old, new, 1))
