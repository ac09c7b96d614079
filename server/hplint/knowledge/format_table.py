"""The formats table (`data/formats.json`): one place for each format's id, label, title,
schema file and how it is recognised. Detection, the adapters' schemas, hover, the language
server (the editor shows the label it sends) and the generated README read it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from hplint.knowledge import read_data


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """One row of the formats table: a format's id, names, schema file, detection and reader."""

    id: str
    label: str  # short: the status bar, hover titles
    title: str  # the format's full name
    schema: str  # file name under schemas/
    recognised_by: str  # Markdown: what content detection looks for
    schema_source: str  # Markdown: where the schema comes from
    reader: Reader


@dataclass(frozen=True, slots=True)
class Reader:
    """Who loads files of a format, and how that loader reads YAML 1.1's traps."""

    name: str
    exponent_without_dot: Literal["string", "number", "unknown"]  # a plain `1e-5`
    yaml11_booleans: Literal["boolean", "string", "unknown"]  # plain yes/no/on/off
    evidence: str
    # What it does with unknown keys. "suggested": the schema cannot list every valid key (the
    # script declares its own), so only a near miss of a known key is reported.
    unknown_keys: Literal["rejected", "warned", "suggested"] = "rejected"
    # `!!python/...` tags: refused by a safe loader, or loaded with `yaml.unsafe_load` (and run)
    python_tags: Literal["rejected", "unsafe-load"] = "rejected"


@functools.cache
def format_table() -> tuple[FormatInfo, ...]:
    return tuple(
        FormatInfo(**{**entry, "reader": Reader(**entry["reader"])})
        for entry in read_data("formats.json")["formats"]
    )


@functools.cache
def format_info(format_id: str) -> FormatInfo | None:
    return next((info for info in format_table() if info.id == format_id), None)
