"""Text edits shared by rule fixes: rewriting a string scalar in the author's quoting style."""

from __future__ import annotations

import json
import re
from typing import Final

from hplint.diagnostics import Edit
from hplint.document.model import Node, ScalarNode, ScalarStyle
from hplint.document.scalars import is_yaml11_boolean_word, resolve_plain

# Letters, digits and `_ . / + -`, with colons only between such characters (`reg:linear`):
# a colon followed by a space or the end of the scalar would start a mapping.
_PLAIN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_./+-]*(?::[A-Za-z0-9_./+-]+)*")


def is_plain_safe(text: str) -> bool:
    """True when `text` written unquoted reads back as the same string in every YAML loader."""
    return (
        _PLAIN.fullmatch(text) is not None
        and resolve_plain(text) == text
        and not is_yaml11_boolean_word(text)
    )


def spell_string_like(node: Node, new: str) -> str | None:
    """`new` as source text in the quoting style of `node` (None for block scalars)."""
    if not isinstance(node, ScalarNode):
        return None
    style = node.style
    if style in (ScalarStyle.DOUBLE_QUOTED, ScalarStyle.JSON):
        return json.dumps(new, ensure_ascii=False)
    if style is ScalarStyle.SINGLE_QUOTED:
        return "'" + new.replace("'", "''") + "'"
    if style is ScalarStyle.PLAIN:
        return new if is_plain_safe(new) else json.dumps(new, ensure_ascii=False)
    return None


def replace_string(node: Node, new: str) -> Edit | None:
    """An edit that rewrites a string scalar to `new`, keeping its quoting style."""
    text = spell_string_like(node, new)
    return Edit(node.span, text) if text is not None else None
