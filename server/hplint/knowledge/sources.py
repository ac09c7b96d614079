"""The bibliography behind every rule page and hover text (`data/sources.json`).

Rule docstrings cite a source by key in their References (`- [Goyal17]`, optionally followed by a
note such as a section: `- [ESL] §3.4.1`); `expand_references` turns the keys into citations with
links. Hover entries list keys and `cite` renders them. A URL is given only where it is the
canonical, stable address of the work; otherwise the citation alone identifies the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hplint.knowledge import read_data

__all__ = ["SOURCES", "Source", "cite", "expand_references"]


@dataclass(frozen=True, slots=True)
class Source:
    """One reference: a paper, a book, or a library documentation page."""

    key: str
    citation: str
    url: str | None

    def markdown(self) -> str:
        """The citation as a Markdown link (plain text when there is no URL)."""
        return f"[{self.citation}]({self.url})" if self.url else self.citation


def _load() -> tuple[Source, ...]:
    return tuple(Source(**entry) for entry in read_data("sources.json")["sources"])


_ALL = _load()
SOURCES: Mapping[str, Source] = MappingProxyType({s.key: s for s in _ALL})
"""All references by key (read-only)."""


def cite(keys: Iterable[str]) -> str:
    """Render a Markdown ``Sources:`` line for ``keys`` (in order, duplicates dropped).

    Unknown keys are rendered as plain text rather than raising, so a hover never fails;
    the test-suite checks that every key used by the knowledge base exists.
    """
    seen: dict[str, None] = dict.fromkeys(keys)
    if not seen:
        return ""
    parts = [SOURCES[k].markdown() if k in SOURCES else k for k in seen]
    return "*Sources:* " + " · ".join(parts)


_KEY_LINE = re.compile(r"^(\s*)- \[([A-Za-z0-9._-]+)\](?!\()(.*)$", re.MULTILINE)


def expand_references(markdown: str) -> str:
    """`- [Goyal17] note` lines → `- [citation](url) note`. Unknown keys stay as written (the
    tests check that every cited key exists)."""

    def expand(match: re.Match[str]) -> str:
        indent, key, note = match.groups()
        source = SOURCES.get(key)
        return f"{indent}- {source.markdown()}{note}" if source else match.group(0)

    return _KEY_LINE.sub(expand, markdown)
