"""Hydra training configs: `_target_` optimizers, schedulers, Lightning's Trainer and callbacks."""

from __future__ import annotations

import textwrap

from hplint.detection import HYDRA, HYDRA_TRAINING, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.hover import hover_at

MODEL = textwrap.dedent(
    """\
    _target_: src.models.mnist_module.MNISTLitModule
    optimizer:
      _target_: torch.optim.AdamW
      _partial_: true
      lr: 0.001
      weight_decay: 0.05
    scheduler:
      _target_: torch.optim.lr_scheduler.ReduceLROnPlateau
      _partial_: true
      mode: min
      patience: 10
    """
)
TRAINER = textwrap.dedent(
    """\
    _target_: lightning.pytorch.trainer.Trainer
    default_root_dir: ${paths.output_dir}
    max_epochs: 10
    accelerator: gpu
    devices: 2
    check_val_every_n_epochs: 1
    """
)


def _detect(text: str) -> str | None:
    return detect_root(parse_text(text, "yaml").roots[0].node)


def test_detected_by_a_training_target_only() -> None:
    assert _detect(MODEL) == HYDRA_TRAINING
    assert _detect(TRAINER) == HYDRA_TRAINING
    # A logger, a model or a dataset of the project's own is not a training config.
    assert _detect("wandb:\n  _target_: lightning.pytorch.loggers.wandb.WandbLogger\n") is None
    assert _detect("_target_: src.data.MNISTDataModule\nbatch_size: 64\n") is None
    # A sweeper config stays a sweep, even with an optimizer target in it.
    sweep = "hydra:\n  sweeper:\n    n_trials: 10\noptimizer:\n  _target_: torch.optim.SGD\n"
    assert _detect(sweep) == HYDRA


def test_the_adapter_reads_the_optimizer_scheduler_and_trainer() -> None:
    root = parse_text(MODEL, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[HYDRA_TRAINING].adapt(root).training
    assert training.optimizer is not None and training.optimizer.value == "torch.optim.AdamW"
    assert training.learning_rate is not None and training.learning_rate.value == 0.001
    assert training.scheduler is not None and training.scheduler.patience is not None
    root = parse_text(TRAINER, "yaml").roots[0].node
    assert root is not None
    trainer = FORMATS[HYDRA_TRAINING].adapt(root).training
    assert trainer.epochs is not None and trainer.devices is not None
    # Two optimizers (a GAN): which one is "the" optimizer is not in the file.
    gan = MODEL.replace("scheduler:", "d_optimizer:\n  _target_: torch.optim.Adam\nscheduler:")
    root = parse_text(gan, "yaml").roots[0].node
    assert root is not None
    assert FORMATS[HYDRA_TRAINING].adapt(root).training.optimizer is None


def test_a_trainer_argument_it_does_not_take_and_a_removed_one() -> None:
    result = lint(TRAINER + "gpus: 2\n", path="trainer.yaml")
    found = {(d.code, d.message.split(";")[0]) for d in result.diagnostics}
    assert ("HP002", "Unknown hyperparameter `check_val_every_n_epochs` for Trainer") in found
    assert any(code == "HP617" and "`gpus`" in message for code, message in found)


def test_hover_on_a_trainer_argument_shows_lightnings_help() -> None:
    result = lint(TRAINER)
    hover = hover_at(result, TRAINER.index("max_epochs") + 1)
    assert hover is not None and "Stop training once this number of epochs" in hover.markdown
