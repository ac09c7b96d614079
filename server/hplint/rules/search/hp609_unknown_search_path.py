"""HP609 `unknown-search-path`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.native_paths import native_path
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import replace_scalar


@rule(
    code="HP609",
    name="unknown-search-path",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def unknown_search_path(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that every key of a native `search.space` is a dotted path to a setting of this
    file: a key the format allows (such as `training.batch_size`) or a parameter of the named
    estimator (`model.pipeline.reg.params.alpha`, pipeline steps by name).

    ## Why is this bad?
    A path that names nothing is searched in vain: the tuner varies a value that no component
    reads, every trial trains the same model, and the "best" configuration is noise. The
    typo is usually one character (`colsample_by_tree` for `colsample_bytree`).

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
    search:
      space:
        model.estimator.params.colsample_by_tree: {dist: uniform, low: 0.3, high: 1.0}
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
    search:
      space:
        model.estimator.params.colsample_bytree: {dist: uniform, low: 0.3, high: 1.0}
    ```

    ## Fix safety
    Renaming the key to the suggestion is unsafe: the closest name is usually, not always, the
    intended one.

    ## References
    - [The native format](../native-format.md) (`space` keys are paths)
    """
    if ctx.format_id != "hplint":
        return
    for param in ctx.config.search.space:
        if param.key is None or not param.path:
            continue
        found = native_path(ctx.config, param.path)
        if found.settable:
            continue
        message = f"`{param.name}` does not exist"
        fix = None
        if found.suggestion:
            message += f"; did you mean `{found.suggestion}`?"
            edit = replace_scalar(param.key, found.suggestion)
            if edit is not None:
                fix = Fix(f"Rename to `{found.suggestion}`", (edit,), Applicability.UNSAFE)
        else:
            message += " in this config."
        yield Violation(param.key, message, fix=fix)
