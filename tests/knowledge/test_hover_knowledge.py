"""Hover knowledge: study-note coverage, sources, context selection, per-format distributions."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence

import pytest

from hplint.knowledge.distributions import (
    DISTRIBUTIONS,
    FORMAT_IDS,
    explain_distribution,
)
from hplint.knowledge.hyperparameters import Explanation, all_names, entries, explain_key
from hplint.knowledge.sources import SOURCES, cite

ALL_EXPLANATIONS: tuple[Explanation, ...] = (
    *entries(),
    *{id(e): e for names in DISTRIBUTIONS.values() for e in names.values()}.values(),
)


def _explain(
    key: str,
    path: Sequence[str | int] = (),
    estimator: str | None = None,
    library: str | None = None,
) -> Explanation:
    found = explain_key(key, path=path, estimator=estimator, library=library)
    assert found is not None, f"no hover for {key!r} at {path!r} ({estimator}, {library})"
    return found


def _text(e: Explanation) -> str:
    return f"{e.title}\n{e.body}".lower()


# --------------------------------------------------------------------------- study notes (§2)
# (note, key, path, estimator, library, phrases the hover must contain)
NOTE_HOVERS: list[tuple[str, str, tuple[str | int, ...], str | None, tuple[str, ...]]] = [
    (
        "HPO methods",
        "method",
        ("search", "method"),
        None,
        ("manual", "grid", "random", "bayesian"),
    ),
    ("HPO libraries", "library", ("search", "library"), None, ("hyperopt", "optimize", "optuna")),
    (
        "parameters vs hyperparameters",
        "max_bins",
        ("model", "estimator", "params", "max_bins"),
        None,
        ("parameter", "estimated from the data"),
    ),
    ("dropout", "dropout", ("model", "network", "layers", 0, "dropout"), None, ("ignored",)),
    (
        "early stopping",
        "early_stopping",
        ("training", "early_stopping"),
        None,
        ("overfit", "preset number of epochs", "loss update", "validation", "not used when"),
    ),
    ("early stopping", "monitor", ("training", "early_stopping", "monitor"), None, ("validation",)),
    ("early stopping", "patience", ("training", "early_stopping", "patience"), None, ("stop",)),
    ("early stopping", "min_delta", ("training", "early_stopping", "min_delta"), None, ("small",)),
    ("early stopping", "mode", ("training", "early_stopping", "mode"), None, ("min",)),
    (
        "early stopping",
        "restore_best_weights",
        ("training", "early_stopping", "restore_best_weights"),
        None,
        ("best",),
    ),
    (
        "early stopping",
        "validation_fraction",
        ("training", "early_stopping", "validation_fraction"),
        None,
        ("stop",),
    ),
    ("early stopping", "epochs", ("training", "epochs"), None, ("preset",)),
    (
        "L1",
        "alpha",
        ("model", "estimator", "params", "alpha"),
        "sklearn.linear_model.Lasso",
        ("unregularized", "exactly to zero", "feature selection", "underfit"),
    ),
    (
        "L2",
        "alpha",
        ("model", "estimator", "params", "alpha"),
        "sklearn.linear_model.Ridge",
        ("underfit", "scale the features"),
    ),
    (
        "elastic net",
        "l1_ratio",
        ("model", "estimator", "params", "l1_ratio"),
        "ElasticNet",
        ("ridge", "lasso", "p > n", "elasticnet", "good default", "useless"),
    ),
    (
        "elastic net",
        "alpha",
        ("model", "estimator", "params", "alpha"),
        "ElasticNet",
        ("l1_ratio", "features outnumber samples"),
    ),
    ("CV folds", "folds", ("validation", "folds"), None, ("5 or 10",)),
    ("NN architecture", "layers", ("model", "network", "layers"), None, ("layers",)),
    ("NN architecture", "units", ("model", "network", "layers", 0, "units"), None, ("neurons",)),
    (
        "NN architecture",
        "activation",
        ("model", "network", "output", "activation"),
        None,
        ("relu",),
    ),
    ("trees", "n_estimators", ("model", "estimator", "params", "n_estimators"), None, ("trees",)),
    ("trees", "max_depth", ("model", "estimator", "params", "max_depth"), None, ("levels",)),
    ("trees", "num_leaves", ("model", "estimator", "params", "num_leaves"), None, ("2^max_depth",)),
    (
        "linear models",
        "estimator",
        ("model", "estimator"),
        None,
        ("ridge", "lasso", "elasticnet", "linearregression"),
    ),
    (
        "learning rate",
        "learning_rate",
        ("training", "learning_rate"),
        None,
        ("too small", "too large", "diverge", "log scale"),
    ),
    (
        "batch size",
        "batch_size",
        ("training", "batch_size"),
        None,
        ("small batches", "regularization", "local minima", "very large batches"),
    ),
    ("batch size", "shuffle", ("training", "shuffle"), None, ("every epoch", "runs differ")),
    (
        "batch ⇒ LR scaling",
        "reference",
        ("training", "reference"),
        None,
        ("linear", "sqrt", "same progress per epoch"),
    ),
]


@pytest.mark.parametrize(
    ("note", "key", "path", "estimator", "phrases"),
    NOTE_HOVERS,
    ids=[f"{n}:{k}" for n, k, *_ in NOTE_HOVERS],
)
def test_every_study_note_has_a_hover(
    note: str,
    key: str,
    path: tuple[str | int, ...],
    estimator: str | None,
    phrases: tuple[str, ...],
) -> None:
    text = _text(_explain(key, path, estimator))
    for phrase in phrases:
        assert phrase.lower() in text, f"{note}: {key} hover lacks {phrase!r}"


def test_reference_scaling_cites_goyal_and_malladi() -> None:
    for key, path in [("reference", ("training",)), ("scaling", ("training", "reference"))]:
        sources = _explain(key, path).sources
        assert "Goyal17" in sources
        assert "Malladi22" in sources


# --------------------------------------------------------------------------- brief's key list
REQUIRED: list[tuple[str, tuple[str | int, ...], str | None, str | None]] = [
    # (key, path, estimator, library)
    *[
        (k, ("training",), None, None)
        for k in (
            "learning_rate",
            "lr",
            "learning_rate_init",
            "batch_size",
            "mini_batch_size",
            "batch_size_scope",
            "grad_accum_steps",
            "devices",
            "reference",
            "optimizer",
            "momentum",
            "betas",
            "weight_decay",
            "epochs",
            "max_steps",
            "shuffle",
            "scheduler",
            "warmup_epochs",
            "warmup_steps",
            "loss",
        )
    ],
    ("eta", (), "xgboost.XGBRegressor", None),
    ("scaling", ("training", "reference"), None, None),
    *[
        (k, ("training", "early_stopping"), None, None)
        for k in (
            "monitor",
            "patience",
            "min_delta",
            "mode",
            "restore_best_weights",
            "validation_fraction",
        )
    ],
    ("early_stopping", ("training",), None, None),
    *[
        (k, ("model", "network"), None, None)
        for k in ("dropout", "input_dropout", "layers", "units", "activation", "output")
    ],
    ("input_dim", ("model", "network"), None, None),
    ("batchnorm", ("model", "network", "layers", 0), None, None),
    ("rate", (), "keras.layers.Dropout", None),
    ("p", (), "torch.nn.Dropout", None),
    *[
        (k, ("model", "estimator", "params"), "sklearn.linear_model.LogisticRegression", None)
        for k in ("C", "penalty", "l1_ratio", "fit_intercept", "solver", "max_iter")
    ],
    ("alpha", (), None, None),
    ("lambda", (), None, None),
    *[
        (k, ("model", "estimator", "params"), "xgboost.XGBClassifier", None)
        for k in (
            "reg_alpha",
            "reg_lambda",
            "alpha",
            "lambda",
            "gamma",
            "min_child_weight",
            "subsample",
            "colsample_bytree",
            "n_estimators",
            "num_round",
            "max_depth",
        )
    ],
    *[
        (k, ("model", "estimator", "params"), "lightgbm.LGBMRegressor", None)
        for k in (
            "num_leaves",
            "min_child_samples",
            "min_data_in_leaf",
            "bagging_fraction",
            "bagging_freq",
            "feature_fraction",
            "num_iterations",
            "num_boost_round",
        )
    ],
    *[(k, ("validation",), None, None) for k in ("method", "folds", "holdout", "shuffle")],
    *[
        (k, ("search",), None, None)
        for k in ("method", "library", "objective", "budget", "space", "resource", "trials")
    ],
    *[(k, ("search", "budget"), None, None) for k in ("trials", "parallel", "timeout")],
    *[
        (k, ("data",), None, None)
        for k in (
            "n_samples",
            "n_features",
            "scaled",
            "task",
            "time_column",
            "group_column",
            "transforms",
        )
    ],
    ("hyperparameter", (), None, None),
    # W&B
    *[
        (k, (), None, "wandb-sweep")
        for k in ("method", "metric", "parameters", "early_terminate", "run_cap")
    ],
    # SageMaker
    *[
        (k, ("HyperParameterTuningJobConfig",), None, "sagemaker-tuning")
        for k in (
            "Strategy",
            "ScalingType",
            "ResourceLimits",
            "MaxParallelTrainingJobs",
            "TrainingJobEarlyStoppingType",
        )
    ],
    # Katib
    *[
        (k, ("spec",), None, "katib-experiment")
        for k in ("algorithmName", "parallelTrialCount", "maxTrialCount", "feasibleSpace")
    ],
    # Azure
    *[
        (k, (), None, "azureml-sweep")
        for k in ("sampling_algorithm", "early_termination", "limits")
    ],
    # Hydra
    *[
        (k, ("hydra", "sweeper"), None, "hydra-optuna")
        for k in ("n_trials", "n_jobs", "sampler", "direction")
    ],
]


@pytest.mark.parametrize(
    ("key", "path", "estimator", "library"),
    REQUIRED,
    ids=[f"{'.'.join(map(str, (*p, k)))}" for k, p, *_ in REQUIRED],
)
def test_required_keys_resolve(
    key: str, path: tuple[str | int, ...], estimator: str | None, library: str | None
) -> None:
    _explain(key, path, estimator, library)


# --------------------------------------------------------------------------- context selection
def test_alpha_depends_on_estimator() -> None:
    lasso = _explain("alpha", estimator="sklearn.linear_model.Lasso")
    ridge = _explain("alpha", estimator="Ridge")
    enet = _explain("alpha", estimator="sklearn.linear_model.ElasticNet")
    generic = _explain("alpha")
    xgb = _explain("alpha", estimator="xgboost.XGBRegressor")
    assert len({lasso, ridge, enet, generic, xgb}) == 5
    assert "L1" in lasso.title
    assert "L2" in ridge.title
    assert "l1_ratio" in enet.body
    assert "leaf" in xgb.body
    assert _explain("alpha", estimator="LassoCV") == lasso
    assert _explain("alpha", estimator="RidgeClassifierCV") == ridge
    assert _explain("alpha", estimator="MultiTaskElasticNet") == enet
    assert _explain("alpha", estimator="SGDClassifier") not in {lasso, ridge, enet, generic}


def test_learning_rate_depends_on_estimator() -> None:
    optimizer = _explain("learning_rate", path=("training", "learning_rate"))
    assert "diverge" in optimizer.body
    assert "batch" in optimizer.body
    for booster in (
        "lightgbm.LGBMClassifier",
        "xgboost.XGBRegressor",
        "sklearn.ensemble.GradientBoostingRegressor",
        "HistGradientBoostingClassifier",
    ):
        boosted = _explain("learning_rate", estimator=booster)
        assert "shrinkage" in boosted.title.lower(), booster
    assert _explain("learning_rate", library="lightgbm") == _explain(
        "learning_rate", estimator="LGBMRegressor"
    )
    assert "schedule" in _explain("learning_rate", estimator="MLPClassifier").title
    ref = _explain("learning_rate", path=("training", "reference", "learning_rate"))
    assert ref.title == "reference.learning_rate"


def test_aliases() -> None:
    assert _explain("lr") == _explain("learning_rate")
    assert _explain("learning_rate_init") == _explain("learning_rate")
    assert _explain("eta") == _explain("learning_rate", estimator="xgboost.XGBClassifier")
    assert _explain("ETA", estimator="XGBClassifier") == _explain("eta")
    assert _explain("num_round") == _explain("n_estimators")
    assert _explain("min_data_in_leaf") == _explain("min_child_samples")
    assert _explain("feature_fraction") == _explain("colsample_bytree")
    assert _explain("mini_batch_size") == _explain("batch_size")
    assert _explain("lambda", estimator="xgboost.XGBRegressor") == _explain(
        "reg_lambda", estimator="xgboost.XGBRegressor"
    )


def test_path_selection() -> None:
    assert _explain("method", path=("search", "method")).title.startswith("search.method")
    assert _explain("method", path=("validation", "method")).title.startswith("validation")
    assert "W&B" in _explain("method", library="wandb-sweep").title
    assert _explain("shuffle", path=("validation", "shuffle")) != _explain("shuffle")
    assert _explain("batch_size", path=("training", "reference", "batch_size")).title == (
        "reference.batch_size"
    )
    budget = _explain("trials", path=("search", "budget", "trials"))
    manual = _explain("trials", path=("search", "trials"))
    assert budget != manual
    assert "Hydra" in _explain("n_jobs", path=("hydra", "sweeper", "n_jobs")).title
    assert "Hydra" not in _explain("n_jobs", estimator="RandomForestClassifier").title
    assert "Katib" in _explain("goal", library="katib-experiment").title
    assert "Katib" not in _explain("goal", library="wandb-sweep").title
    assert "eta" in _explain("eta", path=("early_terminate", "eta")).title
    assert "Hyperband" in _explain("eta", path=("early_terminate", "eta")).title


def test_dotted_search_space_keys_resolve_by_last_segment() -> None:
    assert _explain("model.estimator.params.alpha", estimator="Lasso") == _explain(
        "alpha", estimator="Lasso"
    )
    assert _explain("training.learning_rate") == _explain("learning_rate")


def test_fallbacks() -> None:
    generic = _explain("hyperparameter")
    assert _explain("max_bins", estimator="lightgbm.LGBMClassifier") == generic
    assert _explain("whatever", path=("model", "estimator", "params")) == generic
    assert _explain("coef_", estimator="Ridge").title.startswith("Learned parameter")
    assert _explain("intercept_").title.startswith("Learned parameter")
    assert explain_key("definitely_not_a_key") is None
    assert explain_key("program_name", path=("unrelated",)) is None


def test_generic_names_are_not_shadowed() -> None:
    """At most one context-free entry per name, and each is what a context-free lookup returns."""
    owners: dict[str, Explanation] = {}
    for entry in entries():
        if entry.contexts:
            continue
        for name in (entry.key, *entry.aliases):
            norm = name.lower().replace("-", "_")
            assert norm not in owners, f"{name!r} is claimed by {owners[norm].title!r} too"
            owners[norm] = entry
            assert explain_key(name) == entry, name
    assert set(owners) <= all_names()


def test_entries_have_unique_key_and_context() -> None:
    seen = {(e.key.lower(), e.contexts) for e in entries()}
    assert len(seen) == len(entries())
    assert len(entries()) >= 120


# --------------------------------------------------------------------------- texts and sources
@pytest.mark.parametrize("entry", ALL_EXPLANATIONS, ids=lambda e: f"{e.key}|{e.title[:30]}")
def test_entry_shape(entry: Explanation) -> None:
    assert entry.title.strip()
    assert entry.body.strip()
    assert len(entry.body) <= 1200, f"{len(entry.body)} chars"
    assert entry.sources, "every explanation cites at least one source"
    for key in entry.sources:
        assert key in SOURCES, f"unknown source {key!r}"
    for line in entry.body.splitlines():
        assert line == line.strip()
        assert "  " not in line


def test_markdown_renders_title_body_and_sources() -> None:
    entry = _explain("alpha", estimator="Lasso")
    md = entry.markdown()
    assert md.startswith(f"**{entry.title}**")
    assert entry.body in md
    assert "*Sources:* " in md
    assert f"]({SOURCES['Tibshirani96'].url})" in md
    dist = explain_distribution("wandb-sweep", "log_uniform")
    assert dist is not None
    assert "docs.wandb.ai" in dist.markdown()


# Every reference the rule pages cite, plus the vendor pages the distribution hovers cite.
RULES_MD_SOURCES = (
    "Goyal17",
    "Krizhevsky14",
    "Hoffer17",
    "Malladi22",
    "SmithLe18",
    "Smith18",
    "Keskar17",
    "Masters18",
    "McCandlish18",
    "You17",
    "You20",
    "Kingma15",
    "Loshchilov19",
    "Bengio12",
    "Playbook23",
    "Srivastava14",
    "Prechelt98",
    "Kohavi95",
    "Bergstra12",
    "Bergstra11",
    "Snoek12",
    "Li18",
    "Akiba19",
    "Zou05",
    "Tibshirani96",
    "Hoerl70",
    "ESL",
    "Peduzzi96",
    "Friedman01",
    "Probst18",
    "WuHe18",
    "Glorot10",
    "Goodfellow16",
    "skl-ridge",
    "skl-lasso",
    "skl-enet",
    "skl-linear-guide",
    "skl-scaler",
    "skl-pipeline",
    "skl-pitfalls",
    "skl-cv",
    "skl-split",
    "skl-tss",
    "skl-logreg",
    "skl-cd",
    "skl-dev",
    "xgb-params",
    "xgb-tuning",
    "lgb-params",
    "lgb-tuning",
    "lgb-config",
    "lgb-es",
    "sm-ranges",
    "sm-best",
    "sm-xgb",
    "sm-api",
    "wandb-sweep",
    "hyperopt-fmin",
    "hyperopt-tpe",
    "optuna-float",
    "optuna-tpe",
    "skopt-gp",
    "katib",
    "torch-dropout",
    "torch-dataloader",
    "keras-dropout",
    "keras-es",
    "azure-sweep",
    "hydra-optuna",
)


def test_sources_cover_rules_md_references() -> None:
    missing = [k for k in RULES_MD_SOURCES if k not in SOURCES]
    assert not missing


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_source_shape(key: str) -> None:
    source = SOURCES[key]
    assert source.key == key
    assert source.citation.strip()
    if source.url is not None:
        assert re.fullmatch(r"https://\S+", source.url), source.url


def test_arxiv_ids_match_rules_md() -> None:
    assert SOURCES["Goyal17"].url == "https://arxiv.org/abs/1706.02677"
    assert SOURCES["Malladi22"].url == "https://arxiv.org/abs/2205.10287"
    assert SOURCES["Kingma15"].url == "https://arxiv.org/abs/1412.6980"


def test_cite() -> None:
    assert cite([]) == ""
    line = cite(["Goyal17", "Goyal17", "Kohavi95"])
    assert line.startswith("*Sources:* ")
    assert line.count("Goyal") == 1
    assert "[Goyal et al. 2017" in line
    assert "Kohavi 1995" in line
    assert "no-such-key" in cite(["no-such-key"])


# --------------------------------------------------------------------------- distributions
DISTRIBUTION_NAMES: dict[str, tuple[str, ...]] = {
    "hplint": ("uniform", "loguniform", "int", "quniform", "normal", "choice"),
    "wandb-sweep": (
        "categorical",
        "categorical_w_probabilities",
        "constant",
        "int_uniform",
        "uniform",
        "q_uniform",
        "log_uniform",
        "log_uniform_values",
        "q_log_uniform",
        "q_log_uniform_values",
        "inv_log_uniform",
        "inv_log_uniform_values",
        "normal",
        "q_normal",
        "log_normal",
        "q_log_normal",
        "beta",
        "q_beta",
    ),
    "sagemaker-tuning": (
        "Auto",
        "Linear",
        "Logarithmic",
        "ReverseLogarithmic",
        "Integer",
        "Continuous",
        "Categorical",
    ),
    "katib-experiment": (
        "double",
        "int",
        "discrete",
        "categorical",
        "uniform",
        "logUniform",
        "normal",
        "logNormal",
        "step",
    ),
    "azureml-sweep": (
        "choice",
        "uniform",
        "quniform",
        "loguniform",
        "qloguniform",
        "normal",
        "qnormal",
        "lognormal",
        "qlognormal",
        "randint",
    ),
    "hydra-optuna": ("choice", "range", "interval", "int", "tag", "shuffle"),
    "hf-trainer": (),
    "ultralytics": (),
    "deepspeed": (),
    "lightning-cli": (),
    "hydra-training": (),
    "detectron2": (),
}
DIST_CASES = [(fmt, name) for fmt, names in DISTRIBUTION_NAMES.items() for name in names]


def test_format_ids() -> None:
    assert set(FORMAT_IDS) == set(DISTRIBUTION_NAMES)


@pytest.mark.parametrize(("fmt", "name"), DIST_CASES, ids=[f"{f}:{n}" for f, n in DIST_CASES])
def test_every_distribution_resolves(fmt: str, name: str) -> None:
    found = explain_distribution(fmt, name)
    assert found is not None
    assert found.key == f"{fmt}:{name}"
    assert found.contexts == (fmt,)
    assert f"`{name}`" in found.title


def test_no_undocumented_distribution_entries() -> None:
    for fmt, names in DISTRIBUTIONS.items():
        canonical = {e.key.split(":", 1)[1] for e in names.values()}
        assert canonical == set(DISTRIBUTION_NAMES[fmt]), fmt


def test_log_uniform_semantics_differ_by_tool() -> None:
    def body(fmt: str, name: str) -> str:
        found = explain_distribution(fmt, name)
        assert found is not None
        return found.body

    wandb_v1 = body("wandb-sweep", "log_uniform")
    assert "exponents" in wandb_v1
    assert "[e^min, e^max]" in wandb_v1
    assert "deprecated" in wandb_v1.lower()
    assert "Katib `logUniform`" in wandb_v1
    assert "real values" in body("wandb-sweep", "log_uniform_values")
    katib = body("katib-experiment", "logUniform")
    assert "real values" in katib
    assert "W&B `log_uniform`" in katib
    azure = body("azureml-sweep", "loguniform")
    assert "exponents" in azure
    assert "W&B `log_uniform`" in azure
    assert "real values" in body("hplint", "loguniform")
    assert "real values" in body("sagemaker-tuning", "Logarithmic")
    assert "real values" in body("hydra-optuna", "tag")
    assert "inferred" in body("wandb-sweep", "int_uniform").lower() or "infers" in body(
        "wandb-sweep", "int_uniform"
    )
    assert "exclusive" in body("azureml-sweep", "randint")
    hydra_range = body("hydra-optuna", "range")
    assert "exclusive" in hydra_range
    assert "inclusive" in hydra_range
    assert "(min + max)/2" in body("katib-experiment", "normal")
    assert "strings" in body("sagemaker-tuning", "Integer")


def test_distribution_lookup_variants() -> None:
    tag = explain_distribution("hydra-optuna", "tag(log, interval(1e-5, 1e-1))")
    assert tag is not None
    assert tag.key == "hydra-optuna:tag"
    assert explain_distribution("hydra-optuna", "log") == tag
    int_interval = explain_distribution("hydra-optuna", "int(interval(1, 10))")
    assert int_interval is not None
    assert int_interval.key == "hydra-optuna:int"
    folded = explain_distribution("katib-experiment", "loguniform")
    assert folded is not None
    assert folded.key == "katib-experiment:logUniform"
    sm_range = explain_distribution("sagemaker-tuning", "IntegerParameterRanges")
    assert sm_range is not None
    assert sm_range.key == "sagemaker-tuning:Integer"
    assert explain_distribution("wandb-sweep", "no_such_distribution") is None
    assert explain_distribution("unknown-format", "uniform") is None


# --------------------------------------------------------------------------- import hygiene
def test_knowledge_modules_import_only_stdlib() -> None:
    code = (
        "import sys\n"
        "import hplint.knowledge.sources, hplint.knowledge.hyperparameters, "
        "hplint.knowledge.distributions\n"
        "heavy = ('yaml', 'jsonschema', 'referencing', 'pygls', 'lsprotocol', 'numpy')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
