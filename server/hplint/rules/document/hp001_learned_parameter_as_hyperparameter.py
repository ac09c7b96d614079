"""HP001 `learned-parameter-as-hyperparameter`, and the estimator checks made in the same pass.

One pass visits every estimator of the config — the IR's `config.estimators` (native
`model.estimator`, pipeline steps, `data.transforms`, nested `{class, params}`) and every
Hydra-style `{_target_: <class path>, ...}` mapping in the document — and reports:

- HP001: a learned attribute (`coef_`, `weights`, …) written as a hyperparameter;
- HP002: an unknown class (only when hplint can name the class you meant) or parameter;
- HP003: a parameter value the class rejects (also values included in a native search space);
- HP617: a deprecated parameter or option.

HP002/HP003 are declared in `document/hp002_unknown_key.py` and `hp003_value_out_of_domain.py`
(the schema layer reports them too); HP617 is the rule of `search/hp617_deprecated_option.py`,
which also reports XGBoost's `reg:linear` for native estimators and search spaces (with a fix):
this pass leaves that case to it.

The generated estimator data is loaded only when the config names an estimator.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterator
from functools import partial

from hplint.analysis.estimators import EstimatorSite, estimator_sites, search_target
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.formats.targets import HYDRA_KEYS
from hplint.ir import AnyFact, SearchParam, as_number, number
from hplint.knowledge.estimators import (
    EstimatorCatalog,
    EstimatorInfo,
    ParamInfo,
    ValueProblem,
    catalog,
    check_param_value,
    damerau_levenshtein,
)
from hplint.knowledge.removed import RemovedParameter, removed_parameter
from hplint.rules._edits import spell_string_like
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.text import Span

_LIBRARY_PREFIXES = ("sklearn.", "lightgbm.", "xgboost.", "torch.optim.")


# Classes that are not models (an optimizer's `bias` is not a coefficient, just a key it refuses).
_TRAINING_MACHINERY = frozenset({"optimizer", "scheduler", "trainer", "callback"})
_LEARNED_WORDS = frozenset({"weights", "bias", "coef", "coefficients", "state_dict"})


_DEPRECATED = frozenset({"deprecated"})


_BOUNDED_KINDS = frozenset({"uniform", "loguniform", "int", "quniform"})


# Keys of this rule's "clean" verdicts (`RuleContext.unless_clean`).
_SITE_CLEAN = "HP001.site-clean"


_SPACE_CLEAN = "HP001.space-clean"


def _check_site(
    ctx: RuleContext, cat: EstimatorCatalog, site: EstimatorSite
) -> Iterator[Violation]:
    info = cat.resolve(site.cls)
    if info is None:
        if site.native or site.cls.strip().startswith(_LIBRARY_PREFIXES):
            yield from _unknown_class(cat, site)
        if site.native:
            for name, fact in site.params:
                if _looks_learned_generic(name):
                    yield _learned(ctx, site, name, fact, site.cls.rsplit(".", 1)[-1])
        return
    for name, fact in site.params:
        if _is_special(name):
            continue
        param = info.param(name)
        if param is None:
            if _looks_learned(name) and not _TRAINING_MACHINERY.intersection(info.kinds):
                yield _learned(ctx, site, name, fact, info.name)
            elif "__" not in name:  # `step__param` paths belong to set_params, not __init__
                yield _unknown_param(ctx, site, info, name, fact)
            continue
        yield from _check_value(info, param, fact, native=site.native)


def _unknown_class(cat: EstimatorCatalog, site: EstimatorSite) -> Iterator[Violation]:
    suggestion = confident_class_suggestion(cat, site.cls)
    if suggestion is None:
        return
    message = f"Unknown estimator class `{site.cls.strip()}`; did you mean `{suggestion}`?"
    fix = _replace_fix(site.cls_node, suggestion, f"Replace with `{suggestion}`")
    yield Violation(site.cls_node, message, fix=fix, code="HP002")


def confident_class_suggestion(cat: EstimatorCatalog, name: str) -> str | None:
    """A did-you-mean for a class name that clearly means a known class, else None.

    Only names that look like scikit-learn/LightGBM/XGBoost classes are judged: a dotted path
    under `sklearn.`, `lightgbm.` or `xgboost.`, or a bare CamelCase name one edit away from a
    known class (two for long names). Classes hplint has no data for (CV splitters, kernels,
    experimental estimators) are never reported when no close class exists.
    """
    name = name.strip()
    prefixed = name.startswith(_LIBRARY_PREFIXES)
    if "." in name and not prefixed:
        return None
    short = name.rsplit(".", 1)[-1]
    if not short[:1].isupper():
        return None
    suggestion = cat.suggest(name)
    if suggestion is None:
        return None
    suggested_short = suggestion.rsplit(".", 1)[-1]
    if suggested_short == short:
        return suggestion if prefixed else None  # a misspelt module path
    distance = damerau_levenshtein(short.lower(), suggested_short.lower())
    long_enough = 6 if prefixed else 10  # bare names need more evidence than dotted paths
    limit = 2 if len(short) >= long_enough else 1
    return suggestion if distance <= limit else None


def _unknown_param(
    ctx: RuleContext, site: EstimatorSite, info: EstimatorInfo, name: str, fact: AnyFact
) -> Violation:
    assert fact.key is not None
    removed = removed_parameter(info.library, info.name, name)
    if removed is not None:
        return _removed_param(ctx, site, info, removed, fact)
    suggestion = info.suggest_param(name)
    if suggestion is None:
        return Violation(
            fact.key, f"Unknown hyperparameter `{name}` for {info.name}.", code="HP002"
        )
    message = f"Unknown hyperparameter `{name}` for {info.name}; did you mean `{suggestion}`?"
    taken = any(other == suggestion for other, _ in site.params)
    fix = None if taken else _replace_fix(fact.key, suggestion, f"Rename to `{suggestion}`")
    return Violation(fact.key, message, fix=fix, code="HP002")


def _removed_param(
    ctx: RuleContext,
    site: EstimatorSite,
    info: EstimatorInfo,
    removed: RemovedParameter,
    fact: AnyFact,
) -> Violation:
    assert fact.key is not None
    message = (
        f"`{removed.parameter}` was removed from {info.name} in {info.library_name} "
        f"{removed.removed} "
        f"(deprecated in {removed.deprecated}); {removed.instead}."
    )
    fix = None
    taken = {other for other, _ in site.params}
    if removed.rename is not None and removed.rename not in taken:
        rename = f"Rename to `{removed.rename}`"
        fix = _replace_fix(fact.key, removed.rename, rename, Applicability.SAFE)
    elif removed.has_old_default and fact.value == removed.old_default:
        deleted = _delete_entry_fix(ctx.document.text, site.container, fact)
        if deleted is not None:
            fix = Fix(
                f"Delete `{removed.parameter}` (it holds the old default)",
                deleted.edits,
                Applicability.SAFE,
            )
    return Violation(fact.key, message, fix=fix, code="HP002")


def _learned(
    ctx: RuleContext, site: EstimatorSite, name: str, fact: AnyFact, cls: str
) -> Violation:
    assert fact.key is not None
    message = (
        f"`{name}` is a learned parameter (estimated during fit), not a hyperparameter; "
        f"it cannot be set here ({cls})."
    )
    fix = _delete_entry_fix(ctx.document.text, site.container, fact)
    return Violation(fact.key, message, fix=fix)


def _check_value(
    info: EstimatorInfo, param: ParamInfo, fact: AnyFact, *, native: bool
) -> Iterator[Violation]:
    assert fact.key is not None
    value = fact.value
    if param.deprecated and not _is_default(param, value):
        yield Violation(
            fact.key,
            f"`{param.name}` of {info.name} is deprecated (as of {info.library_label}) and will "
            "be removed; check the class documentation for its replacement.",
            tags=_DEPRECATED,
            code="HP617",
        )
    if _unresolved(value) or (native and _reg_linear(info, param, value)):
        return
    problem = check_param_value(info, param, value)
    if problem is not None:
        yield _value_violation(fact.node, problem, "")


def _value_violation(node: Node, problem: ValueProblem, prefix: str) -> Violation:
    if problem.deprecated:
        return Violation(node, prefix + problem.message, tags=_DEPRECATED, code="HP617")
    fix = None
    suggestion = problem.suggestion
    resolved = node.resolve()
    if (
        isinstance(suggestion, str)
        and isinstance(resolved, ScalarNode)
        and resolved is node
        and isinstance(resolved.value, str)
    ):
        safe = suggestion.lower() == resolved.value.lower()
        fix = _replace_fix(
            node,
            suggestion,
            f"Replace with `{suggestion}`",
            Applicability.SAFE if safe else Applicability.UNSAFE,
        )
    return Violation(node, prefix + problem.message, fix=fix, code="HP003")


def _check_space(ctx: RuleContext, cat: EstimatorCatalog) -> Iterator[Violation]:
    for searched in ctx.config.search.space:
        target = search_target(ctx.config, searched.path)
        if target is None:
            continue
        site, name = target
        # The verdict reads the searched values and the target's class and parameter.
        yield from ctx.unless_clean(
            searched.node,
            (_SPACE_CLEAN, site.cls, name),
            partial(_check_searched, cat, site, name, searched),
        )


def _check_searched(
    cat: EstimatorCatalog, site: EstimatorSite, name: str, searched: SearchParam
) -> Iterator[Violation]:
    info = cat.resolve(site.cls)
    param = info.param(name) if info is not None else None
    if info is None or param is None:
        return  # unknown paths are HP609's
    if param.deprecated and searched.key is not None:
        yield Violation(
            searched.key,
            f"`{param.name}` of {info.name} is deprecated (as of {info.library_label}); "
            "searching it will stop working when it is removed.",
            tags=_DEPRECATED,
            code="HP617",
        )
    yield from _check_searched_values(info, param, searched)


def _check_searched_values(
    info: EstimatorInfo, param: ParamInfo, searched: SearchParam
) -> Iterator[Violation]:
    if searched.kind == "choice":
        for item in searched.values:
            if _unresolved(item.value) or _reg_linear(info, param, item.value):
                continue
            problem = check_param_value(info, param, item.value)
            if problem is not None:
                prefix = f"search space includes {_shown(item)}: "
                yield _value_violation(item.node, problem, prefix)
        return
    if searched.kind not in _BOUNDED_KINDS:
        return
    low, high = number(searched.low), number(searched.high)
    for bound, value in ((searched.low, low), (searched.high, high)):
        if bound is None or value is None or (searched.log and value <= 0):
            continue  # a log scale over non-positive values is HP604's
        candidate: float | int = (
            int(value) if searched.integer and float(value).is_integer() else float(value)
        )
        problem = check_param_value(info, param, candidate)
        if problem is None or problem.deprecated:
            continue
        if searched.continuous and low is not None and high is not None and high > low:
            # only the open end point of an interval: a continuous sampler never draws it
            nudge = (high - low) * 1e-9
            inner = value + nudge if bound is searched.low else value - nudge
            if check_param_value(info, param, inner) is None:
                continue
        yield _value_violation(bound.node, problem, f"search space includes {_shown(bound)}: ")


def _reg_linear(info: EstimatorInfo, param: ParamInfo, value: object) -> bool:
    """XGBoost's `reg:linear`, which `rules/formats.py` reports (HP617, with a fix) for native
    estimators and for search spaces; Hydra `_target_` trees are left to this pass."""
    return info.library == "xgboost" and param.name == "objective" and value == "reg:linear"


def _is_special(name: str) -> bool:
    return name in HYDRA_KEYS or (name.startswith("_") and name.endswith("_"))


def _looks_learned(name: str) -> bool:
    """`coef_`-style (one trailing underscore) or a word for learned weights."""
    return name in _LEARNED_WORDS or _trailing_underscore(name)


def _looks_learned_generic(name: str) -> bool:
    """For classes hplint does not know: only `coef_`-style names, not `lambda_` or `class_`."""
    if not _trailing_underscore(name):
        return False
    stem = name[:-1]
    return not keyword.iskeyword(stem) and stem not in ("type", "id", "min", "max", "input")


def _trailing_underscore(name: str) -> bool:
    return (
        len(name) > 1
        and name.endswith("_")
        and not name.endswith("__")
        and not name.startswith("_")
    )


def _unresolved(value: object) -> bool:
    """Interpolations (`${...}`) and OmegaConf's mandatory `???` are not values yet."""
    return isinstance(value, str) and ("${" in value or value == "???")


