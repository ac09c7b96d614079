"""The DeepSpeed config format: detection, the adapter's reading of `auto` and Adam."""

from __future__ import annotations

import json

from hplint.detection import DEEPSPEED, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.ir import Config

CONFIG = {
    "train_batch_size": 128,
    "train_micro_batch_size_per_gpu": 8,
    "gradient_accumulation_steps": 2,
    "optimizer": {"type": "Adam", "params": {"lr": 3e-5, "weight_decay": 0.01}},
    "scheduler": {"type": "WarmupLR", "params": {"warmup_num_steps": 500, "warmup_max_lr": 3e-5}},
    "zero_optimization": {"stage": 2},
}


def _adapt(config: dict[str, object]) -> Config:
    root = parse_text(json.dumps(config), "json").roots[0].node
    assert root is not None
    return FORMATS[DEEPSPEED].adapt(root)


def test_detected_by_its_batch_and_zero_sections_only() -> None:
    def detect(config: dict[str, object]) -> str | None:
        return detect_root(parse_text(json.dumps(config), "json").roots[0].node)

    assert detect(CONFIG) == DEEPSPEED
    assert detect({"train_batch_size": 32}) is None  # one key is any script's setting
    assert detect({"optimizer": {"type": "Adam"}, "fp16": {"enabled": True}}) is None
    assert detect({"zero_optimization": 2, "train_batch_size": 32}) is None  # not DeepSpeed's


def test_adam_is_read_as_adamw_unless_adam_w_mode_is_off() -> None:
    training = _adapt(CONFIG).training
    assert training.optimizer is not None and training.optimizer.value == "adamw"
    assert training.learning_rate is not None and training.learning_rate.value == 3e-5
    assert training.batch_size is not None and training.batch_size.value == 8
    assert training.scheduler is not None and training.scheduler.warmup_steps is not None
    coupled = json.loads(json.dumps(CONFIG))
    coupled["optimizer"]["params"]["adam_w_mode"] = False
    optimizer = _adapt(coupled).training.optimizer
    assert optimizer is not None and optimizer.value == "Adam"


def test_auto_values_are_unknown_not_wrong() -> None:
    auto = {
        "train_batch_size": "auto",
        "train_micro_batch_size_per_gpu": "auto",
        "gradient_accumulation_steps": "auto",
        "optimizer": {"type": "AdamW", "params": {"lr": "auto", "weight_decay": "auto"}},
        "zero_optimization": {"stage": 3},
    }
    training = _adapt(auto).training
    assert training.batch_size is None and training.learning_rate is None
    assert lint(json.dumps(auto), path="ds.json").diagnostics == []
