"""Which tuning-config format a document is, decided by its content.

File names are never enough on their own: a repository's other YAML and JSON (workflows, compose
files, Kubernetes manifests, package.json) must produce no diagnostics at all. Overrides, in order:
a modeline `# hplint: format=<id>` (or `format=none`), a `$schema` key naming one of our schemas,
then `[tool.hplint] formats` globs from the configuration; otherwise the content decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from hplint.document.access import scalar_text
from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode
from hplint.document.values import get_path
from hplint.document.walk import target_mappings
from hplint.knowledge.format_table import format_table
from hplint.knowledge.lightning import trainer_arguments
from hplint.knowledge.ultralytics import argument_names

NATIVE: Final = "hplint"
WANDB: Final = "wandb-sweep"
SAGEMAKER: Final = "sagemaker-tuning"
KATIB: Final = "katib-experiment"
AZUREML: Final = "azureml-sweep"
HYDRA: Final = "hydra-optuna"
HF_TRAINER: Final = "hf-trainer"
ULTRALYTICS: Final = "ultralytics"
DEEPSPEED: Final = "deepspeed"
LIGHTNING_CLI: Final = "lightning-cli"
HYDRA_TRAINING: Final = "hydra-training"
DETECTRON2: Final = "detectron2"

# The table (knowledge/data/formats.json) lists the formats; the constants name them in code.
FORMAT_IDS: Final = tuple(info.id for info in format_table())

MODELINE: Final = re.compile(r"#\s*hplint:\s*format\s*=\s*([A-Za-z0-9_-]+)")

_SCHEMA_HINTS: Final[tuple[tuple[str, str], ...]] = (
    *((f"hplint.dev/schemas/{info.schema}", info.id) for info in format_table()),
    ("sweepjob.schema.json", AZUREML),  # Azure ML's own sweepJob schema URL
)
_WANDB_METHODS: Final = frozenset({"grid", "random", "bayes", "custom"})
_OPTUNA_SWEEPER_OVERRIDE: Final = re.compile(r"^override\s+/?hydra/sweeper$")
# Keys of the Optuna sweeper's config (`OptunaSweeperConf` in hydra-optuna-sweeper 1.3, plus the
# legacy `search_space`) that Hydra's BasicSweeper (`max_batch_size`, `params`) does not have.
_OPTUNA_SWEEPER_KEYS: Final = (
    "direction",
    "n_trials",
    "n_jobs",
    "sampler",
    "storage",
    "study_name",
    "max_failure_rate",
    "custom_search_space",
    "search_space",
)
# The BasicSweeper can only enumerate choice and range sweeps (`Override.sweep_iterator`).
_OPTUNA_ONLY_SWEEP: Final = re.compile(r"\b(?:interval|tag)\(")


Evidence = list[str]
"""What decided a format, as short `key: value` notes (empty: not this format)."""


def _is_native(root: MappingNode) -> Evidence:
    marker = root.get("hplint")
    if marker is None:
        return []
    marker = marker.resolve()
    return ["hplint: 1"] if isinstance(marker, ScalarNode) and marker.value in (1, "1") else []


def _is_wandb(root: MappingNode) -> Evidence:
    method = scalar_text(root.get("method"))
    parameters = root.get("parameters")
    if (
        method in _WANDB_METHODS
        and parameters is not None
        and isinstance(parameters.resolve(), MappingNode)
    ):
        return [f"method: {method}", "parameters: {…}"]
    return []


def _is_sagemaker(root: MappingNode) -> Evidence:
    if isinstance(root.get("HyperParameterTuningJobConfig"), Node):
        return ["HyperParameterTuningJobConfig"]
    present = [k for k in ("ParameterRanges", "ResourceLimits") if root.get(k) is not None]
    return ["Strategy", *present] if root.get("Strategy") is not None and present else []


def _is_katib(root: MappingNode) -> Evidence:
    if (
        scalar_text(root.get("apiVersion")) == "kubeflow.org/v1beta1"
        and scalar_text(root.get("kind")) == "Experiment"
    ):
        return ["apiVersion: kubeflow.org/v1beta1", "kind: Experiment"]
    return []


def is_azureml_sweep_node(node: Node) -> bool:
    node = node.resolve()
    return (
        isinstance(node, MappingNode)
        and scalar_text(node.get("type")) == "sweep"
        and node.get("search_space") is not None
    )


def azureml_pipeline_sweeps(root: MappingNode) -> list[Node]:
    """Sweep jobs nested in an Azure ML pipeline job's `jobs:` mapping."""
    if scalar_text(root.get("type")) != "pipeline":
        return []
    jobs = get_path(root, "jobs")
    if not isinstance(jobs, MappingNode):
        return []
    return [entry.value for entry in jobs.effective_entries() if is_azureml_sweep_node(entry.value)]


