"""Hover knowledge: what a hyperparameter (or tuning-config key) means and how to set it.

Each :class:`Explanation` is keyed by a canonical name, carries aliases, and may be restricted to
*contexts*: estimator class names (globs such as ``GradientBoosting*``), libraries
(``lightgbm``, ``wandb`` …) or path segments (``search``, ``early_stopping`` …).
:func:`explain_key` returns the most specific entry for a key at a given place in a config, so
``alpha`` under a Lasso explains the L1 penalty and under a Ridge the L2 penalty.

Stdlib only: the language server imports this on every hover.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from hplint.knowledge import aliases
from hplint.knowledge.sources import cite

__all__ = ["ENTRIES", "Explanation", "all_names", "explain_key"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """One hover text: a title, a Markdown body and the sources backing it."""

    key: str
    title: str
    body: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()

    def markdown(self) -> str:
        """Title, body and a rendered ``Sources:`` line, as Markdown."""
        parts = [f"**{self.title}**", self.body]
        sources = cite(self.sources)
        if sources:
            parts.append(sources)
        return "\n\n".join(parts)


def _md(text: str) -> str:
    """Reflow indented text: paragraph lines are joined; ``- `` items keep their own line."""
    paragraphs: list[str] = []
    for block in text.strip().split("\n\n"):
        out: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if not out or line.startswith("- "):
                out.append(line)
            else:
                out[-1] += " " + line
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def _e(
    key: str,
    title: str,
    body: str,
    sources: tuple[str, ...],
    *,
    aliases: tuple[str, ...] = (),
    contexts: tuple[str, ...] = (),
) -> Explanation:
    return Explanation(key, title, _md(body), sources, aliases, contexts)


# Context groups ---------------------------------------------------------------------------
_BOOSTERS = (
    "lightgbm",
    "xgboost",
    "catboost",
    "LGBM*",
    "XGB*",
    "CatBoost*",
    "GradientBoosting*",
    "HistGradientBoosting*",
    "AdaBoost*",
)
_TREE_BOOSTER_LIBS = ("lightgbm", "xgboost", "catboost", "LGBM*", "XGB*", "CatBoost*")
_SKL_SGD_MLP = ("SGDClassifier", "SGDRegressor", "SGDOneClassSVM", "MLPClassifier", "MLPRegressor")
_LASSO = ("Lasso", "LassoCV", "LassoLars*", "MultiTaskLasso*")
_RIDGE = ("Ridge", "RidgeCV", "RidgeClassifier*", "KernelRidge")
_ENET = ("ElasticNet*", "MultiTaskElasticNet*")
_SVM = ("SVC", "SVR", "NuSVC", "NuSVR", "OneClassSVM", "KernelRidge", "RBFSampler")
_KNN = ("KNeighbors*", "RadiusNeighbors*", "NearestNeighbors")

_LR_SCALING = (
    "A learning rate is only right relative to the batch it was tuned at. When the effective "
    "batch grows k×, SGD-family optimizers keep the same progress per epoch with LR × k "
    "(linear rule); Adam/RMSprop follow roughly LR × √k. Record the tuned pair in "
    "`training.reference` so hplint can check it (HP103)."
)

# The knowledge base ------------------------------------------------------------------------
ENTRIES: tuple[Explanation, ...] = (
    # ============================================================ concepts
    _e(
        "hyperparameter",
        "Hyperparameter (vs. parameter)",
        """
        A *hyperparameter* is chosen before training and controls **how** the model learns:
        regularization strength, tree depth, learning rate, number of layers. A *parameter*
        (weights, coefficients, split thresholds) is **estimated from the data** during training.
        Hyperparameters are set in this file and tuned by search (manual, grid, random, Bayesian);
        parameters are never set here — scikit-learn marks them with a trailing underscore
        (`coef_`).
        """,
        ("mlm-params", "skl-dev", "sm-xgb"),
        aliases=("params", "hyperparameters", "hyper_parameters", "init_args"),
    ),
    _e(
        "coef_",
        "Learned parameter, not a hyperparameter",
        """
        `coef_`, `intercept_`, `feature_importances_` and the like are **estimated during fit**
        (scikit-learn names fitted attributes with a trailing underscore). They cannot be set as
        constructor arguments; setting them here has no effect or raises (HP001). To start from
        previous weights, load a checkpoint or use `warm_start` instead.
        """,
        ("skl-dev", "mlm-params"),
        aliases=("intercept_", "feature_importances_", "coef", "coefficients", "state_dict"),
    ),
    # ============================================================ learning rate
    _e(
        "learning_rate",
        "Learning rate (optimizer step size)",
        f"""
        How far each gradient step moves the weights, i.e. how quickly the model adapts.
        - **Too small**: tiny updates, many epochs needed; training can stall or seem stuck.
        - **Too large**: steps overshoot the minimum; the loss oscillates or diverges (NaN).

        Usually the single most important hyperparameter. Tune it on a **log scale**
        (e.g. 1e-5…1e-1); Adam's default is 1e-3, SGD typically 0.01–0.1.

        {_LR_SCALING}
        """,
        ("Bengio12", "Kingma15", "Goyal17", "Malladi22", "Playbook23", "aws-batch-lr"),
        # the learning rate's other names: knowledge/data/aliases.json
        aliases=tuple(n for n in aliases.names_of(aliases.LEARNING_RATE) if n != "learning_rate"),
    ),
    _e(
        "learning_rate",
        "learning_rate (boosting shrinkage, a.k.a. eta)",
        """
        Shrinkage: each new tree's contribution is multiplied by this factor before it is added
        to the ensemble. Smaller values make boosting more conservative and usually generalize
        better, but **need proportionally more rounds** — keep learning_rate × rounds well above
        1 (≈3 leaves ~5 % of the signal unfit) and let early stopping pick the round count.
        XGBoost `eta` ∈ [0, 1], default 0.3; LightGBM and scikit-learn default 0.1.
        Search it on a log scale.
        """,
        ("Friedman01", "xgb-params", "xgb-tuning", "lgb-tuning"),
        aliases=("eta", "shrinkage_rate", "shrinkage"),
        contexts=_BOOSTERS,
    ),
    _e(
        "learning_rate",
        "learning_rate (scikit-learn SGD/MLP schedule name)",
        """
        In `SGDClassifier`/`SGDRegressor` and `MLPClassifier`/`MLPRegressor` this is the
        **name of the schedule** (`constant`, `optimal`, `invscaling`, `adaptive`), not a
        number. The numeric initial step size is `eta0` (SGD) or `learning_rate_init` (MLP).
        `adaptive` divides the rate by 5 whenever the loss stops improving.
        """,
        ("skl-sgd", "skl-mlp"),
        contexts=_SKL_SGD_MLP,
    ),
    # ============================================================ batch size
    _e(
        "batch_size",
        "Batch size",
        """
        Samples used for one gradient step.
        - **Small batches** give noisy gradient estimates; the noise acts as regularization and
          helps escape sharp/local minima, and the weights update more often (best results are
          often at 2–32).
        - **Very large batches** add little noise and tend to converge to sharp minima that
          generalize worse ("stuck in the wrong solution").

        The *effective* batch is batch_size × grad_accum_steps × devices (per-device scope).
        If you change it, change the learning rate by the same factor (SGD) or √factor (Adam),
        or re-tune; see `training.reference`.
        """,
        ("Keskar17", "Masters18", "SmithLe18", "Goyal17", "aws-batch-lr"),
        aliases=(
            "mini_batch_size",
            "minibatch_size",
            "per_device_train_batch_size",
            "train_batch_size",
            "batch",
        ),
    ),
    _e(
        "batch_size_scope",
        "batch_size_scope (global vs. per device)",
        """
        Whether `batch_size` is the **global** batch (split across devices) or the batch **per
        device**. With `per_device`, the effective batch is batch_size × grad_accum_steps ×
        devices; with `global`, it is batch_size × grad_accum_steps. The effective batch is what
        learning-rate scaling rules compare against `training.reference.batch_size`.
        """,
        ("Goyal17", "hf-trainer"),
    ),
    _e(
        "grad_accum_steps",
        "Gradient accumulation steps",
        """
        Gradients of this many micro-batches are summed before one optimizer step, so the
        **effective batch is multiplied** by this value without extra memory. For the learning
        rate it counts exactly like a larger batch (scale LR or re-tune). BatchNorm still sees
        only the micro-batch, so tiny micro-batches keep noisy batch statistics.
        """,
        ("Goyal17", "hf-trainer", "WuHe18"),
        aliases=(
            "gradient_accumulation_steps",
            "accumulate_grad_batches",
            "accum_steps",
            "grad_accumulation_steps",
        ),
    ),
    _e(
        "devices",
        "Devices (data-parallel replicas)",
        """
        Number of data-parallel workers (GPUs/TPU cores) per node. Each processes its own batch
        and gradients are averaged, so with a per-device batch the **effective batch grows with
        the number of devices** (× nodes). Scaling out therefore changes the optimal learning
        rate just like a larger batch does — the reason for the linear-scaling rule and warmup.
        """,
        ("Goyal17", "aws-batch-lr"),
        aliases=("gpus", "num_devices", "n_gpu", "num_gpus", "world_size", "num_nodes"),
    ),
    _e(
        "reference",
        "training.reference (the batch size the learning rate was tuned at)",
        f"""
        Records the (effective batch, learning rate) pair a learning rate was tuned at, e.g.
        `{{batch_size: 256, learning_rate: 0.1, scaling: auto}}`, or `from:` another config.
        hplint computes k = effective batch / reference batch and the expected LR:
        - **linear** (SGD, momentum, Nesterov): lr\\* = ref_lr × k — Goyal et al. trained
          ImageNet at batch 8k this way (with 5 warmup epochs).
        - **sqrt** (Adam, AdamW, RMSprop, LAMB): lr\\* = ref_lr × √k, from the SDE analysis
          of adaptive methods.

        {_LR_SCALING} Beyond a problem-dependent critical batch size neither rule holds.
        """,
        ("Goyal17", "Krizhevsky14", "Malladi22", "Hoffer17", "McCandlish18", "aws-batch-lr"),
    ),
    _e(
        "scaling",
        "reference.scaling (linear vs. square-root LR scaling)",
        """
        How the learning rate should follow the effective batch (factor k):
        - `linear`: LR × k. A k× larger batch averages k× more gradients and takes k× fewer
          steps per epoch; scaling the LR by k keeps the per-epoch update and the SGD noise
          scale (≈ LR·N/B) unchanged. For SGD/momentum.
        - `sqrt`: LR × √k. Derived for Adam/RMSprop, whose normalized updates change how noise
          scales (also rescale 1−β by k and ε by 1/√k for an exact match).
        - `auto`: chosen by optimizer family; `none`: skip the check (e.g. LARS, Adafactor).
        """,
        ("Goyal17", "Malladi22", "SmithLe18", "Hoffer17", "You20"),
        contexts=("reference",),
    ),
    _e(
        "batch_size",
        "reference.batch_size",
        """
        The **effective** batch size (batch × accumulation × devices) of the run in which the
        reference learning rate was tuned. hplint compares your current effective batch with it
        (k = B / reference) to derive the expected learning rate.
        """,
        ("Goyal17", "Malladi22"),
        contexts=("reference",),
    ),
    _e(
        "learning_rate",
        "reference.learning_rate",
        """
        The learning rate that was tuned at `reference.batch_size` (use the peak LR if a
        schedule is used). The current LR is expected to equal it × k (linear) or × √k (sqrt);
        a mismatch beyond 1.5× raises HP103.
        """,
        ("Goyal17", "Malladi22"),
        aliases=("lr",),
        contexts=("reference",),
    ),
    _e(
        "from",
        "reference.from",
        """
        Path to another config whose effective batch size and learning rate serve as the
        reference, instead of writing them inline. Useful when a fine-tuning config derives from
        a base config.
        """,
        ("Goyal17",),
        contexts=("reference",),
    ),
    # ============================================================ optimizer
    _e(
        "optimizer",
        "Optimizer",
        """
        The update rule that turns gradients into weight changes. Families:
        - **SGD** (+ momentum / Nesterov): one global step size; LR ≈ 0.01–0.1; linear batch
          scaling.
        - **Adaptive** (Adam, AdamW, Nadam, RMSprop): per-weight step sizes from gradient
          statistics; robust default LR 1e-3; square-root batch scaling.
        - **Layer-wise large-batch** (LARS, LAMB): per-layer trust ratios for very large batches.
        - Others (Adagrad, Adafactor, Lion, L-BFGS) have their own LR ranges.

        With weight decay prefer **AdamW** over Adam: Adam's `weight_decay` is an L2 term that
        the adaptive scaling weakens.
        """,
        ("Kingma15", "Loshchilov19", "You17", "You20", "torch-optim", "Playbook23"),
        aliases=("optim", "optimizer_name", "optimizer_type"),
    ),
    _e(
        "momentum",
        "Momentum (SGD)",
        """
        Fraction of the previous update kept in the next one (an exponential average of past
        gradients): it damps oscillation across steep directions and speeds progress along
        shallow ones. 0 = plain SGD; 0.9 is the usual value; must be in [0, 1). The effective
        step is about LR / (1 − momentum), so raising momentum from 0.9 to 0.99 acts like a 10×
        larger LR. Nesterov momentum evaluates the gradient at the look-ahead point. (In
        BatchNorm layers `momentum` means the running-statistics update rate instead.)
        """,
        ("Sutskever13", "Bengio12", "torch-optim"),
        aliases=("nesterov_momentum",),
    ),
    _e(
        "betas",
        "Adam betas (β1, β2)",
        """
        Decay rates of Adam's moving averages: β1 for the gradient mean (momentum), β2 for the
        squared gradient (per-weight scale). Defaults 0.9 and 0.999; both in [0, 1). Lowering β2
        (0.98–0.95) makes the scale estimate react faster and often stabilizes large models.
        When the batch is scaled k× under the square-root rule, 1 − β should also be scaled by k.
        """,
        ("Kingma15", "Malladi22", "Playbook23"),
        aliases=("beta1", "beta2", "beta_1", "beta_2", "adam_beta1", "adam_beta2"),
    ),
    _e(
        "eps",
        "Adam epsilon",
        """
        Small constant added to Adam's denominator to avoid division by zero (default 1e-8).
        Larger values (1e-6…1e-3) make Adam behave more like SGD with momentum for weights with
        tiny gradients; the tuning playbook treats it as a tunable hyperparameter once the
        learning rate and β1 are settled.
        """,
        ("Kingma15", "Playbook23"),
        aliases=("adam_epsilon", "adam_eps"),
    ),
    _e(
        "weight_decay",
        "Weight decay",
        """
        Shrinks every weight toward zero a little at each step, penalizing large weights
        (regularization). With plain SGD it equals an L2 penalty. With **Adam**, adding L2 to the
        gradient (PyTorch `Adam(weight_decay=…)`) is divided by the adaptive scale, so weights
        with large gradients are barely regularized; **AdamW** decouples the decay and applies it
        directly, making its best value less dependent on the LR. Typical 1e-5…0.1 (AdamW often
        0.01–0.1); tune on a log scale.
        """,
        ("Loshchilov19", "torch-optim", "Playbook23"),
        aliases=("wd", "weight_decay_rate"),
    ),
    # ============================================================ training length, schedule
    _e(
        "epochs",
        "Epochs",
        """
        Full passes over the training data. Too few → underfitting; too many → overfitting, as
        training error keeps falling while validation error rises. A smaller learning rate needs
        more epochs. Early stopping turns this into an **upper bound**; a fixed preset number of
        epochs is the simplest of the three stopping approaches. Patience must be smaller than
        this.
        """,
        ("Prechelt98", "Bengio12", "keras-es"),
        aliases=("num_epochs", "n_epochs", "max_epochs", "num_train_epochs", "epoch"),
    ),
    _e(
        "max_steps",
        "max_steps (optimizer updates)",
        """
        Total number of optimizer updates; where both are given it usually overrides `epochs`
        (Hugging Face, Lightning). One epoch is ⌈n_train / effective batch⌉ steps, so changing
        the batch size changes how many epochs a fixed step budget covers. Schedules (warmup,
        decay) must fit inside this budget.
        """,
        ("hf-trainer", "Playbook23"),
        aliases=("max_iters", "total_steps", "num_steps", "train_steps", "num_training_steps"),
    ),
    _e(
        "max_iter",
        "max_iter (solver iterations)",
        """
        Upper bound on solver iterations (for `SGD*`/`MLP*` estimators: epochs). If it is
        reached before `tol` is met, scikit-learn emits a ConvergenceWarning and the model may
        be underfit; raise it or scale the features (unscaled data converges slowly).
        """,
        ("skl-linear-guide", "skl-mlp"),
    ),
    _e(
        "shuffle",
        "Shuffle (training data each epoch)",
        """
        Reshuffle the training data every epoch so mini-batches differ between epochs; this
        keeps gradient estimates unbiased and the SGD noise useful. Because the order is random,
        runs differ slightly from each other — fix a seed to reproduce them. Keras `fit` and
        scikit-learn shuffle by default; PyTorch's `DataLoader` does **not** (`shuffle=False`).
        For sequence models shuffle whole sequences, not time steps.
        """,
        ("Bengio12", "torch-dataloader"),
        aliases=("shuffle_each_epoch", "reshuffle"),
    ),
    _e(
        "shuffle",
        "validation.shuffle (shuffle before splitting)",
        """
        Shuffle the samples before they are cut into folds or a holdout set (requires a `seed`
        for reproducibility). Needed when the file is sorted (e.g. by label). **Never** for
        time-ordered data: future samples would train a model that is scored on the past — use
        `method: timeseries`.
        """,
        ("skl-cv", "skl-tss"),
        contexts=("validation",),
    ),
    _e(
        "seed",
        "Random seed",
        """
        Fixes the random number generator (weight init, shuffling, splits, sampling of trials)
        so a run can be reproduced. Results still vary between seeds; when two configurations
        differ by less than the seed-to-seed spread, compare them over several seeds.
        """,
        ("Playbook23", "skl-cv"),
        aliases=("random_state", "random_seed", "RandomSeed"),
    ),
    _e(
        "scheduler",
        "Learning-rate scheduler",
        """
        Changes the learning rate during training: step decay, cosine, linear decay, one-cycle,
        reduce-on-plateau, usually after a warmup. Decaying the LR late in training reduces
        gradient noise (like increasing the batch). Milestones, `T_max` and warmup must fit
        inside the training length (HP110); LR-scaling checks use the schedule's peak LR.
        """,
        ("Playbook23", "Smith18", "torch-optim"),
        aliases=("lr_scheduler", "lr_schedule", "schedule", "lr_scheduler_type"),
    ),
    _e(
        "warmup_epochs",
        "Warmup",
        """
        Ramps the learning rate from a small value up to its target over the first epochs or
        steps. Large (batch-scaled) learning rates are unstable while the weights are still
        random; Goyal et al. needed 5 warmup epochs to train at batch 8k. hplint asks for warmup
        when the LR was scaled ≥ 8× from its reference (HP105). Must be shorter than training.
        """,
        ("Goyal17", "Playbook23"),
        aliases=("warmup", "warmup_steps", "warmup_ratio", "warmup_iters"),
    ),
    # ============================================================ dropout
    _e(
        "dropout",
        "Dropout",
        """
        Regularization: during training each unit is **ignored at random** with this
        probability — its contribution to downstream activations is removed on the forward pass
        and it receives no weight update on the backward pass. Units cannot co-adapt, which acts
        like averaging many thinned networks. At inference all units are used (PyTorch/Keras
        scale by 1/(1−p) during training, so evaluation is the identity).

        The value is a **drop** probability here (PyTorch `p`, Keras `rate`); the original paper
        uses a *retain* probability, so `0.8` is a common keep-vs-drop mix-up. Recommended drop:
        0.2–0.5 for hidden layers, ≤ 0.2 for inputs.
        """,
        ("Srivastava14", "torch-dropout", "keras-dropout"),
        aliases=(
            "dropout_rate",
            "drop_rate",
            "dropout_prob",
            "dropout_p",
            "hidden_dropout",
            "hidden_dropout_prob",
        ),
    ),
    _e(
        "input_dropout",
        "Input dropout",
        """
        Dropout applied to the input features. Inputs carry information that later layers
        cannot recover, so use a low drop probability: at most 0.2 (Srivastava et al. retain
        0.8 of inputs). Drop probability, not keep probability.
        """,
        ("Srivastava14",),
        aliases=("input_dropout_rate", "dropout_input"),
    ),
    _e(
        "rate",
        "Dropout rate / p (drop probability)",
        """
        Keras `Dropout(rate)` and PyTorch `Dropout(p)` take the probability of **dropping** a
        unit, e.g. 0.2 drops 20 %. TensorFlow 1's `keep_prob` and the dropout paper use the
        probability of **keeping** it: keep 0.8 ⇔ rate 0.2. Values above 0.5 in hidden layers
        (or 0.2 on inputs) usually mean the two were confused.
        """,
        ("torch-dropout", "keras-dropout", "Srivastava14"),
        aliases=("p",),
        contexts=("*dropout*", "dropout"),
    ),
    _e(
        "keep_prob",
        "keep_prob (retain probability)",
        """
        TensorFlow 1 / the original dropout paper: the probability of **keeping** a unit.
        Drop probability = 1 − keep_prob, so keep_prob 0.8 equals `dropout: 0.2`. Recommended
        keep: 0.5–0.8 for hidden units, ≥ 0.8 for inputs.
        """,
        ("Srivastava14",),
        aliases=("keep_probability", "retain_prob"),
    ),
    # ============================================================ early stopping
    _e(
        "early_stopping",
        "Early stopping",
        """
        Stops training **before the model starts to overfit**, reducing overfitting without
        giving up accuracy. Three approaches:
        - train for a **preset number of epochs**;
        - stop when the **loss update becomes small** (improvement below `min_delta`);
        - the **validation-set strategy**: stop when a validation metric has not improved for
          `patience` epochs — the only one that detects overfitting.

        It is a **training-time** technique: it needs validation data separate from the test
        set and is not used when evaluating the model. Prefer restoring the best weights.
        """,
        ("Prechelt98", "keras-es", "lgb-es", "sm-xgb"),
        aliases=("early_stop", "early_stopping_callback"),
    ),
    _e(
        "monitor",
        "early_stopping.monitor",
        """
        The metric early stopping watches. It must be computed on **validation** data
        (`val_loss`, `val_auc`): training loss keeps falling while the model overfits, so
        monitoring it only detects convergence. Never monitor a test metric — that makes the
        test score optimistic (HP307).
        """,
        ("Prechelt98", "keras-es"),
        aliases=("monitor_metric", "metric_for_best_model"),
    ),
    _e(
        "patience",
        "early_stopping.patience",
        """
        How many epochs (or evaluations) without improvement to wait before stopping. Too small
        stops on random fluctuations; ≥ the number of epochs means early stopping never
        triggers. A heuristic start is ~10 % of the epoch budget. scikit-learn calls it
        `n_iter_no_change`.
        """,
        ("Prechelt98", "keras-es"),
        aliases=("n_iter_no_change", "early_stopping_patience"),
    ),
    _e(
        "min_delta",
        "early_stopping.min_delta",
        """
        Smallest change of the monitored metric that counts as an improvement. It implements
        the "stop when the loss update becomes small" criterion: with a large `min_delta` slow
        but real progress is ignored and training stops early; 0 counts any improvement.
        """,
        ("keras-es", "Prechelt98"),
        aliases=("min_improvement", "early_stopping_threshold"),
    ),
    _e(
        "mode",
        "early_stopping.mode",
        """
        Direction of improvement for the monitored metric: `min` for losses and errors, `max`
        for accuracy, AUC, F1; `auto` infers it from the name. The wrong mode stops training at
        the *worst* epoch.
        """,
        ("keras-es",),
        contexts=("early_stopping", "earlystopping", "callbacks"),
    ),
    _e(
        "restore_best_weights",
        "early_stopping.restore_best_weights",
        """
        Whether to roll back to the weights of the best monitored epoch when stopping. If false
        (the Keras default), the model keeps the weights from `patience` epochs after the best
        one, which are already overfitting. Hugging Face: `load_best_model_at_end`.
        """,
        ("keras-es",),
        aliases=("load_best_model_at_end", "restore_best"),
    ),
    _e(
        "validation_fraction",
        "validation_fraction (inner split for early stopping)",
        """
        Fraction of the *training* data set aside internally to decide when to stop (scikit-
        learn GB/SGD/MLP, Keras `validation_split`). Keep it separate from the fold or holdout
        that produces the reported score, otherwise the stopping epoch is selected on the data
        it is scored on (HP308). 0.1 is a common value.
        """,
        ("skl-gb", "keras-es", "Prechelt98"),
        aliases=("validation_split", "val_fraction", "es_fraction"),
    ),
    _e(
        "early_stopping_rounds",
        "early_stopping_rounds (boosting)",
        """
        Gradient boosting stops adding trees when the evaluation metric on the validation set
        has not improved for this many rounds, and the best iteration is kept. It needs a
        validation set (LightGBM requires at least one validation dataset and metric) and makes
        `n_estimators`/`num_round` an upper bound that need not be tuned.
        """,
        ("lgb-es", "xgb-params", "sm-xgb"),
        aliases=("early_stopping_round", "early_stopping_rounds_"),
    ),
    # ============================================================ regularization
    _e(
        "alpha",
        "alpha (regularization strength)",
        """
        Multiplies the penalty term added to the training loss — the λ of the regularized loss
        Error + λ·penalty. 0 = no regularization; larger values give simpler, smoother models
        and eventually underfit. Its exact meaning depends on the estimator: L2 for Ridge, L1
        for Lasso, both for ElasticNet, the penalty term for SGD/MLP, an L1 penalty on leaf
        weights in XGBoost. Search it on a log scale.
        """,
        ("skl-linear-guide", "ESL", "Tibshirani96", "Hoerl70"),
    ),
    _e(
        "alpha",
        "alpha (Lasso, L1 penalty)",
        """
        Weight of the L1 penalty λ·Σ|w|.
        - `alpha = 0`: **unregularized least squares** (use `LinearRegression` instead).
        - Larger alpha drives **more coefficients exactly to zero** — Lasso performs automatic
          feature selection, eliminating the least important features.
        - Very large alpha (≥ α_max = max|Xᵀy|/n) **zeroes all coefficients**: the model predicts
          the mean and underfits.

        Scale the features first; with more features than samples Lasso keeps at most n of them
        (prefer ElasticNet).
        """,
        ("Tibshirani96", "skl-lasso", "skl-cd", "Zou05"),
        contexts=_LASSO,
    ),
    _e(
        "alpha",
        "alpha (Ridge, L2 penalty)",
        """
        Weight of the L2 penalty λ·Σw². It **shrinks all coefficients smoothly** toward zero
        (none become exactly zero), stabilizing fits with correlated features.
        - `alpha = 0`: ordinary least squares (use `LinearRegression`).
        - Very large alpha: coefficients shrink to ≈0 → flat model, **underfitting**.

        The penalty treats all coefficients alike, so **scale the features first** (a
        StandardScaler step in the pipeline). Ridge is a good default among linear models.
        """,
        ("Hoerl70", "ESL", "skl-ridge", "skl-scaler"),
        contexts=_RIDGE,
    ),
    _e(
        "alpha",
        "alpha (ElasticNet, total penalty)",
        """
        Overall strength of the combined penalty
        alpha·(l1_ratio·Σ|w| + ½(1 − l1_ratio)·Σw²). The L1 part zeroes coefficients (feature
        selection), the L2 part shrinks smoothly and keeps correlated features together.
        0 = least squares; very large → all coefficients zero (underfit). `l1_ratio` sets the
        mix. ElasticNet is the preferred choice when features outnumber samples or come in
        correlated groups. Scale features first.
        """,
        ("Zou05", "skl-enet", "skl-linear-guide"),
        contexts=_ENET,
    ),
    _e(
        "alpha",
        "alpha (scikit-learn SGD / MLP penalty)",
        """
        Strength of the regularization term (default 1e-4). For `SGD*` it multiplies the
        `penalty` (L2 by default) and also sets the step size of the `optimal` learning-rate
        schedule; for `MLP*` it is an L2 penalty on the weights. Search on a log scale
        (1e-6…1e-1).
        """,
        ("skl-sgd", "skl-mlp"),
        contexts=_SKL_SGD_MLP,
    ),
    _e(
        "reg_alpha",
        "reg_alpha / alpha (boosting L1 on leaf weights)",
        """
        L1 penalty on the leaf values of each tree: it pushes small leaf weights to exactly zero,
        making trees more conservative; useful with many noisy features. XGBoost default 0,
        LightGBM `lambda_l1` default 0. Wide ranges (SageMaker suggests 0–1000) should be
        searched on a log scale.
        """,
        ("xgb-params", "lgb-params", "sm-xgb"),
        aliases=("alpha", "lambda_l1", "l1_regularization", "reg_l1"),
        contexts=_TREE_BOOSTER_LIBS,
    ),
    _e(
        "reg_lambda",
        "reg_lambda / lambda (boosting L2 on leaf weights)",
        """
        L2 penalty on the leaf values of each tree: shrinks leaf weights smoothly, so each tree
        changes the prediction less (XGBoost default 1, LightGBM `lambda_l2` default 0). Larger
        values are more conservative. Search on a log scale; a log range must start above 0.
        """,
        ("xgb-params", "lgb-params", "sm-xgb"),
        aliases=("lambda", "lambda_l2", "l2_regularization", "l2_leaf_reg", "reg_l2"),
        contexts=_TREE_BOOSTER_LIBS,
    ),
    _e(
        "lambda",
        "λ (regularization strength)",
        """
        Weight of the penalty in Loss = Error(y − ŷ) + λ·Σ|w| (L1, Lasso) or + λ·Σw² (L2, Ridge).
        λ = 0 leaves the loss unregularized; a bigger λ gives a flatter, smoother model (more
        regularization); a very large λ forces the weights to zero and underfits. scikit-learn
        calls it `alpha` (or uses its inverse `C`). Tune on a log scale.
        """,
        ("Tibshirani96", "Hoerl70", "ESL", "skl-linear-guide"),
        aliases=("regularization_strength", "l2_reg", "lam"),
    ),
    _e(
        "C",
        "C (inverse regularization strength)",
        """
        `LogisticRegression`, `LinearSVC`, `SVC`: the **inverse** of the penalty weight —
        small C means *strong* regularization, large C weak (roughly alpha = 1/(2C) in
        scikit-learn's terms). LogisticRegression is penalized by default (C = 1.0). Tune on a
        log scale (e.g. 1e-3…1e3) and scale features first.
        """,
        ("skl-logreg", "skl-svc", "skl-ridge"),
    ),
    _e(
        "penalty",
        "penalty (regularizer type)",
        """
        Which regularizer is added to the loss: `l2` (Ridge-like shrinkage), `l1` (Lasso-like
        sparsity), `elasticnet` (both, mixed by `l1_ratio`) or none. For LogisticRegression not
        every solver supports every penalty (HP208), and since scikit-learn 1.8 `penalty` is
        deprecated in favour of `l1_ratio` (with C = inf for no penalty).
        """,
        ("skl-logreg", "skl-sgd", "skl-linear-guide"),
        aliases=("regularization", "regularizer"),
    ),
    _e(
        "l1_ratio",
        "l1_ratio (ElasticNet mix)",
        """
        Share of L1 in the elastic-net penalty: 1 = Lasso, 0 = Ridge, in between = both
        (values ≤ 0.01 are unreliable in scikit-learn). Which model when?
        - **Ridge** is a good default.
        - Suspect some features are useless → **Lasso or ElasticNet** (they zero coefficients).
        - **More features than samples (p > n)** or correlated groups → **ElasticNet**: Lasso
          selects at most n features and keeps an arbitrary one of a correlated group.
        """,
        ("Zou05", "skl-enet", "skl-linear-guide"),
    ),
    _e(
        "fit_intercept",
        "fit_intercept",
        """
        Whether to estimate a bias (intercept) term. scikit-learn's linear models do not
        penalize the intercept. Set it to false only if the target and features are already
        centred; otherwise the model is forced through the origin.
        """,
        ("skl-linear-guide",),
    ),
    _e(
        "solver",
        "solver (linear-model optimizer)",
        """
        Numerical algorithm used to fit a linear model. LogisticRegression: `lbfgs` (default),
        `newton-cg`, `newton-cholesky`, `sag` support L2/none; `liblinear` L1/L2; `saga`
        everything incl. elastic-net — an incompatible pair raises at fit time (HP208). `sag`
        and `saga` converge fast only on scaled features. Ridge: `auto` chooses by data type.
        """,
        ("skl-logreg", "skl-ridge"),
    ),
    _e(
        "solver",
        "solver (MLP optimizer)",
        """
        Weight optimizer of `MLPClassifier`/`MLPRegressor`: `adam` (default, robust on larger
        data), `sgd` (uses `learning_rate_init`, `momentum`), or `lbfgs` (full-batch quasi-
        Newton; converges faster and better on small datasets, ignores batch_size).
        """,
        ("skl-mlp",),
        contexts=("MLPClassifier", "MLPRegressor"),
    ),
    # ============================================================ validation
    _e(
        "folds",
        "validation.folds (k of k-fold CV)",
        """
        Number of folds. Most authors and the empirical evidence prefer **5 or 10**: Kohavi
        found stratified 10-fold best for model selection. 2–4 folds train on too little data
        (pessimistic estimate); leave-one-out (folds = n) fits nearly identical models, so its
        estimate has high variance and costs n fits. Stratify for classification; k may not
        exceed the smallest class count.
        """,
        ("Kohavi95", "skl-cv", "skl-split"),
        aliases=("n_splits", "n_folds", "num_folds", "nfold", "k_folds", "cv"),
    ),
    _e(
        "holdout",
        "validation.holdout (validation fraction)",
        """
        Fraction of the data held out once for validation (e.g. 0.2). Cheaper than k-fold but
        the estimate depends on one random split; with fewer than ~100 validation samples an
        accuracy estimate is ±10 points (HP313). Must be in (0, 1).
        """,
        ("skl-cv",),
        aliases=("holdout_fraction", "validation_size", "val_size", "test_size"),
    ),
    _e(
        "stratify",
        "Stratification",
        """
        Split so that every fold (or the holdout) keeps the overall class proportions. Without
        it, rare classes can be missing from some folds and scores vary more. Standard for
        classification.
        """,
        ("Kohavi95", "skl-cv"),
        aliases=("stratified",),
    ),
    # ============================================================ trees and boosting
    _e(
        "n_estimators",
        "Number of trees / boosting rounds",
        """
        - **Random forest**: more trees never overfit; the score plateaus and training gets
          slower. Fix a large, affordable value instead of tuning it.
        - **Boosting**: each tree corrects its predecessors; too many rounds overfit, too few
          underfit. It trades off against `learning_rate` (a smaller rate needs more rounds;
          keep rate × rounds ≳ 3). Set a generous upper bound and let early stopping choose.
        """,
        ("Probst18", "xgb-tuning", "lgb-tuning", "Friedman01"),
        aliases=(
            "num_round",
            "num_rounds",
            "num_iterations",
            "num_iteration",
            "num_boost_round",
            "nrounds",
            "num_trees",
            "n_trees",
            "iterations",
        ),
    ),
    _e(
        "n_estimators",
        "n_estimators (random forest: number of trees)",
        """
        More trees reduce the variance of the forest's average and **never cause overfitting**;
        returns diminish after a few hundred trees and only cost time. Do not tune it — fix it
        at a large value you can afford (HP407).
        """,
        ("Probst18", "skl-rf"),
        contexts=("RandomForest*", "ExtraTrees*", "BaggingClassifier", "BaggingRegressor"),
    ),
    _e(
        "max_depth",
        "max_depth (tree levels)",
        """
        Maximum number of levels of each tree; a depth-d tree has at most 2^d leaves. Deeper
        trees model more feature interactions but overfit more. Defaults: XGBoost 6, scikit-
        learn gradient boosting 3, random forest unlimited, LightGBM −1 (no limit; it grows
        leaf-wise, so `num_leaves` is the main control).
        """,
        ("xgb-params", "lgb-tuning", "skl-rf"),
        aliases=("depth", "max_levels", "tree_depth"),
    ),
    _e(
        "num_leaves",
        "num_leaves (LightGBM)",
        """
        Maximum leaves per tree — LightGBM's main complexity control, because it grows trees
        leaf-wise rather than level-wise. Keep it **below 2^max_depth** (e.g. 70–80 for
        max_depth 7, not 127); larger values are capped to 2^max_depth. Default 31; larger
        values fit more and overfit more.
        """,
        ("lgb-tuning", "lgb-params", "lgb-config"),
        aliases=("num_leaf", "max_leaves", "max_leaf", "max_leaf_nodes"),
    ),
    _e(
        "min_child_samples",
        "Minimum samples per leaf",
        """
        A split is only made if each child keeps at least this many samples. Larger values
        stop leaves from fitting noise (more conservative trees); LightGBM default 20, scikit-
        learn `min_samples_leaf` default 1. With large datasets hundreds or thousands are
        reasonable.
        """,
        ("lgb-tuning", "lgb-params", "skl-rf"),
        aliases=("min_data_in_leaf", "min_data_per_leaf", "min_samples_leaf", "min_child_sample"),
    ),
    _e(
        "min_child_weight",
        "min_child_weight (minimum leaf hessian)",
        """
        Minimum sum of instance weights (hessians) required in a child. For squared error this
        is simply a sample count; for logistic loss confident samples weigh less. Larger values
        are more conservative. XGBoost default 1 (LightGBM `min_sum_hessian_in_leaf` 1e-3).
        """,
        ("xgb-params", "lgb-params"),
        aliases=("min_sum_hessian_in_leaf", "min_sum_hessian", "min_hessian"),
    ),
    _e(
        "subsample",
        "subsample / bagging_fraction (row sampling)",
        """
        Fraction of the training rows sampled (without replacement) for each tree — stochastic
        gradient boosting. It adds randomness that reduces overfitting and speeds training;
        0.5–1 is typical (XGBoost recommends ≥ 0.5 with uniform sampling). In **LightGBM**
        `bagging_fraction` (alias `subsample`) has no effect unless `bagging_freq` > 0.
        """,
        ("Friedman01", "xgb-params", "lgb-params"),
        aliases=("bagging_fraction", "sub_row", "bagging", "sample_rate"),
    ),
    _e(
        "bagging_freq",
        "bagging_freq (LightGBM)",
        """
        Resample the bagging subset every k iterations; **0 disables bagging**, so
        `bagging_fraction` < 1 is silently ignored unless this is set (e.g. 1).
        """,
        ("lgb-params",),
        aliases=("subsample_freq",),
    ),
    _e(
        "colsample_bytree",
        "colsample_bytree / feature_fraction (column sampling)",
        """
        Fraction of features each tree may use (`_bylevel`/`_bynode`: per level/split).
        Like random forests it decorrelates the trees and reduces overfitting; it also speeds
        training on wide data. Typical 0.5–1; values must be in (0, 1].
        """,
        ("xgb-params", "lgb-params"),
        aliases=(
            "feature_fraction",
            "sub_feature",
            "colsample_bylevel",
            "colsample_bynode",
            "feature_fraction_bynode",
        ),
    ),
    _e(
        "max_features",
        "max_features (features per split)",
        """
        Number (or fraction) of features considered at each split. Fewer features decorrelate
        the trees of a forest (lower variance, slightly higher bias); `sqrt` is the
        classification default, all features for regression in recent scikit-learn.
        """,
        ("skl-rf",),
    ),
    _e(
        "gamma",
        "gamma / min_split_loss (XGBoost)",
        """
        Minimum loss reduction required to make a further split. 0 (default) splits whenever it
        helps at all; larger values prune weak splits and make trees more conservative. Its
        scale depends on the objective and data, so there is no universal range (SageMaker
        suggests 0–5 to start). LightGBM's counterpart is `min_gain_to_split`.
        """,
        ("xgb-params", "sm-xgb"),
        aliases=("min_split_loss", "min_gain_to_split"),
        contexts=_TREE_BOOSTER_LIBS,
    ),
    _e(
        "gamma",
        "gamma (RBF kernel coefficient)",
        """
        Width of the RBF kernel exp(−γ‖x − x′‖²): large γ makes each sample's influence very
        local (wiggly boundary, overfitting), small γ makes the model smooth, close to linear.
        Default `scale` = 1 / (n_features · Var(X)). Tune jointly with C on a log scale, and
        scale the features.
        """,
        ("skl-svc",),
        contexts=_SVM,
    ),
    _e(
        "objective",
        "objective (boosting loss function)",
        """
        The loss the trees are fitted to, e.g. `reg:squarederror`, `binary:logistic`,
        `multi:softprob` (XGBoost; multi-class needs `num_class`), or `regression`, `binary`,
        `multiclass` (LightGBM). It must match the task; it is not the search objective.
        """,
        ("xgb-params", "lgb-params"),
        contexts=_TREE_BOOSTER_LIBS,
    ),
    _e(
        "metric",
        "metric / eval_metric (boosting evaluation metric)",
        """
        Metric computed on the evaluation sets, used for logging and for early stopping (the
        first metric decides unless configured otherwise). Choose one that reflects the goal
        (AUC, logloss, RMSE); it may differ from the training objective.
        """,
        ("lgb-params", "xgb-params", "lgb-es"),
        aliases=("eval_metric",),
        contexts=_TREE_BOOSTER_LIBS,
    ),
    _e(
        "p",
        "p (Minkowski power)",
        """
        Power of the Minkowski distance used by nearest neighbours: 1 = Manhattan, 2 = Euclidean
        (default). Distances mix features by magnitude, so scale the features first.
        """,
        ("skl-knn",),
        contexts=_KNN,
    ),
    # ============================================================ neural networks
    _e(
        "layers",
        "Hidden layers (depth)",
        """
        The hidden layers, in order. More layers add capacity and allow more abstract features,
        but are harder to optimize and overfit sooner; for tabular data 1–3 layers are usually
        enough. Tune depth together with width (`units`), dropout and the learning rate.
        scikit-learn's `hidden_layer_sizes` is the tuple of widths, one per hidden layer.
        """,
        ("Goodfellow16", "Bengio12", "Glorot10"),
        aliases=(
            "hidden_layers",
            "n_layers",
            "num_layers",
            "num_hidden_layers",
            "hidden_layer_sizes",
        ),
    ),
    _e(
        "units",
        "units (layer width / neurons)",
        """
        Number of neurons in a layer. Wider layers add capacity (and parameters); too narrow
        underfits, too wide overfits without regularization. For the output layer the width
        is fixed by the task: 1 for binary or regression, K for K-class softmax.
        """,
        ("Goodfellow16", "Bengio12"),
        aliases=(
            "hidden_size",
            "hidden_units",
            "n_units",
            "num_units",
            "neurons",
            "width",
            "nodes",
        ),
    ),
    _e(
        "activation",
        "Activation function",
        """
        Non-linearity applied after a layer. Use ReLU-family functions (ReLU, GELU, SiLU) in
        hidden layers: sigmoid/tanh saturate, so gradients vanish through deep stacks. The
        **output** activation must match the loss: sigmoid + binary cross-entropy, softmax +
        categorical cross-entropy, linear (identity) + MSE for regression.
        """,
        ("Glorot10", "Goodfellow16"),
        aliases=("act", "activation_fn", "activation_function", "nonlinearity"),
    ),
    _e(
        "output",
        "Output layer",
        """
        Units and activation of the final layer; they must match the task and the loss:
        - binary: 1 unit, sigmoid, binary cross-entropy;
        - multiclass (K classes): K units, softmax, categorical cross-entropy;
        - regression: 1 unit per target, linear, MSE/MAE.

        A 1-unit softmax always outputs 1.0 (HP505).
        """,
        ("Goodfellow16",),
        aliases=("output_layer", "head"),
    ),
    _e(
        "batchnorm",
        "Batch normalization",
        """
        Normalizes each layer's activations with the mean and variance of the current
        mini-batch (running averages at inference). It speeds and stabilizes training and
        tolerates higher learning rates. With very small per-device batches (< 8) the batch
        statistics are too noisy; use GroupNorm/LayerNorm or a larger batch.
        """,
        ("Ioffe15", "WuHe18"),
        aliases=("batch_norm", "batch_normalization", "use_batchnorm", "bn"),
    ),
    _e(
        "input_dim",
        "input_dim",
        """
        Number of input features the network expects. It must equal the feature count
        *after* preprocessing (one-hot encoding, dropped columns), not the raw column count.
        """,
        ("Goodfellow16",),
        aliases=("input_size", "in_features", "n_inputs", "input_shape"),
    ),
    _e(
        "loss",
        "Loss function",
        """
        The quantity training minimizes. Classification: (binary or categorical) cross-entropy,
        matched with a sigmoid or softmax output; regression: MSE (sensitive to outliers), MAE
        or Huber. The training loss can differ from the metric used to select models.
        """,
        ("Goodfellow16",),
        aliases=("loss_fn", "loss_function"),
    ),
    # ============================================================ model / data
    _e(
        "estimator",
        "model.estimator (model class and its hyperparameters)",
        """
        The model class (`class`, e.g. `sklearn.linear_model.Ridge`) and its `params`.
        Linear models: `LinearRegression` (no penalty), `Ridge` (L2, a good default), `Lasso`
        (L1, selects features), `ElasticNet` (both; best when p > n or features are
        correlated), `LogisticRegression` (classification, penalized via C). Penalized linear
        models, SVMs, k-NN and neural nets are **scale-sensitive**: put a scaler in the
        pipeline. Trees and boosting are not.
        """,
        ("skl-linear-guide", "skl-scaler", "Zou05"),
        aliases=("class", "_target_", "model_class", "model_type"),
    ),
    _e(
        "pipeline",
        "model.pipeline",
        """
        Ordered preprocessing + model steps that are **fitted inside each CV fold**, so
        statistics of validation data never leak into training. Put scalers, imputers,
        encoders and feature selection here rather than in `data.transforms`.
        """,
        ("skl-pipeline", "skl-pitfalls"),
        aliases=("steps",),
    ),
    _e(
        "n_samples",
        "data.n_samples",
        """
        Number of rows (samples). Declared here or sniffed from the data file; used by checks
        that depend on data size (fold counts, batch vs. training-set size, p > n). A declared
        value that disagrees with the file raises HP004.
        """,
        ("skl-cv", "Zou05"),
        aliases=("num_samples", "n_rows"),
    ),
    _e(
        "n_features",
        "data.n_features",
        """
        Number of features p fed to the model. When p exceeds the number of training samples n,
        least squares is underdetermined and Lasso can keep at most n features — prefer
        ElasticNet (HP206).
        """,
        ("Zou05", "skl-enet"),
        aliases=("num_features",),
    ),
    _e(
        "n_classes",
        "data.n_classes",
        """
        Number of target classes; the output layer of a multiclass network needs exactly this
        many softmax units, and stratified k-fold needs at least k samples in every class.
        """,
        ("Goodfellow16", "skl-split"),
        aliases=("num_classes", "num_class"),
    ),
    _e(
        "scaled",
        "data.scaled",
        """
        `true` declares that features were already standardized upstream, which silences the
        "no scaler before a scale-sensitive model" check (HP202). L1/L2 penalties assume
        features centred with variance of the same order; only set this if that holds.
        """,
        ("skl-scaler",),
    ),
    _e(
        "task",
        "data.task",
        """
        `regression`, `binary` or `multiclass`. Determines which output layer and loss fit,
        and whether validation should be stratified.
        """,
        ("Goodfellow16", "skl-cv"),
    ),
    _e(
        "time_column",
        "data.time_column",
        """
        Declares that samples are time-ordered. Shuffled splits would then let future data
        train a model scored on the past; use `validation.method: timeseries` and no shuffling.
        """,
        ("skl-tss",),
    ),
    _e(
        "group_column",
        "data.group_column",
        """
        Samples sharing this value (patient, customer, session) are not independent; they must
        stay in the same fold, otherwise validation scores are optimistic. Use `group_kfold`.
        """,
        ("skl-cv",),
    ),
    _e(
        "transforms",
        "data.transforms (fitted before splitting)",
        """
        Steps applied to **all** data before the train/validation split. Anything that learns
        statistics (scalers, imputers, encoders, feature selection, PCA) leaks validation
        information into training here; move it into `model.pipeline` (HP309).
        """,
        ("skl-pitfalls", "skl-pipeline"),
    ),
    _e(
        "train",
        "data.train / valid / test",
        """
        Paths of the data files. `valid` is used for training-time decisions (early stopping,
        model selection); `test` is touched **once**, for the final estimate — using it for
        any decision makes the reported score optimistic (HP307).
        """,
        ("skl-cv", "skl-pitfalls"),
        aliases=("valid", "validation_data", "test", "train_path"),
    ),
    _e(
        "target",
        "data.target",
        """
        Name of the column to predict; it is excluded from the features.
        """,
        ("skl-pitfalls",),
        contexts=("data",),
    ),
    _e(
        "target",
        "metric.target (stop value)",
        """
        W&B: once a run reaches this metric value, the sweep finishes and no new runs start.
        """,
        ("wandb-sweep",),
        contexts=("metric", "wandb"),
    ),
    # ============================================================ search (native)
    _e(
        "method",
        "search.method (HPO strategy)",
        """
        - `manual`: hand-picked configurations (trial and error).
        - `grid`: every combination of listed values; fine in 1–2 dimensions, wasteful beyond.
        - `random`: samples each trial from distributions; usually only a few hyperparameters
          matter, so random search tests many more distinct values of them per trial budget.
        - `bayesian`: a model of past trials (TPE, Gaussian process) proposes the next one.
        - `hyperband`: random configurations, early-stopping the weak ones on a resource
          (epochs) — needs `search.resource`.
        """,
        ("Bergstra12", "Bergstra11", "Snoek12", "Li18", "Playbook23"),
        aliases=("strategy", "search_method"),
        contexts=("search",),
    ),
    _e(
        "method",
        "method (W&B sweep strategy)",
        """
        `grid`, `random`, `bayes` (or `custom`). `grid` needs discrete `values` — with a
        continuous distribution it runs forever; `bayes` needs a `metric`; `random` and `bayes`
        keep launching runs until stopped or `run_cap` is reached. Early termination
        (Hyperband) is configured separately in `early_terminate`.
        """,
        ("wandb-sweep", "Bergstra12"),
        contexts=("wandb",),
    ),
    _e(
        "method",
        "validation.method (how data are split)",
        """
        - `kfold`: k folds, each scored once by a model trained on the other k−1.
        - `stratified_kfold`: same, keeping class proportions — use for classification.
        - `group_kfold`: keeps all samples of a group in one fold (no leakage across groups).
        - `timeseries`: trains on the past, validates on the future; never shuffled.
        - `holdout`: a single train/validation split (cheaper, higher variance).
        - `loo`: leave-one-out; costly and high-variance — 5 or 10 folds are preferred.
        """,
        ("skl-cv", "Kohavi95", "skl-tss"),
        contexts=("validation",),
    ),
    _e(
        "library",
        "search.library (HPO library)",
        """
        - **Hyperopt**: TPE. `hp.loguniform(label, low, high)` takes **natural-log exponents**
          (pass `np.log(1e-5)`); 20 random start-up trials.
        - **scikit-optimize**: Gaussian-process `gp_minimize`; `Real(low, high,
          prior="log-uniform")` takes **real values**; 10 initial random points.
        - **Optuna**: define-by-run; TPE by default (10 start-up trials);
          `suggest_float(..., log=True)` takes real values (low > 0); **pruners** (median,
          successive halving, Hyperband) stop unpromising trials early.

        hplint exports native `loguniform` (always real values) correctly to each.
        """,
        (
            "Bergstra11",
            "hyperopt-fmin",
            "hyperopt-tpe",
            "skopt-gp",
            "Akiba19",
            "optuna-tpe",
            "optuna-pruners",
        ),
    ),
    _e(
        "objective",
        "search.objective (what the search optimizes)",
        """
        The metric that ranks trials and whether to minimize or maximize it. It must be a
        **validation** metric (CV or holdout score) — selecting hyperparameters on the test
        set makes the test score optimistic (HP307) — and the direction must match the metric
        (minimize losses, maximize AUC/accuracy).
        """,
        ("skl-cv", "skl-pitfalls", "Playbook23"),
        aliases=("HyperParameterTuningJobObjective",),
    ),
    _e(
        "metric",
        "metric (objective metric)",
        """
        The metric the search optimizes (W&B: `{name, goal, target}`; native: inside
        `search.objective`). The name must match a metric your training code actually logs,
        and it must come from validation data, never the test set. Bayesian search and
        Hyperband cannot run without it.
        """,
        ("wandb-sweep", "skl-cv"),
        aliases=("primary_metric", "objectiveMetricName", "MetricName", "metric_name"),
    ),
    _e(
        "direction",
        "direction / goal (minimize or maximize)",
        """
        Whether the objective is minimized (losses, errors) or maximized (accuracy, AUC, F1).
        A wrong direction makes the search home in on the worst configurations. Optuna/Hydra
        accept a list of directions for multi-objective studies.
        """,
        ("Akiba19", "hydra-optuna", "wandb-sweep"),
        aliases=("goal",),
    ),
    _e(
        "goal",
        "objective.goal (Katib target value)",
        """
        In Katib, `goal` is a **number**: the experiment succeeds and stops once the objective
        reaches it (the direction is `objective.type`). In W&B and Azure, `goal` is the
        direction (minimize/maximize) instead.
        """,
        ("katib",),
        contexts=("katib",),
    ),
    _e(
        "budget",
        "search.budget",
        """
        How much search to run: `trials` (total configurations), `parallel` (how many at once)
        and `timeout` (wall clock). Roughly 10 trials per searched hyperparameter is a sensible
        minimum; Bayesian methods start with ~10–20 random trials before the model helps.
        """,
        ("Playbook23", "sm-best", "optuna-tpe", "hyperopt-tpe"),
    ),
    _e(
        "trials",
        "budget.trials (number of trials)",
        """
        Total configurations to evaluate. Bayesian search only beats random search after its
        random start-up phase (Optuna TPE 10, Hyperopt 20, scikit-optimize 10 trials), and a
        grid larger than the budget is only partly run. Aim for ≥ 10 trials per searched
        dimension, or search fewer dimensions.
        """,
        ("optuna-tpe", "hyperopt-tpe", "skopt-gp", "Playbook23", "sm-best"),
        aliases=("max_trials", "num_trials", "max_evals", "n_calls"),
        contexts=("budget",),
    ),
    _e(
        "trials",
        "search.trials (manual configurations)",
        """
        With `method: manual`, the explicit list of configurations to run — each a mapping of
        dotted paths to values. Manual search is fine for a handful of informed guesses; use
        random or Bayesian search once more than two hyperparameters matter.
        """,
        ("Bergstra12",),
        contexts=("search",),
    ),
    _e(
        "parallel",
        "budget.parallel (concurrent trials)",
        """
        Trials running at the same time. Random search parallelizes perfectly; Bayesian search
        learns only from *finished* trials, so high parallelism makes it closer to random
        (SageMaker: one job at a time gives the best result for the least compute).
        """,
        ("sm-best", "azure-tune"),
        aliases=("max_concurrent", "concurrency", "max_parallel"),
    ),
    _e(
        "timeout",
        "Search timeout",
        """
        Wall-clock limit for the whole search (or, as `trial_timeout`, for one trial). Trials
        still running when it expires are stopped, so the number of completed trials may fall
        short of the trial budget.
        """,
        ("azure-sweep", "Akiba19"),
        aliases=("trial_timeout", "time_budget", "max_runtime"),
    ),
    _e(
        "space",
        "search.space (search space)",
        """
        Maps each searched setting (a dotted path into this file) to a distribution:
        `uniform`, `loguniform` (real-valued bounds), `int`, `quniform`, `normal` or `choice`.
        Use log scales for learning rates and regularization strengths, keep the number of
        dimensions small, and do not also fix a searched path elsewhere (HP610).
        """,
        ("Bergstra12", "sm-best", "Playbook23"),
        aliases=("search_space",),
    ),
    _e(
        "resource",
        "search.resource (Hyperband budget)",
        """
        The training resource Hyperband allocates across trials: a parameter such as
        `training.epochs` or the boosting rounds, with `min` and `max`. Many configurations get
        `min`, the best are promoted to more. The resource must not itself be searched.
        """,
        ("Li18", "sm-api", "katib"),
        aliases=("resource_name",),
    ),
    _e(
        "eta",
        "eta (Hyperband reduction factor)",
        """
        At each successive-halving rung only the best 1/eta of the trials continue, with eta
        times more resource (default 3). Larger eta prunes more aggressively.
        """,
        ("Li18", "wandb-sweep"),
        contexts=("early_terminate", "hyperband", "resource"),
    ),
    _e(
        "dist",
        "Distribution",
        """
        How a searched value is sampled. The same word means different things in different
        tools — W&B `log_uniform` and Azure `loguniform` take **exponents**, while Katib
        `logUniform`, Optuna `log=True` and hplint `loguniform` take **real values**. Hover the
        distribution name for its exact meaning in this file's format.
        """,
        ("wandb-sweep", "azure-sweep", "katib", "optuna-float"),
        aliases=("distribution",),
    ),
    _e(
        "low",
        "Range bounds (low/high, min/max)",
        """
        Lower and upper bound of a searched range. What they mean depends on the distribution:
        **exponents** for W&B `log_uniform` and Azure `loguniform`, real values elsewhere;
        **strings** in SageMaker and Katib; Hydra `range()` excludes `stop`, Optuna's `high` is
        inclusive, Azure `randint` excludes `upper`. Log scales need low > 0.
        """,
        ("wandb-sweep", "azure-sweep", "optuna-float", "hydra-grammar"),
        aliases=("high", "min", "max", "min_value", "max_value", "lower", "upper"),
    ),
    _e(
        "q",
        "q / step (quantization)",
        """
        Rounds sampled values to multiples of this step (W&B/Azure `q`: round(x / q)·q).
        Optuna does not allow `step` together with `log=True`; Katib needs `step` for doubles
        under grid search.
        """,
        ("wandb-sweep", "optuna-float", "katib"),
        aliases=("step",),
    ),
    _e(
        "values",
        "values (categorical choices)",
        """
        Explicit list of candidate values, sampled uniformly (or enumerated by grid search).
        Grid search can only enumerate discrete lists, so give `values` for every parameter of
        a grid.
        """,
        ("wandb-sweep", "sm-ranges"),
        aliases=("choices", "choice", "list"),
    ),
    # ============================================================ W&B
    _e(
        "parameters",
        "parameters (W&B search space)",
        """
        One entry per hyperparameter passed to the program: `value` (constant), `values`
        (categorical), or `distribution` + bounds. Without an explicit `distribution`, W&B infers
        `int_uniform` when both `min` and `max` are integers (so `{min: 0, max: 1}` samples only
        0 or 1) and `uniform` otherwise. Nested `parameters` build nested configs.
        """,
        ("wandb-sweep",),
        contexts=("wandb",),
    ),
    _e(
        "early_terminate",
        "early_terminate (W&B Hyperband)",
        """
        Stops poorly performing runs early: `type: hyperband` with `min_iter` (or `max_iter`
        and `s`), `eta` (default 3) and `strict`. Runs are compared at brackets of logged
        iterations of the sweep `metric`, so the program must log it repeatedly.
        """,
        ("wandb-sweep", "Li18"),
    ),
    _e(
        "run_cap",
        "run_cap (W&B)",
        """
        Maximum number of runs in the sweep. `random` and `bayes` sweeps otherwise keep
        launching runs until stopped by hand.
        """,
        ("wandb-sweep",),
    ),
    _e(
        "program",
        "program / command (W&B)",
        """
        The training script the agent launches for each run and, optionally, the exact command
        line (macros such as `${program}` and `${args}` insert the sampled parameters).
        """,
        ("wandb-sweep",),
        aliases=("command",),
    ),
    # ============================================================ SageMaker
    _e(
        "Strategy",
        "Strategy (SageMaker)",
        """
        `Bayesian`, `Random`, `Hyperband` or `Grid` (exact CamelCase). Grid supports only
        categorical ranges; Hyperband needs `TrainingJobEarlyStoppingType: Off` and a
        resource (`HyperbandStrategyConfig` or an epochs static hyperparameter).
        """,
        ("sm-api", "sm-ranges", "Bergstra12"),
    ),
    _e(
        "ScalingType",
        "ScalingType (SageMaker)",
        """
        How a numeric range is searched: `Linear`, `Logarithmic` (values > 0; for ranges
        spanning orders of magnitude), `ReverseLogarithmic` (continuous ranges within [0, 1);
        dense near 1, e.g. momentum) or `Auto`. Linear is appropriate only within about one
        order of magnitude.
        """,
        ("sm-ranges", "sm-best"),
    ),
    _e(
        "ResourceLimits",
        "ResourceLimits (SageMaker)",
        """
        The tuning budget: `MaxNumberOfTrainingJobs` (total trials), `MaxParallelTrainingJobs`
        (concurrent trials, required) and optionally `MaxRuntimeInSeconds`.
        """,
        ("sm-api", "sm-best"),
    ),
    _e(
        "MaxParallelTrainingJobs",
        "MaxParallelTrainingJobs (SageMaker)",
        """
        Training jobs that run concurrently. Bayesian tuning learns only from completed jobs;
        AWS notes that running one job at a time gives the best result for the least compute.
        Must not exceed `MaxNumberOfTrainingJobs`.
        """,
        ("sm-best", "sm-api"),
    ),
    _e(
        "MaxNumberOfTrainingJobs",
        "MaxNumberOfTrainingJobs (SageMaker)",
        """
        Total training jobs the tuning job may launch (the trial budget). For Grid it should
        equal the number of category combinations.
        """,
        ("sm-api", "sm-ranges"),
    ),
    _e(
        "TrainingJobEarlyStoppingType",
        "TrainingJobEarlyStoppingType (SageMaker)",
        """
        `Off` or `Auto` (enum case as written). `Auto` stops training jobs whose objective
        metric is unlikely to beat the best so far; the algorithm must emit the metric every
        epoch. Must be `Off` with the Hyperband strategy, which stops jobs itself.
        """,
        ("sm-api", "sm-ranges"),
    ),
    _e(
        "ParameterRanges",
        "ParameterRanges (SageMaker)",
        """
        The search space: `IntegerParameterRanges`, `ContinuousParameterRanges` (each with
        `Name`, `MinValue`, `MaxValue`, `ScalingType`) and `CategoricalParameterRanges`
        (`Values`). All bounds and values are **strings**.
        """,
        ("sm-ranges", "sm-api"),
        aliases=(
            "IntegerParameterRanges",
            "ContinuousParameterRanges",
            "CategoricalParameterRanges",
        ),
    ),
    _e(
        "MinValue",
        "MinValue / MaxValue (SageMaker)",
        """
        Inclusive bounds of an Integer or Continuous range, written as **strings**
        (`"0.0001"`). With `Logarithmic` scaling both must be > 0.
        """,
        ("sm-ranges",),
        aliases=("MaxValue",),
    ),
    _e(
        "StaticHyperParameters",
        "StaticHyperParameters (SageMaker)",
        """
        Hyperparameters fixed for every training job (string → string). A name that is both
        static and in a tuned range is ambiguous; tune it or fix it, not both.
        """,
        ("sm-api", "sm-xgb"),
    ),
    _e(
        "HyperbandStrategyConfig",
        "HyperbandStrategyConfig (SageMaker)",
        """
        `MinResource` and `MaxResource`: the smallest and largest number of epochs (resource)
        Hyperband gives a training job. Only valid with `Strategy: Hyperband`.
        """,
        ("sm-api", "Li18"),
        aliases=("StrategyConfig", "MinResource", "MaxResource"),
    ),
    # ============================================================ Katib
    _e(
        "algorithmName",
        "algorithm.algorithmName (Katib)",
        """
        Search algorithm: `random`, `grid`, `tpe`, `multivariate-tpe`, `bayesianoptimization`
        (scikit-optimize), `hyperband`, `cmaes`, `sobol`, `pbt`, … (whatever the cluster's
        katib-config provides). `grid` needs `step` for doubles; `hyperband` needs `r_l` and
        `resource_name` settings.
        """,
        ("katib", "Bergstra12", "Li18"),
    ),
    _e(
        "algorithmSettings",
        "algorithmSettings (Katib)",
        """
        Name/value pairs (values are strings) tuning the algorithm itself, e.g. `random_state`,
        `n_startup_trials` (TPE), `base_estimator`/`acq_func` (Bayesian optimization).
        """,
        ("katib",),
    ),
    _e(
        "parallelTrialCount",
        "parallelTrialCount (Katib)",
        """
        Trials running concurrently (default 3); must not exceed `maxTrialCount`. Bayesian
        algorithms learn only from completed trials, so high parallelism makes them closer to
        random search.
        """,
        ("katib", "sm-best"),
    ),
    _e(
        "maxTrialCount",
        "maxTrialCount (Katib)",
        """
        Maximum number of trials (the budget); must be > 0. For grid search it must not exceed
        the number of combinations.
        """,
        ("katib",),
        aliases=("maxFailedTrialCount",),
    ),
    _e(
        "feasibleSpace",
        "feasibleSpace (Katib)",
        """
        Range of one parameter: `min`/`max` (and `step`) for `int`/`double`, `list` for
        `discrete`/`categorical`, optional `distribution` (`uniform`, `logUniform`, `normal`,
        `logNormal`). All values are **strings**; `logUniform` bounds are real values > 0.
        """,
        ("katib", "katib-hyperopt"),
    ),
    _e(
        "parameterType",
        "parameterType (Katib)",
        """
        `double`, `int` (need min/max), `discrete` (numeric list) or `categorical` (string list).
        """,
        ("katib",),
    ),
    _e(
        "parameters",
        "spec.parameters (Katib)",
        """
        List of searched parameters, each with `name`, `parameterType` and `feasibleSpace`.
        They reach the trial through `trialTemplate.trialParameters` references.
        """,
        ("katib",),
        contexts=("katib",),
    ),
    _e(
        "earlyStopping",
        "earlyStopping (Katib)",
        """
        Early-stopping algorithm for trials (`medianstop`): a trial is stopped when its metric
        is worse than the median of completed trials at the same step.
        """,
        ("katib",),
    ),
    # ============================================================ Azure ML
    _e(
        "sampling_algorithm",
        "sampling_algorithm (Azure ML)",
        """
        `random`, `grid` or `bayesian`. Grid supports only `choice`; Bayesian supports only
        `choice`, `uniform` and `quniform`, no early termination, and wants ≥ 20 × the number of
        hyperparameters in trials.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    _e(
        "early_termination",
        "early_termination (Azure ML)",
        """
        Policy that cancels poorly performing trials: `bandit` (`slack_factor` or
        `slack_amount`), `median_stopping`, or `truncation_selection`
        (`truncation_percentage`), evaluated every `evaluation_interval` after
        `delay_evaluation`. Not supported with Bayesian sampling.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    _e(
        "limits",
        "limits (Azure ML)",
        """
        `max_total_trials`, `max_concurrent_trials` (defaults to the total), `timeout` for the
        whole sweep and `trial_timeout` per trial.
        """,
        ("azure-sweep",),
    ),
    _e(
        "max_total_trials",
        "max_total_trials (Azure ML)",
        """
        Trial budget of the sweep. For Bayesian sampling Azure recommends at least 20 × the
        number of tuned hyperparameters.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    _e(
        "max_concurrent_trials",
        "max_concurrent_trials (Azure ML)",
        """
        Trials running at once (default: all). Lower concurrency lets Bayesian sampling learn
        from more completed trials.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    # ============================================================ Hydra / Optuna
    _e(
        "n_trials",
        "n_trials (Hydra Optuna sweeper)",
        """
        Total trials of the Optuna study (default 20). TPE's first 10 are random, so small
        budgets are effectively random search.
        """,
        ("hydra-optuna", "optuna-tpe"),
    ),
    _e(
        "n_jobs",
        "n_jobs (Hydra Optuna sweeper)",
        """
        Trials launched per batch (default 2). The sampler sees a batch's results only when the
        batch finishes, so large values make TPE closer to random search.
        """,
        ("hydra-optuna", "optuna-tpe"),
        contexts=("sweeper", "hydra"),
    ),
    _e(
        "n_jobs",
        "n_jobs (CPU parallelism)",
        """
        Number of parallel worker processes/threads (−1 = all cores). Affects speed only, not
        the model — do not tune it.
        """,
        ("skl-rf",),
    ),
    _e(
        "sampler",
        "sampler (Optuna)",
        """
        Algorithm proposing the next trial: `tpe` (default), `random`, `cmaes`, `nsgaii`
        (multi-objective), `grid` (discrete choices only), `gp`, `qmc`. Set a `seed` for
        reproducible studies.
        """,
        ("hydra-optuna", "optuna-tpe", "Akiba19"),
    ),
    _e(
        "params",
        "hydra.sweeper.params (search space)",
        """
        Search space as override expressions: `choice(...)`, `range(...)`, `interval(a, b)`,
        `int(interval(...))`, `tag(log, interval(...))`. `interval` is linear unless tagged
        `log`; a `range` stop is exclusive in Hydra but inclusive once Optuna samples it.
        """,
        ("hydra-optuna", "hydra-grammar"),
        contexts=("sweeper",),
    ),
    _e(
        "storage",
        "storage / study_name (Optuna)",
        """
        Database URL (e.g. `sqlite:///study.db`) and study name under which trials are
        recorded, allowing resumption and parallel workers; null keeps the study in memory.
        """,
        ("hydra-optuna", "Akiba19"),
        aliases=("study_name",),
    ),
)


# Lookup ------------------------------------------------------------------------------------
def _norm(name: str) -> str:
    """The index spelling: CLI-style `--learning-rate` finds `learning_rate`."""
    return name.strip().lstrip("-").lower().replace("-", "_")


def _build_index(entries: Sequence[Explanation]) -> Mapping[str, tuple[Explanation, ...]]:
    index: dict[str, list[Explanation]] = {}
    for entry in entries:
        for name in (entry.key, *entry.aliases):
            bucket = index.setdefault(_norm(name), [])
            if entry not in bucket:
                bucket.append(entry)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


_INDEX = _build_index(ENTRIES)
_BY_KEY = {e.key: e for e in ENTRIES if not e.contexts}
_GENERIC_HP = _BY_KEY["hyperparameter"]
_LEARNED = _BY_KEY["coef_"]

# Library ids (incl. hplint format ids) → names used in contexts.
_LIBRARY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "wandb_sweep": ("wandb",),
    "sagemaker_tuning": ("sagemaker",),
    "katib_experiment": ("katib",),
    "azureml_sweep": ("azureml", "azure"),
    "hydra_optuna": ("hydra", "optuna"),
    "lgbm": ("lightgbm",),
    "xgb": ("xgboost",),
    "scikit_learn": ("sklearn",),
}
_CLASS_PREFIX_LIBRARY = (("lgbm", "lightgbm"), ("xgb", "xgboost"), ("catboost", "catboost"))
_PARAM_CONTAINERS = frozenset(
    {"params", "hyperparameters", "statichyperparameters", "init_args", "kwargs"}
)


def _libraries(library: str | None, estimator: str | None) -> frozenset[str]:
    libs: set[str] = set()
    if library:
        lib = _norm(library)
        libs.add(lib)
        libs.update(_LIBRARY_ALIASES.get(lib, ()))
    if estimator:
        est = _norm(estimator)
        if "." in est:
            libs.add(est.split(".", 1)[0])
        simple = est.rsplit(".", 1)[-1]
        libs.update(lib for prefix, lib in _CLASS_PREFIX_LIBRARY if simple.startswith(prefix))
    return frozenset(libs)


def _glob(name: str, pattern: str) -> bool:
    """``fnmatchcase`` for patterns whose only wildcard is ``*`` (cheaper to import)."""
    if "*" not in pattern:
        return name == pattern
    first, *middle, last = pattern.split("*")
    if not name.startswith(first) or len(name) < len(first) + len(last):
        return False
    pos = len(first)
    end = len(name) - len(last)
    for part in middle:
        found = name.find(part, pos, end)
        if found < 0:
            return False
        pos = found + len(part)
    return name.endswith(last)


def _score(
    entry: Explanation,
    estimators: tuple[str, ...],
    libraries: frozenset[str],
    parents: tuple[str, ...],
) -> int | None:
    """Specificity of ``entry`` here: None = not applicable, 0 = generic, higher = closer."""
    if not entry.contexts:
        return 0
    best: int | None = None
    for context in entry.contexts:
        ctx = context.lower()
        score: int | None = None
        if any(_glob(name, ctx) for name in estimators):
            score = 3000
        elif ctx in libraries:
            score = 2000
        else:
            for depth, segment in enumerate(parents):
                if _glob(segment, ctx):
                    score = 1000 + depth
        if score is not None and (best is None or score > best):
            best = score
    return best


def _resolve(
    key: str,
    parents: tuple[str, ...],
    estimators: tuple[str, ...],
    libraries: frozenset[str],
) -> Explanation | None:
    candidates = _INDEX.get(key)
    if not candidates:
        return None
    best: Explanation | None = None
    best_score = -1
    for entry in candidates:
        score = _score(entry, estimators, libraries, parents)
        if score is not None and score > best_score:
            best, best_score = entry, score
    # No applicable entry: fall back to the first (most common) meaning of the name.
    return best if best is not None else candidates[0]


def explain_key(
    key: str,
    *,
    path: Sequence[str | int] = (),
    estimator: str | None = None,
    library: str | None = None,
) -> Explanation | None:
    """The most specific explanation of ``key``, or None if the knowledge base has nothing.

    ``path`` is the location of the key in the document (it may or may not end with the key
    itself); ``estimator`` is the class the key configures (``sklearn.linear_model.Lasso``,
    ``LGBMClassifier`` …); ``library`` an HPO/ML library or hplint format id (``wandb-sweep``).
    Dotted keys (``model.estimator.params.alpha`` in a search space) resolve by their last
    segment, with the leading segments used as path context. Unknown keys under an estimator's
    parameters get the generic "hyperparameter" explanation; keys with a single trailing
    underscore the "learned parameter" one.
    """
    name = _norm(key)
    segments = [_norm(s) for s in path if isinstance(s, str)]
    if segments and segments[-1] == name:
        segments.pop()
    if name not in _INDEX and "." in name:
        *prefix, name = name.split(".")
        segments.extend(prefix)
    parents = tuple(segments)
    estimators: tuple[str, ...] = ()
    if estimator:
        est = _norm(estimator)
        estimators = (est, est.rsplit(".", 1)[-1])
    libraries = _libraries(library, estimator)

    found = _resolve(name, parents, estimators, libraries)
    if found is not None:
        return found
    if name.endswith("_") and not name.endswith("__") and len(name) > 1:
        return _LEARNED
    if estimator is not None or any(seg in _PARAM_CONTAINERS for seg in parents):
        return _GENERIC_HP
    return None


def all_names() -> frozenset[str]:
    """Every (normalized) key and alias the knowledge base can explain."""
    return frozenset(_INDEX)
