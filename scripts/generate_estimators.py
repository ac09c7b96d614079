"""Generate ``schemas/estimators/{sklearn,lightgbm,xgboost}.json`` from the installed packages.

These files are hplint's estimator knowledge base (HP001, HP002, HP003, HP617, hover and
completion).  The language server reads them through ``hplint.knowledge.estimators``; it never
imports scikit-learn, LightGBM or XGBoost.

* **scikit-learn** — every class in ``sklearn.utils.all_estimators()``: public import path (the
  shortest public module exporting it), kinds (``type_filter`` membership), summary, each
  ``__init__`` parameter's default, its ``_parameter_constraints`` translated into a checkable
  JSON form, the first paragraph of its numpydoc description, and the names from the
  "Attributes" section (learned attributes such as ``coef_``).
* **LightGBM** — the sklearn-API parameters of ``LGBMModel`` (signature + docstring) plus every
  core parameter and alias the native library reports (``LGBM_DumpParamAliases``); core defaults
  come from the booster's saved parameters; ranges and descriptions that the package does not
  expose are kept in ``LIGHTGBM_CORE`` below, copied from ``include/LightGBM/config.h``.
* **XGBoost** — the sklearn-API parameters of ``XGBModel`` (signature + docstring), plus the
  booster parameters accepted as keyword arguments (defaults from ``Booster.save_config()``);
  ranges, aliases and descriptions come from ``XGBOOST_NATIVE`` below (``doc/parameter.rst``).

Output is deterministic (sorted keys, ``indent=1``, trailing newline) so a test can regenerate
and compare byte for byte.

Usage::

    python scripts/generate_estimators.py                 # rewrite the files of installed packages
    python scripts/generate_estimators.py sklearn         # only one library
    python scripts/generate_estimators.py --check         # exit 1 if a file is out of date
    python scripts/generate_estimators.py --output-dir D  # write elsewhere (used by the tests)
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import math
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT_DIR = REPO_ROOT / "schemas" / "estimators"
GENERATOR = "scripts/generate_estimators.py"
NOTE = (
    "Generated file - do not edit by hand. Regenerate with "
    "`python scripts/generate_estimators.py {library}` after installing {package}."
)
LIBRARIES = ("sklearn", "lightgbm", "xgboost")
PACKAGES = {"sklearn": "scikit-learn", "lightgbm": "lightgbm", "xgboost": "xgboost"}
MAX_DESCRIPTION = 280
TABLES_DIR = Path(__file__).resolve().parent / "estimator_tables"


def _table(name: str) -> dict[str, Any]:
    """A hand-maintained input table (scripts/estimator_tables/<name>)."""
    loaded: dict[str, Any] = json.loads((TABLES_DIR / name).read_text(encoding="utf-8"))
    return loaded


JSON = Any

# --------------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------------

_ROLE_WITH_TITLE = re.compile(r":(?:[a-z]+:)?[a-z]+:`([^`<]*?)\s*<[^`>]*>`")
_ROLE = re.compile(r":(?:[a-z]+:)?[a-z]+:`~?([^`]*)`")
_DOUBLE_BACKTICK = re.compile(r"``([^`]+)``")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _role_target(match: re.Match[str]) -> str:
    target = match.group(1)
    role = match.group(0)
    if role.startswith((":class:", ":func:", ":meth:", ":attr:", ":mod:", ":obj:")):
        target = target.rsplit(".", 1)[-1] if "~" in role or "." in target else target
        return f"`{target}`"
    if role.startswith(":math:"):
        return f"`{target}`"
    return target


def clean_rst(text: str) -> str:
    """Turn a numpydoc fragment into plain text with Markdown code spans."""
    text = _ROLE_WITH_TITLE.sub(lambda m: m.group(1).strip(), text)
    text = _ROLE.sub(_role_target, text)
    text = _DOUBLE_BACKTICK.sub(r"`\1`", text)
    return re.sub(r"\s+", " ", text).strip()


def first_paragraph(lines: Iterable[str]) -> str:
    para: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if para:
                break
            continue
        if stripped.startswith(".. ") and para:
            break
        para.append(stripped)
    text = clean_rst(" ".join(para))
    text = re.sub(r"\s*See (the )?Glossary( for more details| for details)?\.", "", text).strip()
    if len(text) > MAX_DESCRIPTION:
        cut = text.rfind(". ", 0, MAX_DESCRIPTION)
        text = text[: cut + 1] if cut > 80 else text[: MAX_DESCRIPTION - 1].rstrip() + "…"
    return text


def parse_numpydoc(doc: str | None) -> tuple[str, dict[str, str], list[str]]:
    """(summary, {param: description}, attribute names) from a numpydoc class docstring."""
    from sklearn.externals._numpydoc import docscrape

    if not doc:
        return "", {}, []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = docscrape.NumpyDocString(inspect.cleandoc(doc))
    summary = clean_rst(" ".join(parsed["Summary"]))
    params: dict[str, str] = {}
    for entry in parsed["Parameters"]:
        for raw_name in entry.name.split(","):
            name = raw_name.strip().lstrip("*")
            if name:
                params.setdefault(name, first_paragraph(entry.desc))
    attributes = sorted(
        {n.strip() for entry in parsed["Attributes"] for n in entry.name.split(",") if n.strip()}
    )
    return summary, params, attributes


# --------------------------------------------------------------------------------------------
# defaults
# --------------------------------------------------------------------------------------------


def _is_json_value(value: object) -> bool:
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_is_json_value(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json_value(v) for k, v in value.items())
    return False


def _to_json(value: object) -> JSON:
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


def stable_repr(value: object) -> str:
    if inspect.isclass(value) or inspect.isfunction(value) or inspect.isbuiltin(value):
        module = getattr(value, "__module__", None) or ""
        name = getattr(value, "__qualname__", None) or getattr(value, "__name__", repr(value))
        return f"{module}.{name}" if module else str(name)
    if type(value).__name__ == "_ArrayFunctionDispatcher":  # numpy functions such as np.mean
        return f"numpy.{getattr(value, '__name__', '?')}"
    return _ADDRESS.sub("", repr(value))


def encode_default(param: inspect.Parameter) -> dict[str, JSON]:
    """``default``, ``default_kind`` (json|float|repr|required) and ``default_repr``."""
    value = param.default
    if value is inspect.Parameter.empty:
        return {"default": None, "default_kind": "required", "default_repr": "(required)"}
    if isinstance(value, float) and not math.isfinite(value):
        return {"default": repr(value), "default_kind": "float", "default_repr": repr(value)}
    if _is_json_value(value):
        return {"default": _to_json(value), "default_kind": "json", "default_repr": repr(value)}
    text = stable_repr(value)
    return {"default": text, "default_kind": "repr", "default_repr": text}


# --------------------------------------------------------------------------------------------
# scikit-learn constraints
# --------------------------------------------------------------------------------------------


def _number(value: object) -> JSON:
    """An interval bound: int stays int, ±inf and None become null."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    number = float(value)  # type: ignore[arg-type]
    return None if math.isinf(number) else number


