"""Adapt the official W&B sweep JSON Schema into ``schemas/wandb-sweep.schema.json``.

Input: ``src/sweeps/config/schema.json`` from a checkout of https://github.com/wandb/sweeps
(draft-07).  Output: a draft 2020-12 schema with the same constraints, restructured for
precise diagnostics and editor hover:

* ``definitions`` → ``$defs``; ``dependencies`` → ``dependentRequired``; the literal ``^^`` in
  the parameter-name pattern is fixed; the ``format: float/integer`` markers that only the
  W&B validator's custom format checker understands are dropped.
* The upstream ``parameter`` definition is an ``anyOf`` of 19 sub-schemas whose failures all
  collapse into "is not valid under any of the given schemas".  Here a parameter is
  validated against exactly ONE sub-schema, chosen by its ``distribution`` key, or, when
  the key is absent, by the inference W&B performs (``parameters`` → nested dict,
  ``values`` + ``probabilities`` → categorical_w_probabilities, ``values`` → categorical,
  ``value`` → constant, integer ``min``/``max`` → int_uniform, other ``min``/``max`` → uniform).
* The four ``param_uniform`` variants (which differ only in ``format``) become one.
* ``early_terminate``'s single-branch ``oneOf`` becomes a direct ``$ref``, and the hyperband
  ``anyOf`` of required sets becomes ``if min_iter … else require max_iter and s``.
* Every property gets a description written for hover (what the value means in W&B).

Usage::

    python scripts/vendor_wandb_schema.py \\
        --upstream /path/to/sweeps/src/sweeps/config/schema.json \\
        --commit <sha of that checkout> [--schema-commit <last commit touching the file>]
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT = REPO_ROOT / "schemas" / "wandb-sweep.schema.json"
SCHEMA_ID = "https://hplint.dev/schemas/wandb-sweep.schema.json"
NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_.-]*$"
KEEP = (
    "type",
    "enum",
    "const",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "items",
)

# distribution value -> upstream definition name
DISTRIBUTIONS = {
    "categorical": "param_categorical",
    "categorical_w_probabilities": "param_categorical_w_probabilities",
    "constant": "param_single_value",
    "int_uniform": "param_int_uniform",
    "uniform": "param_uniform",
    "q_uniform": "param_quniform",
    "log_uniform": "param_loguniform",
    "log_uniform_values": "param_loguniform_v2",
    "q_log_uniform": "param_qloguniform",
    "q_log_uniform_values": "param_qloguniform_v2",
    "inv_log_uniform": "param_inv_loguniform",
    "inv_log_uniform_values": "param_inv_loguniform_v2",
    "normal": "param_normal",
    "q_normal": "param_qnormal",
    "log_normal": "param_lognormal",
    "q_log_normal": "param_qlognormal",
    "beta": "param_beta",
    "q_beta": "param_qbeta",
}

Q = "Quantization step: the sampled value is rounded to round(X / q) * q. Default 1; must be > 0."
MU = "Mean of the normal distribution (default 0)."
SIGMA = "Standard deviation of the normal distribution (default 1, ≥ 0)."
LOG_MU = "Mean of the underlying normal, i.e. of ln(X) (default 0)."
LOG_SIGMA = "Standard deviation of the underlying normal, i.e. of ln(X) (default 1, ≥ 0)."
BETA_A = "Shape parameter α of the beta distribution (default 1, ≥ 0)."
BETA_B = "Shape parameter β of the beta distribution (default 1, ≥ 0)."

# definition -> (definition description, distribution text, {property: description})
PARAMS: dict[str, tuple[str, dict[str, str]]] = {
    "param_categorical": (
        "Categorical parameter: each run gets one of `values` (uniformly at random for random/"
        "bayes, every value for grid). Inferred when `values` is given without `distribution`.",
        {"values": "The discrete values to choose from (at least one); any JSON values."},
    ),
    "param_categorical_w_probabilities": (
        "Categorical parameter with a sampling weight per value. Not allowed with `method: grid`.",
        {
            "values": "The discrete values to choose from (at least one).",
            "probabilities": "Probability of each entry of `values` (same length, each ≥ 0, "
            "summing to 1).",
        },
    ),
    "param_single_value": (
        "Constant parameter: every run gets `value`. Inferred when `value` is given.",
        {"value": "The constant passed to every run (any JSON value)."},
    ),
    "param_int_uniform": (
        "Discrete uniform distribution on the integers min…max. Inferred when `min` and `max` "
        "are both integers and `distribution` is absent.",
        {
            "min": "Smallest integer that can be sampled (inclusive).",
            "max": "Largest integer that can be sampled (inclusive); must be greater than min.",
        },
    ),
    "param_uniform": (
        "Continuous uniform distribution on [min, max]. Inferred when `min`/`max` are given "
        "and at least one is a float.",
        {
            "min": "Lower bound of the uniform range (real value).",
            "max": "Upper bound of the uniform range (real value); must be greater than min.",
        },
    ),
    "param_quniform": (
        "Quantized uniform: X ~ uniform(min, max), then round(X / q) * q. Allowed with grid.",
        {
            "min": "Lower bound of the range (real value).",
            "max": "Upper bound of the range (real value).",
            "q": Q,
        },
    ),
    "param_loguniform": (
        "Deprecated log-uniform whose bounds are natural-log EXPONENTS: ln(X) ~ uniform(min, max),"
        " so X lies in [e^min, e^max]. Use `log_uniform_values` to give real bounds.",
        {
            "min": "Natural-log exponent of the lower bound: the smallest value is e^min "
            "(e.g. -9.21 for 1e-4), NOT the value itself.",
            "max": "Natural-log exponent of the upper bound: the largest value is e^max "
            "(e.g. -2.3 for 0.1), NOT the value itself.",
        },
    ),
    "param_loguniform_v2": (
        "Log-uniform with real-valued bounds: X lies in [min, max] and ln(X) is uniform.",
        {
            "min": "Smallest value (real value, > 0), e.g. 1e-5.",
            "max": "Largest value (real value), e.g. 0.1; must be greater than min.",
        },
    ),
    "param_qloguniform": (
        "Deprecated quantized log-uniform with EXPONENT bounds: round(e^U(min, max) / q) * q. "
        "Use `q_log_uniform_values` for real bounds.",
        {
            "min": "Natural-log exponent of the lower bound (the smallest value is e^min).",
            "max": "Natural-log exponent of the upper bound (the largest value is e^max).",
            "q": Q,
        },
    ),
    "param_qloguniform_v2": (
        "Quantized log-uniform with real-valued bounds: round(X / q) * q with X log-uniform on "
        "[min, max].",
        {
            "min": "Smallest value (real value, > 0).",
            "max": "Largest value (real value).",
            "q": Q,
        },
    ),
    "param_inv_loguniform": (
        "Deprecated inverse log-uniform with EXPONENT bounds: X = e^-U where U ~ uniform(min, "
        "max), so ln(1/X) is uniform. Use `inv_log_uniform_values` for real bounds.",
        {
            "min": "Exponent bound: the largest value is e^-min.",
            "max": "Exponent bound: the smallest value is e^-max.",
        },
    ),
    "param_inv_loguniform_v2": (
        "Inverse log-uniform with real-valued bounds: X in [min, max] with ln(1/X) uniform.",
        {
            "min": "Smallest value (real value, > 0).",
            "max": "Largest value (real value).",
        },
    ),
    "param_normal": (
        "Normal (Gaussian) distribution N(mu, sigma²), unbounded.",
        {"mu": MU, "sigma": SIGMA},
    ),
    "param_qnormal": (
        "Quantized normal: round(X / q) * q with X ~ N(mu, sigma²).",
        {"mu": MU, "sigma": SIGMA, "q": Q},
    ),
    "param_lognormal": (
        "Log-normal distribution: ln(X) ~ N(mu, sigma²), so X > 0.",
        {"mu": LOG_MU, "sigma": LOG_SIGMA},
    ),
    "param_qlognormal": (
        "Quantized log-normal: round(X / q) * q with ln(X) ~ N(mu, sigma²).",
        {"mu": LOG_MU, "sigma": LOG_SIGMA, "q": Q},
    ),
    "param_beta": ("Beta distribution Beta(a, b) on [0, 1].", {"a": BETA_A, "b": BETA_B}),
    "param_qbeta": (
        "Quantized beta distribution: round(X / q) * q with X ~ Beta(a, b).",
        {"a": BETA_A, "b": BETA_B, "q": Q},
    ),
}

DISTRIBUTION_DESC = (
    "Sampling distribution of this parameter. Optional: W&B infers `categorical` from "
    "`values`, `constant` from `value`, and `int_uniform` (integer min/max) or `uniform` "
    "from `min`/`max`. The `log_uniform`, `q_log_uniform` and `inv_log_uniform` forms take "
    "natural-log exponents as bounds; the `*_values` forms take real values."
)

TOP_LEVEL = {
    "apiVersion": "API version of the sweep config (used by W&B Launch sweeps).",
    "kind": "Document kind; only `sweep` is accepted.",
    "controller": "Which controller proposes runs: the W&B cloud service (default) or a local "
    "controller started with `wandb controller`.",
    "description": "Free-text description of the sweep.",
    "program": "Training script that each agent runs (substituted for ${program} in `command`).",
    "job": "W&B Launch job to run for each trial, instead of `program`.",
    "image_uri": "Container image for W&B Launch sweeps, used instead of a `job`.",
    "entity": "W&B entity (user or team) that owns the sweep.",
    "project": "W&B project the sweep and its runs are logged to.",
    "method": "Search strategy: `grid` (every combination; discrete parameters only), `random`,"
    " `bayes` (Gaussian-process Bayesian optimisation; needs `metric`) or `custom`.",
    "command": "Command line each agent runs. Macros: ${env}, ${interpreter}, ${program}, "
    "${args}, ${args_no_boolean_flags}, ${args_no_hyphens}, ${args_json}, ${args_json_file}, "
    "${envvar:NAME}. Default: [${env}, ${interpreter}, ${program}, ${args}].",
    "name": "Name of the sweep, displayed in the W&B UI.",
    "run_cap": "Maximum number of runs the sweep launches, across all agents (integer > 0).",
    "metric": "The metric to optimise (required by `bayes` and by hyperband early termination).",
    "metrics": "Several metrics for multi-objective optimisation (at least two). Requires "
    "`method: custom` and excludes `metric`.",
    "scheduler": "Custom hyperparameter-optimisation scheduler. Requires `method: custom` and "
    "excludes `early_terminate`.",
    "early_terminate": "Early stopping of poorly performing runs (only `type: hyperband`).",
    "parameters": "The search space: a mapping from parameter name to its distribution.",
}

CONTROLLER_TYPE = "`cloud` (default): W&B servers propose runs; `local`: a local controller does."

METRIC = {
    "name": "Name of the logged metric to optimise, exactly as passed to wandb.log "
    "(e.g. `val/loss`).",
    "goal": "Whether to `minimize` (default) or `maximize` the metric.",
    "target": "Goal value: the sweep finishes once any run reaches it.",
    "impute": "Value used by bayes search for runs that fail, crash or are killed: `worst` "
    "(default), `best` or `latest`.",
    "impute_while_running": "Value appended for runs still in progress: `latest`, `best`, "
    "`worst` or `false` (default: none).",
}

SCHEDULER = {
    "engine": "Scheduler engine: `optuna`, `ax` or `wandb` (only `wandb` is accepted so far).",
    "source": "Path of the file that defines the optimizer and search-space functions.",
    "optimizer": "Name of the function in `source` that builds the study/optimizer.",
    "search_space": "Name of the function in `source` that defines the search space.",
}

HYPERBAND = {
    "type": "Early-termination algorithm; only `hyperband` is supported.",
    "max_iter": "Last iteration (logged step) at which runs can be stopped; with `s` it "
    "determines the brackets counted back from max_iter.",
    "min_iter": "First iteration at which runs are checked and possibly stopped (≥ 1); later "
    "brackets are min_iter·eta^k.",
    "s": "Number of brackets, counted back from `max_iter` (use with `max_iter`).",
    "eta": "Bracket multiplier (> 1, default 3): at each bracket the top 1/eta of runs continue.",
    "strict": "Use the original algorithm's stricter termination condition, stopping more runs "
    "(default true).",
}


def _pick(src: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(src[k]) for k in KEEP if k in src}


def _param_def(upstream: dict[str, Any], name: str, distribution: str) -> dict[str, Any]:
    src = upstream[name]
    if "anyOf" in src:  # param_uniform: four variants that differ only in `format`
        src = src["anyOf"][0]
    desc, props_desc = PARAMS[name]
    props: dict[str, Any] = {}
    for prop, spec in src["properties"].items():
        if prop == "distribution":
            props[prop] = {
                "const": distribution,
                "description": f"`{distribution}`: {desc}",
            }
            continue
        out = _pick(spec)
        out["description"] = props_desc[prop]
        props[prop] = out
    required = [r for r in src.get("required", []) if r != "distribution"]
    schema: dict[str, Any] = {"type": "object", "description": desc, "properties": props}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _branch(key: str, then: dict[str, Any], otherwise: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"required": [key]}, "then": then, "else": otherwise}


def adapt(upstream: dict[str, Any], commit: str, schema_commit: str) -> dict[str, Any]:
    defs_in = upstream["definitions"]
    defs: dict[str, Any] = {}

    defs["parameters"] = {
        "type": "object",
        "description": TOP_LEVEL["parameters"] + " Names may contain letters, digits, `_`, "
        "`.` and `-` and must not start with a digit.",
        "propertyNames": {"pattern": NAME_PATTERN},
        "minProperties": 1,
        "additionalProperties": {"$ref": "#/$defs/parameter"},
    }
    for distribution, name in DISTRIBUTIONS.items():
        defs[name] = _param_def(defs_in, name, distribution)
    defs["param_dict"] = {
        "type": "object",
        "description": "Nested parameters: a mapping of sub-parameters, passed to the run as "
        "a nested config dictionary.",
        "required": ["parameters"],
        "properties": {
            "parameters": {
                "$ref": "#/$defs/parameters",
                "description": "The nested parameters (same syntax as the top-level `parameters`).",
            }
        },
        "additionalProperties": False,
    }

    explicit = {
        "properties": {
            "distribution": {"enum": list(DISTRIBUTIONS), "description": DISTRIBUTION_DESC}
        },
        "allOf": [
            {
                "if": {"properties": {"distribution": {"const": d}}},
                "then": {"$ref": f"#/$defs/{name}"},
            }
            for d, name in DISTRIBUTIONS.items()
        ],
    }
    numeric_range = {
        "if": {"properties": {"min": {"type": "integer"}, "max": {"type": "integer"}}},
        "then": {"$ref": "#/$defs/param_int_uniform"},
        "else": {"$ref": "#/$defs/param_uniform"},
    }
    inferred = _branch(
        "parameters",
        {"$ref": "#/$defs/param_dict"},
        _branch(
            "probabilities",
            {"$ref": "#/$defs/param_categorical_w_probabilities"},
            _branch(
                "values",
                {"$ref": "#/$defs/param_categorical"},
                _branch(
                    "value",
                    {"$ref": "#/$defs/param_single_value"},
                    {
                        "if": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]},
                        "then": numeric_range,
                        "else": {"required": ["distribution"]},
                    },
                ),
            ),
        ),
    )
    defs["parameter"] = {
        "type": "object",
        "description": "One sweep parameter. It is validated against the single sub-schema "
        "selected by `distribution`, or (without `distribution`) by W&B's inference: "
        "`parameters` → nested, `values` → categorical, `value` → constant, `min`/`max` → "
        "int_uniform or uniform.",
        "if": {"type": "object"},
        "then": {"if": {"required": ["distribution"]}, "then": explicit, "else": inferred},
    }

    metric_in = defs_in["metric"]
    defs["metric"] = {
        "type": "object",
        "description": TOP_LEVEL["metric"],
        "required": list(metric_in["required"]),
        "properties": {
            k: {**_pick(v), "description": METRIC[k]} for k, v in metric_in["properties"].items()
        },
        "additionalProperties": False,
    }

    sched_in = defs_in["scheduler"]
    defs["scheduler"] = {
        "type": "object",
        "description": TOP_LEVEL["scheduler"],
        "required": list(sched_in["required"]),
        "properties": {
            k: {**_pick(v), "description": SCHEDULER[k]} for k, v in sched_in["properties"].items()
        },
        "dependentRequired": copy.deepcopy(sched_in["dependencies"]),
        "additionalProperties": False,
    }

    hb_in = defs_in["hyperband_stopping"]
    defs["hyperband_stopping"] = {
        "type": "object",
        "description": "Hyperband early termination: give `min_iter`, or `max_iter` and `s`.",
        "required": list(hb_in["required"]),
        "properties": {
            k: {**_pick(v), "description": HYPERBAND[k]} for k, v in hb_in["properties"].items()
        },
        "if": {"required": ["min_iter"]},
        "else": {"required": ["max_iter", "s"]},
        "additionalProperties": False,
    }

    props: dict[str, Any] = {}
    for key, spec in upstream["properties"].items():
        if key in {"metric", "scheduler", "parameters"}:
            out: dict[str, Any] = {"$ref": f"#/$defs/{key}"}
        elif key == "early_terminate":
            out = {"$ref": "#/$defs/hyperband_stopping"}
        elif key == "metrics":
            out = {**_pick(spec), "items": {"$ref": "#/$defs/metric"}}
        elif key == "controller":
            out = {
                "type": "object",
                "required": list(spec["required"]),
                "properties": {
                    "type": {**_pick(spec["properties"]["type"]), "description": CONTROLLER_TYPE}
                },
            }
        else:
            out = _pick(spec)
        out["description"] = TOP_LEVEL[key]
        props[key] = out
    missing = set(TOP_LEVEL) - set(props)
    if missing:
        raise SystemExit(f"upstream schema lacks expected keys: {sorted(missing)}")

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "W&B sweep configuration",
        "description": "Weights & Biases sweep configuration (`wandb sweep sweep.yaml`).",
        "x-hplint-source": {
            "repo": "wandb/sweeps",
            "path": "src/sweeps/config/schema.json",
            "commit": commit,
            "schemaLastChangedIn": schema_commit,
            "license": "Apache-2.0",
            "generator": "scripts/vendor_wandb_schema.py",
            "adapted": (
                "draft-07 → 2020-12 ($defs, dependentRequired); `^^` in the parameter-name "
                "pattern fixed; the parameter anyOf replaced by a dispatch on `distribution` "
                "(or W&B's inference when absent) so each parameter is checked against one "
                "sub-schema; the four param_uniform variants merged; custom `format` markers "
                "dropped; early_terminate oneOf → $ref and hyperband anyOf → if/else; "
                "descriptions rewritten for hover."
            ),
        },
        "type": "object",
        "required": list(upstream["required"]),
        "properties": props,
        "additionalProperties": False,
        "$defs": defs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=Path, required=True, help="wandb/sweeps schema.json")
    parser.add_argument("--commit", required=True, help="commit of the wandb/sweeps checkout")
    parser.add_argument("--schema-commit", default="", help="last commit that changed the file")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    upstream = json.loads(args.upstream.read_text(encoding="utf-8"))
    schema = adapt(upstream, args.commit, args.schema_commit or args.commit)
    args.output.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
