"""Every rule code hplint has, or has reserved: the one table behind the registry, `hplint rules`
and the generated docs.

Codes are permanent: never renumbered, never reused. A name is kebab-case and names the problem.
A code's rule lives in `rules/<group>/hp<NNN>_<name with underscores>.py`; a `planned` code has a
name and a place but no file yet. `first_release` marks the codes the first release promised.
The notes on anchors, derived facts and thresholds that apply across rules are in
docs/rules/conventions.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Status = Literal["stable", "planned"]
STABLE: Status = "stable"
PLANNED: Status = "planned"

FIRST = True  # `first_release`, in the table below

# Selection groups (`select`, `ignore`, `extend-select`): `default` is what runs when nothing is
# selected; `heuristic` is every rule whose finding is a rule of thumb that published practice
# does not always follow (opt-in, like ruff's rules outside its default set).
DEFAULT_GROUP: Final = "default"
HEURISTIC_GROUP: Final = "heuristic"

GROUPS = (
    "document",
    "training",
    "linear",
    "validation",
    "trees",
    "networks",
    "search",
    "frameworks",
)


@dataclass(frozen=True, slots=True)
class Code:
    """One row of the code table: a rule code, its kebab-case name, group, status and version."""

    code: str
    name: str
    group: str
    status: Status
    since: str | None  # the version that first shipped the rule; None while planned
    first_release: bool = False

    @property
    def heuristic(self) -> bool:
        """Opt-in: not in the default selection (see `HEURISTICS` for why)."""
        return self.code in HEURISTICS

    @property
    def module(self) -> str:
        """The module that holds the rule."""
        return f"hplint.rules.{self.group}.hp{self.code[2:]}_{self.name.replace('-', '_')}"

    @property
    def path(self) -> str:
        """The rule's source file, relative to the repository root."""
        return "server/" + self.module.replace(".", "/") + ".py"


