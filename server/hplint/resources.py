"""Locate the JSON files shipped in `schemas/`.

In a wheel, `schemas/` is packaged as `hplint/_schemas`; in an editable install or a source
checkout it is the repository's top-level `schemas/` folder. Both are tried, in that order.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def schemas_dir() -> Path:
    """The directory holding the packaged schemas."""
    for candidate in (_PACKAGE_DIR / "_schemas", _PACKAGE_DIR.parent.parent / "schemas"):
        if (candidate / "hplint.schema.json").is_file():
            return candidate
    raise FileNotFoundError(
        "hplint's schemas were not found next to the package; the installation is incomplete"
    )


def schema_file(name: str) -> Path:
    """The path of `name` (e.g. `"estimators/sklearn.json"`) under the packaged schemas."""
    path = (schemas_dir() / name).resolve()
    if schemas_dir().resolve() not in path.parents:
        raise ValueError(f"schema name escapes the schema directory: {name!r}")
    return path


@functools.cache
def load_json(name: str) -> Any:
    """Parse a packaged JSON file once per process."""
    with schema_file(name).open(encoding="utf-8") as handle:
        return json.load(handle)
