"""Checks shared by the formats whose knowledge a script generates from released wheels."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO

SCRIPTS = REPO / "scripts"


def load_generator(name: str) -> ModuleType:
    """`scripts/<name>.py` as a module (its sibling `_released_wheels` importable)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pin(generator: str, constant: str) -> str:
    """The version a generator pins (`TRANSFORMERS = "5.25.0"`), read from its source."""
    source = (SCRIPTS / f"{generator}.py").read_text("utf-8")
    found = re.search(rf'^{constant} = "([^"]+)"', source, re.MULTILINE)
    assert found is not None, f"{generator}.{constant}"
    return found.group(1)


def assert_outputs_follow_the_knowledge(generator: str, knowledge: Path) -> None:
    """Every file the generator derives from the knowledge file is what it would write now."""
    module = load_generator(generator)
    data = json.loads(knowledge.read_text("utf-8"))
    for path, text in module.outputs(data).items():
        if path != knowledge:
            assert path.read_text("utf-8") == text, f"{path} is stale: re-run {generator}"
