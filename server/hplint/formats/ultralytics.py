"""Ultralytics YOLO training arguments (`yolo cfg=args.yaml`, `model.train(cfg=...)`) → IR.

The file is a flat mapping of YOLO arguments; what is not written takes its value from
Ultralytics' `cfg/default.yaml`. The facts the rules need:

- `batch`: the whole batch (Ultralytics splits it across GPUs), unless it asks for AutoBatch
  (`-1`) or a fraction of GPU memory (a float below 1): then the batch is unknown.
- the learning rate `lr0` and `momentum`, only when an optimizer is named: with
  `optimizer: auto` (the default) Ultralytics ignores both and picks its own (HP705 says so),
  so no rule may judge them as the learning rate of the run.
- `weight_decay`, `epochs`, the warmup (`warmup_epochs`) and the schedule (`cos_lr` → cosine,
  else linear decay to `lr0 × lrf`), and early stopping (`patience`, on the validation fitness,
  when it is not the default).
"""

from __future__ import annotations

from hplint.detection import ULTRALYTICS
from hplint.document.access import mapping
from hplint.document.model import Node
from hplint.formats._util import fact, relabel
from hplint.ir import Config, EarlyStopping, Scheduler, Training, as_number, text
from hplint.knowledge.ultralytics import default_of


def adapt(root: Node) -> Config:
    config = Config(format_id=ULTRALYTICS, root=root)
    top = mapping(root)
    if top is None:
        return config
    training = Training(node=root)
    optimizer = fact(top, "optimizer")
    named = text(optimizer) if optimizer is not None else str(default_of("optimizer"))
    if optimizer is not None and named is not None and named.lower() != "auto":
        training.optimizer = optimizer
        training.learning_rate = fact(top, "lr0")
        training.momentum = fact(top, "momentum")
    batch = fact(top, "batch")
    size = as_number(batch.value) if batch is not None else None
    if batch is not None and size is not None and size >= 1:
        training.batch_size = batch
        training.batch_size_scope = relabel(batch, "global")
    training.weight_decay = fact(top, "weight_decay")
    training.epochs = fact(top, "epochs")
    cosine = fact(top, "cos_lr")
    warmup = fact(top, "warmup_epochs")
    if cosine is not None or warmup is not None:
        kind = relabel(cosine, "cosine" if cosine.value is True else "linear") if cosine else None
        training.scheduler = Scheduler(node=root, type=kind, warmup_epochs=warmup)
    patience = fact(top, "patience")
    # The default patience (100) is Ultralytics' way of leaving early stopping almost off, and
    # the `args.yaml` of every run records it: only a patience someone chose is a fact.
    if patience is not None and patience.value != default_of("patience"):
        training.early_stopping = EarlyStopping(node=root, patience=patience)
    config.training = training
    return config
