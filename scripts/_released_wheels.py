"""What the knowledge generators share (`generate_hf_trainer_knowledge.py`,
`generate_lightning_knowledge.py`, `generate_ultralytics_knowledge.py`,
`generate_detectron2_knowledge.py`): download released wheels without their dependencies
(nothing is imported from them), read defaults out of their source, and write the generated
files — or, with `--check`, say which are stale."""

from __future__ import annotations

import argparse
import ast
import math
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main(
    description: str,
    requirements: Sequence[str],
    build: Callable[[Path], dict[str, Any]],
    outputs: Callable[[dict[str, Any]], dict[Path, str]],
) -> int:
    """The generators' command line: `[--check] [--wheels DIR]`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    parser.add_argument("--wheels", type=Path, help="a folder with the wheels already in it")
    args = parser.parse_args()
    if args.wheels is not None:
        data = build(args.wheels)
    else:
        with tempfile.TemporaryDirectory() as folder:
            download(requirements, Path(folder))
            data = build(Path(folder))
    return write_or_check(outputs(data), check=args.check)


def download(requirements: Sequence[str], folder: Path) -> None:
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)]
    for requirement in requirements:
        subprocess.run([*pip, requirement], check=True, timeout=600)


def wheel(folder: Path, package: str, version: str) -> Path:
    """The downloaded wheel of `package` `version` (its file name spells `-` as `_`)."""
    found = sorted(folder.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
    if not found:
        raise SystemExit(f"no {package} {version} wheel in {folder}")
    return found[0]


def write_or_check(outputs: dict[Path, str], *, check: bool) -> int:
    if check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: re-run its generator")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def literal(node: ast.expr) -> Any:
    """A default as JSON: a literal's value (tuples as lists), else the source text marked as
    an expression (`{"expression": "default_optim"}`)."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return {"expression": ast.unparse(node)}
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and math.isnan(value):  # NaN has no JSON spelling
        return {"expression": "nan"}
    return value


_ARG_LINE = re.compile(r"^(\s+)(\w+)(?:\s*\([^)]*\))?:\s*(.*)$")


def args_help(docstring: str) -> dict[str, str]:
    """`{argument: help}` from a Google-style `Args:` section (continuation lines joined).

    The section ends at the next line indented less than its arguments (`Raises:`, a
    `.. note::` directive, the end of the docstring)."""
    found: dict[str, str] = {}
    lines = docstring.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Args:")
    except StopIteration:
        return found
    indent: int | None = None
    current: str | None = None
    for line in lines[start + 1 :]:
        depth = len(line) - len(line.lstrip())
        if line.strip() and (depth == 0 or (indent is not None and depth < indent)):
            break
        match = _ARG_LINE.match(line)
        if match and (indent is None or len(match.group(1)) == indent):
            indent = len(match.group(1))
            current = match.group(2)
            found[current] = match.group(3).strip()
        elif current is not None and line.strip():
            found[current] = f"{found[current]} {line.strip()}".strip()
    return {name: " ".join(text.split()) for name, text in found.items()}


def init_parameters(init: ast.FunctionDef, helps: dict[str, str]) -> dict[str, Any]:
    """`{argument: {type, default, help}}` of an `__init__` (without `self`), in order."""
    arguments = init.args
    positional = arguments.args[1:]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
    defaults += list(arguments.defaults)
    pairs = list(zip(positional, defaults, strict=True))
    pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
    found: dict[str, Any] = {}
    for argument, default in pairs:
        entry: dict[str, Any] = {}
        if argument.annotation is not None:
            entry["type"] = ast.unparse(argument.annotation)
        if default is not None:
            entry["default"] = literal(default)
        if argument.arg in helps:
            entry["help"] = helps[argument.arg]
        found[argument.arg] = entry
    return found


def checkout_at(source: Path, commit: str) -> None:
    """Stop unless the repository checkout `source` is at the pinned `commit`."""
    head = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    if head != commit:
        raise SystemExit(f"{source} is at {head}, the pin is {commit}")
