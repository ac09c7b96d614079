"""HP707 `deepspeed-config-contradicts-trainer`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hplint.diagnostics import Severity
from hplint.document.access import mapping, scalar_text
from hplint.document.model import MappingNode, Node
from hplint.document.values import fact_value, get_path
from hplint.ir import AnyFact, as_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.frameworks._shared import Setting, setting, trainer_settings


@dataclass(frozen=True, slots=True)
class _Pair:
    """A DeepSpeed value the Trainer compares with its own (`fill_match` in transformers'
    `integrations/deepspeed.py`): the DeepSpeed path and the TrainingArguments fields it must
    equal (several fields: a list of them, or any of them true for a flag)."""

    path: str
    fields: tuple[str, ...]
    kind: str = "number"  # number | numbers (a list, field by field) | flag (any field true)


# The order of `HfTrainerDeepSpeedConfig.trainer_config_process` (transformers 5.25.0).
_PAIRS = (
    _Pair("train_micro_batch_size_per_gpu", ("per_device_train_batch_size",)),
    _Pair("gradient_accumulation_steps", ("gradient_accumulation_steps",)),
    _Pair("gradient_clipping", ("max_grad_norm",)),
    _Pair("optimizer.params.lr", ("learning_rate",)),
    _Pair("optimizer.params.betas", ("adam_beta1", "adam_beta2"), "numbers"),
    _Pair("optimizer.params.eps", ("adam_epsilon",)),
    _Pair("optimizer.params.weight_decay", ("weight_decay",)),
    _Pair("scheduler.params.warmup_max_lr", ("learning_rate",)),
    _Pair("fp16.enabled", ("fp16", "fp16_full_eval"), "flag"),
    _Pair("bf16.enabled", ("bf16", "bf16_full_eval"), "flag"),
)


@rule(code="HP707", name="deepspeed-config-contradicts-trainer", severity=Severity.ERROR)
def deepspeed_config_contradicts_trainer(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a Hugging Face Trainer/TRL config that names a DeepSpeed config (`deepspeed:
    ds_config.json`, or the DeepSpeed settings inline) against it: every value the Trainer
    copies into DeepSpeed — micro batch, gradient accumulation, clipping, the optimizer's
    `lr`, `betas`, `eps` and `weight_decay`, the scheduler's `warmup_max_lr`, `fp16`/`bf16` —
    must equal the Trainer's own, written or default. Values left to the Trainer (`"auto"`) are
    what it fills in. The DeepSpeed file is read where the config names it, relative to the
    config's folder or one of its parents inside the project; without it the rule is silent.

    ## Why is this bad?
    When both files set a value, the Trainer refuses to start: `HfTrainerDeepSpeedConfig`
    collects every mismatch and raises "Please correct the following DeepSpeed config values
    that mismatch TrainingArguments values" — after the model was loaded onto the GPUs. A
    Trainer default counts: a DeepSpeed `fp16.enabled: true` with no `fp16` in the Trainer
    config fails the same way. A global `train_batch_size` that no number of GPUs makes from the
    Trainer's micro batch and accumulation fails too.

    ## Example
    ```yaml
    learning_rate: 2.0e-5
    per_device_train_batch_size: 4
    deepspeed:
      optimizer:
        type: AdamW
        params: {lr: 3.0e-5}
      train_micro_batch_size_per_gpu: 8
    ```

    Use instead:
    ```yaml
    learning_rate: 2.0e-5
    per_device_train_batch_size: 4
    deepspeed:
      optimizer:
        type: AdamW
        params: {lr: auto}
      train_micro_batch_size_per_gpu: auto
    ```

    ## References
    - [hf-deepspeed]
    """
    settings = trainer_settings(ctx)
    if settings is None or "deepspeed" not in settings:
        return
    written = settings["deepspeed"]
    anchor = written.key or written.node
    name = scalar_text(written.node)
    if name is not None:
        ds_root = ctx.related_root(name)
        where = f"`{name}`"
    else:
        ds_root = written.node
        where = "the DeepSpeed settings"
    ds = mapping(ds_root)
    if ds is None:
        return
    # `auto_find_batch_size` lets the batch differ (the Trainer skips those two comparisons).
    finds_batch_size = settings.get("auto_find_batch_size") is not None and (
        settings["auto_find_batch_size"].value is True
    )
    for pair in _PAIRS:
        if finds_batch_size and pair.path == "train_micro_batch_size_per_gpu":
            continue
        node = get_path(ds, *pair.path.split("."))
        if node is None:
            continue
        ds_value = fact_value(node)
        if ds_value is None or ds_value == "auto":
            continue
        trainer = [setting(settings, field) for field in pair.fields]
        if any(s is None for s in trainer):
            continue  # a default that depends on the config class: unknown
        known = [s for s in trainer if s is not None]
        if _agrees(pair, ds_value, known):
            continue
        yield _mismatch(anchor, where, pair.path, ds_value, known, node, inline=name is None)
    if not finds_batch_size:
        yield from _global_batch(ds, settings, anchor, where, inline=name is None)


