"""HP008 `yaml11-float-read-as-string`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import HF_TRAINER
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import mapping
from hplint.document.scalars import float_fix_text, is_yaml11_float_trap
from hplint.knowledge import llamafactory
from hplint.knowledge.format_table import format_info
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule


@rule(
    code="HP008",
    name="yaml11-float-read-as-string",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def yaml11_float_read_as_string(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for plain numbers in scientific notation such as `1e-5` or `3E4` that YAML 1.1
    loaders read as **strings** — in the formats whose reader is such a loader (W&B sweeps,
    Azure ML sweep jobs) or unknown (native configs, read by your own code). Hydra/OmegaConf
    and Kubernetes (Katib) read `1e-5` as a number, so their files are not checked; nor are
    LLaMA-Factory recipes, which `llamafactory-cli` loads with OmegaConf.

    ## Why is this bad?
    PyYAML — used by the W&B CLI, the Azure ML CLI and most Python tools — follows YAML 1.1,
    where a float needs a dot and a signed exponent. `learning_rate: 1e-5` therefore arrives as
    the string `"1e-5"`: a schema rejects it, or the training code crashes on `str * float`, or
    worse, a string comparison decides. YAML 1.2 loaders read the same text as a float, so the file
    means different things to different tools.

    ## Example
    ```yaml
    training:
      learning_rate: 1e-5
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 1.0e-5
    ```

    ## Fix safety
    The fix rewrites the number so that every loader reads the same float; it is safe. (W&B's
    documentation suggests the tag `!!float 1e-5`, which hplint also accepts.)

    ## References
    - [pyyaml-resolver]
    - [YAML122-core-schema]
    - [hplint-formats-readers]
    - [wandb-sweep-float] (W&B: write `!!float 1e-5`; `1.0e-5` works too)
    - [omegaconf-loader]
    - [azure-ai-ml-load-yaml]
    - [sigs-k8s-yaml]
    """
    if ctx.document.language != "yaml":
        return
    if _llamafactory_recipe(ctx) and llamafactory.reads_exponents_as_numbers():
        return  # llamafactory-cli loads its recipes with OmegaConf, not HfArgumentParser
    info = format_info(ctx.format_id)
    reader = info.reader if info is not None else None
    if reader is not None and reader.exponent_without_dot == "number":
        return  # the format's reader gets the number the author wrote
    if reader is not None and reader.exponent_without_dot == "string":
        who = f"by {reader.name}"
    else:
        who = "by YAML 1.1 loaders (PyYAML) and as a number by others"
    for node in ctx.plain_scalars():
        if is_yaml11_float_trap(node.raw, node.value):
            fixed = float_fix_text(node.raw)
            yield Violation(
                node,
                f"`{node.raw}` is read as the string {node.raw!r} {who}; write `{fixed}`.",
                fix=Fix(f"Write `{fixed}`", (Edit(node.span, fixed),), Applicability.SAFE),
            )


def _llamafactory_recipe(ctx: RuleContext) -> bool:
    top = mapping(ctx.config.root) if ctx.format_id == HF_TRAINER else None
    return top is not None and llamafactory.is_recipe(top.keys())
