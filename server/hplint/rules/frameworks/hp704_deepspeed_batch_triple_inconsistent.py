"""HP704 `deepspeed-batch-triple-inconsistent`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.detection import DEEPSPEED
from hplint.diagnostics import Severity
from hplint.document.access import mapping
from hplint.formats._util import fact
from hplint.ir import AnyFact, as_number
from hplint.rules.api import RuleContext, Violation, rule


@rule(code="HP704", name="deepspeed-batch-triple-inconsistent", severity=Severity.ERROR)
def deepspeed_batch_triple_inconsistent(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a DeepSpeed config whose `train_batch_size` cannot equal
    `train_micro_batch_size_per_gpu` × `gradient_accumulation_steps` × the number of GPUs for
    any whole number of GPUs. Values left to the Hugging Face Trainer (`"auto"`) are not
    judged.

    ## Why is this bad?
    DeepSpeed asserts `train_batch_size == micro_batch × gradient_accumulation_steps ×
    world_size` when the engine starts (`DeepSpeedConfig._batch_assertion`). A global batch
    that is not a multiple of the per-GPU batch (times the accumulation, when given) fails on
    every cluster size — usually after the job waited for its GPUs.

    ## Example
    ```json
    {
      "train_batch_size": 100,
      "train_micro_batch_size_per_gpu": 8,
      "gradient_accumulation_steps": 2,
      "zero_optimization": {"stage": 2}
    }
    ```

    Use instead:
    ```json
    {
      "train_batch_size": 128,
      "train_micro_batch_size_per_gpu": 8,
      "gradient_accumulation_steps": 2,
      "zero_optimization": {"stage": 2}
    }
    ```

    ## References
    - [deepspeed-config]
    """
    top = mapping(ctx.config.root) if ctx.format_id == DEEPSPEED else None
    if top is None:
        return
    total = fact(top, "train_batch_size")
    micro = fact(top, "train_micro_batch_size_per_gpu")
    accumulation = fact(top, "gradient_accumulation_steps")
    total_n, micro_n, steps = _whole(total), _whole(micro), _whole(accumulation)
    given = [
        (f, n, name) for f, n, name in ((micro, micro_n, _MICRO), (accumulation, steps, _GAS)) if f
    ]
    if total is None or total_n is None or not given or any(n is None for _, n, _ in given):
        return  # `auto`, unreadable, or nothing to divide by
    per_gpu = math.prod(n for _, n, _ in given if n is not None)
    if total_n % per_gpu == 0:
        return
    product = " × ".join(str(n) for _, n, _ in given)
    shown = f"{product} = {per_gpu}" if len(given) > 1 else product
    yield Violation(
        total.node,
        f"train_batch_size {total_n} is not a multiple of {shown}: no number of GPUs makes "
        f"micro batch × accumulation × GPUs equal it, and DeepSpeed asserts that at start-up.",
        related=tuple((f.node, name) for f, _, name in given),
    )


_MICRO = "train_micro_batch_size_per_gpu"
_GAS = "gradient_accumulation_steps"


def _whole(value: AnyFact | None) -> int | None:
    number = as_number(value.value) if value is not None else None
    return int(number) if number is not None and number >= 1 and number.is_integer() else None
