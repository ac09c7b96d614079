"""HP309 `preprocessing-fitted-outside-cv`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule

_FITTED_TRANSFORMER = re.compile(
    r"(Scaler|Imputer|Encoder|Discretizer|Vectorizer|PCA|SVD|NMF|Select[A-Z]\w*|SelectorMixin|"
    r"^QuantileTransformer|^PowerTransformer|^VarianceThreshold|^RFE(CV)?|^SequentialFeatureSelector|"
    r"^LinearDiscriminantAnalysis|^FactorAnalysis|^FastICA)$"
)


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
    - [skl-pitfalls]
    - [skl-pipeline]
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
