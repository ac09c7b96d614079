"""Generate hplint's knowledge of PyTorch's optimizers and learning-rate schedulers, so that a
Hydra `_target_: torch.optim.AdamW` (or `torch.optim.lr_scheduler.OneCycleLR`) gets the checks,
hover and completion of any catalogued class.

The released `torch` wheel is downloaded without dependencies and read with `ast`, never
imported. Python sources are the same on every platform, so the macOS arm64 wheel (a third of
the Linux one's size) is used. For each class that `torch.optim` and `torch.optim.lr_scheduler`
export: the parameters of `__init__` and their defaults, each one's help from the docstring's
`Args:` section (optimizers assemble theirs from shared snippets such as `_foreach_doc`, which
are substituted here), and the value checks `__init__` raises `ValueError` for when written as
`if not 0.0 <= lr:` (intervals only; anything more involved is left unchecked).

An older release is read too: a parameter it had and the pinned one lacks must have an entry
in `server/hplint/knowledge/data/removed_parameters.json` (with what to write instead); the
generator stops if one is missing.

    schemas/estimators/torch.json

Usage:
    python scripts/generate_torch_knowledge.py             # the pinned versions below
    python scripts/generate_torch_knowledge.py --check     # exit 1 if the file is stale
    python scripts/generate_torch_knowledge.py --wheels DIR
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import _released_wheels as released_wheels

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "schemas" / "estimators" / "torch.json"
REMOVED = ROOT / "server" / "hplint" / "knowledge" / "data" / "removed_parameters.json"

TORCH = "2.14.1"
# The last release before `verbose` left the schedulers (2.7.0); older configs still carry it.
HISTORY = "2.6.0"
# macOS arm64 wheels: pure-Python sources are identical across platforms, the file is smallest.
PLATFORM = {TORCH: "macosx_14_0_arm64", HISTORY: "macosx_11_0_arm64"}

OPTIM = "torch/optim/__init__.py"
SCHEDULERS = "torch/optim/lr_scheduler.py"
SNIPPETS = "torch/optim/optimizer.py"
# Exported names that are not classes a config instantiates.
NOT_CLASSES = frozenset({"Optimizer", "LRScheduler", "lr_scheduler", "swa_utils"})
# Arguments the calling code passes, never the config (Hydra configs use `_partial_: true`).
RUNTIME_ARGUMENTS = frozenset({"params", "optimizer"})


def main() -> int:
    parser_args = sys.argv[1:]
    if "--wheels" in parser_args:
        return released_wheels.main(__doc__ or "", (), build, outputs)
    return released_wheels.main(__doc__ or "", (), _build_downloaded, outputs)


def _build_downloaded(folder: Path) -> dict[str, Any]:
    for version, platform in PLATFORM.items():
        subprocess.run(
            [
                sys.executable,
                *("-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)),
                *("--only-binary=:all:", "--python-version", "3.11", "--platform", platform),
                f"torch=={version}",
            ],
            check=True,
            timeout=900,
        )
    return build(folder)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {CATALOG: json.dumps(data, indent=2, ensure_ascii=False) + "\n"}


def build(folder: Path) -> dict[str, Any]:
    current = _classes(released_wheels.wheel(folder, "torch", TORCH))
    older = _classes(released_wheels.wheel(folder, "torch", HISTORY))
    _require_removal_records(current, older)
    estimators = [
        _estimator(name, module, kind, init)
        for name, (module, kind, init) in sorted(current.items())
    ]
    return {
        "generator": "scripts/generate_torch_knowledge.py",
        "library": "torch",
        "note": "Generated file - do not edit by hand.",
        "source": (
            f"torch {TORCH} wheel: torch.optim optimizer and torch.optim.lr_scheduler "
            "signatures, docstrings and __init__ value checks"
        ),
        "table_version": TORCH,
        "version": TORCH,
        "estimators": estimators,
    }


_Class = tuple[str, str, dict[str, Any]]  # (defining module, kind, parameters)


def _classes(wheel: Path) -> dict[str, _Class]:
    with zipfile.ZipFile(wheel) as archive:

        def tree(member: str) -> ast.Module:
            return ast.parse(archive.read(member).decode("utf-8"))

        snippets = _string_constants(tree(SNIPPETS))
        found: dict[str, _Class] = {}
        for name, module in _optimizer_modules(tree(OPTIM)).items():
            source = tree(module.replace(".", "/") + ".py")
            base = _base_in(found, source, name)
            init = _init_parameters(source, name, snippets, base)
            if init is not None:
                found[name] = (module, "optimizer", init)
        schedulers = tree(SCHEDULERS)
        for name in _exported(schedulers):
            init = _init_parameters(schedulers, name, snippets)
            if init is not None:
                found[name] = ("torch.optim.lr_scheduler", "scheduler", init)
    return found


def _base_in(
    found: dict[str, _Class], module: ast.Module, cls_name: str
) -> dict[str, dict[str, Any]]:
    """The intervals of `cls_name`'s base class when it is an optimizer already read (AdamW
    extends Adam and passes its arguments on to Adam's checks)."""
    cls = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == cls_name)
    bases = [b.id for b in cls.bases if isinstance(b, ast.Name) and b.id in found]
    if not bases:
        return {}
    return {
        name: entry["interval"] for name, entry in found[bases[0]][2].items() if "interval" in entry
    }


