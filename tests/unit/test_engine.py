"""The engine end to end on snippets: detection, schema placement, suppression, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplint.diagnostics import Severity
from hplint.engine import lint
from hplint.settings import Settings
from tests.conftest import CORPUS, codes_and_lines, lint_snippet


def test_duplicate_key_after_yaml11_float() -> None:
    result = lint_snippet(
        """
        hplint: 1
        training:
          learning_rate: 1e-3
          learning_rate: 0.1
        """
    )
    assert codes_and_lines(result) == [("HP008", 3), ("HP007", 4)]
    duplicate = result.diagnostics[1]
    assert duplicate.related and result.lines.position(duplicate.related[0].span.start).line == 2


def test_unclosed_flow_sequence_is_hp000_at_its_line() -> None:
    result = lint_snippet(
        """
        hplint: 1
        search:
          space:
            lr: {choice: [0.1, 0.01}
        """
    )
    assert codes_and_lines(result) == [("HP000", 4)]


def test_misspelt_top_level_key_in_json() -> None:
    result = lint('{\n  "hplint": 1,\n  "trainig": {"batch_size": 32}\n}\n', path="cfg.json")
    assert codes_and_lines(result) == [("HP002", 3)]
    assert "did you mean `training`" in result.diagnostics[0].message
    assert result.diagnostics[0].fix is not None


def test_unknown_key_underlines_the_key_and_bad_value_the_value() -> None:
    text = "hplint: 1\ntraining:\n  batch_sise: 4\n  batch_size_scope: device\n"
    result = lint(text, path="x.yaml")
    spans = {d.code: text[d.span.start : d.span.end] for d in result.diagnostics}
    assert spans == {"HP002": "batch_sise", "HP003": "device"}


def test_missing_required_key_underlines_the_parent_key() -> None:
    text = "hplint: 1\nsearch:\n  method: random\n  objective: {metric: val_loss}\n"
    result = lint(text, path="x.yaml")
    missing = [d for d in result.diagnostics if d.code == "HP006"]
    assert missing and text[missing[0].span.start : missing[0].span.end] == "objective"
    assert "`direction`" in missing[0].message


def test_one_of_noise_is_reduced_to_one_specific_error() -> None:
    text = "hplint: 1\nsearch:\n  space:\n    x: {dist: log_uniform, low: 1.0, high: 2.0}\n"
    result = lint(text, path="x.yaml")
    structural = [(c, line) for c, line in codes_and_lines(result) if c.startswith("HP00")]
    assert structural == [("HP003", 4)]
    (error,) = (d for d in result.diagnostics if d.code == "HP003")
    assert "log_uniform" in error.message


def test_github_workflow_reports_nothing() -> None:
    workflow = """
    name: ci
    on: [push]
    jobs:
      test:
        runs-on: ubuntu-latest
        strategy:
          matrix: {method: [grid, random, bayes]}
        steps:
          - uses: actions/checkout@v4
          - run: pytest --lr 1e-3
    """
    assert lint_snippet(workflow, path=".github/workflows/ci.yml").diagnostics == []


def test_broken_non_tuning_yaml_reports_nothing() -> None:
    assert lint_snippet("services:\n  web: [unclosed\n", path="compose.yaml").diagnostics == []


@pytest.mark.parametrize("path", sorted((CORPUS / "not-tuning").glob("*")), ids=lambda p: p.name)
def test_not_tuning_corpus_is_ignored(path: Path) -> None:
    result = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert result.format_id is None
    assert result.diagnostics == []


def test_modeline_forces_a_format_and_none_disables() -> None:
    forced = lint_snippet("# hplint: format=hplint\ntraining: {}\n")
    assert [d.code for d in forced.diagnostics] == ["HP006"]
    off = lint_snippet("# hplint: format=none\nhplint: 1\nbogus: 1\n")
    assert off.diagnostics == [] and off.format_id is None


def test_schema_key_selects_the_format() -> None:
    text = "$schema: https://hplint.dev/schemas/hplint.schema.json\ntraining: {}\n"
    assert [d.code for d in lint(text, path="a.yaml").diagnostics] == ["HP006"]


def test_formats_setting_maps_globs(tmp_path: Path) -> None:
    settings = Settings(formats={"configs/*.yaml": "hplint"}, root=tmp_path)
    target = tmp_path / "configs" / "a.yaml"
    result = lint("training: {}\n", path=str(target), settings=settings)
    assert result.format_id == "hplint"


def test_line_suppression_file_suppression_and_unknown_codes() -> None:
    text = (
        "hplint: 1\n"
        "training:\n"
        "  learning_rate: 1e-3  # hplint: disable=HP008\n"
        "  # hplint: disable=yaml11-float-read-as-string\n"
        "  weight_decay: 1e-2\n"
        "  momentum: 5e-1  # hplint: disable=HP1O3\n"
    )
    result = lint(text, path="a.yaml")
    assert codes_and_lines(result) == [("HP008", 6), ("HP011", 6)]
    whole = lint("# hplint: disable-file=HP008\n" + text, path="a.yaml")
    assert [d.code for d in whole.diagnostics] == ["HP011"]


def test_select_ignore_and_severity_overrides() -> None:
    text = "hplint: 1\ndata:\n  scaled: no\ntraining:\n  learning_rate: 1e-3\n"
    everything = {d.code for d in lint(text, path="a.yaml").diagnostics}
    assert everything == {"HP008", "HP009"}
    only = lint(text, path="a.yaml", settings=Settings(select=("HP008",)))
    assert {d.code for d in only.diagnostics} == {"HP008"}
    ignored = lint(text, path="a.yaml", settings=Settings(ignore=("yaml11-boolean-word",)))
    assert {d.code for d in ignored.diagnostics} == {"HP008"}
    louder = lint(text, path="a.yaml", settings=Settings(severity={"HP009": Severity.ERROR}))
    assert {d.code: d.severity for d in louder.diagnostics}["HP009"] is Severity.ERROR


def test_per_file_ignores(tmp_path: Path) -> None:
    settings = Settings(per_file_ignores={"legacy/*.yaml": ("HP008",)}, root=tmp_path)
    text = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n"
    assert lint(text, path=str(tmp_path / "legacy" / "a.yaml"), settings=settings).diagnostics == []
    assert lint(text, path=str(tmp_path / "new" / "a.yaml"), settings=settings).diagnostics


def test_multi_document_stream_lints_only_the_tuning_document() -> None:
    text = "kind: ConfigMap\nbogus: 1e-3\n---\nhplint: 1\ntraining:\n  learning_rate: 1e-3\n"
    assert codes_and_lines(lint(text, path="a.yaml")) == [("HP008", 6)]


def test_alias_bomb_is_bounded() -> None:
    lines = ["hplint: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        current = chr(ord("a") + level)
        lines.append(f"{current}: &{current} [{', '.join(['*' + previous] * 10)}]")
    result = lint("\n".join(lines) + "\n", path="bomb.yaml")
    assert any(d.code == "HP000" and "aliases" in d.message for d in result.diagnostics)


def test_time_budget_stops_the_rules_with_one_hp000() -> None:
    result = lint("hplint: 1\ntraining:\n  shuffle: false\n", path="a.yaml", time_budget=0.0)
    assert [d.code for d in result.diagnostics] == ["HP000"]
    assert "time budget" in result.diagnostics[0].message
    assert lint("hplint: 1\ntraining:\n  shuffle: false\n", path="a.yaml").diagnostics


def test_a_stream_of_documents_over_the_time_budget_gets_one_hp000() -> None:
    # A 99,000-document file made one time-budget HP000 per document (the report then held
    # 1,000 of them) and kept validating documents after the budget was spent (#21).
    sweep = "---\nmethod: grid\nparameters: {a: {values: [1, 2]}}\n"
    result = lint(sweep * 3000, path="many.yaml", time_budget=0.0)
    budget = [d for d in result.diagnostics if "time budget" in d.message]
    assert len(budget) == 1
    assert "documents from line 2 on were not checked" in budget[0].message
    assert result.configs == []  # nothing was validated or checked after it


def test_a_baseline_is_read_only_for_a_config_that_can_use_it() -> None:
    from hplint.engine import Baseline

    reads: list[str] = []

    def read() -> Baseline:
        reads.append("git")
        return Baseline(
            "hplint: 1\ntraining: {optimizer: sgd, learning_rate: 0.1, batch_size: 256}\n", "HEAD"
        )

    lint("method: grid\nparameters: {a: {values: [1, 2]}}\n", path="s.yaml", baseline=read)
    assert reads == []  # a sweep has no learning rate and batch of its own to compare
    now = "hplint: 1\ntraining: {optimizer: sgd, learning_rate: 0.1, batch_size: 1024}\n"
    result = lint(now, path="t.yaml", baseline=read)
    assert reads == ["git"]
    assert "HP104" in {d.code for d in result.diagnostics}
