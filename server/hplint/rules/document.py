"""HP0xx: rules about the document itself — syntax, schema, YAML traps, suppressions."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.scalars import float_fix_text, is_yaml11_boolean_word, is_yaml11_float_trap
from hplint.rules._base import FixAvailability, RuleContext, Violation, declare, rule

PARSE_ERROR = declare(
    code="HP000",
    name="parse-error",
    severity=Severity.ERROR,
    module=__name__,
    doc="""
    ## What it does
    Reports a file that cannot be read as YAML or JSON: a syntax error, an encoding that is
    not UTF-8 (or UTF-16/32 with a byte-order mark), a NUL byte, or a file beyond hplint's
    safety limits (5 MB, 200 levels of nesting, 200,000 values after alias expansion).

    ## Why is this bad?
    The tool that consumes the config will fail to load it, or — worse — a lenient loader
    will read something other than what you meant. No other rule can run on a file that does
    not parse, so this is reported where the parser stopped.

    ## Example
    ```yaml
    search:
      space:
        lr: {choice: [1.0e-3, 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      space:
        lr: {choice: [1.0e-3, 1.0e-2]}
    ```

    ## References
    - [YAML 1.2.2 specification](https://yaml.org/spec/1.2.2/)
    - [RFC 8259: JSON](https://www.rfc-editor.org/rfc/rfc8259)
    """,
)

UNKNOWN_KEY = declare(
    code="HP002",
    name="unknown-key",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    module=__name__,
    doc="""
    ## What it does
    Reports a key that the format's schema does not allow, or a parameter that the named
    estimator class does not have, and suggests the closest valid name.

    ## Why is this bad?
    A misspelt key is usually ignored: `learning_rat: 0.1` leaves the learning rate at its
    default, and XGBoost or LightGBM warn about an unknown parameter and carry on with the
    default value. scikit-learn raises `TypeError` only when the estimator is built — after the
    job was submitted.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          max_iters: 2000
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          max_iter: 2000
    ```

    ## Fix safety
    Renaming to the suggestion is offered as an unsafe fix: the closest name is usually, but
    not always, the one you meant.

    ## References
    - [scikit-learn parameter validation](https://scikit-learn.org/stable/developers/develop.html)
    - [XGBoost parameters: `validate_parameters`](https://xgboost.readthedocs.io/en/stable/parameter.html)
    """,
)

VALUE_OUT_OF_DOMAIN = declare(
    code="HP003",
    name="value-out-of-domain",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    module=__name__,
    doc="""
    ## What it does
    Reports a value of the wrong type, out of its allowed range, or not among its allowed
    options — including case slips such as SageMaker's `Bayes` for `Bayesian` or `OFF` for
    `Off` — with a did-you-mean suggestion for options.

    ## Why is this bad?
    Vendors check these only when the job is submitted (SageMaker rejects `Strategy: Bayes` at
    upload), and some never do: a `dropout` of 1.0 drops every unit and trains nothing.

    ## Example
    ```yaml
    training:
      learning_rate: -0.001
    model:
      network:
        layers:
          - {units: 128, dropout: 1.0}
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 0.001
    model:
      network:
        layers:
          - {units: 128, dropout: 0.3}
    ```

    ## Fix safety
    Replacing a case slip (`OFF` → `Off`) is safe; other suggestions are unsafe.

    ## References
    - [SageMaker `HyperParameterTuningJobConfig`](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningJobConfig.html)
    - [PyTorch `nn.Dropout`](https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html)
    """,
)

DATA_CHECKS_SKIPPED = declare(
    code="HP005",
    name="data-dependent-checks-skipped",
    severity=Severity.INFO,
    module=__name__,
    doc="""
    ## What it does
    Lists, once per file, the rules that apply to this config but could not run because a fact
    they need about the data (such as `n_samples` or `n_features`) is not declared in `data:`.

    ## Why is this bad?
    A silent skip looks like a pass. Several checks — features outnumbering samples, infeasible
    fold counts, batches larger than the training set — need the data's shape; declaring it
    lets hplint run them.

    ## Example
    ```yaml
    hplint: 1
    data:
      train: data/churn.csv
    validation:
      folds: 10
    ```

    Use instead:
    ```yaml
    hplint: 1
    data:
      train: data/churn.csv
      n_samples: 48000
      n_features: 31
    validation:
      folds: 10
    ```

    ## References
    - hplint rule catalogue, §3.3 "Data shape metadata"
    """,
)

MISSING_REQUIRED_KEY = declare(
    code="HP006",
    name="missing-required-key",
    severity=Severity.ERROR,
    module=__name__,
    doc="""
    ## What it does
    Reports a key that the format requires but the config leaves out. The parent key is
    underlined (the first line, for a key required at the top level).

    ## Why is this bad?
    The tool rejects the config when it is submitted, or falls back to a default you did not
    choose (a SageMaker tuning job without `ResourceLimits`, a W&B `metric` without `name`).

    ## Example
    ```yaml
    method: bayes
    metric:
      goal: minimize
    parameters:
      lr: {min: 0.0001, max: 0.1}
    ```

    Use instead:
    ```yaml
    method: bayes
    metric:
      name: val_loss
      goal: minimize
    parameters:
      lr: {min: 0.0001, max: 0.1}
    ```

    ## References
    - [JSON Schema `required`](https://json-schema.org/understanding-json-schema/reference/object#required)
    """,
)

DUPLICATE_KEY = declare(
    code="HP007",
    name="duplicate-key",
    severity=Severity.ERROR,
    module=__name__,
    doc="""
    ## What it does
    Reports a key that appears twice in one mapping. The second occurrence is underlined and
    the first is shown as related information.

    ## Why is this bad?
    YAML forbids duplicate keys, but PyYAML and `json.load` accept them and silently keep the
    last value, so the first setting is lost without a word. Which value "wins" depends on the
    loader.

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
      batch_size: 64
      learning_rate: 3.0e-4
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 3.0e-4
      batch_size: 64
    ```

    ## References
    - [YAML 1.2.2 §3.2.1.1: keys are unique](https://yaml.org/spec/1.2.2/#3211-nodes)
    - [RFC 8259 §4: names within an object SHOULD be unique](https://www.rfc-editor.org/rfc/rfc8259#section-4)
    """,
)

UNSAFE_TAG = declare(
    code="HP010",
    name="unsafe-or-unknown-tag",
    severity=Severity.ERROR,
    module=__name__,
    doc="""
    ## What it does
    Reports YAML tags that are not standard YAML types, such as `!!python/object/apply:` or
    custom `!tags`. hplint never constructs tagged values; it only reports them.

    ## Why is this bad?
    A `!!python/...` tag runs code when the file is loaded with an unsafe loader, and safe
    loaders (PyYAML's `safe_load`, used by W&B and most tools) reject the file outright.

    ## Example
    ```yaml
    training:
      learning_rate: !!python/object/apply:math.sqrt [1.0e-6]
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 1.0e-3
    ```

    ## References
    - [PyYAML: `yaml.safe_load`](https://pyyaml.org/wiki/PyYAMLDocumentation)
    """,
)

UNKNOWN_SUPPRESSION = declare(
    code="HP011",
    name="unknown-suppression-code",
    severity=Severity.WARNING,
    module=__name__,
    doc="""
    ## What it does
    Reports a `# hplint: disable=...` comment that names no hplint rule.

    ## Why is this bad?
    A typo in a suppression comment suppresses nothing, so the diagnostic you meant to silence
    keeps appearing — or, after the typo is "fixed" to the wrong code, a different one is
    silenced.

    ## Example
    ```yaml
    training:
      learning_rate: 0.4  # hplint: disable=HP1O3
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 0.4  # hplint: disable=HP103
    ```

    ## References
    - [ruff: unused and invalid `noqa` directives](https://docs.astral.sh/ruff/rules/unused-noqa/)
    """,
)


@rule(
    code="HP008",
    name="yaml11-float-read-as-string",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def yaml11_float_read_as_string(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for plain numbers in scientific notation such as `1e-5` or `3E4` that YAML 1.1
    loaders read as **strings**.

    ## Why is this bad?
    PyYAML — used by the W&B CLI, Hydra and most Python tools — follows YAML 1.1, where a float
    needs a dot and a signed exponent. `learning_rate: 1e-5` therefore arrives as the string
    `"1e-5"`: a schema rejects it, or the training code crashes on `str * float`, or worse, a
    string comparison decides. YAML 1.2 loaders read the same text as a float, so the file
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
    The fix rewrites the number so that every loader reads the same float; it is safe.

    ## References
    - [PyYAML float resolver (YAML 1.1 regex)](https://github.com/yaml/pyyaml/blob/main/lib/yaml/resolver.py)
    - [YAML 1.2.2 core schema](https://yaml.org/spec/1.2.2/#1023-core-schema)
    """
    if ctx.document.language != "yaml":
        return
    for node in ctx.plain_scalars():
        if is_yaml11_float_trap(node.raw, node.value):
            fixed = float_fix_text(node.raw)
            yield Violation(
                node,
                f"`{node.raw}` is read as the string {node.raw!r} by YAML 1.1 loaders (PyYAML, "
                f"the W&B CLI) and as a number by others; write `{fixed}`.",
                fix=Fix(f"Write `{fixed}`", (Edit(node.span, fixed),), Applicability.SAFE),
            )


@rule(
    code="HP009",
    name="yaml11-boolean-word",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def yaml11_boolean_word(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for unquoted `yes`, `no`, `on`, `off`, `y` and `n`.

    ## Why is this bad?
    YAML 1.1 loaders (PyYAML) read `yes`/`no`/`on`/`off` as booleans while YAML 1.2 loaders
    read them as strings — and `y`/`n` differ again between loaders. A config that says
    `shuffle: no` or `early_stopping: on` means different things to different tools.

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
    - [YAML 1.1 boolean type](https://yaml.org/type/bool.html)
    - [The Norway problem](https://hitchdev.com/strictyaml/why/implicit-typing-removed/)
    """
    if ctx.document.language != "yaml":
        return
    for node in ctx.plain_scalars():
        if is_yaml11_boolean_word(node.raw):
            replacement = "true" if node.raw.lower() in ("yes", "on", "y") else "false"
            yield Violation(
                node,
                f"`{node.raw}` is a boolean for YAML 1.1 loaders but a string for YAML 1.2 "
                f"loaders; write `{replacement}` (or quote it if you mean text).",
                fix=Fix(
                    f"Write `{replacement}`", (Edit(node.span, replacement),), Applicability.UNSAFE
                ),
            )
