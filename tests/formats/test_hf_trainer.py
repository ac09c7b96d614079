"""The Hugging Face Trainer / TRL format: detection, generated knowledge, schema and hover."""

from __future__ import annotations

import json
import textwrap

import pytest

from hplint.detection import HF_TRAINER, detect_root
from hplint.document.loader import parse_text
from hplint.engine import lint
from hplint.formats import FORMATS
from hplint.services.completion import complete_at
from hplint.services.hover import hover_at
from tests.conftest import REPO
from tests.formats.generated import assert_outputs_follow_the_knowledge, pin

GENERATOR = "generate_hf_trainer_knowledge"
KNOWLEDGE = REPO / "server" / "hplint" / "knowledge" / "data" / "hf_trainer.json"

SFT = textwrap.dedent(
    """\
    model_name_or_path: Qwen/Qwen2.5-1.5B
    dataset_name: HuggingFaceH4/ultrachat_200k
    chat_template: "{{ messages }}"
    bf16: true
    eval_strategy: epoch
    gradient_accumulation_steps: 4
    learning_rate: 2.0e-05
    lr_scheduler_type: cosine
    num_train_epochs: 1
    optim: paged_adamw_8bit
    output_dir: data/qwen-sft
    per_device_train_batch_size: 16
    per_device_eval_bach_size: 16
    warmup_steps: 0.1
    """
)


def _detect(text: str) -> str | None:
    return detect_root(parse_text(text, "yaml").roots[0].node)


def test_a_trl_recipe_is_detected_and_generic_files_are_not() -> None:
    assert _detect(SFT) == HF_TRAINER
    # Generic training keys alone (Lightning, a script's own YAML) are not a Trainer config.
    assert _detect("learning_rate: 0.001\nseed: 42\nnum_train_epochs: 3\n") is None
    # One Trainer-only key needs a second Trainer field beside it.
    assert _detect("per_device_train_batch_size: 8\nmodel: resnet\n") is None


def test_a_misspelt_field_gets_did_you_mean_and_a_scripts_own_key_does_not() -> None:
    result = lint(SFT, path="sft.yaml")
    assert result.format_id == HF_TRAINER
    found = [
        (result.lines.position(d.span.start).line + 1, d.code, d.message)
        for d in result.diagnostics
    ]
    assert (
        13,
        "HP002",
        "Unknown key `per_device_eval_bach_size`; did you mean `per_device_eval_batch_size`?",
    ) in found
    # `chat_template` is alignment-handbook's own field, not a typo of `chat_template_path`.
    assert not any(code == "HP002" and line == 3 for line, code, _ in found)


def test_the_adapter_reads_the_training_facts() -> None:
    root = parse_text(SFT, "yaml").roots[0].node
    assert root is not None
    training = FORMATS[HF_TRAINER].adapt(root).training
    assert training.batch_size is not None and training.batch_size.value == 16
    assert training.batch_size_scope is not None and training.batch_size_scope.value == "per_device"
    assert training.grad_accum_steps is not None and training.grad_accum_steps.value == 4
    assert training.optimizer is not None and training.optimizer.value == "paged_adamw_8bit"
    assert training.scheduler is not None
    # transformers 5: a float warmup_steps below 1 is a ratio of the training steps.
    assert training.scheduler.warmup_ratio is not None and training.scheduler.warmup_steps is None


def test_hover_shows_the_librarys_own_help_and_version() -> None:
    result = lint(SFT)
    hover = hover_at(result, SFT.index("per_device_train_batch_size") + 1)
    versions = json.loads(KNOWLEDGE.read_text("utf-8"))["generated_from"]
    assert hover is not None
    assert "The batch size per device for training." in hover.markdown
    assert f"transformers {versions['transformers']}" in hover.markdown


def test_completion_offers_trainer_fields() -> None:
    text = SFT + "lr_sched"
    completion = complete_at(text, len(text))
    assert completion is not None
    assert "lr_scheduler_kwargs" in {item.label for item in completion.items}


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("evaluation_strategy: epoch\n", {"HP617"}),
        # beside the file's `warmup_steps: 0.1`, also two warmups (HP703)
        ("warmup_ratio: 0.1\n", {"HP617", "HP703"}),
    ],
)
def test_removed_keys_are_reported_not_unknown(line: str, codes: set[str]) -> None:
    result = lint(SFT + line)
    assert {d.code for d in result.diagnostics if d.span.start >= len(SFT)} == codes


def test_knowledge_records_the_generators_pinned_versions() -> None:
    """The data cannot drift from the pins: bump a pin, and this fails until it is regenerated."""
    pins = {p: pin(GENERATOR, p.upper()) for p in ("transformers", "trl")}
    assert json.loads(KNOWLEDGE.read_text("utf-8"))["generated_from"] == pins


def test_the_schema_is_what_the_generator_makes_of_the_knowledge() -> None:
    assert_outputs_follow_the_knowledge(GENERATOR, KNOWLEDGE)


def test_every_trainer_field_has_a_description() -> None:
    schema = json.loads((REPO / "schemas" / "hf-trainer.schema.json").read_text("utf-8"))
    assert len(schema["properties"]) > 250
    assert all(p.get("description") for p in schema["properties"].values())


# --- LLaMA-Factory recipes (HfArgumentParser dataclasses of its own, read with OmegaConf) ------

LLAMAFACTORY = REPO / "server" / "hplint" / "knowledge" / "data" / "llamafactory.json"
RECIPE = textwrap.dedent(
    """\
    model_name_or_path: Qwen/Qwen3-4B-Instruct-2507
    stage: sft
    do_train: true
    finetuning_type: lora
    lora_rank: 8
    template: qwen3_nothink
    output_dir: saves/qwen3-4b/lora/sft
    overwrite_output_dir: true
    per_device_train_batch_size: 1
    gradient_accumulation_steps: 8
    learning_rate: 1e-4
    """
)


def test_a_llamafactory_recipe_is_read_with_its_own_arguments_and_loader() -> None:
    found = {(d.code, RECIPE[d.span.start : d.span.end]) for d in lint(RECIPE).diagnostics}
    # `lora_rank` is LLaMA-Factory's, not a typo of the Trainer's `local_rank`; it declares
    # `overwrite_output_dir` itself for transformers 5; OmegaConf reads `1e-4` as a number.
    assert found == set()
    # The same keys without LLaMA-Factory's markers: a Trainer file read by PyYAML.
    plain = RECIPE.replace("stage: sft\n", "").replace("template: qwen3_nothink\n", "")
    codes = {(d.code, plain[d.span.start : d.span.end]) for d in lint(plain).diagnostics}
    assert ("HP008", "1e-4") in codes
    assert ("HP617", "overwrite_output_dir") in codes


def test_hover_on_a_llamafactory_argument_shows_its_help() -> None:
    hover = hover_at(lint(RECIPE), RECIPE.index("lora_rank") + 1)
    assert hover is not None and "The intrinsic dimension for LoRA fine-tuning." in hover.markdown
    assert "LLaMA-Factory LoraArguments" in hover.markdown


def test_llamafactory_knowledge_records_the_pin() -> None:
    data = json.loads(LLAMAFACTORY.read_text("utf-8"))
    assert data["generated_from"]["commit"] == pin("generate_llamafactory_knowledge", "COMMIT")
    assert set(data["markers"]) <= set(data["fields"])