def _optimizer_modules(init: ast.Module) -> dict[str, str]:
    """`{class: defining module}` for every `from torch.optim.x import Name as Name` of an
    exported class."""
    exported = set(_exported(init))
    modules: dict[str, str] = {}
    for node in init.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("torch.optim."):
            for alias in node.names:
                if alias.name in exported and alias.name[:1].isupper():
                    modules[alias.name] = node.module  # type: ignore[assignment]
    return modules


def _exported(module: ast.Module) -> list[str]:
    for node in module.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names = ast.literal_eval(node.value)
            return [n for n in names if n not in NOT_CLASSES and n[:1].isupper()]
    raise SystemExit("no __all__")


def _string_constants(module: ast.Module) -> dict[str, str]:
    """Module-level `_name_doc = r\"\"\"...\"\"\"` snippets the optimizers' docstrings embed."""
    found: dict[str, str] = {}
    for node in module.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            found[node.targets[0].id] = node.value.value
    return found


def _init_parameters(
    module: ast.Module,
    cls_name: str,
    snippets: dict[str, str],
    inherited: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """`__init__`'s parameters: type, default, help and interval (`inherited`: the intervals
    of the base class whose `__init__` this one calls with the same arguments)."""
    inherited = inherited or {}
    cls = next((n for n in module.body if isinstance(n, ast.ClassDef) and n.name == cls_name), None)
    if cls is None:
        return None
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None:
        return None
    doc = _assigned_doc(module, cls_name, snippets) or ast.get_docstring(cls) or ""
    helps = released_wheels.args_help(doc)
    checks = {**inherited, **_interval_checks(init)}
    parameters = released_wheels.init_parameters(init, helps)
    for argument, entry in parameters.items():
        if argument in checks:
            entry["interval"] = checks[argument]
    return parameters


def _assigned_doc(module: ast.Module, cls_name: str, snippets: dict[str, str]) -> str | None:
    """The text of `Cls.__doc__ = r\"\"\"...\"\"\" + rf\"\"\"...{_foreach_doc}...\"\"\"`, with
    the snippets substituted (the optimizers build their docstrings this way)."""
    for node in module.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Attribute)
            and node.targets[0].attr == "__doc__"
            and isinstance(node.targets[0].value, ast.Name)
            and node.targets[0].value.id == cls_name
        ):
            return _text(node.value, snippets)
    return None


def _text(node: ast.expr, snippets: dict[str, str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left, snippets) + _text(node.right, snippets)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name):
                parts.append(snippets.get(value.value.id, ""))
            elif isinstance(value, ast.Constant):
                parts.append(str(value.value))
        return "".join(parts)
    return ""


_OPERATORS = {ast.LtE: True, ast.Lt: False}  # operator -> closed


def _interval_checks(init: ast.FunctionDef) -> dict[str, dict[str, Any]]:
    """`{argument: interval}` from each top-level `raise ValueError` guarded by a comparison of
    one argument with numbers: `if not LOW <= arg [< HIGH]:` or `if arg < LOW:`."""
    found: dict[str, dict[str, Any]] = {}
    for statement in init.body:
        if not (
            isinstance(statement, ast.If)
            and statement.body
            and isinstance(statement.body[0], ast.Raise)
            and _raises_value_error(statement.body[0])
        ):
            continue
        test = statement.test
        if (
            isinstance(test, ast.UnaryOp)
            and isinstance(test.op, ast.Not)
            and isinstance(test.operand, ast.Compare)
        ):
            interval = _interval(test.operand)
        elif isinstance(test, ast.Compare):
            interval = _negated_bound(test)
        else:
            interval = None
        if interval is not None:
            name, bounds = interval
            found[name] = bounds
    return found


