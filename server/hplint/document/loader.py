"""Bytes or text → `Document`: decoding, the size cap, and the choice of parser."""

from __future__ import annotations

import codecs
from typing import Final

from hplint.document.json_parser import parse_json
from hplint.document.model import Document, ParseProblem
from hplint.document.yaml_parser import parse_yaml
from hplint.text import Span

MAX_FILE_BYTES: Final = 5 * 1024 * 1024
"""Files larger than this get one HP000 diagnostic and are not parsed (product spec)."""

JSON_SUFFIXES: Final = (".json", ".jsonc", ".json5")


def language_for(path: str | None, language_id: str | None = None) -> str:
    """`"json"` or `"yaml"`: from the editor's language id, else the file name."""
    if language_id in ("json", "jsonc"):
        return "json"
    if language_id == "yaml":
        return "yaml"
    if path and path.lower().endswith(JSON_SUFFIXES):
        return "json"
    return "yaml"


def decode(data: bytes) -> tuple[str, ParseProblem | None]:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Invalid bytes do not stop linting: they are replaced and reported once as HP000.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                text = data.decode(encoding, errors="replace")
                return text, _encoding_problem(text, exc, encoding)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, _encoding_problem(text, exc, "UTF-8")


def _encoding_problem(text: str, exc: UnicodeDecodeError, encoding: str) -> ParseProblem:
    # Offsets after a replacement differ from byte offsets; point at the first replacement.
    where = text.find("\ufffd")
    where = max(where, 0)
    return ParseProblem(
        "HP000",
        f"The file is not valid {encoding} (byte {exc.start}: {exc.reason}); "
        "invalid bytes were replaced before linting.",
        Span(where, min(where + 1, len(text))),
    )


def parse_text(text: str, language: str) -> Document:
    """Parse text that is already decoded; never raises for bad input."""
    if len(text) > MAX_FILE_BYTES:  # a cheap bound before encoding: a code point is ≥ 1 byte
        return _too_large(text, len(text))
    if "\x00" in text:
        where = text.index("\x00")
        document = Document(text=text, language=language)
        document.problems.append(
            ParseProblem(
                "HP000",
                "The file contains a NUL byte; it is binary, not YAML or JSON.",
                Span(where, where + 1),
            )
        )
        return document
    return parse_json(text) if language == "json" else parse_yaml(text)


def _too_large(text: str, size: int) -> Document:
    document = Document(text=text, language="yaml")
    document.problems.append(
        ParseProblem(
            "HP000",
            f"The file is {size:,} bytes, over hplint's {MAX_FILE_BYTES:,}-byte limit; "
            "it was not parsed.",
            Span(0, 0),
        )
    )
    return document


def parse_bytes(data: bytes, language: str) -> Document:
    """Decode and parse file contents; never raises for bad input."""
    if len(data) > MAX_FILE_BYTES:
        return _too_large("", len(data))
    text, problem = decode(data)
    document = parse_text(text, language)
    if problem is not None:
        document.problems.insert(0, problem)
    return document
