"""HP3xx — validation, cross-validation and early stopping."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Config, Estimator, boolean, number, text
from hplint.rules._base import FixAvailability, RuleContext, Violation, rule
from hplint.rules._edits import replace_string
from hplint.text import Span

_CV_METHODS = frozenset(
    {"kfold", "stratified_kfold", "group_kfold", "stratified_group_kfold", "timeseries"}
)
_STRATIFIED = frozenset({"stratified_kfold", "stratified_group_kfold"})
_GROUPED = frozenset({"group_kfold", "stratified_group_kfold", "leave_one_group_out"})
_SHUFFLING = frozenset({"kfold", "stratified_kfold", "holdout"})
_CLASSIFICATION = frozenset({"binary", "multiclass"})
_LOO_FOLDS = 20  # more folds than this behave like leave-one-out (HP302)
_MIN_VALIDATION = 100  # HP313: 95% CI of an accuracy near 0.5 is ±9.8 points at n = 100
_TRAIN_METRIC = re.compile(r"^(?:loss$|train(?:ing)?(?=[_/\-.:]))", re.IGNORECASE)
_TEST_METRIC = re.compile(r"^test(?:ing)?(?=[_/\-.:]|$)", re.IGNORECASE)
_GBM_ES_ROUNDS = ("early_stopping_rounds", "early_stopping_round")
_GBM_ROUNDS = ("n_estimators", "num_boost_round", "num_iterations", "num_round", "num_trees")
_FITTED_TRANSFORMER = re.compile(
    r"(Scaler|Imputer|Encoder|Discretizer|Vectorizer|PCA|SVD|NMF|Select[A-Z]\w*|SelectorMixin|"
    r"^QuantileTransformer|^PowerTransformer|^VarianceThreshold|^RFE(CV)?|^SequentialFeatureSelector|"
    r"^LinearDiscriminantAnalysis|^FactorAnalysis|^FastICA)$"
)


# ---------------------------------------------------------------------------------------------
# shared helpers (also used by hplint.rules.search)
# ---------------------------------------------------------------------------------------------


replace_scalar = replace_string  # kept under its old name for the search rules


def insert_into_mapping(ctx: RuleContext, node: Node | None, key: str, value: str) -> Edit | None:
    """An edit that adds `key: value` as the last entry of a block or flow mapping."""
    if node is None:
        return None
    body = node.resolve()
    if body is not node or not isinstance(body, MappingNode) or not body.entries:
        return None
    source = ctx.document.text
    newline = "\r\n" if "\r\n" in source else "\n"
    if ctx.document.language == "json":
        last_end = body.entries[-1].value.span.end
        first = body.entries[0].key.span.start
        prefix = source[source.rfind("\n", 0, first) + 1 : first]
        if prefix.strip():  # `{"a": 1, "b": 2}` on one line
            return Edit(Span(last_end, last_end), f', "{key}": {value}')
        return Edit(Span(last_end, last_end), f',{newline}{prefix}"{key}": {value}')
    if body.flow:
        close = body.span.end - 1
        if close < 0 or source[close] != "}":
            return None
        return Edit(Span(close, close), f", {key}: {value}")
    first = body.entries[0].key.span.start
    indent = first - (source.rfind("\n", 0, first) + 1)
    if source[first - indent : first].strip():
        return None  # the first key does not start its line (e.g. `- key: v` items)
    last = body.entries[-1].value
    end = max(last.span.end, body.entries[-1].key.span.end)
    line_end = len(source)
    for stop in ("\r", "\n"):
        found = source.find(stop, end)
        if found != -1:
            line_end = min(line_end, found)
    return Edit(Span(line_end, line_end), f"{newline}{' ' * indent}{key}: {value}")


def _key_name(fact: AnyFact, default: str) -> str:
    key = fact.key.resolve() if fact.key is not None else None
    return key.value if isinstance(key, ScalarNode) and isinstance(key.value, str) else default


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _method(config: Config) -> str | None:
    return text(config.validation.method)


def _has_validation_section(config: Config) -> bool:
    return config.validation.node is not None


def _gbm_early_stopping(config: Config) -> Iterator[tuple[Estimator, AnyFact]]:
    """Boosting estimators configured with `early_stopping_rounds` (a positive number)."""
    for estimator in config.all_estimators():
        rounds = estimator.param(*_GBM_ES_ROUNDS)
        value = number(rounds)
        if rounds is not None and value is not None and value > 0:
            yield estimator, rounds


def _es_missing_validation_fix(ctx: RuleContext) -> Fix | None:
    early = ctx.config.training.early_stopping
    if early is None:
        return None
    edit = insert_into_mapping(ctx, early.node, "validation_fraction", "0.1")
    if edit is None:
        return None
    return Fix("Add `validation_fraction: 0.1`", (edit,), Applicability.UNSAFE)


# ---------------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------------


@rule(code="HP301", name="infeasible-fold-count", severity=Severity.ERROR)
def infeasible_fold_count(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the number of cross-validation folds can be split from the data: at least 2
    folds, no more folds than samples, and — for stratified splits — no more folds than the
    smallest class has members.

    ## Why is this bad?
    scikit-learn raises `ValueError` for fewer than 2 folds or more folds than samples, after
    the job has started. `StratifiedKFold` with more folds than the least populated class only
    warns ("The least populated class in y has only N members, which is less than n_splits")
    and produces folds without that class, so per-fold scores are meaningless. Needs
    `data.n_samples` (and `data.class_counts` for stratified splits); without them the check
    is skipped and listed by HP005.

    ## Example
    ```yaml
    data:
      n_samples: 500
      class_counts: {churned: 4, stayed: 496}
    validation:
      method: stratified_kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 500
      class_counts: {churned: 4, stayed: 496}
    validation:
      method: stratified_kfold
      folds: 4
    ```

    ## References
    - [scikit-learn: Cross-validation](https://scikit-learn.org/stable/modules/cross_validation.html)
    - [scikit-learn `StratifiedKFold` (least populated class warning)](https://github.com/scikit-learn/scikit-learn/blob/main/sklearn/model_selection/_split.py)
    """
    config = ctx.config
    folds_fact = config.validation.folds
    folds = number(folds_fact)
    method = _method(config)
    if folds_fact is None or folds is None or method in ("holdout", "loo", "leave_one_group_out"):
        return
    shown = _fmt(folds)
    if folds < 2:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is impossible: cross-validation needs at least 2 folds.",
        )
        return
    n_fact = config.data.n_samples
    n = number(n_fact)
    if n is None:
        ctx.skip("n_samples")
    elif folds > n and n_fact is not None:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is impossible: there are only {_fmt(n)} samples "
            f"(`n_samples`), fewer than the folds.",
            related=((n_fact.node, "number of samples"),),
        )
        return
    if method not in _STRATIFIED:
        return
    counts_fact = config.data.class_counts
    counts = _class_counts(counts_fact)
    if counts is None or counts_fact is None:
        ctx.skip("class_counts")
        return
    smallest = min(counts)
    if folds > smallest:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is unsafe here: the smallest class has only {_fmt(smallest)} "
            f"members, so some stratified folds contain none of it.",
            related=((counts_fact.node, "samples per class"),),
        )


