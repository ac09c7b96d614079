"""How plain YAML scalars are read.

hplint reads numbers the YAML 1.2 way (`1e-5` is a float, as ruamel.yaml and most tools other
than PyYAML read it) and booleans the YAML 1.1 way (`no` is false, as PyYAML and the W&B CLI read
it). Reading each trap the lenient way and flagging it separately (HP008, HP009) gives one
diagnostic per root cause instead of a type error on top of the trap.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Final

import yaml.resolver

NULL_WORDS: Final = frozenset({"", "~", "null", "Null", "NULL"})
TRUE_WORDS: Final = frozenset({"true", "True", "TRUE"})
FALSE_WORDS: Final = frozenset({"false", "False", "FALSE"})
YAML11_TRUE_WORDS: Final = frozenset({"yes", "Yes", "YES", "on", "On", "ON"})
YAML11_FALSE_WORDS: Final = frozenset({"no", "No", "NO", "off", "Off", "OFF"})
YAML11_ONLY_LETTERS: Final = frozenset({"y", "Y", "n", "N"})

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_HEX = re.compile(r"0x[0-9a-fA-F_]+")
_OCT = re.compile(r"0o[0-7_]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

_PYYAML_RESOLVER: Final = yaml.resolver.Resolver()
_FLOAT_TAG: Final = "tag:yaml.org,2002:float"
_STR_TAG: Final = "tag:yaml.org,2002:str"


def resolve_plain(raw: str) -> object:
    """The value of a plain (unquoted, untagged) scalar."""
    if raw in NULL_WORDS:
        return None
    if raw in TRUE_WORDS or raw in YAML11_TRUE_WORDS:
        return True
    if raw in FALSE_WORDS or raw in YAML11_FALSE_WORDS:
        return False
    first = raw[0]
    if not (first.isdigit() or first in "+-."):
        return raw
    if _INT.fullmatch(raw):
        return decimal_int(raw.replace("_", ""))
    if _HEX.fullmatch(raw):
        return int(raw[2:].replace("_", ""), 16)
    if _OCT.fullmatch(raw):
        return int(raw[2:].replace("_", ""), 8)
    if _FLOAT.fullmatch(raw) and any(ch.isdigit() for ch in raw):
        return float(raw.replace("_", ""))
    if _INF.fullmatch(raw):
        return -math.inf if raw.startswith("-") else math.inf
    if _NAN.fullmatch(raw):
        return math.nan
    return raw


@functools.lru_cache(maxsize=4096)
def pyyaml_reads_as_string(raw: str) -> bool:
    """True when PyYAML (YAML 1.1) would load this plain scalar as a string."""
    tag: object = _PYYAML_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def is_yaml11_float_trap(raw: str, value: object) -> bool:
    """`1e-5`, `3E4`, `1.0e5`: a float for YAML 1.2, a string for PyYAML (HP008)."""
    return isinstance(value, float) and pyyaml_reads_as_string(raw)


def is_yaml11_boolean_word(raw: str) -> bool:
    """`yes`/`no`/`on`/`off` (and `y`/`n`): booleans to some loaders, strings to others (HP009)."""
    return raw in YAML11_TRUE_WORDS or raw in YAML11_FALSE_WORDS or raw in YAML11_ONLY_LETTERS


def is_yaml11_boolean_only_word(raw: str) -> bool:
    """`yes`/`no`/`on`/`off`: booleans to YAML 1.1 loaders (PyYAML, OmegaConf, go-yaml v2),
    strings to YAML 1.2 ones. Not `y`/`n`, which PyYAML and OmegaConf read as strings too."""
    return raw in YAML11_TRUE_WORDS or raw in YAML11_FALSE_WORDS


def float_fix_text(raw: str) -> str:
    """A spelling of `raw` that every YAML loader reads as the same float: `1e-5` → `1.0e-5`."""
    mantissa, _, exponent = raw.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    elif mantissa.endswith("."):
        mantissa += "0"
    if not exponent:
        return mantissa
    if exponent[0] not in "+-":
        exponent = "+" + exponent
    return f"{mantissa}e{exponent}"


MAX_INT_DIGITS = 4000
"""Decimal integers longer than this are read as floats (Python refuses to convert more than
4,300 digits: a 5,000-digit value must not cost the file its report)."""


def decimal_int(text: str) -> int | float:
    """`int(text)` for a decimal integer, or its float value (possibly `inf`) when it has more
    digits than Python converts."""
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return float(text)
    return int(text)