def _is_azureml(root: MappingNode) -> Evidence:
    schema = (scalar_text(root.get("$schema")) or "").lower()
    if schema.endswith("sweepjob.schema.json"):
        return [f"$schema: {schema}"]
    if is_azureml_sweep_node(root):
        return ["type: sweep", "search_space"]
    if azureml_pipeline_sweeps(root):
        return ["type: pipeline", "jobs.<name>.type: sweep"]
    return []


def _is_hydra_optuna(root: MappingNode) -> Evidence:
    sweeper = get_path(root, "hydra", "sweeper")
    if isinstance(sweeper, MappingNode):
        target = scalar_text(sweeper.get("_target_"))
        if target:
            # A named sweeper decides: Optuna-based ones are read, Nevergrad/Ax/Basic are not.
            return [f"hydra.sweeper._target_: {target}"] if "optuna" in target.lower() else []
        keys = [key for key in _OPTUNA_SWEEPER_KEYS if sweeper.get(key) is not None]
        if keys:
            return [f"hydra.sweeper.{key}" for key in keys]
        if _has_optuna_only_sweep(sweeper.get("params")):
            return ["hydra.sweeper.params using interval()/tag()"]
    defaults = get_path(root, "defaults")
    if isinstance(defaults, SequenceNode):
        for raw_item in defaults.items:
            item = raw_item.resolve()
            if isinstance(item, MappingNode):
                for entry in item.effective_entries():
                    if _OPTUNA_SWEEPER_OVERRIDE.match(entry.key_text.strip()) and (
                        scalar_text(entry.value) == "optuna"
                    ):
                        return ["defaults: override hydra/sweeper: optuna"]
    return []


def _has_optuna_only_sweep(params: Node | None) -> bool:
    """`params` written with a sweep Hydra's BasicSweeper cannot run (`interval`, `tag`).

    The BasicSweeper reads `hydra.sweeper.params` too, as a grid of `choice`/`range`/`a,b`
    values; a file with only those is a Basic sweep, not an Optuna one, unless it says so.
    """
    body = params.resolve() if params is not None else None
    if not isinstance(body, MappingNode):
        return False
    return any(
        _OPTUNA_ONLY_SWEEP.search(scalar_text(entry.value) or "")
        for entry in body.effective_entries()
    )


# TrainingArguments fields no other format here has at its top level: one of them, with one more
# TrainingArguments field, makes a Trainer/TRL config (generic names such as `learning_rate` or
# `seed` alone never do).
TRAINER_ONLY_KEYS: Final = frozenset(
    {
        "per_device_train_batch_size",
        "per_device_eval_batch_size",
        "eval_strategy",
        "evaluation_strategy",
        "save_strategy",
        "logging_strategy",
        "lr_scheduler_type",
        "load_best_model_at_end",
        "metric_for_best_model",
        "save_total_limit",
        "gradient_checkpointing_kwargs",
        "hub_model_id",
    }
)
_TRAINER_KEYS: Final = TRAINER_ONLY_KEYS | {
    "gradient_accumulation_steps",
    "num_train_epochs",
    "learning_rate",
    "warmup_ratio",
    "warmup_steps",
    "weight_decay",
    "logging_steps",
    "save_steps",
    "eval_steps",
    "output_dir",
    "bf16",
    "fp16",
    "gradient_checkpointing",
    "report_to",
    "max_steps",
    "optim",
    "push_to_hub",
}