CODES: tuple[Code, ...] = (
    Code("HP000", "parse-error", "document", STABLE, "0.1.0", FIRST),
    Code("HP001", "learned-parameter-as-hyperparameter", "document", STABLE, "0.1.0"),
    Code("HP002", "unknown-key", "document", STABLE, "0.1.0", FIRST),
    Code("HP003", "value-out-of-domain", "document", STABLE, "0.1.0", FIRST),
    Code("HP004", "declared-data-metadata-mismatch", "document", PLANNED, None),
    Code("HP005", "data-dependent-checks-skipped", "document", STABLE, "0.1.0"),
    Code("HP006", "missing-required-key", "document", STABLE, "0.1.0", FIRST),
    Code("HP007", "duplicate-key", "document", STABLE, "0.1.0", FIRST),
    Code("HP008", "yaml11-float-read-as-string", "document", STABLE, "0.1.0", FIRST),
    Code("HP009", "yaml11-boolean-word", "document", STABLE, "0.1.0"),
    Code("HP010", "unsafe-or-unknown-tag", "document", STABLE, "0.1.0"),
    Code("HP011", "unknown-suppression-code", "document", STABLE, "0.1.0"),
    Code("HP101", "learning-rate-too-large", "training", STABLE, "0.1.0", FIRST),
    Code("HP102", "learning-rate-too-small", "training", STABLE, "0.1.0", FIRST),
    Code("HP103", "lr-not-scaled-with-batch-size", "training", STABLE, "0.1.0", FIRST),
    Code("HP104", "batch-size-changed-lr-unchanged", "training", STABLE, "0.1.0"),
    Code("HP105", "scaled-lr-without-warmup", "training", STABLE, "0.1.0"),
    Code("HP106", "batch-beyond-linear-scaling-regime", "training", STABLE, "0.1.0"),
    Code("HP107", "batch-larger-than-training-set", "training", STABLE, "0.1.0"),
    Code("HP108", "batch-large-fraction-of-training-set", "training", STABLE, "0.1.0"),
    Code("HP109", "adam-with-coupled-weight-decay", "training", STABLE, "0.1.0"),
    Code("HP110", "schedule-longer-than-training", "training", STABLE, "0.1.0"),
    Code("HP201", "zero-regularization-penalty", "linear", STABLE, "0.1.0", FIRST),
    Code("HP202", "scale-sensitive-model-without-scaler", "linear", STABLE, "0.1.0", FIRST),
    Code("HP203", "lasso-alpha-zeroes-all-coefficients", "linear", PLANNED, None),
    Code("HP204", "ridge-alpha-overshrinks", "linear", STABLE, "0.1.0"),
    Code("HP205", "elasticnet-l1-ratio-degenerate", "linear", STABLE, "0.1.0"),
    Code("HP206", "features-exceed-samples", "linear", STABLE, "0.1.0", FIRST),
    Code("HP207", "unpenalized-too-few-samples-per-feature", "linear", STABLE, "0.1.0"),
    Code("HP208", "logistic-penalty-solver-incompatible", "linear", STABLE, "0.1.0"),
    Code("HP301", "infeasible-fold-count", "validation", STABLE, "0.1.0"),
    Code("HP302", "fold-count-outside-5-10", "validation", STABLE, "0.1.0", FIRST),
    Code("HP303", "early-stopping-without-validation-data", "validation", STABLE, "0.1.0", FIRST),
    Code("HP304", "early-stopping-monitors-training-metric", "validation", STABLE, "0.1.0", FIRST),
    Code("HP305", "patience-exceeds-training-length", "validation", STABLE, "0.1.0"),
    Code("HP306", "early-stopping-keeps-last-weights", "validation", STABLE, "0.1.0"),
    Code("HP307", "test-data-used-for-training-decisions", "validation", STABLE, "0.1.0", FIRST),
    Code("HP308", "early-stopping-on-scoring-fold", "validation", STABLE, "0.1.0"),
    Code("HP309", "preprocessing-fitted-outside-cv", "validation", STABLE, "0.1.0"),
    Code("HP310", "shuffled-split-on-time-series", "validation", STABLE, "0.1.0"),
    Code("HP311", "group-leakage-across-folds", "validation", STABLE, "0.1.0"),
    Code("HP312", "unstratified-classification-cv", "validation", STABLE, "0.1.0"),
    Code("HP313", "validation-set-too-small", "validation", STABLE, "0.1.0"),
    Code("HP314", "plateau-patience-not-below-early-stopping", "validation", STABLE, "0.1.0"),
    Code("HP315", "stratified-split-on-regression-target", "validation", STABLE, "0.1.0"),
    Code("HP316", "accuracy-objective-on-imbalanced-classes", "validation", STABLE, "0.1.0"),
    Code("HP401", "num-leaves-exceeds-depth-capacity", "trees", STABLE, "0.1.0", FIRST),
    Code("HP402", "num-leaves-not-below-depth-capacity", "trees", STABLE, "0.1.0"),
    Code("HP403", "bagging-fraction-without-frequency", "trees", STABLE, "0.1.0"),
    Code("HP404", "too-few-boosting-rounds-for-learning-rate", "trees", STABLE, "0.1.0"),
    Code("HP405", "xgboost-subsample-below-half", "trees", STABLE, "0.1.0"),
    Code("HP406", "tree-capacity-exceeds-data", "trees", STABLE, "0.1.0"),
    Code("HP407", "n-estimators-should-not-be-tuned", "trees", STABLE, "0.1.0"),
    Code("HP501", "dropout-rate-above-recommended", "networks", STABLE, "0.1.0", FIRST),
    Code("HP502", "dropout-active-at-inference", "networks", STABLE, "0.1.0"),
    Code("HP503", "training-data-not-shuffled", "networks", STABLE, "0.1.0", FIRST),
    Code("HP504", "saturating-activations-in-deep-net", "networks", STABLE, "0.1.0"),
    Code("HP505", "output-layer-loss-mismatch", "networks", STABLE, "0.1.0"),
    Code("HP506", "batchnorm-with-tiny-batch", "networks", STABLE, "0.1.0"),
    Code("HP601", "grid-search-in-many-dimensions", "search", STABLE, "0.1.0", FIRST),
    Code("HP602", "grid-larger-than-budget", "search", STABLE, "0.1.0"),
    Code("HP603", "wide-range-sampled-linearly", "search", STABLE, "0.1.0", FIRST),
    Code("HP604", "invalid-distribution", "search", STABLE, "0.1.0", FIRST),
    Code("HP605", "log-uniform-bounds-are-exponents", "search", STABLE, "0.1.0", FIRST),
    Code("HP606", "bayesian-budget-within-random-startup", "search", STABLE, "0.1.0"),
    Code("HP607", "bayesian-search-highly-parallel", "search", STABLE, "0.1.0"),
    Code("HP608", "too-few-trials-for-dimensions", "search", STABLE, "0.1.0"),
    Code("HP609", "unknown-search-path", "search", STABLE, "0.1.0"),
    Code("HP610", "parameter-both-fixed-and-searched", "search", STABLE, "0.1.0"),
    Code("HP611", "hyperband-without-resource", "search", STABLE, "0.1.0"),
    Code("HP612", "grid-search-with-continuous-dimension", "search", STABLE, "0.1.0", FIRST),
    Code("HP613", "search-without-objective-metric", "search", STABLE, "0.1.0", FIRST),
    Code("HP614", "integer-bounds-infer-int-distribution", "search", STABLE, "0.1.0", FIRST),
    Code("HP615", "sagemaker-objective-direction", "search", STABLE, "0.1.0"),
    Code("HP616", "parallel-exceeds-total-trials", "search", STABLE, "0.1.0"),
    Code("HP617", "deprecated-option", "search", STABLE, "0.1.0"),
    Code("HP618", "bayesian-disallowed-distribution", "search", STABLE, "0.1.0"),
    Code("HP619", "integer-bound-semantics", "search", STABLE, "0.1.0"),
    Code("HP620", "batch-size-searched-with-independent-lr", "search", STABLE, "0.1.0", FIRST),
    Code("HP621", "unbounded-search-budget", "search", STABLE, "0.1.0"),
    Code("HP622", "objective-direction-contradicts-metric", "search", STABLE, "0.1.0"),
    Code("HP623", "search-objective-on-training-metric", "search", STABLE, "0.1.0"),
    Code("HP624", "random-seed-searched", "search", STABLE, "0.1.0"),
    Code("HP625", "duplicate-search-choice", "search", STABLE, "0.1.0"),
    Code("HP626", "log-tag-ignored-on-range", "search", STABLE, "0.1.0"),
    Code("HP627", "near-one-value-sampled-linearly", "search", STABLE, "0.1.0"),
    Code("HP628", "search-varies-the-objective", "search", STABLE, "0.1.0"),
    Code("HP629", "hyperband-budget-inconsistent", "search", STABLE, "0.1.0"),
    Code("HP701", "best-model-checkpoint-strategy-mismatch", "frameworks", STABLE, "0.1.0"),
    Code("HP702", "best-model-direction-contradicts-metric", "frameworks", STABLE, "0.1.0"),
    Code("HP703", "warmup-steps-and-ratio-both-set", "frameworks", STABLE, "0.1.0"),
    Code("HP704", "deepspeed-batch-triple-inconsistent", "frameworks", STABLE, "0.1.0"),
    Code("HP705", "optimizer-auto-ignores-lr", "frameworks", STABLE, "0.1.0"),
    Code("HP706", "checkpoint-and-early-stopping-disagree", "frameworks", STABLE, "0.1.0"),
    Code("HP707", "deepspeed-config-contradicts-trainer", "frameworks", STABLE, "0.1.0"),
)

