"""Knowledge as data (`server/hplint/knowledge/data/`): every file matches its schema; one alias
table makes the learning rate the learning rate under all its names, in every format, for the
adapters, the rules and hover; one formats table lists the formats for every reader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from hplint.engine import lint
from hplint.knowledge import DATA_DIR, aliases
from hplint.knowledge.hyperparameters import explain_key

DATA = DATA_DIR
LR_NAMES = [
    "lr",
    "learning_rate",
    "base_lr",
    "init_lr",
    "eta0",
    "learning_rate_init",
    "max_lr",
    "peak_lr",
]


def test_the_data_files_match_their_schema() -> None:
    import yaml

    files = sorted(p for p in DATA.iterdir() if not p.name.endswith(".schema.json"))
    assert {p.name for p in files} >= {
        "aliases.json",
        "formats.json",
        "hyperparameters.yaml",
        "sources.json",
    }
    for data in files:
        schema = json.loads(data.with_name(data.stem + ".schema.json").read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        text = data.read_text("utf-8")
        loaded = yaml.safe_load(text) if data.suffix == ".yaml" else json.loads(text)
        jsonschema.validate(loaded, schema)


def test_hover_entries_name_their_groups_fragments_and_sources() -> None:
    import re

    import yaml

    from hplint.knowledge.sources import SOURCES

    data = yaml.safe_load((DATA / "hyperparameters.yaml").read_text("utf-8"))
    for entry in data["entries"]:
        for field in ("aliases", "contexts"):
            value = entry.get(field)
            if isinstance(value, str) and value != "@learning_rate":
                assert value[1:] in data["context_groups"], (entry["key"], value)
        for name in re.findall(r"\{\{(\w+)\}\}", entry["body"]):
            assert name in data["fragments"], (entry["key"], name)
        for key in entry["sources"]:
            assert key in SOURCES, (entry["key"], key)


def test_every_name_belongs_to_one_field() -> None:
    table = json.loads((DATA / "aliases.json").read_text("utf-8"))["training"]
    seen: dict[str, str] = {}
    for field, spec in table.items():
        assert field in spec["names"], f"{field} lists itself"
        for name in spec["names"]:
            assert name not in seen, f"{name} is in {seen[name]} and {field}"
            seen[name] = field


@pytest.mark.parametrize(
    "spelling",
    [*LR_NAMES, "--learning-rate", "learning-rate", "Learning_Rate", "trainer.lr", "optim/base_lr"],
)
def test_spellings_of_the_learning_rate(spelling: str) -> None:
    assert aliases.training_field(spelling) == "learning_rate"
    assert aliases.is_learning_rate(spelling)


def test_eta_is_boosting_shrinkage_not_an_optimizer_step() -> None:
    assert aliases.training_field("eta") is None
    assert aliases.is_learning_rate("backbone_lr")
    assert not aliases.is_learning_rate("lr_scheduler")


@pytest.mark.parametrize("name", [*LR_NAMES, "--learning-rate", "learning-rate"])
def test_hover_explains_every_name_of_the_learning_rate(name: str) -> None:
    found = explain_key(name)
    assert found is not None and found.title == "Learning rate (optimizer step size)", name


def _wandb(name: str, value: str = "0.5") -> str:
    return (
        "method: random\nmetric: {name: val_loss, goal: minimize}\nrun_cap: 10\n"
        f"parameters:\n  {name}: {{value: {value}}}\n  optimizer: {{value: adam}}\n"
    )


@pytest.mark.parametrize(
    "name", ["lr", "base_lr", "init_lr", "eta0", "learning_rate_init", "peak_lr"]
)
def test_a_fixed_learning_rate_in_a_wandb_sweep_is_reported_once_under_any_name(name: str) -> None:
    result = lint(_wandb(name), path="sweep.yaml")
    assert [(d.code, result.lines.position(d.span.start).line + 1) for d in result.diagnostics] == [
        ("HP101", 5)
    ]


def test_cli_style_names_are_read_from_sagemaker_static_hyperparameters() -> None:
    text = json.dumps(
        {
            "HyperParameterTuningJobConfig": {
                "Strategy": "Random",
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
                "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "val:loss"},
                "ParameterRanges": {
                    "ContinuousParameterRanges": [
                        {"Name": "momentum", "MinValue": "0.8", "MaxValue": "0.99"}
                    ]
                },
            },
            "TrainingJobDefinition": {
                "StaticHyperParameters": {"--learning-rate": "0.5", "optimizer": "adam"}
            },
        },
        indent=2,
    )
    result = lint(text, path="tuning.json")
    assert "HP101" in [d.code for d in result.diagnostics]


def test_the_formats_table_is_the_one_list_of_formats() -> None:
    from hplint import detection
    from hplint.formats import FORMATS
    from hplint.knowledge.distributions import FORMAT_LABELS
    from hplint.knowledge.format_table import format_table

    ids = [info.id for info in format_table()]
    assert list(detection.FORMAT_IDS) == ids
    assert list(FORMATS) == ids
    assert {FORMATS[i].schema for i in ids} == {info.schema for info in format_table()}
    assert dict(FORMAT_LABELS) == {info.id: info.label for info in format_table()}
    for constant in ("NATIVE", "WANDB", "SAGEMAKER", "KATIB", "AZUREML", "HYDRA"):
        assert getattr(detection, constant) in ids
    for info in format_table():
        assert (Path(__file__).parents[2] / "schemas" / info.schema).is_file(), info.schema


def test_rule_references_cite_the_bibliography() -> None:
    """A rule's References list keys of `data/sources.json` (`- [Goyal17]`, a note may follow);
    only links to the repository's own docs are written inline."""
    import re

    from hplint.codes import BY_CODE
    from hplint.knowledge.sources import SOURCES
    from hplint.rules import all_rules

    repo = Path(__file__).parents[2]
    for rule in all_rules():
        text = (repo / BY_CODE[rule.code].path).read_text("utf-8")
        block = text.split("## References\n", 1)[1].split('"""', 1)[0]
        for line in block.strip().splitlines():
            key = re.fullmatch(r"\s*- \[([A-Za-z0-9._-]+)\](?!\()( .*)?", line)
            if key is None:
                assert re.fullmatch(r"\s*- \[.+\]\((\.\./)?[\w./-]+\.md\).*", line), (
                    rule.code,
                    line,
                )
                continue
            assert key.group(1) in SOURCES, (rule.code, key.group(1))


def test_bibliography_entries_are_unique() -> None:
    from hplint.knowledge.sources import SOURCES

    urls = [s.url for s in SOURCES.values() if s.url]
    citations = [s.citation for s in SOURCES.values()]
    assert len(set(citations)) == len(citations)
    assert len(set(urls)) == len(urls), [u for u in urls if urls.count(u) > 1]