def _is_hf_trainer(root: MappingNode) -> Evidence:
    keys = [entry.key_text for entry in root.effective_entries()]
    only = [k for k in keys if k in TRAINER_ONLY_KEYS]
    others = [k for k in keys if k in _TRAINER_KEYS and k not in TRAINER_ONLY_KEYS]
    if not only or len(only) + len(others) < 2:
        return []
    return [*only, *(["+ " + ", ".join(others)] if others else [])]


# YOLO training arguments no other format here has (Ultralytics `cfg/default.yaml`).
YOLO_ONLY_KEYS: Final = frozenset(
    {
        "lr0",
        "lrf",
        "imgsz",
        "close_mosaic",
        "warmup_bias_lr",
        "warmup_momentum",
        "hsv_h",
        "hsv_s",
        "hsv_v",
        "mosaic",
        "mixup",
        "copy_paste",
        "fliplr",
        "flipud",
        "nbs",
        "cos_lr",
        "overlap_mask",
        "mask_ratio",
    }
)
# Keys of YOLOv5's `hyp.*.yaml`, which its own train.py reads (optimizer chosen on the command
# line, no `optimizer: auto`): not Ultralytics arguments, so such files are not this format.
_YOLOV5_HYP_KEYS: Final = frozenset({"obj", "obj_pw", "iou_t", "anchor_t", "fl_gamma", "anchors"})


def _is_ultralytics(root: MappingNode) -> Evidence:
    keys = [entry.key_text for entry in root.effective_entries()]
    if not keys or _YOLOV5_HYP_KEYS & set(keys):
        return []
    yolo_only = [k for k in keys if k in YOLO_ONLY_KEYS]
    known = [k for k in keys if k in argument_names()]
    # Ultralytics refuses any other key, so a real args file is (nearly) all arguments.
    if len(yolo_only) < 3 or len(known) < 0.75 * len(keys):
        return []
    return [*yolo_only, f"{len(known)} of {len(keys)} keys are YOLO arguments"]


DEEPSPEED_CORE_KEYS: Final = (
    "train_micro_batch_size_per_gpu",
    "train_batch_size",
    "zero_optimization",
)
_DEEPSPEED_SECTIONS: Final = (
    *DEEPSPEED_CORE_KEYS,
    "gradient_accumulation_steps",
    "gradient_clipping",
    "optimizer",
    "scheduler",
    "fp16",
    "bf16",
    "steps_per_print",
    "wall_clock_breakdown",
    "zero_allow_untested_optimizer",
)


def _is_deepspeed(root: MappingNode) -> Evidence:
    present = [key for key in _DEEPSPEED_SECTIONS if root.get(key) is not None]
    core = [key for key in DEEPSPEED_CORE_KEYS if key in present]
    zero = root.get("zero_optimization")
    if zero is not None and not isinstance(zero.resolve(), MappingNode):
        return []
    return present if core and len(present) >= 2 else []


_LIGHTNING_SIBLINGS: Final = (
    "model",
    "data",
    "optimizer",
    "lr_scheduler",
    "seed_everything",
    "ckpt_path",
)


def _is_lightning_cli(root: MappingNode) -> Evidence:
    trainer = root.get("trainer")
    body = trainer.resolve() if trainer is not None else None
    if not isinstance(body, MappingNode):
        return []
    arguments = [e.key_text for e in body.effective_entries() if e.key_text in trainer_arguments()]
    siblings = [key for key in _LIGHTNING_SIBLINGS if root.get(key) is not None]
    hydra = root.get("defaults") is not None or root.get("hydra") is not None
    if not arguments or not siblings or hydra:
        return []  # `defaults` or `hydra`: a Hydra config that overrides a trainer group
    return [f"trainer.{arguments[0]}", *siblings]


