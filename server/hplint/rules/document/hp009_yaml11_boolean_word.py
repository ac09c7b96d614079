"""HP009 `yaml11-boolean-word`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.scalars import is_yaml11_boolean_only_word
from hplint.knowledge.format_table import format_info
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule


@rule(
    code="HP009",
    name="yaml11-boolean-word",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def yaml11_boolean_word(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for unquoted `yes`, `no`, `on` and `off` in files whose reader is unknown (native
    configs, read by your own code). Where the format's reader is known — the W&B and Azure ML
    CLIs (PyYAML), Hydra (OmegaConf), Kubernetes (go-yaml) — it reads them as the booleans the
    author meant, and the rule says nothing. `y` and `n` are never reported: PyYAML and
    OmegaConf read them as strings, and "fixing" them to booleans would change the value.

    ## Why is this bad?
    YAML 1.1 loaders (PyYAML) read `yes`/`no`/`on`/`off` as booleans while YAML 1.2 loaders
    read them as strings. A config that says `shuffle: no` or `early_stopping: on` means
    different things to different tools, and a native config may be read by either.

    ## Example
    ```yaml
    training:
      shuffle: no
    ```

    Use instead:
    ```yaml
    training:
      shuffle: false
    ```

    ## Fix safety
    The fix writes `true`/`false` (what PyYAML reads). It is unsafe when the word was meant as
    a string (quote it instead).

    ## References
    - [YAML11-bool]
    - [norway-problem]
    - [hplint-formats-readers]
    """
    if ctx.document.language != "yaml":
        return
    info = format_info(ctx.format_id)
    if info is not None and info.reader.yaml11_booleans != "unknown":
        return  # the format's reader is known: it reads the word one way, as the author saw it
    for node in ctx.plain_scalars():
        if is_yaml11_boolean_only_word(node.raw):
            replacement = "true" if node.raw.lower() in ("yes", "on") else "false"
            yield Violation(
                node,
                f"`{node.raw}` is a boolean for YAML 1.1 loaders but a string for YAML 1.2 "
                f"loaders; write `{replacement}` (or quote it if you mean text).",
                fix=Fix(
                    f"Write `{replacement}`", (Edit(node.span, replacement),), Applicability.UNSAFE
                ),
            )
