"""`textDocument/inlayHint` over the protocol, in the formats whose facts give a hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.helpers import diagnostics_for, open_document

pytestmark = pytest.mark.lsp

NATIVE = """\
hplint: 1
training:
  optimizer: sgd
  learning_rate: 0.1
  batch_size: 256
  grad_accum_steps: 4
  devices: 8
  reference: {batch_size: 256, learning_rate: 0.1}
search:
  method: grid
  budget: {trials: 9}
  space:
    training.momentum: {choice: [0.8, 0.9, 0.95]}
    training.weight_decay: {choice: [0.0, 1.0e-4, 1.0e-3, 1.0e-2]}
"""
WANDB = """\
method: random
metric: {name: val_loss, goal: minimize}
parameters:
  learning_rate: {distribution: log_uniform, min: -9.21, max: -2.3}
"""
AZURE = """\
$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
type: sweep
trial: {command: python train.py, environment: azureml:env@latest, code: ./src}
sampling_algorithm: random
search_space:
  lr: {type: loguniform, min_value: -6.9, max_value: -2.3}
objective: {goal: minimize, primary_metric: val_loss}
limits: {max_total_trials: 20}
"""
HF = """\
model_name_or_path: Qwen/Qwen2.5-1.5B
learning_rate: 2.0e-5
per_device_train_batch_size: 8
gradient_accumulation_steps: 4
num_train_epochs: 3
"""


async def _hints(client: LanguageClient, uri: str, text: str) -> dict[int, list[str]]:
    open_document(client, uri, text)
    await diagnostics_for(client, uri, 1)
    result = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0),
                end=types.Position(line=len(text.splitlines()), character=0),
            ),
        )
    )
    found: dict[int, list[str]] = {}
    for hint in result or []:
        label = hint.label if isinstance(hint.label, str) else "".join(p.value for p in hint.label)
        found.setdefault(hint.position.line, []).append(label)
        assert hint.tooltip, label
    return found


async def test_native_batch_learning_rate_and_grid(client: LanguageClient, tmp_path: Path) -> None:
    hints = await _hints(client, (tmp_path / "train.yaml").as_uri(), NATIVE)
    assert hints[4] == ["= 8192 effective"]  # batch_size: 256 × 4 × 8
    assert hints[3] == ["expected ≈3.2"]  # linear scaling of 0.1 by 32
    assert hints[9] == ["12 combinations / 9 trials"]


async def test_exponent_bounds(client: LanguageClient, tmp_path: Path) -> None:
    hints = await _hints(client, (tmp_path / "sweep.yaml").as_uri(), WANDB)
    assert hints[3] == ["≈ 1.0e-4", "≈ 0.1"]
    azure = await _hints(client, (tmp_path / "sweep-job.yaml").as_uri(), AZURE)
    assert azure[5] == ["≈ 0.001", "≈ 0.1"]


async def test_a_trainer_configs_effective_batch(client: LanguageClient, tmp_path: Path) -> None:
    hints = await _hints(client, (tmp_path / "sft.yaml").as_uri(), HF)
    assert hints[2] == ["= 32 effective"]


async def test_the_setting_turns_them_off(client: LanguageClient, tmp_path: Path) -> None:
    client.set_configuration({"inlayHints": False}, section="hplint")  # type: ignore[attr-defined]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"hplint": {"inlayHints": False}})
    )
    import asyncio

    for _ in range(50):
        if await _hints(client, (tmp_path / f"off{_}.yaml").as_uri(), NATIVE) == {}:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("inlay hints still shown")


async def _hover_text(client: LanguageClient, uri: str, text: str, line: int) -> str:
    open_document(client, uri, text)
    await diagnostics_for(client, uri, 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=4),
        )
    )
    assert hover is not None
    contents = hover.contents
    return contents.value if isinstance(contents, types.MarkupContent) else str(contents)


async def test_hover_sketches_over_the_protocol(client: LanguageClient, tmp_path: Path) -> None:
    sweep = WANDB.replace("log_uniform, min: -9.21, max: -2.3", "uniform, min: 1.0e-5, max: 0.1")
    text = await _hover_text(client, (tmp_path / "sketch.yaml").as_uri(), sweep, 3)
    assert "Where the samples land" in text and "90.0%" in text
    text = await _hover_text(client, (tmp_path / "native.yaml").as_uri(), NATIVE, 3)
    assert "← this config: lr 0.1" in text


# The grid's combinations against its budget, in every format whose search can be a grid.
GRIDS = {
    "wandb.yaml": (
        "method: grid\nmetric: {name: val_loss, goal: minimize}\n"
        "parameters:\n  lr: {values: [0.1, 0.01]}\n  bs: {values: [16, 32, 64]}\nrun_cap: 4\n",
        0,
    ),
    "sagemaker.json": (
        '{"HyperParameterTuningJobConfig": {"Strategy": "Grid",\n'
        ' "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},\n'
        ' "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 1},\n'
        ' "ParameterRanges": {"CategoricalParameterRanges": [{"Name": "lr", "Values": '
        '["0.1", "0.01"]}, {"Name": "bs", "Values": ["16", "32", "64"]}]}}}\n',
        0,
    ),
    "azure.yaml": (
        "$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json\n"
        "type: sweep\ntrial: {command: python train.py, environment: azureml:env@latest}\n"
        "sampling_algorithm: grid\nsearch_space:\n  lr: {type: choice, values: [0.1, 0.01]}\n"
        "  bs: {type: choice, values: [16, 32, 64]}\n"
        "objective: {goal: minimize, primary_metric: loss}\nlimits: {max_total_trials: 4}\n",
        3,
    ),
    "katib.yaml": (
        "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\nmetadata: {name: grid}\nspec:\n"
        "  objective: {type: minimize, objectiveMetricName: loss}\n"
        "  algorithm: {algorithmName: grid}\n  maxTrialCount: 4\n  parameters:\n"
        "    - name: lr\n      parameterType: double\n"
        '      feasibleSpace: {min: "0.01", max: "0.05", step: "0.01"}\n'
        "    - name: optimizer\n      parameterType: categorical\n"
        '      feasibleSpace: {list: ["sgd", "adam"]}\n',
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(GRIDS))
async def test_a_grids_combinations_against_its_budget(
    client: LanguageClient, tmp_path: Path, name: str
) -> None:
    text, line = GRIDS[name]
    hints = await _hints(client, (tmp_path / name).as_uri(), text)
    expected = "10 combinations / 4 trials" if name == "katib.yaml" else "6 combinations / 4 trials"
    assert hints[line] == [expected]


# The effective batch in the framework configs whose adapters know its factors.
FRAMEWORKS = {
    "lightning.yaml": (
        "trainer:\n  accelerator: gpu\n  devices: 4\n  accumulate_grad_batches: 2\n"
        "  max_epochs: 10\nmodel:\n  learning_rate: 0.001\ndata:\n  batch_size: 32\n",
        8,
        "= 256 effective",  # 32 per device × 4 devices × 2 accumulated
    ),
    "ds_config.json": (
        '{\n  "train_micro_batch_size_per_gpu": 8,\n  "gradient_accumulation_steps": 4,\n'
        '  "optimizer": {"type": "AdamW", "params": {"lr": 3e-5}},\n'
        '  "zero_optimization": {"stage": 2}\n}\n',
        1,
        "= 32 effective",  # 8 per GPU × 4 accumulated (the GPU count is the launcher's)
    ),
}


@pytest.mark.parametrize("name", sorted(FRAMEWORKS))
async def test_a_framework_configs_effective_batch(
    client: LanguageClient, tmp_path: Path, name: str
) -> None:
    text, line, label = FRAMEWORKS[name]
    hints = await _hints(client, (tmp_path / name).as_uri(), text)
    assert hints[line] == [label]