def _option_value(value: object) -> JSON:
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "inf", "-inf", "nan"; the constraint's number type says it is a float
    if _is_json_value(value):
        return _to_json(value)
    return stable_repr(value)


def _sort_options(values: Iterable[object]) -> list[JSON]:
    encoded = [_option_value(v) for v in values]
    return sorted(encoded, key=lambda v: (type(v).__name__, str(v)))


def translate_constraint(constraint: object) -> dict[str, JSON]:
    """One scikit-learn constraint → a JSON object (see the module docstring of the API)."""
    import numbers

    import numpy as np
    from sklearn.utils import _param_validation as pv

    hidden = isinstance(constraint, pv.Hidden)
    inner = constraint.constraint if isinstance(constraint, pv.Hidden) else constraint
    out: dict[str, JSON]
    builtin_types: dict[object, str] = {
        dict: "dict",
        list: "list",
        str: "str",
        tuple: "tuple",
        float: "float",
        int: "int",
        bool: "bool",
        numbers.Integral: "int",
        numbers.Real: "real",
        np.ndarray: "ndarray",
    }
    try:
        from collections.abc import Mapping, MutableMapping

        builtin_types[Mapping] = "dict"
        builtin_types[MutableMapping] = "dict"
    except ImportError:  # pragma: no cover
        pass
    number_types = {
        numbers.Integral: "integral",
        numbers.Real: "real",
        pv.RealNotInt: "real_not_int",
    }

    if isinstance(inner, pv.Interval):
        out = {
            "type": "interval",
            "number": number_types.get(inner.type, "real"),
            "left": _number(inner.left),
            "right": _number(inner.right),
            "closed": inner.closed,
        }
    elif isinstance(inner, pv.StrOptions):
        out = {
            "type": "str_options",
            "options": _sort_options(inner.options),
            "deprecated": _sort_options(inner.deprecated),
        }
    elif isinstance(inner, pv.Options):
        kind = builtin_types.get(inner.type)
        if kind in ("real", "float", "int", "bool", "str"):
            out = {
                "type": "options",
                "of": kind,
                "options": _sort_options(inner.options),
                "deprecated": _sort_options(inner.deprecated),
            }
        else:
            out = {"type": "unchecked", "repr": stable_repr(inner)}
    elif isinstance(inner, pv.HasMethods):
        out = {
            "type": "object",
            "of": "an object implementing " + ", ".join(inner.methods),
            "methods": list(inner.methods),
        }
    elif isinstance(inner, pv.MissingValues):
        out = {"type": "missing_values", "numeric_only": bool(inner.numeric_only)}
    elif inner is callable:
        out = {"type": "callable"}
    elif inner is None:
        out = {"type": "none"}
    elif isinstance(inner, type):
        if inner in builtin_types:
            out = {"type": "instance", "of": builtin_types[inner]}
        else:
            out = {"type": "object", "of": f"{inner.__module__}.{inner.__qualname__}"}
    elif isinstance(inner, str) and inner in (
        "boolean",
        "random_state",
        "verbose",
        "array-like",
        "sparse matrix",
        "cv_object",
        "nan",
    ):
        out = {"type": inner.replace("-", "_").replace(" ", "_")}
    else:
        out = {"type": "unchecked", "repr": stable_repr(inner)}
    if hidden:
        out["hidden"] = True
    return out


