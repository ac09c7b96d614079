"""Performance guards that count work instead of timing it (timings live in `benchmarks/`).

Each test pins one property the latency budgets rely on: caches stay warm, lookups are indexed,
one parse per lint, start-up stays lean, work per node does not grow with the file.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from hplint.document import loader
from hplint.document.model import MappingNode, SequenceNode
from hplint.engine import lint
from hplint.schema_loader import registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import configs


@pytest.fixture
def count_calls(monkeypatch: pytest.MonkeyPatch) -> Any:
    counts: dict[str, int] = {}

    def install(owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            counts[name] = counts.get(name, 0) + 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)

    install.counts = counts  # type: ignore[attr-defined]
    return install


def test_second_lint_does_not_recompile_the_schema() -> None:
    text = configs.wandb_sweep(60)
    lint(text, path="sweep.yaml")
    compiled = registry.compile_count()
    lint(text, path="sweep.yaml")
    lint(text.replace("run_cap: 400", "run_cap: 401"), path="sweep.yaml")
    assert registry.compile_count() == compiled


def test_one_parse_per_lint(count_calls: Any) -> None:
    count_calls(loader, "parse_yaml")
    lint(configs.native(200), path="config.yaml")
    assert count_calls.counts == {"parse_yaml": 1}


def test_line_starts_are_computed_once_per_lint(count_calls: Any) -> None:
    from hplint import text as text_module

    original = text_module.LineIndex.__init__
    calls = []

    def counting(self: Any, text: str) -> None:
        calls.append(len(text))
        original(self, text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module.LineIndex, "__init__", counting)
        result = lint(configs.wandb_sweep(400), path="sweep.yaml")
        assert result.diagnostics  # the generated file has mistakes to place
        assert result.lines is result.document.lines
    assert len(calls) == 1


def test_position_lookups_are_bisects_not_scans() -> None:
    result = lint(configs.wandb_sweep(2000), path="sweep.yaml")
    lines = result.lines
    before = lines.lookups
    last = len(result.text) - 1
    position = lines.position(last)
    assert lines.lookups == before + 1
    assert position.line == result.text.count("\n", 0, last)
    # LineIndex keeps only the line starts (one int per line), never a per-character table.
    assert len(lines._starts) == lines.line_count <= result.text.count("\n") + 1


def test_mapping_lookups_use_an_index() -> None:
    document = loader.parse_text(configs.wandb_sweep(1600), "yaml")
    root = document.roots[0].node
    assert isinstance(root, MappingNode)
    parameters = root.get("parameters")
    assert isinstance(parameters, MappingNode)
    keys = parameters.keys()
    for key in keys:
        assert parameters.get(key) is not None
    assert parameters._index is not None  # built once, reused by every lookup
    index = parameters._index
    parameters.get(keys[-1])
    assert parameters._index is index


def test_pipeline_steps_are_found_by_name_without_a_scan() -> None:
    document = loader.parse_text(configs.native(1600), "yaml")
    root = document.roots[0].node
    assert isinstance(root, MappingNode)
    pipeline = root.get("model").resolve().get("pipeline")  # type: ignore[union-attr]
    assert isinstance(pipeline, SequenceNode)
    assert pipeline.index_named("impute") == 0
    assert pipeline.index_named("reg") == len(pipeline.items) - 1
    assert pipeline.index_named("missing") is None


def test_an_edit_revalidates_only_what_changed() -> None:
    """A one-value edit re-evaluates a bounded number of `$ref`s, whatever the file size."""
    evaluated = []
    for size in (400, 1600):
        text = configs.wandb_sweep(size)
        lint(text, path="sweep.yaml")
        before = registry.ref_evaluations()
        edited = text.replace("    min: 0.05\n", "    min: 0.06\n", 1)
        assert edited != text
        lint(edited, path="sweep.yaml")
        evaluated.append(registry.ref_evaluations() - before)
    assert max(evaluated) <= 5, evaluated


def test_memoised_validation_reports_what_jsonschema_reports() -> None:
    from jsonschema import Draft202012Validator

    from hplint.resources import load_json

    text = configs.wandb_sweep(300)
    result = lint(text, path="sweep.yaml")
    from hplint.document.values import to_python

    instance = to_python(result.document.roots[0].node)
    plain = Draft202012Validator(
        load_json("wandb-sweep.schema.json"), registry=registry._registry()
    )
    memo = registry.validator_for("wandb-sweep.schema.json")

    def shape(validator: Any) -> list[tuple[Any, ...]]:
        return sorted(
            (list(e.absolute_path), list(e.absolute_schema_path), e.message, len(e.context))
            for e in validator.iter_errors(instance)
        )

    expected = shape(plain)
    assert expected
    assert shape(memo) == expected
    assert shape(memo) == expected  # replayed from the cache: still identical


def test_work_per_node_is_linear(count_calls: Any) -> None:
    """Node lookups per lint grow with the file, not with its square (1,600 vs 10,000 lines)."""
    counts = []
    for size in (1600, 10_000):
        calls = [0]

        def counting(
            self: MappingNode,
            key: str,
            calls: list[int] = calls,
            original: Any = MappingNode.get_entry,
        ) -> Any:
            calls[0] += 1
            return original(self, key)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(MappingNode, "get_entry", counting)
            lint(configs.wandb_sweep(size), path="sweep.yaml")
        counts.append(calls[0])
    ratio = counts[1] / counts[0]
    assert ratio < 10_000 / 1600 * 1.3, counts


def test_language_server_start_up_imports_no_heavy_modules() -> None:
    code = textwrap.dedent(
        """
        import sys
        from hplint.lsp.server import server, HplintLanguageServer
        import hplint.cli  # `python -m hplint lsp` goes through the CLI module
        assert isinstance(server, HplintLanguageServer)
        from hplint.resources import load_json
        heavy = ("jsonschema", "referencing", "sklearn", "numpy", "lightgbm", "xgboost")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
        # no schema or estimator catalogue is read before the first document
        print(",".join(loaded + ["json files: %d" % load_json.cache_info().currsize]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "json files: 0"
