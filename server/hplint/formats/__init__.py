"""Format adapters: each maps one tuning-config format into the IR (`hplint.ir.Config`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from hplint.detection import (
    AZUREML,
    DEEPSPEED,
    DETECTRON2,
    HF_TRAINER,
    HYDRA,
    HYDRA_TRAINING,
    KATIB,
    LIGHTNING_CLI,
    NATIVE,
    SAGEMAKER,
    ULTRALYTICS,
    WANDB,
)
from hplint.document.model import Node
from hplint.formats import (
    azureml,
    deepspeed,
    detectron2,
    hf_trainer,
    hydra,
    hydra_training,
    katib,
    lightning_cli,
    native,
    sagemaker,
    ultralytics,
    wandb,
)
from hplint.formats.targets import target_objects
from hplint.ir import Config
from hplint.knowledge.format_table import format_info


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """A format's adapter: how a document of format `id` becomes its configs (`FORMATS`)."""

    id: str
    adapt: Callable[[Node], Config]
    # One Config per tuning job in the document, for formats where a document can hold several
    # (Azure ML pipeline jobs with several sweep steps). None: `[adapt(root)]`.
    adapt_all: Callable[[Node], list[Config]] | None = None

    @property
    def schema(self) -> str:
        """The file name under schemas/ (the formats table)."""
        info = format_info(self.id)
        assert info is not None, self.id
        return info.schema

    def configs(self, root: Node) -> list[Config]:
        """The configs in the document at `root`, each with its `_target_` objects."""
        configs = self.adapt_all(root) if self.adapt_all is not None else [self.adapt(root)]
        for config in configs:
            config.targets = target_objects(config.root)
        return configs


FORMATS: Final[dict[str, FormatSpec]] = {
    NATIVE: FormatSpec(NATIVE, native.adapt),
    WANDB: FormatSpec(WANDB, wandb.adapt),
    SAGEMAKER: FormatSpec(SAGEMAKER, sagemaker.adapt),
    KATIB: FormatSpec(KATIB, katib.adapt),
    AZUREML: FormatSpec(AZUREML, azureml.adapt, azureml.adapt_all),
    HYDRA: FormatSpec(HYDRA, hydra.adapt),
    HF_TRAINER: FormatSpec(HF_TRAINER, hf_trainer.adapt),
    ULTRALYTICS: FormatSpec(ULTRALYTICS, ultralytics.adapt),
    DEEPSPEED: FormatSpec(DEEPSPEED, deepspeed.adapt),
    LIGHTNING_CLI: FormatSpec(LIGHTNING_CLI, lightning_cli.adapt),
    HYDRA_TRAINING: FormatSpec(HYDRA_TRAINING, hydra_training.adapt),
    DETECTRON2: FormatSpec(DETECTRON2, detectron2.adapt),
}