def _public_paths(cls: type) -> list[str]:
    """Public modules exporting ``cls``, shortest first; the defining module path last."""
    parts = cls.__module__.split(".")
    paths: list[str] = []
    for end in range(1, len(parts) + 1):
        module_name = ".".join(parts[:end])
        if any(p.startswith("_") for p in parts[:end]):
            break
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if getattr(module, cls.__name__, None) is cls:
            paths.append(f"{module_name}.{cls.__name__}")
    defining = f"{cls.__module__}.{cls.__name__}"
    if defining not in paths:
        paths.append(defining)
    return paths


def _init_parameters(cls: type) -> list[inspect.Parameter]:
    return [
        p
        for name, p in inspect.signature(cls.__init__).parameters.items()
        if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _param_deprecated(default: object, constraints: list[dict[str, JSON]] | None) -> bool:
    """A parameter is deprecated as a whole when its default is a hidden 'deprecated' sentinel."""
    if default != "deprecated" or not constraints:
        return False
    return any(
        c.get("hidden") and c["type"] == "str_options" and "deprecated" in c["options"]
        for c in constraints
    )


def generate_sklearn() -> dict[str, JSON]:
    import sklearn
    from sklearn.utils import all_estimators

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        everything = all_estimators()
        by_kind = {
            kind: {cls for _, cls in all_estimators(type_filter=kind)}
            for kind in ("classifier", "regressor", "transformer", "cluster")
        }
    estimators: list[dict[str, JSON]] = []
    for name, cls in everything:
        kinds = sorted(k for k, members in by_kind.items() if cls in members) or ["other"]
        summary, descriptions, attributes = parse_numpydoc(cls.__doc__)
        raw_constraints = getattr(cls, "_parameter_constraints", None)
        params: dict[str, JSON] = {}
        for p in _init_parameters(cls):
            entry: dict[str, JSON] = encode_default(p)
            constraints: list[dict[str, JSON]] | None
            if raw_constraints is None or p.name not in raw_constraints:
                constraints = None
            elif raw_constraints[p.name] == "no_validation":
                constraints = [{"type": "unchecked", "repr": "no_validation"}]
            else:
                constraints = [translate_constraint(c) for c in raw_constraints[p.name]]
            entry["constraints"] = constraints
            entry["description"] = descriptions.get(p.name, "")
            entry["deprecated"] = _param_deprecated(p.default, constraints)
            params[p.name] = entry
        paths = _public_paths(cls)
        estimators.append(
            {
                "name": name,
                "import_path": paths[0],
                "import_paths": paths,
                "kinds": kinds,
                "summary": summary,
                "params": params,
                "aliases": {},
                "learned_attributes": attributes,
                "has_parameter_constraints": raw_constraints is not None,
            }
        )
    estimators.sort(key=lambda e: e["import_path"])
    return {
        "generator": GENERATOR,
        "note": NOTE.format(library="sklearn", package="scikit-learn"),
        "library": "sklearn",
        "version": sklearn.__version__,
        "sklearn_version": sklearn.__version__,
        "source": "sklearn.utils.all_estimators(), _parameter_constraints, numpydoc docstrings",
        "shared_params": {},
        "shared_aliases": {},
        "estimators": estimators,
    }


# --------------------------------------------------------------------------------------------
# LightGBM
# --------------------------------------------------------------------------------------------

# Hand-maintained tables are generator inputs (scripts/estimator_tables/, each with its source and
# the library version it was read from; tests/knowledge/test_estimators.py validates them).
_LIGHTGBM_TABLE = _table("lightgbm-core.json")
LIGHTGBM_SOURCE: str = _LIGHTGBM_TABLE["source"]
LIGHTGBM_DOCS: str = _LIGHTGBM_TABLE["docs"]
LIGHTGBM_TABLE_VERSION: str = _LIGHTGBM_TABLE["version"]


def _iv(number: str, left: float | None, right: float | None, closed: str) -> dict[str, JSON]:
    return {"type": "interval", "number": number, "left": left, "right": right, "closed": closed}


def _opts(*options: str, deprecated: tuple[str, ...] = ()) -> dict[str, JSON]:
    return {"type": "str_options", "options": sorted(options), "deprecated": sorted(deprecated)}


_BOOL: dict[str, JSON] = {"type": "boolean"}
_NONE: dict[str, JSON] = {"type": "none"}

# name: (constraints, description)
LIGHTGBM_CORE: dict[str, tuple[list[dict[str, JSON]], str]] = {
    name: (entry["constraints"], entry["description"])
    for name, entry in _LIGHTGBM_TABLE["parameters"].items()
}


def _lgb_encode_core_default(text: str) -> JSON:
    value = text.strip()
    if value in ("", "None"):
        return None
    for convert in (int, float):
        try:
            number = convert(value)
        except ValueError:
            continue
        return number if not (isinstance(number, float) and not math.isfinite(number)) else value
    return value


def _native_bool(constraints: list[dict[str, JSON]] | None) -> list[dict[str, JSON]] | None:
    """Native boolean parameters are parsed from true/false and from 1/0."""
    if constraints == [_BOOL]:
        return [_BOOL, {"type": "options", "of": "int", "options": [0, 1]}]
    return constraints


def _native_default(text: str, constraints: list[dict[str, JSON]] | None) -> JSON:
    value = _lgb_encode_core_default(text)
    if constraints and constraints[0] == _BOOL:
        if value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
    return value


def _lgb_core_defaults() -> dict[str, str]:
    """Core parameter defaults as the library writes them into a model file."""
    import lightgbm as lgb
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((40, 2))
    y = rng.random(40)
    booster = lgb.train({"verbosity": -1}, lgb.Dataset(x, y), num_boost_round=1)
    text = booster.model_to_string()
    defaults: dict[str, str] = {}
    for match in re.finditer(r"^\[(\w+): ?(.*)\]$", text, flags=re.MULTILINE):
        defaults[match.group(1)] = match.group(2)
    return defaults


def generate_lightgbm() -> dict[str, JSON]:
    import lightgbm as lgb
    from lightgbm.basic import _ConfigAliases

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alias_groups: dict[str, list[str]] = _ConfigAliases._get_all_param_aliases()
        core_defaults = _lgb_core_defaults()
    # the values written by a regression run that are not defaults of the library
    data_dependent = {"objective", "num_class", "metric", "num_iterations", "verbosity"}
    # model-file-only keys
    core_defaults = {k: v for k, v in core_defaults.items() if k in alias_groups}

    shared: dict[str, JSON] = {}
    aliases: dict[str, str] = {}
    for canonical, group in sorted(alias_groups.items()):
        for alias in group:
            if alias != canonical:
                aliases[alias] = canonical
        constraints, description = LIGHTGBM_CORE.get(canonical, (None, ""))
        constraints = _native_bool(constraints)
        if canonical in core_defaults and canonical not in data_dependent:
            value = _native_default(core_defaults[canonical], constraints)
            entry: dict[str, JSON] = {
                "default": value,
                "default_kind": "json",
                "default_repr": core_defaults[canonical] or "None",
            }
        else:
            entry = {"default": None, "default_kind": "unknown", "default_repr": "(see docs)"}
        if constraints and entry["default"] is None and _NONE not in constraints:
            constraints = [*constraints, _NONE]
        entry["constraints"] = constraints
        entry["description"] = description
        entry["deprecated"] = False
        entry["native"] = True
        shared[canonical] = entry

    # the sklearn API: parameters of LGBMModel.__init__ with docstring descriptions
    _, descriptions, _ = parse_numpydoc(lgb.LGBMModel.__init__.__doc__)
    sklearn_params: dict[str, JSON] = {}
    sklearn_extra_constraints: dict[str, list[dict[str, JSON]]] = {
        "boosting_type": LIGHTGBM_CORE["boosting"][0],
        "n_estimators": [_iv("integral", 0, None, "left")],
        "subsample_for_bin": [_iv("integral", 0, None, "neither")],
        "min_split_gain": LIGHTGBM_CORE["min_gain_to_split"][0],
        "min_child_weight": LIGHTGBM_CORE["min_sum_hessian_in_leaf"][0],
        "min_child_samples": LIGHTGBM_CORE["min_data_in_leaf"][0],
        "subsample": LIGHTGBM_CORE["bagging_fraction"][0],
        "subsample_freq": LIGHTGBM_CORE["bagging_freq"][0],
        "colsample_bytree": LIGHTGBM_CORE["feature_fraction"][0],
        "reg_alpha": LIGHTGBM_CORE["lambda_l1"][0],
        "reg_lambda": LIGHTGBM_CORE["lambda_l2"][0],
        "random_state": [
            _iv("integral", None, None, "neither"),
            _NONE,
            {"type": "object", "of": "numpy.random.RandomState"},
        ],
        "n_jobs": [_iv("integral", None, None, "neither"), _NONE],
        "importance_type": [_opts("split", "gain")],
        "class_weight": [{"type": "instance", "of": "dict"}, _opts("balanced"), _NONE],
        "objective": [*LIGHTGBM_CORE["objective"][0]],
        "learning_rate": LIGHTGBM_CORE["learning_rate"][0],
        "num_leaves": LIGHTGBM_CORE["num_leaves"][0],
        "max_depth": LIGHTGBM_CORE["max_depth"][0],
    }
    for p in _init_parameters(lgb.LGBMModel):
        entry = encode_default(p)
        entry["constraints"] = sklearn_extra_constraints.get(p.name)
        entry["description"] = descriptions.get(p.name, "")
        entry["deprecated"] = False
        sklearn_params[p.name] = entry
    # sklearn-API names are aliases of core names; the sklearn name wins on these estimators
    sklearn_aliases = {k: v for k, v in aliases.items() if k not in sklearn_params}
    core_to_sklearn = {}
    for name in sklearn_params:
        canonical = aliases.get(name)
        if canonical is not None:
            core_to_sklearn[canonical] = name
    for canonical, sk_name in core_to_sklearn.items():
        sklearn_aliases[canonical] = sk_name
        for alias, target in aliases.items():
            if target == canonical and alias != sk_name:
                sklearn_aliases[alias] = sk_name
    shared_params = {k: v for k, v in shared.items() if k not in core_to_sklearn}

    estimators: list[dict[str, JSON]] = []
    kinds = {
        "LGBMClassifier": ["classifier"],
        "LGBMRegressor": ["regressor"],
        "LGBMRanker": ["other"],
    }
    for cls_name, kind in kinds.items():
        cls = getattr(lgb, cls_name)
        summary = clean_rst((cls.__doc__ or "").strip().splitlines()[0]) if cls.__doc__ else ""
        params = dict(sklearn_params)
        own = {p.name for p in _init_parameters(cls)}
        params = {k: v for k, v in params.items() if k in own or k in sklearn_params}
        estimators.append(
            {
                "name": cls_name,
                "import_path": f"lightgbm.{cls_name}",
                "import_paths": [f"lightgbm.{cls_name}", f"lightgbm.sklearn.{cls_name}"],
                "kinds": kind,
                "summary": summary,
                "params": params,
                "aliases": {},
                "learned_attributes": sorted(
                    n
                    for n, v in vars(lgb.LGBMModel).items()
                    if n.endswith("_") and not n.startswith("_") and isinstance(v, property)
                ),
                "has_parameter_constraints": False,
            }
        )
    return {
        "generator": GENERATOR,
        "note": NOTE.format(library="lightgbm", package="lightgbm"),
        "library": "lightgbm",
        "version": lgb.__version__,
        "source": (
            "lightgbm package: LGBMModel signature/docstring, LGBM_DumpParamAliases, "
            "model_to_string() parameter defaults; ranges and descriptions of core parameters "
            f"hand-maintained from {LIGHTGBM_SOURCE} and {LIGHTGBM_DOCS}"
        ),
        "table_version": LIGHTGBM_TABLE_VERSION,
        "shared_params": shared_params,
        "shared_aliases": dict(sorted(sklearn_aliases.items())),
        "estimators": estimators,
    }


# --------------------------------------------------------------------------------------------
# XGBoost
# --------------------------------------------------------------------------------------------

_XGBOOST_TABLE = _table("xgboost-native.json")
XGBOOST_SOURCE: str = _XGBOOST_TABLE["source"]
XGBOOST_TABLE_VERSION: str = _XGBOOST_TABLE["version"]

# native booster parameters: name -> (constraints, description, aliases)
XGBOOST_NATIVE: dict[str, tuple[list[dict[str, JSON]], str, tuple[str, ...]]] = {
    name: (entry["constraints"], entry["description"], tuple(entry["aliases"]))
    for name, entry in _XGBOOST_TABLE["parameters"].items()
}


def _xgb_config_defaults() -> dict[str, str]:
    """Booster parameter defaults as reported by Booster.save_config() on a tiny model."""
    import numpy as np
    import xgboost as xgb

    rng = np.random.default_rng(0)
    dtrain = xgb.DMatrix(rng.random((20, 2)), label=rng.random(20))
    booster = xgb.train({"verbosity": 0}, dtrain, num_boost_round=1)
    config = json.loads(booster.save_config())
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_param") and isinstance(value, dict):
                    for name, text in value.items():
                        if isinstance(text, str):
                            found.setdefault(name, text)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(config)
    return found


def generate_xgboost() -> dict[str, JSON]:
    import xgboost as xgb

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        config_defaults = _xgb_config_defaults()
    _, descriptions, _ = parse_numpydoc(
        xgb.XGBModel.__doc__
        if "Parameters" in (xgb.XGBModel.__doc__ or "")
        else xgb.XGBRegressor.__doc__
    )
    native_to_sklearn: dict[str, str] = {}
    sklearn_names = {p.name for p in _init_parameters(xgb.XGBModel)}
    aliases: dict[str, str] = {}
    for native, (_, _, native_aliases) in XGBOOST_NATIVE.items():
        for alias in native_aliases:
            if alias in sklearn_names:
                native_to_sklearn[native] = alias
    for native, sk in native_to_sklearn.items():
        aliases[native] = sk
    shared_params: dict[str, JSON] = {}
    for native, (table_constraints, description, native_aliases) in sorted(XGBOOST_NATIVE.items()):
        if native in native_to_sklearn:
            continue
        if native in sklearn_names:
            continue
        for alias in native_aliases:
            aliases.setdefault(alias, native)
        raw = config_defaults.get(native)
        constraints = _native_bool(table_constraints)
        entry: dict[str, JSON]
        if raw is None:
            entry = {"default": None, "default_kind": "unknown", "default_repr": "(see docs)"}
        else:
            entry = {
                "default": _native_default(raw, constraints),
                "default_kind": "json",
                "default_repr": raw,
            }
        if constraints and entry["default"] is None and _NONE not in constraints:
            constraints = [*constraints, _NONE]
        entry["constraints"] = constraints
        entry["description"] = description
        entry["deprecated"] = False
        entry["native"] = True
        shared_params[native] = entry

    sklearn_constraint_sources = {
        "learning_rate": "eta",
        "reg_lambda": "lambda",
        "reg_alpha": "alpha",
        "random_state": "seed",
        "n_jobs": "nthread",
    }
    extra: dict[str, list[dict[str, JSON]]] = {
        "n_estimators": [_iv("integral", 0, None, "left"), _NONE],
        "importance_type": [_opts("gain", "weight", "cover", "total_gain", "total_cover"), _NONE],
        "early_stopping_rounds": [_iv("integral", 1, None, "left"), _NONE],
        "enable_categorical": [_BOOL],
        "missing": [_iv("real", None, None, "both"), {"type": "nan"}],
    }

    def sklearn_params_of(cls: type) -> dict[str, JSON]:
        params: dict[str, JSON] = {}
        for p in _init_parameters(cls):
            entry = encode_default(p)
            source = sklearn_constraint_sources.get(p.name, p.name)
            if p.name in extra:
                constraints: list[dict[str, JSON]] | None = extra[p.name]
            elif source in XGBOOST_NATIVE:
                constraints = [*XGBOOST_NATIVE[source][0]]
                if p.default is None and {"type": "none"} not in constraints:
                    constraints.append(_NONE)
            else:
                constraints = None
            entry["constraints"] = constraints
            entry["description"] = descriptions.get(p.name, "") or (
                XGBOOST_NATIVE[source][1] if source in XGBOOST_NATIVE else ""
            )
            entry["deprecated"] = False
            params[p.name] = entry
        return params

    estimators: list[dict[str, JSON]] = []
    kinds = {
        "XGBClassifier": ["classifier"],
        "XGBRegressor": ["regressor"],
        "XGBRanker": ["other"],
        "XGBRFClassifier": ["classifier"],
        "XGBRFRegressor": ["regressor"],
    }
    model_params = sklearn_params_of(xgb.XGBModel)
    for cls_name, kind in kinds.items():
        cls = getattr(xgb, cls_name)
        own = sklearn_params_of(cls)
        params = {**model_params, **own}
        doc = (cls.__doc__ or "").strip()
        estimators.append(
            {
                "name": cls_name,
                "import_path": f"xgboost.{cls_name}",
                "import_paths": [f"xgboost.{cls_name}", f"xgboost.sklearn.{cls_name}"],
                "kinds": kind,
                "summary": clean_rst(doc.splitlines()[0]) if doc else "",
                "params": dict(sorted(params.items())),
                "aliases": {},
                "learned_attributes": sorted(
                    n
                    for n, v in vars(xgb.XGBModel).items()
                    if n.endswith("_") and not n.startswith("_") and isinstance(v, property)
                ),
                "has_parameter_constraints": False,
            }
        )
    return {
        "generator": GENERATOR,
        "note": NOTE.format(library="xgboost", package="xgboost (or xgboost-cpu)"),
        "library": "xgboost",
        "version": xgb.__version__,
        "source": (
            "xgboost package: XGBModel signature/docstring, Booster.save_config() defaults; "
            f"native parameter ranges, aliases and descriptions hand-maintained from"
            f" {XGBOOST_SOURCE}"
        ),
        "table_version": XGBOOST_TABLE_VERSION,
        "shared_params": shared_params,
        "shared_aliases": dict(sorted(aliases.items())),
        "estimators": estimators,
    }


# --------------------------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------------------------

GENERATORS: dict[str, Callable[[], dict[str, JSON]]] = {
    "sklearn": generate_sklearn,
    "lightgbm": generate_lightgbm,
    "xgboost": generate_xgboost,
}


def _compact_param(entry: dict[str, JSON]) -> dict[str, JSON]:
    """Drop fields that carry their default value (the loader restores them)."""
    out = dict(entry)
    if out.get("default_kind") == "json":
        del out["default_kind"]
        if out.get("default_repr") == repr(out["default"]):
            del out["default_repr"]
    if not out.get("deprecated"):
        out.pop("deprecated", None)
    if not out.get("description"):
        out.pop("description", None)
    if not out.get("native"):
        out.pop("native", None)
    constraints = out.get("constraints")
    if isinstance(constraints, list):
        out["constraints"] = [
            {k: v for k, v in c.items() if not (k == "deprecated" and v == [])} for c in constraints
        ]
    return out


def _dump(value: JSON) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def _render_params(params: dict[str, JSON], indent: str) -> str:
    if not params:
        return "{}"
    lines = [
        f"{indent} {_dump(name)}: {_dump(_compact_param(entry))}"
        for name, entry in sorted(params.items())
    ]
    return "{\n" + ",\n".join(lines) + "\n" + indent + "}"


def render(data: dict[str, JSON]) -> str:
    """Stable text: one line per parameter, so a version bump gives a readable diff."""
    out = ["{"]
    keys = sorted(data)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = data[key]
        if key == "shared_params":
            out.append(f" {_dump(key)}: {_render_params(value, ' ')}{comma}")
        elif key == "estimators":
            out.append(f" {_dump(key)}: [")
            for j, est in enumerate(value):
                fields = sorted(est)
                out.append("  {")
                for k, field in enumerate(fields):
                    c2 = "," if k < len(fields) - 1 else ""
                    if field == "params":
                        text = _render_params(est[field], "   ")
                    else:
                        text = _dump(est[field])
                    out.append(f"   {_dump(field)}: {text}{c2}")
                out.append("  }" + ("," if j < len(value) - 1 else ""))
            out.append(" ]" + comma)
        else:
            out.append(f" {_dump(key)}: {_dump(value)}{comma}")
    out.append("}")
    text = "\n".join(out) + "\n"
    json.loads(text)  # must stay valid JSON
    return text


def installed(library: str) -> bool:
    return importlib.util.find_spec(library) is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "libraries",
        nargs="*",
        default=[],
        help="sklearn, lightgbm or xgboost (default: all installed)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    args = parser.parse_args(argv)
    libraries: list[str] = list(args.libraries) or [lib for lib in LIBRARIES if installed(lib)]
    status = 0
    for library in libraries:
        if not installed(library):
            print(f"{library}: not installed; install {PACKAGES[library]} to generate it")
            status = 1
            continue
        text = render(GENERATORS[library]())
        path = args.output_dir / f"{library}.json"
        if args.check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                print(f"{path}: out of date; run `python {GENERATOR} {library}`")
                status = 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(text.encode()):,} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