def _agrees(pair: _Pair, ds_value: object, trainer: list[Setting]) -> bool:
    if pair.kind == "flag":
        if not isinstance(ds_value, bool):
            return True  # not a boolean: DeepSpeed's own schema check says so
        return ds_value == any(s.value is True for s in trainer)
    if pair.kind == "numbers":
        if not isinstance(ds_value, list) or len(ds_value) != len(trainer):
            return True
        return all(_same(a, s.value) for a, s in zip(ds_value, trainer, strict=True))
    return _same(ds_value, trainer[0].value)


def _same(ds_value: object, trainer_value: object) -> bool:
    """Equal as the Trainer compares them (`1` equals `1.0`); an unreadable value agrees."""
    a, b = as_number(ds_value), as_number(trainer_value)
    if a is None or b is None:
        return True
    return a == b


def _mismatch(
    anchor: Node,
    where: str,
    path: str,
    ds_value: object,
    trainer: list[Setting],
    ds_node: Node,
    *,
    inline: bool,
) -> Violation:
    ours = " and ".join(s.shown() for s in trainer)
    first_written = next((s.fact for s in trainer if s.fact is not None), None)
    at = (first_written.key or first_written.node) if first_written is not None else anchor
    related: tuple[tuple[Node, str], ...] = ((ds_node, f"DeepSpeed `{path}`"),) if inline else ()
    return Violation(
        at,
        f"DeepSpeed `{path}` is {_spelled(ds_value)} in {where} but the Trainer has {ours}: "
        f'the Trainer refuses mismatched DeepSpeed values at start-up. Set it to "auto" '
        f"(the Trainer fills it in) or make the two agree.",
        related=related,
    )


def _global_batch(
    ds: MappingNode,
    settings: dict[str, AnyFact],
    anchor: Node,
    where: str,
    *,
    inline: bool,
) -> Iterator[Violation]:
    """`train_batch_size` must equal GPUs × micro batch × accumulation for some GPU count."""
    node = get_path(ds, "train_batch_size")
    total = as_number(fact_value(node)) if node is not None else None
    micro = setting(settings, "per_device_train_batch_size")
    steps = setting(settings, "gradient_accumulation_steps")
    if node is None or total is None or micro is None or steps is None:
        return
    micro_n, steps_n = as_number(micro.value), as_number(steps.value)
    if not micro_n or not steps_n or total <= 0:
        return
    per_gpu = micro_n * steps_n
    if total % per_gpu == 0:
        return
    written = micro.fact or steps.fact
    at = (written.key or written.node) if written is not None else anchor
    related: tuple[tuple[Node, str], ...] = (
        ((node, "DeepSpeed `train_batch_size`"),) if inline else ()
    )
    yield Violation(
        at,
        f"DeepSpeed `train_batch_size` is {_spelled(fact_value(node))} in {where}, which no "
        f"number of GPUs makes from the Trainer's {micro.shown()} × {steps.shown()} "
        f"(= {_spelled(per_gpu)} per GPU): the Trainer refuses the mismatch at start-up. Set it "
        f'to "auto".',
        related=related,
    )


def _spelled(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
