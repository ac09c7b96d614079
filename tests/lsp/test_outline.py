"""`textDocument/documentSymbol` and `textDocument/foldingRange` over the protocol."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.helpers import diagnostics_for, open_document

pytestmark = pytest.mark.lsp

NATIVE = """\
hplint: 1
model:
  pipeline:
    - {name: scale, class: sklearn.preprocessing.StandardScaler}
    - name: reg
      class: sklearn.linear_model.Ridge
training:
  optimizer: adamw
  learning_rate: 1.0e-3
search:
  method: random
  space:
    model.pipeline.reg.params.alpha: {dist: loguniform, low: 1.0e-4, high: 1.0e+2}
    training.batch_size: {choice: [64, 128, 256]}
"""
WANDB = """\
method: bayes
metric: {name: val_loss, goal: minimize}
parameters:
  learning_rate: {distribution: log_uniform_values, min: 1.0e-5, max: 0.1}
  optimizer: {values: [adam, sgd]}
"""
HYDRA = """\
_target_: src.models.Module
optimizer:
  _target_: torch.optim.AdamW
  _partial_: true
  lr: 0.001
"""
WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"


def _flatten(
    symbols: list[types.DocumentSymbol], prefix: str = ""
) -> dict[str, types.DocumentSymbol]:
    found: dict[str, types.DocumentSymbol] = {}
    for symbol in symbols:
        path = f"{prefix}{symbol.name}"
        found[path] = symbol
        found.update(_flatten(symbol.children or [], path + "/"))
    return found


async def _symbols(client: LanguageClient, uri: str, text: str) -> dict[str, types.DocumentSymbol]:
    open_document(client, uri, text)
    await diagnostics_for(client, uri, 1)
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert result is None or all(isinstance(s, types.DocumentSymbol) for s in result)
    return _flatten(list(result or []))  # type: ignore[arg-type]


async def test_sections_estimators_and_search_dimensions(
    client: LanguageClient, tmp_path: Path
) -> None:
    found = await _symbols(client, (tmp_path / "train.yaml").as_uri(), NATIVE)
    assert found["model"].kind == types.SymbolKind.Namespace
    reg = found["model/pipeline/reg"]
    assert reg.kind == types.SymbolKind.Class and reg.detail == "sklearn.linear_model.Ridge"
    alpha = found["search/space/model.pipeline.reg.params.alpha"]
    assert alpha.kind == types.SymbolKind.Field and alpha.detail == "loguniform 0.0001 … 100"
    assert found["search/space/training.batch_size"].detail == "choice ×3"
    assert found["training/learning_rate"].selection_range.start.line == 8


async def test_every_symbol_kind(client: LanguageClient, tmp_path: Path) -> None:
    found = await _symbols(client, (tmp_path / "kinds.yaml").as_uri(), NATIVE)
    assert found["model"].kind == types.SymbolKind.Namespace  # a section
    assert found["model/pipeline"].kind == types.SymbolKind.Array  # a list of steps
    assert found["model/pipeline/reg"].kind == types.SymbolKind.Class  # names a class
    assert found["search/space/training.batch_size"].kind == types.SymbolKind.Field  # searched
    value = found["training/optimizer"]
    assert value.kind == types.SymbolKind.Property and value.detail == "adamw"  # a value


async def test_other_formats(client: LanguageClient, tmp_path: Path) -> None:
    wandb = await _symbols(client, (tmp_path / "sweep.yaml").as_uri(), WANDB)
    assert wandb["parameters/learning_rate"].detail == "log_uniform_values 1e-05 … 0.1"
    assert wandb["parameters/optimizer"].detail == "categorical ×2"
    hydra = await _symbols(client, (tmp_path / "model.yaml").as_uri(), HYDRA)
    assert hydra["optimizer"].kind == types.SymbolKind.Class
    assert hydra["optimizer"].detail == "torch.optim.AdamW"


async def test_files_that_are_not_configs_have_no_outline_from_hplint(
    client: LanguageClient, tmp_path: Path
) -> None:
    assert await _symbols(client, (tmp_path / "ci.yml").as_uri(), WORKFLOW) == {}


async def test_folding_ranges(client: LanguageClient, tmp_path: Path) -> None:
    uri = (tmp_path / "fold.yaml").as_uri()
    open_document(client, uri, NATIVE)
    await diagnostics_for(client, uri, 1)
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    spans = {(r.start_line, r.end_line) for r in ranges or []}
    assert (1, 5) in spans  # model:
    assert (6, 8) in spans  # training:
    assert (9, 13) in spans  # search:


# One real config per search format (shared/corpus/realworld): its dimension's outline entry and
# the hover sketch on its name. Katib and SageMaker name a dimension by a value (`name: lr`).
REAL_DIMENSIONS = [
    (
        "azureml-sweep",
        "Azure__azure-sdk-for-python__test_configs__sweep_job__object_sampling_algorithm__"
        "sweep_job_bayesian_sampling_algorithm_object.yml",
        "lr",
        "uniform 0.001 … 0.1",
    ),
    (
        "hydra-optuna",
        "ashleve__lightning-hydra-template__configs__hparams_search__mnist_optuna.yaml",
        "model.optimizer.lr",
        "interval 0.0001 … 0.1",
    ),
    (
        "katib-experiment",
        "kubeflow__katib__examples__v1beta1__early-stopping__median-stop.yaml",
        "lr",
        "double 0.01 … 0.05",
    ),
    (
        "sagemaker-tuning",
        "aws-controllers-k8s__sagemaker-controller__testdata__sdkapi__describe__stopping_describe.json",
        "gamma",
        "Linear 0 … 5",
    ),
    ("wandb-sweep", "Aleph-Alpha__magma__sweep.yml", "lr", "uniform 2e-05 … 0.0008"),
]


@pytest.mark.parametrize(("folder", "file", "name", "detail"), REAL_DIMENSIONS)
async def test_every_search_format_outlines_its_dimensions_and_sketches_them(
    client: LanguageClient, corpus: Path, folder: str, file: str, name: str, detail: str
) -> None:
    path = corpus / folder / file
    text = path.read_text(encoding="utf-8")
    found = await _symbols(client, path.as_uri(), text)
    fields = {s.name: s for s in found.values() if s.kind == types.SymbolKind.Field}
    assert fields[name].detail == detail
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=fields[name].selection_range.start,
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "Where the samples land" in hover.contents.value