def _is_default(param: ParamInfo, value: object) -> bool:
    return param.has_default and type(value) is type(param.default) and value == param.default


def _shown(fact: AnyFact) -> str:
    node = fact.node.resolve()
    if isinstance(node, ScalarNode):
        return f"`{node.raw}`"
    value = as_number(fact.value)
    return f"`{value}`" if value is not None else f"`{fact.value!r}`"


def _replace_fix(
    node: Node,
    new: str,
    description: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Fix | None:
    """Replace a scalar's text with `new`, keeping its quoting style."""
    if not isinstance(node, ScalarNode):
        return None
    text = _spelled_like(node, new)
    if text is None:
        return None
    return Fix(description, (Edit(node.span, text),), applicability)


def _spelled_like(node: ScalarNode, new: str) -> str | None:
    return spell_string_like(node, new)


def _delete_entry_fix(text: str, container: MappingNode | None, fact: AnyFact) -> Fix | None:
    """Delete a block-mapping entry whose lines hold nothing else (comments aside)."""
    key = fact.key
    if container is None or container.flow or key is None:
        return None
    if sum(1 for _ in container.own_entries()) < 2:
        return None  # deleting the only entry would leave `params:` empty (null)
    start = text.rfind("\n", 0, key.span.start) + 1
    if text[start : key.span.start].strip():
        return None
    end_of_value = max(fact.node.span.end, key.span.end)
    newline = text.find("\n", end_of_value)
    end = len(text) if newline < 0 else newline + 1
    rest = text[end_of_value:end].strip()
    if rest and not rest.startswith("#"):
        return None
    return Fix(f"Delete `{_key_text(key)}`", (Edit(Span(start, end), ""),), Applicability.UNSAFE)


def _key_text(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else "the key"


@rule(
    code="HP001",
    name="learned-parameter-as-hyperparameter",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    emits=("HP002", "HP003", "HP617"),
)
def learned_parameter_as_hyperparameter(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for learned attributes — `coef_`, `intercept_`, `feature_importances_`, or `weights`,
    `bias`, `coef`, `coefficients`, `state_dict` — written among an estimator's parameters.

    The same pass validates every estimator of the config against the parameter tables generated
    from scikit-learn, LightGBM and XGBoost: unknown classes and parameters (HP002, with a
    did-you-mean), values the class rejects (HP003, also for values a native search space
    includes) and deprecated parameters or options (HP617). Estimators are found under
    `model.estimator`, `model.pipeline`, `data.transforms`, nested `{class, params}` mappings,
    and Hydra-style `{_target_: sklearn..., ...}` mappings anywhere in the file.

    ## Why is this bad?
    Parameters (coefficients, weights, split thresholds) are estimated from the data by `fit`;
    hyperparameters are chosen before training and control how that estimation happens.
    scikit-learn names estimated attributes with a trailing underscore, and its constructors do
    not accept them: `Lasso(coef_=...)` raises `TypeError`, and a value that some wrapper does
    pass on is overwritten by the first `fit`. A name the class does define wins, so
    `KNeighborsClassifier`'s `weights` is a valid hyperparameter. For a class hplint does not
    know only the trailing-underscore form is reported.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 0.1
          coef_: null
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 0.1
    ```

    ## Fix safety
    Deleting the line is offered as an unsafe fix (when the key sits on lines of its own): if
    you meant to start from known coefficients, use the library's warm-start mechanism instead.
    Renames of unknown parameters (HP002) and replacements of misspelt options (HP003) are
    unsafe too, except for a pure case slip (`Random` → `random`), which is safe.

    ## References
    - [skl-dev-attributes]
    - [sm-xgb]
    - [skl-dev-validation]
    """
    sites = estimator_sites(ctx.config)
    if not sites:
        return
    cat = catalog()
    for site in sites:
        yield from ctx.unless_clean(
            site.mapping, (_SITE_CLEAN, site.native), partial(_check_site, ctx, cat, site)
        )
    yield from _check_space(ctx, cat)
