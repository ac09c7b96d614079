"""Hugging Face `TrainingArguments` / TRL config files → IR.

`HfArgumentParser.parse_yaml_file` (and TRL's `TrlParser`) read a flat mapping of dataclass
fields. The training facts the rules need sit at the top level:

- batch: `per_device_train_batch_size` (per device, so `batch_size_scope` is `per_device`) and
  `gradient_accumulation_steps`; the number of devices comes from the launcher, not the file,
  so `devices` stays unknown and no effective batch is guessed.
- `learning_rate`, `weight_decay`, `num_train_epochs`, `max_steps` (-1, the default, means
  "use the epochs": it is not a step count);
- `optim` (`adamw_torch_fused`, `paged_adamw_8bit`, `sgd`, …), as written: the analysis layer
  reads the Trainer's spellings as optimizer families;
- the schedule: `lr_scheduler_type` with `warmup_steps` (an integer, or since transformers 5
  a float below 1 that is a ratio) and the older `warmup_ratio`.

There is no search: a Trainer config is one training run.
"""

from __future__ import annotations

from hplint.detection import HF_TRAINER
from hplint.document.access import mapping
from hplint.document.model import Node
from hplint.formats._util import fact, relabel
from hplint.ir import Config, Scheduler, Training, as_number

_PER_DEVICE = "per_device"


def adapt(root: Node) -> Config:
    config = Config(format_id=HF_TRAINER, root=root)
    top = mapping(root)
    if top is None:
        return config
    training = Training(node=root)
    training.batch_size = fact(top, "per_device_train_batch_size")
    if training.batch_size is not None:
        training.batch_size_scope = relabel(training.batch_size, _PER_DEVICE)
    training.grad_accum_steps = fact(top, "gradient_accumulation_steps")
    training.learning_rate = fact(top, "learning_rate")
    training.weight_decay = fact(top, "weight_decay")
    training.epochs = fact(top, "num_train_epochs")
    max_steps = fact(top, "max_steps")
    steps = as_number(max_steps.value) if max_steps is not None else None
    training.max_steps = max_steps if steps is not None and steps > 0 else None
    training.optimizer = fact(top, "optim")
    # `optim` defaults to `default_optim` (training_args.py): adamw_torch_fused on torch ≥ 2.8,
    # else adamw_torch — AdamW either way.
    training.default_optimizer = "adamw"
    schedule = fact(top, "lr_scheduler_type")
    warmup_steps = fact(top, "warmup_steps")
    warmup_ratio = fact(top, "warmup_ratio")
    steps_value = as_number(warmup_steps.value) if warmup_steps is not None else None
    if steps_value is not None and 0 < steps_value < 1:
        warmup_ratio, warmup_steps = warmup_steps, None  # transformers 5: a float < 1 is a ratio
    if schedule is not None or warmup_steps is not None or warmup_ratio is not None:
        training.scheduler = Scheduler(
            node=root,
            type=schedule,
            warmup_steps=warmup_steps,
            warmup_ratio=warmup_ratio,
        )
    config.training = training
    return config
