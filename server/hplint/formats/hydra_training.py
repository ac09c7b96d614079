"""Hydra / OmegaConf training configs (`_target_` objects outside a sweeper) → IR.

Hydra builds each `{_target_: pkg.Class, **arguments}` mapping by calling the class with the
keys beside `_target_`. A config group file usually holds one piece of the run — the model's
optimizer and scheduler, the Trainer, the callbacks — so each file yields the facts it has:

- optimizer: the one `_target_` in `torch.optim` (not a scheduler), with `lr`,
  `weight_decay`, `momentum`, `betas`;
- scheduler: the one `torch.optim.lr_scheduler` target (`T_max`, `milestones`, `patience`,
  `max_lr`);
- Lightning's Trainer: `max_epochs`, `max_steps`, `devices`/`num_nodes` (counts only),
  `accumulate_grad_batches`;
- Lightning's EarlyStopping: `monitor`, `mode`, `patience`, `min_delta`;
- a `DataLoader`'s `batch_size`.
Two objects of one kind (a GAN's two optimizers) say nothing: which one is "the" optimizer is
not in the file.

A value written as an interpolation (`T_max: ${trainer.max_epochs}`, `lr: ${.base_lr}`) is read
from the node it points to when that node is in the file (`document.interpolation`): relative
references always, absolute ones only in a file that composes the config (a top-level
`defaults` list: the primary config or a `# @package _global_` experiment), since a config
group file lands under its package. The fact then carries the value and the node where it is
written (so a fix edits the definition) with the key that uses it. Anything else — a key of
another file, a resolver (`${oc.env:LR}`) — stays unknown; the schema checks skip it.
"""

from __future__ import annotations

from collections.abc import Callable

from hplint.detection import HYDRA_TRAINING
from hplint.document.access import mapping, sequence
from hplint.document.interpolation import follow
from hplint.document.model import Node
from hplint.document.values import fact_value
from hplint.formats._util import positive_count, set_lightning_trainer_facts
from hplint.formats.targets import target_objects
from hplint.ir import (
    AnyFact,
    Config,
    EarlyStopping,
    Fact,
    Scheduler,
    TargetObject,
    Training,
)

_LIGHTNING = ("lightning.", "pytorch_lightning.")


def adapt(root: Node) -> Config:
    config = Config(format_id=HYDRA_TRAINING, root=root)
    absolute = _composes(root)

    def _arg(obj: TargetObject, name: str) -> AnyFact | None:
        return _argument(obj, name, absolute=absolute)

    objects = target_objects(root)
    training = Training(node=root)
    optimizer = _only(objects, _is_optimizer)
    if optimizer is not None:
        training.optimizer = _as_any(optimizer.cls)
        training.learning_rate = _arg(optimizer, "lr")
        training.weight_decay = _arg(optimizer, "weight_decay")
        training.momentum = _arg(optimizer, "momentum")
        training.betas = _arg(optimizer, "betas")
    scheduler = _only(objects, lambda name: name.startswith("torch.optim.lr_scheduler."))
    if scheduler is not None:
        training.scheduler = Scheduler(
            node=scheduler.mapping,
            type=_as_any(scheduler.cls),
            t_max=_arg(scheduler, "T_max"),
            milestones=_arg(scheduler, "milestones"),
            patience=_arg(scheduler, "patience"),
            max_lr=_arg(scheduler, "max_lr"),
        )
    trainer = _only(objects, lambda name: _lightning(name, "Trainer"))
    if trainer is not None:
        set_lightning_trainer_facts(training, lambda name: _arg(trainer, name))
    early = _only(objects, lambda name: _lightning(name, "EarlyStopping"))
    if early is not None:
        training.early_stopping = EarlyStopping(
            node=early.mapping,
            monitor=_arg(early, "monitor"),
            mode=_arg(early, "mode"),
            patience=_arg(early, "patience"),
            min_delta=_arg(early, "min_delta"),
        )
    loader = _only(objects, lambda name: name.rsplit(".", 1)[-1] == "DataLoader")
    if loader is not None:
        training.batch_size = positive_count(_arg(loader, "batch_size"))
    config.training = training
    return config


def _as_any(value: Fact[str]) -> AnyFact:
    return Fact(value.value, value.node, value.key)


def _is_optimizer(name: str) -> bool:
    return name.startswith("torch.optim.") and not name.startswith("torch.optim.lr_scheduler.")


def _lightning(name: str, cls: str) -> bool:
    return name.startswith(_LIGHTNING) and name.rsplit(".", 1)[-1] == cls


def _only(objects: list[TargetObject], wanted: Callable[[str], bool]) -> TargetObject | None:
    found = [obj for obj in objects if wanted(obj.cls.value)]
    return found[0] if len(found) == 1 else None


def _argument(obj: TargetObject, name: str, *, absolute: bool) -> AnyFact | None:
    """The argument `name` of `obj`, its value read through an interpolation into the file."""
    written = next((value for key, value in obj.params if key == name), None)
    if written is None:
        return None
    target = follow(written.node, absolute=absolute)
    if target is None:
        return written
    return Fact(fact_value(target), target, written.key)


def _composes(root: Node) -> bool:
    """The file is the root of the composed config: it has a top-level `defaults` list."""
    body = mapping(root)
    return body is not None and sequence(body.get("defaults")) is not None
