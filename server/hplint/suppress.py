"""Suppression comments: `# hplint: disable=HP103,lr-not-scaled-with-batch-size` and
`# hplint: disable-file=HP302`.

A `disable` comment at the end of a line silences that line; on a line of its own it silences
the next line. Rules are named by code or by name, never by message text. Unknown codes are
reported (HP011) so a typo in a suppression does not silently suppress nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from hplint.text import LineIndex, Span

DIRECTIVE: Final = re.compile(
    r"#\s*hplint:\s*(?P<kind>disable-file|disable|enable)\b(?:\s*=\s*(?P<codes>[A-Za-z0-9_,\s-]*))?"
)
ALL: Final = "*"


@dataclass(frozen=True, slots=True)
class CodeMention:
    """A rule named in a suppression comment, with its span (for hover and HP011)."""

    text: str
    span: Span


@dataclass(slots=True)
class Suppressions:
    """A file's suppression comments: the codes silenced per line and file-wide, each code named."""

    by_line: dict[int, set[str]] = field(default_factory=dict)  # 0-based line -> codes or ALL
    file_wide: set[str] = field(default_factory=set)
    mentions: list[CodeMention] = field(default_factory=list)
    comment_lines: dict[int, Span] = field(default_factory=dict)  # line -> directive span

    def suppresses(self, code: str, line: int) -> bool:
        if ALL in self.file_wide or code in self.file_wide:
            return True
        codes = self.by_line.get(line)
        return codes is not None and (ALL in codes or code in codes)


def parse_suppressions(
    text: str,
    comments: Iterable[tuple[Span, str]],
    lines: LineIndex,
    resolve: Callable[[str], str | None],
) -> Suppressions:
    """Read every suppression comment; `resolve` maps a code or rule name to a code."""
    result = Suppressions()
    for span, comment in comments:
        match = DIRECTIVE.search(comment)
        if match is None:
            continue
        kind = match.group("kind")
        if kind == "enable":
            continue
        codes: set[str] = set()
        raw_codes = match.group("codes")
        if raw_codes is None or not raw_codes.strip():
            codes.add(ALL)
        else:
            base = span.start + match.start("codes")
            for part in re.finditer(r"[A-Za-z0-9_-]+", raw_codes):
                mention = CodeMention(part.group(), Span(base + part.start(), base + part.end()))
                result.mentions.append(mention)
                code = resolve(part.group())
                if code is not None:
                    codes.add(code)
        position = lines.position(span.start)
        if kind == "disable-file":
            result.file_wide |= codes
            continue
        line_start = lines.line_start(position.line)
        own_line = text[line_start : span.start].strip() == ""
        target = position.line + 1 if own_line else position.line
        result.by_line.setdefault(target, set()).update(codes)
        result.comment_lines[position.line] = span
    return result