def _negated_bound(compare: ast.Compare) -> tuple[str, dict[str, Any]] | None:
    """`arg < LOW` (raise) → arg ≥ LOW; `arg <= LOW` → arg > LOW; `arg > HIGH` → arg ≤ HIGH."""
    if len(compare.ops) != 1 or not isinstance(compare.left, ast.Name):
        return None
    bound = _number(compare.comparators[0])
    if bound is None:
        return None
    name = compare.left.id
    match compare.ops[0]:
        case ast.Lt():
            return name, {"left": bound, "right": None, "closed": "left"}
        case ast.LtE():
            return name, {"left": bound, "right": None, "closed": "neither"}
        case ast.Gt():
            return name, {"left": None, "right": bound, "closed": "right"}
        case ast.GtE():
            return name, {"left": None, "right": bound, "closed": "neither"}
    return None


def _raises_value_error(node: ast.Raise) -> bool:
    exc = node.exc
    return (
        isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) and exc.func.id == "ValueError"
    )


def _interval(compare: ast.Compare) -> tuple[str, dict[str, Any]] | None:
    """`LOW <= name`, `LOW <= name < HIGH`, `name <= HIGH`… as (name, interval), else None."""
    operands = [compare.left, *compare.comparators]
    if not all(type(op) in _OPERATORS for op in compare.ops):
        return None
    names = [i for i, o in enumerate(operands) if isinstance(o, ast.Name)]
    if len(names) != 1:
        return None
    at = names[0]
    bounds: list[float | None] = []
    for operand in operands[:at] + operands[at + 1 :]:
        value = _number(operand)
        if value is None:
            return None
        bounds.append(value)
    left = bounds[0] if at > 0 else None
    right = bounds[-1] if at < len(operands) - 1 else None
    closed_left = at == 0 or _OPERATORS[type(compare.ops[at - 1])]
    closed_right = at == len(operands) - 1 or _OPERATORS[type(compare.ops[at])]
    closed = {
        (True, True): "both",
        (True, False): "left",
        (False, True): "right",
        (False, False): "neither",
    }[(closed_left, closed_right)]
    name = operands[at].id  # type: ignore[attr-defined]
    return name, {"left": left, "right": right, "closed": closed}


def _number(node: ast.expr) -> float | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _require_removal_records(current: dict[str, _Class], older: dict[str, _Class]) -> None:
    records = {
        (cls, entry["parameter"])
        for entry in json.loads(REMOVED.read_text("utf-8"))["libraries"].get("torch", [])
        for cls in entry["classes"]
    }
    missing = sorted(
        (name, parameter)
        for name, (_, _, parameters) in older.items()
        if name in current
        for parameter in parameters
        if parameter not in current[name][2] and (name, parameter) not in records
    )
    if missing:
        raise SystemExit(
            f"torch {HISTORY} parameters gone in {TORCH} without a record in "
            f"{REMOVED.relative_to(ROOT)}: {missing}"
        )


def _estimator(name: str, module: str, kind: str, init: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for argument, entry in init.items():
        description = entry.get("help", "")
        if argument in RUNTIME_ARGUMENTS:
            description = (description + " Passed by the training code, not the config.").strip()
        interval = entry.get("interval")
        constraints = (
            [{"type": "interval", "number": "real", **interval}] if interval is not None else None
        )
        param: dict[str, Any] = {"constraints": constraints, "description": description}
        default = entry.get("default")
        if isinstance(default, dict):  # an expression (`defaultdict`…): shown, never compared
            param["default"] = None
            param["default_kind"] = "repr"
            param["default_repr"] = default["expression"]
        elif "default" in entry:
            param["default"] = default
        else:
            param["default"] = None
            param["default_kind"] = "required"
        params[argument] = param
    public = f"torch.optim.{name}" if kind == "optimizer" else f"{module}.{name}"
    defining = sorted({f"{module}.{name}"} - {public})
    return {
        "name": name,
        "import_path": public,
        "import_paths": defining,
        "kinds": [kind],
        "learned_attributes": [],
        "aliases": {},
        "has_parameter_constraints": any(p["constraints"] for p in params.values()),
        "params": dict(sorted(params.items())),
    }


if __name__ == "__main__":
    raise SystemExit(main())