def _class_counts(fact: AnyFact | None) -> list[float] | None:
    if fact is None:
        return None
    raw = fact.value
    items = list(raw.values()) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    counts = [float(v) for v in items if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return counts if counts else None


@rule(
    code="HP302",
    name="fold-count-outside-5-10",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
)
def fold_count_outside_5_10(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for leave-one-out-like cross-validation (`method: loo`, as many folds as samples, or
    more than 20 folds) and for very few folds (2–4).

    ## Why is this bad?
    With k folds every model trains on (k−1)/k of the data. Leave-one-out models are nearly
    identical, so the averaged score has high variance, and it costs n fits. With 2–4 folds
    each model sees only 50–75 % of the data, so the estimate is pessimistic. Kohavi found
    stratified 10-fold the best choice for model selection, and the scikit-learn guide
    recommends 5- or 10-fold over leave-one-out. The 20-fold cut-off is hplint's heuristic.

    ## Example
    ```yaml
    data:
      n_samples: 240
    validation:
      method: kfold
      folds: 240
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 240
    validation:
      method: kfold
      folds: 10
    ```

    ## Fix safety
    `folds: 10` changes how the model is evaluated, so the fix is unsafe.

    ## References
    - Kohavi, "A Study of Cross-Validation and Bootstrap for Accuracy Estimation and Model
      Selection", IJCAI 1995
    - [scikit-learn: Cross-validation](https://scikit-learn.org/stable/modules/cross_validation.html)
    """
    config = ctx.config
    method_fact = config.validation.method
    method = _method(config)
    if method == "loo" and method_fact is not None:
        yield Violation(
            method_fact.node,
            "`loo` is leave-one-out: a high-variance estimate that refits the model once per "
            "sample; 5 or 10 folds are preferred.",
        )
        return
    folds_fact = config.validation.folds
    folds = number(folds_fact)
    if folds_fact is None or folds is None or folds < 2:
        return
    if method is not None and method not in _CV_METHODS:
        return
    n = number(config.data.n_samples)
    if n is not None and folds > n:
        return  # infeasible: HP301 reports it
    fix = _fix_value(folds_fact.node, "10", "Set `folds: 10`")
    shown = _fmt(folds)
    if (n is not None and folds == n) or folds > _LOO_FOLDS:
        reason = " = n_samples" if n is not None and folds == n else ""
        yield Violation(
            folds_fact.node,
            f"{shown} folds{reason} is (near) leave-one-out: a high-variance estimate and "
            f"costly; 5 or 10 folds are preferred.",
            fix=fix,
        )
    elif folds <= 4:
        pct = round(100 * (folds - 1) / folds)
        yield Violation(
            folds_fact.node,
            f"{shown} folds train each model on only {pct}% of the data: a pessimistic "
            f"estimate; 5 or 10 folds are preferred.",
            fix=fix,
        )


def _fix_value(node: Node, new_text: str, title: str) -> Fix | None:
    if not isinstance(node, ScalarNode):
        return None
    return Fix(title, (Edit(node.span, new_text),), Applicability.UNSAFE)


@rule(
    code="HP303",
    name="early-stopping-without-validation-data",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def early_stopping_without_validation_data(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that early stopping has held-out data to watch: a `data.valid` file, a `validation`
    section, or an inner `early_stopping.validation_fraction`.

    ## Why is this bad?
    Early stopping halts training when a *validation* metric stops improving. Without any
    validation data it either fails (LightGBM's callback "requires at least one validation
    data") or silently watches the training metric, which keeps improving while the model
    overfits — so it never stops at the right time.

    ## Example
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 5
    ```

    Use instead:
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 5
        validation_fraction: 0.1
    ```

    ## Fix safety
    Adding `validation_fraction: 0.1` holds out 10 % of the training data, which changes the
    training set; the fix is unsafe.

    ## References
    - Prechelt, "Early Stopping — But When?", Neural Networks: Tricks of the Trade, 1998
    - [LightGBM `early_stopping` callback](https://lightgbm.readthedocs.io/en/latest/pythonapi/lightgbm.early_stopping.html)
    - [SageMaker XGBoost hyperparameters](https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html)
    - [Keras `EarlyStopping`](https://keras.io/api/callbacks/early_stopping/)
    """
    config = ctx.config
    if config.data.valid is not None or _has_validation_section(config):
        return
    message = "Early stopping needs held-out validation data, but none is configured."
    early = config.training.early_stopping
    if early is not None and early.validation_fraction is None:
        anchor = early.anchor
        if anchor is not None:
            yield Violation(anchor, message, fix=_es_missing_validation_fix(ctx))
    for _, rounds in _gbm_early_stopping(config):
        yield Violation(rounds.key_or_node, message)


@rule(
    code="HP304",
    name="early-stopping-monitors-training-metric",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def early_stopping_monitors_training_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for early stopping that monitors a training metric: `loss`, `train_*` or
    `training_*`.

    ## Why is this bad?
    Training loss keeps falling while the model overfits, so stopping on it only detects
    convergence. The stopping rule that reduces overfitting watches the validation error and
    stops when it starts rising.

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: train_loss
        patience: 5
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
    ```

    ## Fix safety
    The fix renames `loss` to `val_loss` and `train_X` to `val_X`; it is unsafe because the
    validation metric must exist under that name.

    ## References
    - Prechelt, "Early Stopping — But When?", Neural Networks: Tricks of the Trade, 1998
    - [Keras `EarlyStopping`](https://keras.io/api/callbacks/early_stopping/)
    """
    early = ctx.config.training.early_stopping
    monitor = text(early.monitor) if early is not None else None
    if early is None or early.monitor is None or monitor is None:
        return
    match = _TRAIN_METRIC.match(monitor)
    if match is None:
        return
    renamed = "val_loss" if monitor.lower() == "loss" else "val" + monitor[match.end() :]
    edit = replace_scalar(early.monitor.node, renamed)
    fix = Fix(f"Monitor `{renamed}`", (edit,), Applicability.UNSAFE) if edit else None
    yield Violation(
        early.monitor.node,
        f"Early stopping monitors `{monitor}` (training data): it stops on convergence, not "
        f"when overfitting starts; monitor a validation metric (e.g. `{renamed}`).",
        fix=fix,
    )


@rule(
    code="HP305",
    name="patience-exceeds-training-length",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def patience_exceeds_training_length(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that early-stopping patience is shorter than training: `patience` below `epochs`,
    or `early_stopping_rounds` below the number of boosting rounds.

    ## Why is this bad?
    Training stops after `patience` epochs without improvement. If patience is at least the
    total number of epochs, that can never happen, so early stopping is configured but inert
    and the run always trains to the end.

    ## Example
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 40
    ```

    Use instead:
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 3
    ```

    ## Fix safety
    The suggested patience, max(1, round(0.1 × epochs)), is hplint's heuristic (Keras and
    Lightning default to 0 and 3); the fix is unsafe.

    ## References
    - [Keras `EarlyStopping`](https://keras.io/api/callbacks/early_stopping/)
    - [LightGBM `early_stopping` callback](https://lightgbm.readthedocs.io/en/latest/pythonapi/lightgbm.early_stopping.html)
    """
    config = ctx.config
    early = config.training.early_stopping
    epochs_fact = config.training.epochs
    epochs = number(epochs_fact)
    patience = number(early.patience) if early is not None else None
    if (
        early is not None
        and early.patience is not None
        and patience is not None
        and epochs_fact is not None
        and epochs is not None
        and patience >= epochs
    ):
        suggested = str(max(1, round(0.1 * epochs)))
        yield Violation(
            early.patience.node,
            f"patience {_fmt(patience)} ≥ epochs {_fmt(epochs)}: early stopping can never trigger.",
            related=((epochs_fact.node, "total epochs"),),
            fix=_fix_value(early.patience.node, suggested, f"Set `patience: {suggested}`"),
        )
    for estimator, rounds in _gbm_early_stopping(config):
        total_fact = estimator.param(*_GBM_ROUNDS)
        total = number(total_fact)
        value = number(rounds)
        if total_fact is not None and total is not None and value is not None and value >= total:
            yield Violation(
                rounds.node,
                f"`{_key_name(rounds, 'early_stopping_rounds')}` {_fmt(value)} ≥ "
                f"{_fmt(total)} boosting rounds: early stopping can never trigger.",
                related=((total_fact.node, "boosting rounds"),),
            )


@rule(
    code="HP306",
    name="early-stopping-keeps-last-weights",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def early_stopping_keeps_last_weights(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for Keras-style early stopping with `restore_best_weights: false` and a positive
    patience.

    ## Why is this bad?
    When training stops, the model holds the weights of the *last* epoch — `patience` epochs
    after the best one, when the validation metric had already stopped improving. Keras
    documents that with `False` "the model weights obtained at the last step of training are
    used".

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 10
        restore_best_weights: false
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 10
        restore_best_weights: true
    ```

    ## Fix safety
    Restoring the best weights changes the final model (for the better); the fix is unsafe.

    ## References
    - [Keras `EarlyStopping`](https://keras.io/api/callbacks/early_stopping/)
    """
    early = ctx.config.training.early_stopping
    if early is None or early.restore_best_weights is None:
        return
    patience = number(early.patience)
    if boolean(early.restore_best_weights) is not False or patience is None or patience <= 0:
        return
    node = early.restore_best_weights.node
    yield Violation(
        node,
        f"The model keeps the weights from {_fmt(patience)} epochs after the best epoch; set "
        f"`restore_best_weights: true`.",
        related=((early.patience.node, "patience"),) if early.patience is not None else (),
        fix=_fix_value(node, "true", "Set `restore_best_weights: true`"),
    )


@rule(
    code="HP307",
    name="test-data-used-for-training-decisions",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def test_data_used_for_training_decisions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for training-time decisions made on the test set: an early-stopping `monitor` or a
    search objective metric named `test_*` (`test_auc`, `test/loss`), or early stopping
    configured under `evaluation`/`inference`.

    ## Why is this bad?
    Early stopping and hyperparameter selection are part of training. If they look at the test
    set, the model is tuned to it and the reported test score is optimistic. They must use
    validation data; the test set is touched once, for the final estimate.

    ## Example
    ```yaml
    search:
      method: random
      objective: {metric: test_auc, direction: maximize}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      objective: {metric: val_auc, direction: maximize}
    ```

    ## Fix safety
    The fix renames the `test` prefix to `val`; it is unsafe because the validation metric must
    exist under that name.

    ## References
    - [scikit-learn: Cross-validation](https://scikit-learn.org/stable/modules/cross_validation.html)
    - [scikit-learn: Common pitfalls (data leakage)](https://scikit-learn.org/stable/common_pitfalls.html)
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    """
    config = ctx.config
    early = config.training.early_stopping
    candidates: list[tuple[AnyFact, str]] = []
    if early is not None and early.monitor is not None:
        candidates.append((early.monitor, "early stopping"))
    if config.search.objective_metric is not None:
        candidates.append((config.search.objective_metric, "model selection"))
    for fact, decision in candidates:
        metric = text(fact)
        match = _TEST_METRIC.match(metric) if metric is not None else None
        if metric is None or match is None:
            continue
        renamed = "val" + metric[match.end() :]
        edit = replace_scalar(fact.node, renamed)
        yield Violation(
            fact.node,
            f"`{metric}` uses the test set for a training-time decision ({decision}); the "
            f"reported test score becomes optimistic.",
            fix=Fix(f"Use `{renamed}`", (edit,), Applicability.UNSAFE) if edit else None,
        )
    evaluation = config.evaluation.mapping
    entry = evaluation.get_entry("early_stopping") if evaluation is not None else None
    if entry is not None:
        yield Violation(
            entry.key,
            "`early_stopping` under evaluation uses evaluation data for a training-time "
            "decision; the reported score becomes optimistic. Configure it under `training`.",
        )


@rule(
    code="HP308",
    name="early-stopping-on-scoring-fold",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def early_stopping_on_scoring_fold(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for early stopping whose only validation data is the CV or holdout fold that is
    also scored (no `data.valid` and no inner `early_stopping.validation_fraction`).

    ## Why is this bad?
    The stopping epoch is chosen to be best on the very fold the model is then scored on — a
    training decision made on evaluation data — so the cross-validation score is optimistic.
    An inner split of the training part keeps the scored fold untouched.

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
        validation_fraction: 0.1
    validation:
      method: kfold
      folds: 5
    ```

    ## Fix safety
    The inner split takes 10 % of each training fold; the fix is unsafe.

    ## References
    - [scikit-learn: Common pitfalls (data leakage)](https://scikit-learn.org/stable/common_pitfalls.html)
    - Prechelt, "Automatic early stopping using cross validation", Neural Networks 11, 1998
    """
    config = ctx.config
    validation = config.validation
    if config.data.valid is not None or validation.anchor is None:
        return
    message = (
        "Early stopping selects the stopping epoch on the fold it is scored on; CV scores will "
        "be optimistic. Use an inner `validation_fraction`."
    )
    related = ((validation.anchor, "the validation split that is also scored"),)
    early = config.training.early_stopping
    if early is not None and early.validation_fraction is None and early.anchor is not None:
        yield Violation(early.anchor, message, related=related, fix=_es_missing_validation_fix(ctx))
    for _, rounds in _gbm_early_stopping(config):
        yield Violation(rounds.key_or_node, message, related=related)


@rule(code="HP309", name="preprocessing-fitted-outside-cv", severity=Severity.WARNING)
def preprocessing_fitted_outside_cv(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks `data.transforms` for transformers that learn statistics from the data (scalers,
    imputers, encoders, PCA, feature selectors) while a validation split or a search is
    configured.

    ## Why is this bad?
    `data.transforms` are fitted on all data before splitting, so means, variances, categories
    or selected features already reflect the validation folds: information leaks from the
    validation data into training and scores are optimistic. Steps in `model.pipeline` are
    refitted inside each fold.

    ## Example
    ```yaml
    data:
      transforms:
        - {class: sklearn.preprocessing.StandardScaler}
    model:
      estimator: {class: sklearn.linear_model.Ridge}
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    model:
      pipeline:
        - {name: scale, class: sklearn.preprocessing.StandardScaler}
        - {name: reg, class: sklearn.linear_model.Ridge}
    validation:
      method: kfold
      folds: 5
    ```

    ## References
    - [scikit-learn: Common pitfalls (data leakage)](https://scikit-learn.org/stable/common_pitfalls.html)
    - [scikit-learn `Pipeline`](https://scikit-learn.org/stable/modules/generated/sklearn.pipeline.Pipeline.html)
    """
    config = ctx.config
    if config.validation.node is None and not config.search.space:
        return
    for step in config.data.transforms:
        name = step.class_name
        if step.node is not None and _FITTED_TRANSFORMER.search(name):
            yield Violation(
                step.node,
                f"`{name}` is fitted on all data before splitting: statistics of validation "
                f"folds leak into training. Move it into `model.pipeline`.",
            )


@rule(
    code="HP310",
    name="shuffled-split-on-time-series",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def shuffled_split_on_time_series(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for time-ordered data (`data.time_column`) validated with a split that shuffles:
    k-fold, stratified k-fold or holdout with `shuffle` not set to `false`.

    ## Why is this bad?
    A shuffled split trains on samples from the future and validates on the past, so the
    score measures interpolation, not forecasting. scikit-learn's `TimeSeriesSplit` notes that
    "shuffling in cross validator is inappropriate" for time series.

    ## Example
    ```yaml
    data:
      time_column: date
    validation:
      method: kfold
      folds: 5
      shuffle: true
    ```

    Use instead:
    ```yaml
    data:
      time_column: date
    validation:
      method: timeseries
      folds: 5
    ```

    ## Fix safety
    Switching to `method: timeseries` changes the folds; the fix is unsafe.

    ## References
    - [scikit-learn `TimeSeriesSplit`](https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.TimeSeriesSplit.html)
    """
    config = ctx.config
    column = config.data.time_column
    method_fact = config.validation.method
    method = _method(config)
    if column is None or method_fact is None or method not in _SHUFFLING:
        return
    if boolean(config.validation.shuffle) is False:
        return
    edit = replace_scalar(method_fact.node, "timeseries")
    yield Violation(
        method_fact.node,
        f"Data are time-ordered (`{column.value}`) but the split shuffles: future samples train "
        f"the model that predicts the past.",
        related=((column.node, "time column"),),
        fix=Fix("Use `method: timeseries`", (edit,), Applicability.UNSAFE) if edit else None,
    )


@rule(
    code="HP311",
    name="group-leakage-across-folds",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def group_leakage_across_folds(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grouped data (`data.group_column`) validated with a split that ignores the
    groups.

    ## Why is this bad?
    Samples of one group (a customer, a patient, a recording session) are correlated. When the
    same group lands in training and validation folds, the model is scored on near-copies of
    its training data and the score is optimistic. `GroupKFold` keeps each group in one fold.

    ## Example
    ```yaml
    data:
      group_column: customer_id
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      group_column: customer_id
    validation:
      method: group_kfold
      folds: 5
    ```

    ## Fix safety
    A grouped split changes the folds; the fix is unsafe.

    ## References
    - [scikit-learn: Cross-validation iterators for grouped data](https://scikit-learn.org/stable/modules/cross_validation.html#group-cv)
    """
    config = ctx.config
    column = config.data.group_column
    method_fact = config.validation.method
    method = _method(config)
    if column is None or method_fact is None or method is None or method in _GROUPED:
        return
    target = "stratified_group_kfold" if method in _STRATIFIED else "group_kfold"
    edit = replace_scalar(method_fact.node, target)
    yield Violation(
        method_fact.node,
        f"Samples share `{column.value}` but folds are not grouped: the same group appears in "
        f"training and validation.",
        related=((column.node, "group column"),),
        fix=Fix(f"Use `method: {target}`", (edit,), Applicability.UNSAFE) if edit else None,
    )


@rule(
    code="HP312",
    name="unstratified-classification-cv",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def unstratified_classification_cv(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for classification tasks validated with plain (unstratified) `kfold`.

    ## Why is this bad?
    Random folds can leave a class under- or over-represented, especially a rare one, which
    adds variance to the fold scores. Stratified k-fold keeps the class proportions in every
    fold; Kohavi found stratified 10-fold the best choice for model selection.

    ## Example
    ```yaml
    data:
      task: binary
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      task: binary
    validation:
      method: stratified_kfold
      folds: 5
    ```

    ## Fix safety
    Stratifying changes the folds (and so the scores); the fix is unsafe.

    ## References
    - Kohavi, "A Study of Cross-Validation and Bootstrap for Accuracy Estimation and Model
      Selection", IJCAI 1995
    - [scikit-learn `StratifiedKFold`](https://scikit-learn.org/stable/modules/cross_validation.html#stratified-k-fold)
    """
    config = ctx.config
    method_fact = config.validation.method
    task = text(config.data.task)
    if method_fact is None or _method(config) != "kfold" or task not in _CLASSIFICATION:
        return
    if config.data.group_column is not None or config.data.time_column is not None:
        return  # HP311 / HP310 suggest the right split
    edit = replace_scalar(method_fact.node, "stratified_kfold")
    yield Violation(
        method_fact.node,
        "Use stratified k-fold for classification so each fold keeps the class proportions.",
        fix=Fix("Use `method: stratified_kfold`", (edit,), Applicability.UNSAFE) if edit else None,
    )


def accuracy_ci_points(n_val: float) -> float:
    """Half-width in percentage points of the 95 % interval of an accuracy near 0.5."""
    return 1.96 * 0.5 / math.sqrt(n_val) * 100


def holdout_size(n_samples: float, holdout: float) -> int:
    """Validation samples of a holdout split (scikit-learn rounds the test size up)."""
    return math.ceil(n_samples * holdout - 1e-9)


@rule(code="HP313", name="validation-set-too-small", severity=Severity.WARNING)
def validation_set_too_small(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the validation scores rest on at least 100 samples: `n_samples × holdout` for
    a holdout split, `n_samples` for cross-validation (scores are pooled over the folds).

    ## Why is this bad?
    For an accuracy near 0.5 the standard error is 0.5/√n, so with n = 100 validation samples
    the 95 % interval is ±9.8 points — wider than the differences hyperparameter search tries
    to resolve. Needs `data.n_samples`; without it the check is skipped and listed by HP005.

    ## Example
    ```yaml
    data:
      n_samples: 300
    validation:
      method: holdout
      holdout: 0.2
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 300
    validation:
      method: kfold
      folds: 5
    ```

    ## References
    - Kohavi, "A Study of Cross-Validation and Bootstrap for Accuracy Estimation and Model
      Selection", IJCAI 1995
    """
    config = ctx.config
    validation = config.validation
    method = _method(config)
    holdout = number(validation.holdout)
    if method == "holdout" or (method is None and holdout is not None):
        anchor_fact = validation.holdout
    else:
        anchor_fact = validation.folds or validation.method
    if anchor_fact is None:
        return
    n_fact = config.data.n_samples
    n = number(n_fact)
    if n is None or n_fact is None:
        ctx.skip("n_samples")
        return
    if anchor_fact is validation.holdout:
        if holdout is None:
            return
        n_val = float(holdout_size(n, holdout))
    else:
        n_val = n
    if n_val >= _MIN_VALIDATION or n_val <= 0:
        return
    yield Violation(
        anchor_fact.node,
        f"Only {_fmt(n_val)} validation samples: the 95% interval of an accuracy estimate is "
        f"±{accuracy_ci_points(n_val):.0f} points.",
        related=((n_fact.node, "number of samples"),),
    )
