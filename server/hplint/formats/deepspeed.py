"""DeepSpeed configs (`ds_config.json`) → IR.

- batch: `train_micro_batch_size_per_gpu` (per device) and `gradient_accumulation_steps`; the
  global `train_batch_size` is their product with the number of GPUs, which the file does not
  say (HP704 checks that some whole number of GPUs can make it).
- `optimizer.type` with `params.lr`, `weight_decay`, `betas`: DeepSpeed's `Adam` runs in AdamW
  mode (decoupled weight decay) unless `params.adam_w_mode` is false, so it is read as AdamW.
- `scheduler.type` with `warmup_num_steps` and `warmup_max_lr` (the peak learning rate).
- `"auto"` anywhere means "filled in by the Hugging Face Trainer": such a value is unknown.
"""

from __future__ import annotations

from hplint.detection import DEEPSPEED
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node
from hplint.formats._util import fact, relabel
from hplint.ir import AnyFact, Config, Scheduler, Training


def adapt(root: Node) -> Config:
    config = Config(format_id=DEEPSPEED, root=root)
    top = mapping(root)
    if top is None:
        return config
    training = Training(node=root)
    training.batch_size = _known(fact(top, "train_micro_batch_size_per_gpu"))
    if training.batch_size is not None:
        training.batch_size_scope = relabel(training.batch_size, "per_device")
    training.grad_accum_steps = _known(fact(top, "gradient_accumulation_steps"))
    optimizer = mapping(top.get("optimizer"))
    if optimizer is not None:
        params = mapping(optimizer.get("params"))
        training.optimizer = _optimizer(optimizer, params)
        if params is not None:
            training.learning_rate = _known(fact(params, "lr"))
            training.weight_decay = _known(fact(params, "weight_decay"))
            training.betas = _known(fact(params, "betas"))
    scheduler = mapping(top.get("scheduler"))
    if scheduler is not None:
        params = mapping(scheduler.get("params"))
        training.scheduler = Scheduler(
            node=top.get("scheduler"),
            type=_known(fact(scheduler, "type")),
            warmup_steps=_known(fact(params, "warmup_num_steps")),
            max_lr=_known(fact(params, "warmup_max_lr")),
        )
    config.training = training
    return config


def _known(value: AnyFact | None) -> AnyFact | None:
    """None for a value the Hugging Face integration fills in (`"auto"`)."""
    return None if value is None or value.value == "auto" else value


def _optimizer(optimizer: MappingNode, params: MappingNode | None) -> AnyFact | None:
    kind = _known(fact(optimizer, "type"))
    if kind is None or not isinstance(kind.value, str) or kind.value.lower() != "adam":
        return kind
    adam_w_mode = fact(params, "adam_w_mode") if params is not None else None
    if adam_w_mode is not None and adam_w_mode.value is False:
        return kind
    return relabel(kind, "adamw")  # DeepSpeed's Adam: ADAM_W_MODE_DEFAULT = True