# `_target_` classes whose arguments hplint knows what to make of: optimizers and schedulers,
# data loaders, Lightning's Trainer and the callbacks it judges, and the catalogued estimator
# libraries. (Loggers, models and datasets are the project's business: a logger config is not
# a training config.)
_TRAINING_TARGET_PREFIXES: Final = (
    "torch.optim.",
    "torch.utils.data.DataLoader",
    "sklearn.",
    "xgboost.",
    "lightgbm.",
)
LIGHTNING_TARGETS: Final = frozenset({"Trainer", "EarlyStopping", "ModelCheckpoint"})


def is_training_target(name: str) -> bool:
    if name.startswith(_TRAINING_TARGET_PREFIXES):
        return True
    return name.startswith(("lightning.", "pytorch_lightning.")) and (
        name.rsplit(".", 1)[-1] in LIGHTNING_TARGETS
    )


def _is_hydra_training(root: MappingNode) -> Evidence:
    for body in target_mappings(root):
        target = scalar_text(body.get("_target_"))
        if target and is_training_target(target):
            return [f"_target_: {target}"]
    return []


# A detectron2 SOLVER section is recognised by one of these (config/defaults.py).
DETECTRON2_SOLVER_KEYS: Final = frozenset(
    {"IMS_PER_BATCH", "BASE_LR", "MAX_ITER", "STEPS", "WARMUP_ITERS", "LR_SCHEDULER_NAME"}
)
_DETECTRON2_SECTIONS: Final = ("MODEL", "SOLVER", "INPUT", "DATASETS", "DATALOADER", "TEST")


def _is_detectron2(root: MappingNode) -> Evidence:
    solver = root.get("SOLVER")
    body = solver.resolve() if solver is not None else None
    if isinstance(body, MappingNode):
        keys = [
            e.key_text for e in body.effective_entries() if e.key_text in DETECTRON2_SOLVER_KEYS
        ]
        if keys:
            return [f"SOLVER.{keys[0]}"]
    if root.get("_BASE_") is not None:
        sections = [key for key in _DETECTRON2_SECTIONS if root.get(key) is not None]
        if sections:
            return ["_BASE_", *sections]
    return []


_DETECTORS: Final[tuple[tuple[str, Callable[[MappingNode], Evidence]], ...]] = (
    (NATIVE, _is_native),
    (KATIB, _is_katib),
    (SAGEMAKER, _is_sagemaker),
    (AZUREML, _is_azureml),
    (HYDRA, _is_hydra_optuna),
    (WANDB, _is_wandb),
    (HF_TRAINER, _is_hf_trainer),
    (ULTRALYTICS, _is_ultralytics),
    (DEEPSPEED, _is_deepspeed),
    (LIGHTNING_CLI, _is_lightning_cli),
    (HYDRA_TRAINING, _is_hydra_training),
    (DETECTRON2, _is_detectron2),
)


def detect_root(root: Node | None) -> str | None:
    """The format of one YAML document (or JSON file) by content alone."""
    return explain_root(root)[0]


def explain_root(root: Node | None) -> tuple[str | None, Evidence]:
    """`detect_root`, with what decided it (`hplint detect --explain`)."""
    if root is None:
        return None, []
    root = root.resolve()
    if not isinstance(root, MappingNode):
        return None, []
    schema = scalar_text(root.get("$schema"))
    if schema:
        lowered = schema.lower()
        for hint, format_id in _SCHEMA_HINTS:
            if lowered.endswith(hint.lower()):
                return format_id, [f"$schema: {schema}"]
    for format_id, detector in _DETECTORS:
        evidence = detector(root)
        if evidence:
            return format_id, evidence
    return None, []


def modeline_format(comments: Sequence[tuple[object, str]]) -> str | None:
    """The format named by a `# hplint: format=<id>` comment; `"none"` turns linting off."""
    for _span, text in comments:
        match = MODELINE.search(text)
        if match:
            return match.group(1)
    return None
