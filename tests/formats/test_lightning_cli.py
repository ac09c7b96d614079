"""The LightningCLI format: detection, generated knowledge, schema, adapter and hover."""

from __future__ import annotations

import json
import textwrap

from hplint.detection import HYDRA_TRAINING, LIGHTNING_CLI, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.hover import hover_at
from tests.conftest import REPO
from tests.formats.generated import assert_outputs_follow_the_knowledge, pin

GENERATOR = "generate_lightning_knowledge"
KNOWLEDGE = REPO / "server" / "hplint" / "knowledge" / "data" / "lightning.json"

CONFIG = textwrap.dedent(
    """\
    seed_everything: 7
    trainer:
      accelerator: gpu
      devices: 4
      num_nodes: 2
      max_epochs: 30
      accumulate_grad_batches: 2
      callbacks:
        - class_path: lightning.pytorch.callbacks.EarlyStopping
          init_args: {monitor: val_loss, patience: 5}
    model:
      class_path: my_project.Classifier
    data:
      class_path: my_project.Data
      init_args:
        batch_size: 64
    optimizer:
      class_path: torch.optim.AdamW
      init_args: {lr: 0.001, weight_decay: 0.05}
    lr_scheduler:
      class_path: torch.optim.lr_scheduler.CosineAnnealingLR
      init_args: {T_max: 30}
    """
)


def _detect(text: str) -> str | None:
    return detect_root(parse_text(text, "yaml").roots[0].node)


def test_detected_and_hydra_trainer_configs_are_not() -> None:
    assert _detect(CONFIG) == LIGHTNING_CLI
    # lightning-hydra-template: a Trainer instantiated by Hydra is a Hydra training config; one
    # picked from a config group says nothing by itself.
    assert (
        _detect("_target_: lightning.pytorch.trainer.Trainer\nmax_epochs: 10\n") == HYDRA_TRAINING
    )
    assert _detect("defaults:\n  - trainer: default\ntrainer:\n  max_epochs: 3\n") is None
    # A `trainer` section of some other tool, with no Trainer argument.
    assert _detect("trainer:\n  epochs: 3\nmodel: resnet\n") is None


def test_a_misspelt_trainer_argument_is_an_error_with_did_you_mean() -> None:
    text = CONFIG.replace("max_epochs: 30", "max_epoch: 30")
    result = lint(text, path="config.yaml")
    found = [(d.code, d.message) for d in result.diagnostics]
    assert ("HP002", "Unknown key `max_epoch` in `trainer`; did you mean `max_epochs`?") in found


def test_the_adapter_reads_the_training_facts() -> None:
    root = parse_text(CONFIG, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[LIGHTNING_CLI].adapt(root).training
    assert training.epochs is not None and training.epochs.value == 30
    assert training.devices is not None and training.devices.value == 4
    assert training.nodes is not None and training.nodes.value == 2
    assert training.grad_accum_steps is not None and training.grad_accum_steps.value == 2
    assert training.batch_size is not None and training.batch_size.value == 64
    assert training.optimizer is not None and training.optimizer.value == "torch.optim.AdamW"
    assert training.learning_rate is not None and training.learning_rate.value == 0.001
    assert training.early_stopping is not None and training.early_stopping.patience is not None
    assert training.scheduler is not None and training.scheduler.t_max is not None
    # `devices: auto` or a list of indices is not a count.
    for devices in ("auto", "[0, 1]", "-1"):
        node = parse_text(CONFIG.replace("devices: 4", f"devices: {devices}"), "yaml")
        root = node.roots[0].node
        assert root is not None
        assert FORMATS[LIGHTNING_CLI].adapt(root).training.devices is None


def test_hover_shows_lightnings_help_and_version() -> None:
    result = lint(CONFIG)
    hover = hover_at(result, CONFIG.index("accumulate_grad_batches") + 1)
    version = json.loads(KNOWLEDGE.read_text("utf-8"))["generated_from"]["lightning"]
    assert hover is not None
    assert "Accumulates gradients over k batches" in hover.markdown
    assert f"lightning {version}" in hover.markdown


def test_knowledge_records_the_pins_and_the_schema_follows_it() -> None:
    pins = {"lightning": pin(GENERATOR, "LIGHTNING"), "pytorch-lightning": pin(GENERATOR, "LEGACY")}
    assert json.loads(KNOWLEDGE.read_text("utf-8"))["generated_from"] == pins
    assert_outputs_follow_the_knowledge(GENERATOR, KNOWLEDGE)
