"""Format adapters: each maps one tuning-config format into the IR (`hplint.ir.Config`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from hplint.detection import AZUREML, HYDRA, KATIB, NATIVE, SAGEMAKER, WANDB
from hplint.document.model import Node
from hplint.formats import native
from hplint.ir import Config


@dataclass(frozen=True, slots=True)
class FormatSpec:
    id: str
    schema: str  # file name under schemas/
    adapt: Callable[[Node], Config]


def _unadapted(format_id: str) -> Callable[[Node], Config]:
    def adapt(root: Node) -> Config:
        return Config(format_id=format_id, root=root)

    return adapt


FORMATS: Final[dict[str, FormatSpec]] = {
    NATIVE: FormatSpec(NATIVE, "hplint.schema.json", native.adapt),
    WANDB: FormatSpec(WANDB, "wandb-sweep.schema.json", _unadapted(WANDB)),
    SAGEMAKER: FormatSpec(SAGEMAKER, "sagemaker-tuning.schema.json", _unadapted(SAGEMAKER)),
    KATIB: FormatSpec(KATIB, "katib-experiment.schema.json", _unadapted(KATIB)),
    AZUREML: FormatSpec(AZUREML, "azureml-sweep.schema.json", _unadapted(AZUREML)),
    HYDRA: FormatSpec(HYDRA, "hydra-optuna.schema.json", _unadapted(HYDRA)),
}