# The rules that are opt-in, and why: their finding is a rule of thumb that published recipes
# often do not follow, or a fact worth knowing rather than a mistake. `select = ["heuristic"]`
# (or `extend-select`) turns them on; `docs/rules/README.md` states the principle.
HEURISTICS: Final[dict[str, str]] = {
    "HP106": "linear scaling was validated up to 8k, but LARS/LAMB are one answer among several",
    "HP108": "the sharp-minima account of large-batch generalization is contested",
    "HP109": "Adam with L2 regularization is a legitimate, if usually weaker, choice",
    "HP207": "a samples-per-feature ratio is a rule of thumb, not a property of the fit",
    "HP302": "5 or 10 folds is a convention; other counts are sometimes right",
    "HP306": "keeping the last weights can be deliberate (checkpoint averaging, schedules)",
    "HP312": "plain k-fold on balanced classes is common and mostly harmless",
    "HP402": "LightGBM's advice to stay below 2^max_depth is tuning guidance, not an error",
    "HP405": "subsample below 0.5 is unusual, and sometimes tuned there on purpose",
    "HP406": "deep trees on small data may be limited by other parameters",
    "HP407": "searching n_estimators wastes budget but is not wrong",
    "HP504": "tanh stacks are standard in some architectures (RNN cells, small MLPs)",
    "HP607": "how much parallelism costs a Bayesian search depends on the optimizer",
    "HP608": "ten trials per dimension is a rule of thumb",
    "HP619": "the effect of an inclusive bound is often intended or harmless",
    "HP621": "runs stopped by hand are a common, deliberate way to run a sweep",
}

BY_CODE: dict[str, Code] = {entry.code: entry for entry in CODES}

# The codes the core itself reports or treats specially (the parser, the schema layer, the
# engine, suppressions, fixes), by the rule's name: `tests/rules/test_registry.py` checks each
# against the table.
PARSE_ERROR: Final = "HP000"
UNKNOWN_KEY: Final = "HP002"
VALUE_OUT_OF_DOMAIN: Final = "HP003"
DATA_DEPENDENT_CHECKS_SKIPPED: Final = "HP005"
MISSING_REQUIRED_KEY: Final = "HP006"
DUPLICATE_KEY: Final = "HP007"
YAML11_FLOAT_READ_AS_STRING: Final = "HP008"
UNSAFE_OR_UNKNOWN_TAG: Final = "HP010"
UNKNOWN_SUPPRESSION_CODE: Final = "HP011"


def selector_problem(selector: str) -> str | None:
    """Why `selector` (in `select`, `ignore`, `--select`, …) selects nothing, with a did-you-mean;
    None for a valid one: `ALL`, a group (`default`, `heuristic`), a rule name, or a prefix of
    some code (`HP`, `HP1`, `HP103`)."""
    import difflib

    text = selector.strip()
    if not text:
        return "an empty selector"
    if text.upper() == "ALL" or text.lower() in (DEFAULT_GROUP, HEURISTIC_GROUP):
        return None
    names = {entry.name for entry in CODES}
    if text in names or any(entry.code.startswith(text.upper()) for entry in CODES):
        return None
    candidates = [*BY_CODE, *names, DEFAULT_GROUP, HEURISTIC_GROUP]
    guess = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    if not guess:
        guess = difflib.get_close_matches(text.upper(), list(BY_CODE), n=1, cutoff=0.6)
    hint = f"; did you mean `{guess[0]}`?" if guess else ""
    return f"`{text}` is not a rule code, prefix, rule name or group{hint}"
