"""How rules write values: numbers for messages and edits, scalars rewritten in the author's
quoting style, a parameter inserted into an estimator's params."""

from __future__ import annotations

import json
import math
import re
from typing import Final

from hplint.diagnostics import Edit
from hplint.document.model import Document, MappingNode, Node, ScalarNode, ScalarStyle
from hplint.document.scalars import is_yaml11_boolean_word, resolve_plain
from hplint.ir import Estimator
from hplint.text import Span

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


def yaml_float(value: float, digits: int = 2) -> str:
    """`value` rounded to `digits` significant digits, spelt so that YAML 1.1 loaders (PyYAML)
    and YAML 1.2 loaders both read a float: `0.8`, `4.0`, `12.0`, `4.0e-4`, `1.2e+5`.

    Numbers below 1e-3 or from 1e4 up use scientific notation with a dot in the mantissa and a
    signed exponent (YAML 1.1 reads `4e-4` as a string).
    """
    if value == 0 or not math.isfinite(value):
        return "0.0" if value == 0 else repr(value)
    rounded = float(f"{value:.{digits}g}")
    magnitude = abs(rounded)
    if 1e-3 <= magnitude < 1e4:
        text = repr(rounded)
        return text if "." in text or "e" in text else text + ".0"
    mantissa, exponent = f"{rounded:.{max(digits - 1, 1)}e}".split("e")
    sign = exponent[0]
    return f"{mantissa}e{sign}{int(exponent[1:])}"


def plain_fraction(value: float) -> str:
    """A fraction in [0, 1] without float noise: `1 - 0.8` → `0.2`, `0.35` → `0.35`."""
    text = repr(round(value, 6))
    return text if "." in text or "e" in text else text + ".0"


def short_number(value: float) -> str:
    """A number for a message: integers without a decimal point, others to 3 significant digits."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) < 1e15 and value == int(value):
        return str(int(value))
    return f"{value:.3g}"


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def insert_param(est: Estimator, key: str, value: str, document: Document) -> Edit | None:
    """An edit that adds `key: value` as the last entry of `est`'s params, or None if unsure."""
    params = est.params_section.mapping
    return insert_entry(params, key, value, document) if params is not None else None


def insert_entry(body: MappingNode, key: str, value: str, document: Document) -> Edit | None:
    """An edit that adds `key: value` as the last entry of `body`, or None if unsure."""
    if not body.entries:
        return None
    text = document.text
    last = body.entries[-1]
    if document.language == "json":
        end = last.value.span.end
        return Edit(Span(end, end), f', "{key}": {value}')
    if body.flow:
        end = last.value.span.end
        return Edit(Span(end, end), f", {key}: {value}")
    lines = document.lines
    first_key = body.entries[0].key
    indent_pos = lines.position(first_key.span.start)
    prefix = text[lines.line_start(indent_pos.line) : first_key.span.start]
    indent = " " * len(prefix)
    anchor = max(last.value.span.end - 1, last.key.span.start)
    line = lines.position(anchor).line
    end = lines.line_end(line, text)
    return Edit(Span(end, end), f"{newline_of(text)}{indent}{key}: {value}")


def item_prefix(item: Node, document: Document) -> str | None:
    """For a block-sequence item, the text from the line start to the item (`"    - "`)."""
    lines = document.lines
    text = document.text
    start = item.span.start
    line_start = lines.line_start(lines.position(start).line)
    prefix = text[line_start:start]
    stripped = prefix.rstrip(" ")
    if stripped.strip(" ") != "-" or len(stripped) == len(prefix):
        return None
    return prefix
