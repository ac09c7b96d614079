"""Hydra training configs: `_target_` optimizers, schedulers, Lightning's Trainer and callbacks."""

from __future__ import annotations

import ast
import json
import textwrap

from hplint.detection import HYDRA, HYDRA_TRAINING, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.hover import hover_at
from tests.conftest import REPO
from tests.formats.generated import load_generator, pin

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


# --- PyTorch optimizers and schedulers (schemas/estimators/torch.json) ---------------------------

TORCH_CATALOG = REPO / "schemas" / "estimators" / "torch.json"
OPTIMIZERS = textwrap.dedent(
    """\
    optimizer:
      _target_: torch.optim.AdamW
      _partial_: true
      lr: 0.001
      weight_decays: 0.1
      eps: -1.0e-8
    scheduler:
      _target_: torch.optim.lr_scheduler.ReduceLROnPlateau
      _partial_: true
      factor: 0.1
      verbose: false
    other:
      _target_: torch.optim.Adamw
    """
)


def test_a_torch_target_parameter_the_class_does_not_take() -> None:
    result = lint(OPTIMIZERS, path="model.yaml")
    found = {(d.code, OPTIMIZERS[d.span.start : d.span.end], d.message) for d in result.diagnostics}
    messages = {(code, text): message for code, text, message in found}
    assert messages[("HP002", "weight_decays")].endswith("did you mean `weight_decay`?")
    # `if not 0.0 <= eps: raise ValueError(...)` in Adam.__init__, which AdamW calls.
    assert "HP003" in {code for code, text, _ in found if text == "-1.0e-8"}
    removed = messages[("HP002", "verbose")]
    assert "removed from ReduceLROnPlateau in PyTorch 2.7" in removed
    assert messages[("HP002", "torch.optim.Adamw")].endswith("did you mean `torch.optim.AdamW`?")
    assert len(found) == 4


def test_valid_torch_targets_are_silent() -> None:
    assert lint(MODEL, path="model.yaml").diagnostics == []


def test_hover_on_a_torch_argument_shows_its_help_and_version() -> None:
    result = lint(MODEL)
    hover = hover_at(result, MODEL.index("weight_decay") + 1)
    version = json.loads(TORCH_CATALOG.read_text("utf-8"))["version"]
    assert hover is not None
    assert f"**AdamW.weight_decay** — PyTorch {version}" in hover.markdown
    assert "weight decay coefficient" in hover.markdown


def test_torch_catalog_records_the_pin() -> None:
    catalog = json.loads(TORCH_CATALOG.read_text("utf-8"))
    assert catalog["version"] == pin("generate_torch_knowledge", "TORCH")
    names = {entry["name"] for entry in catalog["estimators"]}
    assert {"SGD", "AdamW", "OneCycleLR", "CosineAnnealingLR", "ReduceLROnPlateau"} <= names


def test_the_torch_generator_reads_value_checks_and_help() -> None:
    generator = load_generator("generate_torch_knowledge")
    source = textwrap.dedent(
        '''\
        class Opt(Optimizer):
            def __init__(self, params, lr=1e-3, beta=0.9, *, eps=1e-8, factor=0.1, foreach=None):
                if not 0.0 <= lr:
                    raise ValueError(f"Invalid learning rate: {lr}")
                if not 0.0 <= beta < 1.0:
                    raise ValueError("Invalid beta")
                if eps < 0.0:
                    raise ValueError("Invalid eps")
                if factor >= 1.0:
                    raise ValueError("Factor should be < 1.0.")
                if foreach and lr > 1:
                    raise ValueError("not a bound on one argument")
        Opt.__doc__ = r"""Implements it.""" + rf"""
            Args:
                {_params_doc}
                lr (float, optional): learning rate
                    (default: 1e-3)
                {_foreach_doc}
            .. note:: not an argument
            """
        '''
    )
    snippets = {
        "_params_doc": "params (iterable): what to optimize",
        "_foreach_doc": "foreach (bool): f",
    }
    parameters = generator._init_parameters(ast.parse(source), "Opt", snippets)
    assert parameters["lr"]["interval"] == {"left": 0.0, "right": None, "closed": "both"}
    assert parameters["beta"]["interval"] == {"left": 0.0, "right": 1.0, "closed": "left"}
    assert parameters["eps"]["interval"] == {"left": 0.0, "right": None, "closed": "left"}
    assert parameters["factor"]["interval"] == {"left": None, "right": 1.0, "closed": "neither"}
    assert "interval" not in parameters["foreach"]
    assert parameters["lr"]["help"] == "learning rate (default: 1e-3)"
    assert parameters["params"]["help"] == "what to optimize"
    assert parameters["foreach"]["help"] == "f"
    assert parameters["eps"]["default"] == 1e-8


EXPERIMENT = textwrap.dedent(
    """\
    # @package _global_
    defaults:
      - override /model: mnist
    epochs: 200
    trainer:
      _target_: lightning.pytorch.Trainer
      max_epochs: 20
    model:
      optimizer:
        _target_: torch.optim.SGD
        _partial_: true
        lr: ${.base_lr}
        base_lr: 0.1
      scheduler:
        _target_: torch.optim.lr_scheduler.CosineAnnealingLR
        _partial_: true
        T_max: ${epochs}
    """
)


def test_interpolations_into_the_file_are_read_where_they_are_written() -> None:
    root = parse_text(EXPERIMENT, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[HYDRA_TRAINING].adapt(root).training
    lr = training.learning_rate
    assert lr is not None and lr.value == 0.1
    # The value node is the definition (a fix edits it); the key is the one that uses it.
    assert EXPERIMENT[lr.node.span.start : lr.node.span.end] == "0.1"
    assert lr.key is not None and EXPERIMENT[lr.key.span.start : lr.key.span.end] == "lr"
    assert training.scheduler is not None and training.scheduler.t_max is not None
    assert training.scheduler.t_max.value == 200
    found = [(d.code, EXPERIMENT[d.span.start : d.span.end]) for d in lint(EXPERIMENT).diagnostics]
    assert ("HP110", "T_max") in found  # T_max 200 > max_epochs 20


def test_an_absolute_interpolation_in_a_config_group_file_stays_unknown() -> None:
    # Without a `defaults` list the file is a config group placed under its package: `${epochs}`
    # names a key of the composed config, which may not be this file's `epochs`.
    group = EXPERIMENT.replace("# @package _global_\ndefaults:\n  - override /model: mnist\n", "")
    root = parse_text(group, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[HYDRA_TRAINING].adapt(root).training
    assert training.scheduler is not None and training.scheduler.t_max is not None
    assert training.scheduler.t_max.value == "${epochs}"
    assert training.learning_rate is not None and training.learning_rate.value == 0.1
    assert "HP110" not in {d.code for d in lint(group).diagnostics}
