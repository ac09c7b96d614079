"""LightningCLI / jsonargparse configs → IR.

The file holds the arguments of the objects LightningCLI builds:

- `trainer`: Trainer arguments — `max_epochs`, `max_steps` (-1 means none), `devices` and
  `num_nodes` (a number of devices only when it is a positive integer: `auto`, `-1` and
  device lists say nothing countable), `accumulate_grad_batches`, and the callbacks, read from
  their `class_path`/`init_args`: `EarlyStopping` (monitor, mode, patience, min_delta).
- `data` (or its `init_args`): `batch_size`, per process (each DataLoader is per device).
- `optimizer` / `lr_scheduler`: `class_path` with `init_args` (`lr`, `weight_decay`,
  `momentum`, `betas`; a scheduler's `T_max`, `milestones`, `patience`), or LightningCLI's
  short form `optimizer: AdamW`.
The project's own `model` arguments are not read: a LightningModule's `lr` need not be the
optimizer's.
"""

from __future__ import annotations

from hplint.detection import LIGHTNING_CLI
from hplint.document.access import mapping, scalar_text, sequence
from hplint.document.model import MappingNode, Node
from hplint.formats._util import fact, positive_count, relabel, set_lightning_trainer_facts
from hplint.ir import AnyFact, Config, EarlyStopping, Fact, Scheduler, Training


def adapt(root: Node) -> Config:
    config = Config(format_id=LIGHTNING_CLI, root=root)
    top = mapping(root)
    if top is None:
        return config
    training = Training(node=root)
    trainer = mapping(top.get("trainer"))
    if trainer is not None:
        set_lightning_trainer_facts(training, lambda name: fact(trainer, name))
        training.early_stopping = _early_stopping(trainer)
    data = _arguments(top.get("data"))
    if data is not None:
        training.batch_size = positive_count(fact(data, "batch_size"))
        if training.batch_size is not None:
            training.batch_size_scope = relabel(training.batch_size, "per_device")
    optimizer = top.get_entry("optimizer")
    if optimizer is not None:
        training.optimizer = _class_fact(optimizer.value, optimizer.key)
        arguments = _arguments(optimizer.value)
        if arguments is not None:
            training.learning_rate = fact(arguments, "lr")
            training.weight_decay = fact(arguments, "weight_decay")
            training.momentum = fact(arguments, "momentum")
            training.betas = fact(arguments, "betas")
    scheduler = top.get_entry("lr_scheduler")
    if scheduler is not None:
        arguments = _arguments(scheduler.value)
        training.scheduler = Scheduler(
            node=scheduler.value,
            key=scheduler.key,
            type=_class_fact(scheduler.value, scheduler.key),
            t_max=fact(arguments, "T_max"),
            milestones=fact(arguments, "milestones"),
            patience=fact(arguments, "patience"),
            max_lr=fact(arguments, "max_lr"),
        )
    config.training = training
    return config


def _arguments(node: Node | None) -> MappingNode | None:
    """A `class_path` object's `init_args`, or the mapping itself (the fixed-class form)."""
    body = mapping(node)
    if body is None:
        return None
    if body.get("class_path") is not None:
        return mapping(body.get("init_args"))
    return body


def _class_fact(node: Node, key: Node) -> AnyFact | None:
    """The class an object names: `class_path` (or the short form `optimizer: AdamW`)."""
    body = mapping(node)
    if body is None:
        name = scalar_text(node)
        return Fact(name, node, key) if name else None
    return fact(body, "class_path")


def _early_stopping(trainer: MappingNode) -> EarlyStopping | None:
    callbacks = trainer.get("callbacks")
    items = sequence(callbacks)
    for item in items.items if items is not None else ([callbacks] if callbacks else []):
        body = mapping(item)
        name = scalar_text(body.get("class_path")) if body is not None else None
        if body is None or name is None or name.rsplit(".", 1)[-1] != "EarlyStopping":
            continue
        arguments = mapping(body.get("init_args"))
        return EarlyStopping(
            node=item,
            monitor=fact(arguments, "monitor"),
            mode=fact(arguments, "mode"),
            patience=fact(arguments, "patience"),
            min_delta=fact(arguments, "min_delta"),
        )
    return None
