"""HP617 `deprecated-option`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.detection import HF_TRAINER, HYDRA, HYDRA_TRAINING, LIGHTNING_CLI, WANDB
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import mapping
from hplint.document.model import MappingNode, ScalarNode
from hplint.ir import AnyFact, SearchParam, number
from hplint.knowledge import llamafactory
from hplint.knowledge.hf_trainer import removed_field
from hplint.knowledge.hf_trainer import versions as hf_versions
from hplint.knowledge.lightning import removed_argument
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._formats import replace_text

_DEPRECATED = frozenset({"deprecated"})


def _float_text(value: float) -> str:
    """A float that every YAML loader reads as a float (PyYAML needs a dot before `e`)."""
    shown = f"{value:.4g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        shown = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    elif "." not in shown:
        shown += ".0"
    return shown


_WANDB_DEPRECATED = {
    "log_uniform": "log_uniform_values",
    "q_log_uniform": "q_log_uniform_values",
    "inv_log_uniform": "inv_log_uniform_values",
}


def _exponents_look_real(low: float, high: float) -> bool:
    """Bounds that HP605 reports as real values given as exponents (one root cause there)."""
    return (low >= 0 and high <= 1) or high > 20 or (0 < low <= 1 and 0 < high <= 1)


def _wandb_deprecated(param: SearchParam) -> Iterator[Violation]:
    if param.dist is None or param.dist_name not in _WANDB_DEPRECATED:
        return
    low, high = number(param.low), number(param.high)
    if low is not None and high is not None and _exponents_look_real(low, high):
        return  # HP605: the bounds are values, not exponents — its fix also fixes this
    replacement = _WANDB_DEPRECATED[param.dist_name]
    message = (
        f"`{param.dist_name}` is deprecated: its bounds are natural-log exponents. Use "
        f"`{replacement}` with real bounds"
    )
    fix = None
    if low is not None and high is not None and param.dist_name != "inv_log_uniform":
        message += f" (min {_float_text(math.exp(low))}, max {_float_text(math.exp(high))})."
        edits = [replace_text(param.dist.node, param.dist_name, replacement)]
        for fact, value in ((param.low, low), (param.high, high)):
            if fact is not None and isinstance(fact.node, ScalarNode):
                edits.append(Edit(fact.node.span, _float_text(math.exp(value))))
        if all(edit is not None for edit in edits) and len(edits) == 3:
            fix = Fix(
                f"Use `{replacement}` with exp() of the bounds",
                tuple(e for e in edits if e is not None),
                Applicability.UNSAFE,
            )
    else:
        message += "."
    yield Violation(param.dist.node, message, fix=fix, tags=_DEPRECATED)


def _removed_trainer_keys(ctx: RuleContext) -> Iterator[Violation]:
    """Keys transformers/TRL removed. A key already gone before the current major release is a
    warning with a rename; one removed more recently is information only — a project pinned to
    the release it was written for still runs (and `warmup_ratio` → `warmup_steps: 0.1` would
    mean 0.1 steps on transformers 4), so no fix is offered there."""
    top = mapping(ctx.config.root)
    current = hf_versions()
    # LLaMA-Factory declares some removed fields itself (`overwrite_output_dir`, for
    # transformers 5): in its recipes they are its own arguments.
    own = llamafactory.fields() if top is not None and llamafactory.is_recipe(top.keys()) else ()
    for entry in top.own_entries() if top is not None else ():
        removed = removed_field(entry.key_text)
        if removed is None or entry.key_text in own:
            continue
        library = "transformers" if removed.package == "transformers" else "TRL"
        long_gone = _major(removed.absent_from) < _major(current[removed.package])
        if long_gone and removed.instead is not None:
            yield Violation(
                entry.key,
                f"`{removed.name}` was removed from {library} (last in {removed.last_seen}, gone "
                f"by {removed.absent_from}): HfArgumentParser refuses it on later releases; "
                f"write `{removed.instead}`.",
                fix=Fix(
                    f"Rename to `{removed.instead}`",
                    (Edit(entry.key.span, removed.instead),),
                    Applicability.UNSAFE,
                ),
                tags=_DEPRECATED,
            )
        elif removed.package == "transformers" or removed.instead is not None:
            # (A TRL key with no named successor may be the script's own: say nothing.)
            instead = f"; its successor is `{removed.instead}`" if removed.instead else ""
            yield Violation(
                entry.key,
                f"`{removed.name}` is not accepted by {library} {removed.absent_from} (last in "
                f"{removed.last_seen}){instead}: fine on the release this file was written "
                f"for, refused after an upgrade.",
                severity=Severity.INFO,
                tags=_DEPRECATED,
            )


def _removed_lightning_arguments(ctx: RuleContext) -> Iterator[Violation]:
    """Trainer arguments Lightning removed (all gone by 2.0): a LightningCLI `trainer`, or a
    Hydra `_target_` Trainer. Lightning 2 refuses them."""
    for trainer in _lightning_trainers(ctx):
        for entry in trainer.own_entries():
            removed = removed_argument(entry.key_text)
            if removed is None:
                continue
            instead = f"; write {removed.instead}" if removed.instead else ""
            fix = None
            if removed.rename is not None:
                fix = Fix(
                    f"Rename to `{removed.rename}`",
                    (Edit(entry.key.span, removed.rename),),
                    Applicability.SAFE,
                )
            yield Violation(
                entry.key,
                f"Trainer argument `{removed.name}` was removed from Lightning (last in "
                f"pytorch-lightning {removed.last_seen}): Lightning 2 refuses it{instead}.",
                fix=fix,
                tags=_DEPRECATED,
            )


def _lightning_trainers(ctx: RuleContext) -> list[MappingNode]:
    top = mapping(ctx.config.root)
    if ctx.format_id == LIGHTNING_CLI and top is not None:
        trainer = mapping(top.get("trainer"))
        return [trainer] if trainer is not None and trainer.get("class_path") is None else []
    if ctx.format_id == HYDRA_TRAINING:
        return [
            obj.mapping
            for obj in ctx.config.targets
            if obj.cls.value.startswith(("lightning.", "pytorch_lightning."))
            and obj.cls.value.rsplit(".", 1)[-1] == "Trainer"
        ]
    return []


def _major(version: str) -> int:
    return int(version.split(".", 1)[0])


def _reg_linear(ctx: RuleContext) -> Iterator[Violation]:
    candidates: list[AnyFact] = []
    for param in ctx.config.search.space:
        if param.short_name == "objective":
            candidates.extend(param.values)
    for estimator in ctx.config.all_estimators():
        if estimator.library == "xgboost":
            found = estimator.param("objective")
            if found is not None:
                candidates.append(found)
    for fact in candidates:
        if fact.value != "reg:linear":
            continue
        edit = replace_text(fact.node, "reg:linear", "reg:squarederror")
        yield Violation(
            fact.node,
            "XGBoost objective `reg:linear` is deprecated; use `reg:squarederror` (same loss).",
            fix=Fix("Use `reg:squarederror`", (edit,)) if edit else None,
            tags=_DEPRECATED,
        )


@rule(
    code="HP617",
    name="deprecated-option",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def deprecated_option(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for deprecated or removed spellings: W&B `log_uniform`, `q_log_uniform` and
    `inv_log_uniform` (bounds given as exponents), Hydra's legacy `hydra.sweeper.search_space`
    block, the Optuna `motpe` sampler, the XGBoost objective `reg:linear`, and Trainer/TRL
    config keys that transformers or TRL removed (`evaluation_strategy`, `warmup_ratio`,
    `max_seq_length`, …), read from the released sources of several versions, and the Trainer
    arguments Lightning removed (`gpus`, `resume_from_checkpoint`, `replace_sampler_ddp`,
    `weights_summary`, …) from a LightningCLI config or a Hydra `_target_` Trainer, with the
    upgrade guide's replacement.

    ## Why is this bad?
    W&B reports the exponent-style distributions as violations and recommends the `_values`
    variants; the Hydra Optuna sweeper removed `search_space` (use `params`) and Optuna removed
    `MOTPESampler` (TPE handles several objectives); XGBoost deprecated `reg:linear` in favour
    of `reg:squarederror`. Configs that still use them break on upgrade: `HfArgumentParser`
    refuses a key that is no field of its dataclasses ("Some keys are not used by the
    HfArgumentParser"), so a recipe with `evaluation_strategy` stops at start-up on any
    transformers release since it went. A key gone before the current major release is a
    warning; one removed since (e.g. `warmup_ratio`, `overwrite_output_dir`) is information,
    because a project pinned to the release it was written for still runs.

    ## Example
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform
        min: -9.2
        max: -6.9
    ```

    Use instead:
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-4
        max: 1.0e-3
    ```

    ## Fix safety
    W&B: the fix switches to the `_values` variant and converts the bounds with exp(); it is
    unsafe because the converted bounds are rounded to four significant digits. `motpe` →
    `tpe` and `reg:linear` → `reg:squarederror` are safe. Renaming a removed Trainer key is
    unsafe: the new name may not exist in the release the project pins. `replace_sampler_ddp` →
    `use_distributed_sampler` is safe: Lightning 2 takes the same value under the new name.

    ## References
    - [wandb-sweep]
    - [wandb-sweeps-schema]
    - [hydra-optuna]
    - [xgb-params]
    - [hf-training-args]
    - [lightning-upgrade]
    """
    config = ctx.config
    if ctx.format_id == HF_TRAINER:
        yield from _removed_trainer_keys(ctx)
    if ctx.format_id in (LIGHTNING_CLI, HYDRA_TRAINING):
        yield from _removed_lightning_arguments(ctx)
    search = config.search
    if ctx.format_id == WANDB:
        for param in search.space:
            yield from _wandb_deprecated(param)
    if ctx.format_id == HYDRA:
        key = search.space_section.key
        if isinstance(key, ScalarNode) and key.value == "search_space":
            yield Violation(
                key,
                "`hydra.sweeper.search_space` is deprecated and removed from the Optuna sweeper; "
                "write the search space as override strings under `hydra.sweeper.params`.",
                tags=_DEPRECATED,
            )
        if search.method_raw is not None and search.method_raw.lower() == "motpe" and search.method:
            node = search.method.node
            edit = replace_text(node, search.method_raw, "tpe")
            if edit is None:
                edit = replace_text(node, "MOTPESampler", "TPESampler")
            yield Violation(
                node,
                "The `motpe` sampler was removed from Optuna; `tpe` handles multi-objective "
                "studies.",
                fix=Fix("Use the TPE sampler", (edit,)) if edit else None,
                tags=_DEPRECATED,
            )
    yield from _reg_linear(ctx)
