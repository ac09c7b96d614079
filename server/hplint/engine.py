"""`lint()`: the one entry point that the CLI and the language server share.

The engine is synchronous and does no I/O: text in, diagnostics out. Data flows one way —
parse → detect → validate against the format's schema → adapt into the IR → run the rules →
apply suppressions and settings — so the editor and CI can never disagree.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from hplint.codes import (
    DATA_DEPENDENT_CHECKS_SKIPPED,
    PARSE_ERROR,
    UNKNOWN_KEY,
    UNKNOWN_SUPPRESSION_CODE,
    VALUE_OUT_OF_DOMAIN,
    YAML11_FLOAT_READ_AS_STRING,
)
from hplint.collector import paused_collector
from hplint.detection import (
    AZUREML,
    FORMAT_IDS,
    azureml_pipeline_sweeps,
    detect_root,
    modeline_format,
)
from hplint.diagnostics import Diagnostic, Related, Severity
from hplint.document.access import scalar_text
from hplint.document.loader import MAX_FILE_BYTES, language_for, parse_text
from hplint.document.model import Document, MappingNode, Node, ParseProblem
from hplint.document.values import ExpansionLimitError, to_python
from hplint.document.yaml_parser import patch_plain_scalar
from hplint.formats import FORMATS
from hplint.ir import Config
from hplint.knowledge.estimators import damerau_levenshtein
from hplint.rules import all_rules, get_rule, is_selected, resolve_code
from hplint.rules import schema as schema_rules
from hplint.rules.api import RelatedFiles, Rule, RuleContext, Violation
from hplint.settings import Settings
from hplint.suppress import Suppressions, parse_suppressions
from hplint.text import LineIndex, Span

if TYPE_CHECKING:  # jsonschema (≈ 0.2 s to import) is loaded by the first validation
    from jsonschema import Draft202012Validator

log = logging.getLogger(__name__)


def _key(name: str, value: str = "") -> re.Pattern[str]:
    """`name: value` as a YAML or JSON key at a line start or after `{`/`,` (quotes optional).

    Only spaces and tabs are skipped, never newlines: skipping any whitespace after `^` would
    try every line start against all the blank lines after it, quadratic in a file of them."""
    pattern = rf"(?:^|[{{,])[ \t]*[\"']?{name}[\"']?[ \t]*:"
    if value:
        pattern += rf"[ \t]*[\"']?{value}\b"
    return re.compile(pattern, re.MULTILINE)


# Each hint is a set of patterns that must all occur. Plain searches, no `.*` spanning the
# text, so a hostile file costs linear time here.
_TUNING_HINTS: Final[tuple[tuple[re.Pattern[str], ...], ...]] = (
    (_key("hplint", "1"),),
    (re.compile(r"HyperParameterTuningJobConfig"),),
    (re.compile(r"kubeflow\.org/v1beta1"), _key("kind", "Experiment")),
    (_key("type", "sweep"),),
    (re.compile(r"sweepJob\.schema\.json", re.IGNORECASE),),
    (re.compile(r"hydra/sweeper\s*:\s*optuna|OptunaSweeper"),),
    (_key("method", "(?:grid|random|bayes|custom)"), _key("parameters")),
)


MAX_DIAGNOSTICS_PER_FILE: Final = 1000
"""Most diagnostics one file reports; one more (information) says how many were left out. A
file of 16,000 duplicate keys must not make a report of gigabytes."""

MAX_SECONDS_PER_FILE: Final = 10.0
"""Time budget of one file's lint (checked before each rule)."""

_DATA_FACTS: Final = frozenset(
    {"n_samples", "n_features", "n_classes", "class_counts", "n_train", "numeric"}
)


@dataclass(frozen=True, slots=True)
class Baseline:
    """An earlier text of the same file (its last commit, in practice): HP104 compares the
    learning rate and the batch with it. `label` is how messages name it (`HEAD`)."""

    text: str
    label: str


BaselineSource = Callable[[], "Baseline | None"]
"""Reads a file's baseline when the lint needs it (`lint(baseline=...)`)."""


@dataclass(slots=True)
class LintResult:
    """One file's lint: the parsed document, its diagnostics, and per YAML document the format
    and the configs the rules read."""

    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    formats: list[str | None] = field(default_factory=list)  # per YAML document
    configs: list[Config] = field(default_factory=list)
    suppressions: Suppressions = field(default_factory=Suppressions)
    internal_errors: list[str] = field(default_factory=list)
    incremental: bool = False  # the tree was patched from the previous parse, not re-parsed
    # Per config, the same config in the baseline (None: no baseline, or not comparable).
    baselines: list[Config | None] = field(default_factory=list)
    baseline_label: str = ""

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def lines(self) -> LineIndex:
        return self.document.lines

    @property
    def format_id(self) -> str | None:
        return next((f for f in self.formats if f is not None), None)

    @property
    def is_tuning_config(self) -> bool:
        return self.format_id is not None


def looks_like_tuning_config(text: str) -> bool:
    """A textual guess for files that do not parse, where content detection cannot run."""
    return any(all(p.search(text) for p in patterns) for patterns in _TUNING_HINTS)


def lint(
    text: str,
    *,
    path: str | None = None,
    language_id: str | None = None,
    settings: Settings | None = None,
    previous: Document | None = None,
    time_budget: float = MAX_SECONDS_PER_FILE,
    related: RelatedFiles | None = None,
    baseline: Baseline | BaselineSource | None = None,
) -> LintResult:
    """Lint one file's text. `path` (as given by the user) drives settings globs only.

    `baseline`: the file's earlier text (its last commit): each config is compared with the
    config at the same place in it when both are of the same format (HP104, HP105); a baseline
    that does not parse, or is of another format, is not compared. Given as a callable, it is
    called only when some config has what a comparison needs (a learning rate and an effective
    batch, no `training.reference`): reading it costs a git call, and most configs never need it.

    `related`: how the caller reads a file the config names (a Trainer's `deepspeed:
    ds_config.json`): the name as written in the config → its text, or None. The engine does
    no I/O; without it, checks that need the other file stay silent.

    `time_budget` caps the seconds spent on one file: the caps on size, depth, values and
    aliases bound parsing and validation, and the budget is checked before each rule, so a
    pathological input stops with one HP000 instead of running on.

    `previous`: the parsed document of an earlier lint of the same file (the language server
    passes its last one). When the text differs from it by an edit inside one plain scalar, the
    tree is patched instead of re-parsed (`yaml_parser.patch_plain_scalar`); the diagnostics are
    the same either way. `previous` is consumed: its nodes are reused, so it must not be read
    afterwards.
    """
    with paused_collector():  # tens of thousands of objects made, none freed before return
        deadline = time.monotonic() + time_budget
        return _lint(text, path, language_id, settings, previous, deadline, related, baseline)


def _lint(
    text: str,
    path: str | None,
    language_id: str | None,
    settings: Settings | None,
    previous: Document | None,
    deadline: float,
    related: RelatedFiles | None,
    baseline: Baseline | BaselineSource | None,
) -> LintResult:
    settings = settings if settings is not None else Settings()
    language = language_for(path, language_id)
    document = None
    if previous is not None and language == "yaml" and len(text) <= MAX_FILE_BYTES:
        document = patch_plain_scalar(previous, text)
    incremental = document is not None
    if document is None:
        document = parse_text(text, language)
    result = LintResult(document, incremental=incremental)

    forced = modeline_format(document.comments) or settings.format_for(path)
    if forced == "none":
        result.formats = [None for _ in document.roots]
        return result
    if forced not in FORMAT_IDS:
        forced = None

    result.formats = [forced or detect_root(root.node) for root in document.roots]
    tuning_roots = [
        (root, fmt) for root, fmt in zip(document.roots, result.formats, strict=True) if fmt
    ]
    fatal = [p for p in document.problems if p.code == PARSE_ERROR]
    if not tuning_roots:
        if fatal and (forced or looks_like_tuning_config(text)):
            result.formats = [forced or "unknown"]
            result.diagnostics = _finish([_from_problem(p) for p in fatal], result, settings, path)
        return result

    raw: list[_Raw] = []
    spans = [root.span for root, _ in tuning_roots]
    for problem in document.problems:
        if problem.code == PARSE_ERROR or any(_within(problem.span, s) for s in spans):
            owner = next((f for r, f in tuning_roots if _within(problem.span, r.span)), None)
            raw.append(_read_as(_from_problem(problem), owner))
    # The baseline's configs by root, read when the first config that can use them comes.
    earlier: list[tuple[str | None, list[Config]]] | None = None
    if not callable(baseline):
        earlier = _baseline_configs(baseline, language, forced) if baseline is not None else []
        result.baseline_label = baseline.label if baseline is not None else ""
    for index, (yaml_root, format_id) in enumerate(tuning_roots):
        node = yaml_root.node
        if node is None:
            continue
        if time.monotonic() > deadline:  # also between documents: a stream may hold thousands
            raw.append(_over_budget(f"documents from line {_line_of(text, node)} on", node.span))
            break
        raw.extend(_validate(node, format_id))
        # An Azure ML pipeline may hold several sweeps: each is its own config.
        configs = FORMATS[format_id].configs(node)
        if earlier is None and callable(baseline):
            from hplint.analysis.training import may_compare_with_baseline

            if any(may_compare_with_baseline(config) for config in configs):
                loaded = baseline()
                earlier = _baseline_configs(loaded, language, forced) if loaded else []
                result.baseline_label = loaded.label if loaded is not None else ""
        before = earlier[index] if earlier and index < len(earlier) else (None, [])
        comparable = before[0] == format_id and len(before[1]) == len(configs)
        stopped = False
        for position, config in enumerate(configs):
            then = before[1][position] if comparable else None
            result.configs.append(config)
            result.baselines.append(then)
            found, stopped = _run_rules(
                config,
                document,
                config.root,
                format_id,
                settings,
                result,
                deadline,
                related,
                (then, result.baseline_label),
            )
            raw.extend(found)
            if stopped:
                break
        if stopped:
            break
    result.diagnostics = _finish(raw, result, settings, path)
    return result


@functools.lru_cache(maxsize=32)
def _baseline_configs(
    baseline: Baseline, language: str, forced: str | None
) -> list[tuple[str | None, list[Config]]]:
    """(format, configs) of each tuning document of the baseline, by position among them; none
    when it does not parse. Cached: the language server compares every keystroke's text with
    the same baseline, and a baseline's configs are only read."""
    document = parse_text(baseline.text, language)
    if document.fatal or any(p.code == PARSE_ERROR for p in document.problems):
        return []
    found: list[tuple[str | None, list[Config]]] = []
    for root in document.roots:
        format_id = forced or detect_root(root.node)
        if format_id is None or root.node is None:
            continue
        found.append((format_id, FORMATS[format_id].configs(root.node)))
    return found


@dataclass(slots=True)
class _Raw:
    """A finding before `_finish`: not yet selected, suppressed or given its rule's name."""

    code: str
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: object = None
    tags: frozenset[str] = frozenset()
    severity: Severity | None = None  # a finding's own severity (Violation.severity)


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= max(outer.end, outer.start + 1)


UNSAFE_TAG_CODE: Final = "HP010"


def _from_problem(problem: ParseProblem) -> _Raw:
    related = tuple(Related(span, message) for span, message in problem.related)
    return _Raw(problem.code, problem.message, problem.span, related)


def _read_as(found: _Raw, format_id: str | None) -> _Raw:
    """A `!!python/` tag where the format's loader falls back to `yaml.unsafe_load` (detectron2
    does, by default): the file loads — and runs the code — which is said, as information."""
    from hplint.knowledge.format_table import format_info

    info = format_info(format_id) if format_id else None
    unsafe = info is not None and info.reader.python_tags == "unsafe-load"
    if found.code != UNSAFE_TAG_CODE or not unsafe or "`!!python/" not in found.message:
        return found
    assert info is not None
    tag = found.message.split("`")[1]
    message = (
        f"Tag `{tag}` runs Python code when the file is loaded: {info.reader.name} falls back to "
        "`yaml.unsafe_load` for it. hplint never constructs it; write the value itself."
    )
    return _Raw(found.code, message, found.span, found.related, severity=Severity.INFO)


def _span_of(anchor: Node | Span) -> Span:
    return anchor if isinstance(anchor, Span) else anchor.span


def _validate(root: Node, format_id: str) -> list[_Raw]:
    from hplint.schema_loader.registry import subschema_validator, validator_for

    spec = FORMATS[format_id]
    targets: list[tuple[Node, Draft202012Validator]] = []
    resolved = root.resolve()
    if format_id == AZUREML and isinstance(resolved, MappingNode):
        nested = azureml_pipeline_sweeps(resolved)
        if nested:
            targets = [
                (sweep, subschema_validator(spec.schema, "/$defs/sweepJob")) for sweep in nested
            ]
    if not targets:
        targets = [(root, validator_for(spec.schema))]
    raw: list[_Raw] = []
    for node, validator in targets:
        try:
            instance = to_python(node)
        except ExpansionLimitError as exc:
            raw.append(
                _Raw(
                    PARSE_ERROR,
                    f"YAML aliases {exc}; hplint does not expand them further.",
                    exc.alias.span,
                )
            )
            continue
        try:
            findings = schema_rules.validate(validator, instance, node)
        except RecursionError:
            # jsonschema recurses several frames per level of a recursive $ref (W&B nested
            # parameters); a document within our depth cap can still exhaust the stack.
            raw.append(
                _Raw(
                    PARSE_ERROR,
                    "The document is nested too deeply to validate against its schema.",
                    Span(node.span.start, node.span.start),
                )
            )
            continue
        tolerant = _warns_on_unknown_keys(format_id)
        only_near_misses = _unknown_keys_mode(format_id) == "suggested"
        for finding in findings:
            if only_near_misses and not _near_miss(finding):
                continue
            related = tuple(Related(_span_of(a), m) for a, m in finding.related)
            # A reader that only warns about unknown keys: a key with no close valid name is
            # most likely the project's own setting, so the finding is a warning, not an error.
            milder = Severity.WARNING if tolerant and _unguessed_unknown_key(finding) else None
            raw.append(
                _Raw(
                    finding.code,
                    finding.message,
                    _span_of(finding.anchor),
                    related,
                    finding.fix,
                    severity=milder,
                )
            )
    return raw


def _warns_on_unknown_keys(format_id: str) -> bool:
    return _unknown_keys_mode(format_id) == "warned"


def _unknown_keys_mode(format_id: str) -> str:
    from hplint.knowledge.format_table import format_info

    info = format_info(format_id)
    return info.reader.unknown_keys if info is not None else "rejected"


def _near_miss(finding: schema_rules.SchemaFinding) -> bool:
    """An unknown key within two edits of the name it suggests: a typo, not another field.

    Where the schema cannot list every valid key, `chat_template` beside `chat_template_path`
    is most likely the script's own setting; `per_device_eval_bach_size` is a typo.
    """
    if finding.code != UNKNOWN_KEY:
        return True
    if finding.fix is None or not finding.fix.edits:
        return False
    key = scalar_text(finding.anchor) if isinstance(finding.anchor, Node) else None
    guess = finding.fix.edits[0].new_text.strip("\"'")
    if key is None or key.rstrip("s") == guess.rstrip("s"):
        return False  # `names` beside `name`: another key of its own, not a slip
    return damerau_levenshtein(key, guess) <= 2


def _unguessed_unknown_key(finding: schema_rules.SchemaFinding) -> bool:
    return finding.code == UNKNOWN_KEY and finding.fix is None


def _run_rules(
    config: Config,
    document: Document,
    root: Node,
    format_id: str,
    settings: Settings,
    result: LintResult,
    deadline: float,
    related: RelatedFiles | None,
    baseline: tuple[Config | None, str],
) -> tuple[list[_Raw], bool]:
    """The findings of every selected rule on `config`, and whether the time budget stopped
    them (then the last finding says so)."""
    context = RuleContext(
        config,
        document,
        root,
        format_id,
        settings.options,
        related=related,
        baseline=baseline[0],
        baseline_label=baseline[1],
    )
    raw: list[_Raw] = []
    for rule_ in all_rules():
        if rule_.check is None or not any(
            is_selected(code, settings.select, settings.ignore) for code in rule_.codes
        ):
            continue
        if time.monotonic() > deadline:
            raw.append(_over_budget(f"rules from {rule_.code} on", root.span))
            return raw, True
        context.current_code = rule_.code
        try:
            violations = list(rule_.check(context))
        except Exception as exc:  # a rule bug must not take the whole lint down
            log.exception("rule %s failed", rule_.code)
            result.internal_errors.append(f"{rule_.code}: {type(exc).__name__}: {exc}")
            continue
        raw.extend(_from_violation(rule_, v) for v in violations)
    raw.extend(_skipped_checks(context, config))
    return raw, False


def _over_budget(what: str, where: Span) -> _Raw:
    return _Raw(
        PARSE_ERROR,
        f"hplint stopped at its time budget for one file; {what} were not checked.",
        Span(where.start, where.start),
    )


def _line_of(text: str, node: Node) -> int:
    return text.count("\n", 0, node.span.start) + 1


def _from_violation(rule_: Rule, violation: Violation) -> _Raw:
    related = tuple(Related(_span_of(anchor), message) for anchor, message in violation.related)
    return _Raw(
        violation.code or rule_.code,
        violation.message,
        _span_of(violation.anchor),
        related,
        violation.fix,
        violation.tags,
        violation.severity,
    )


def _skipped_checks(context: RuleContext, config: Config) -> Iterable[_Raw]:
    """HP005: one diagnostic per file listing the rules that lacked a data fact."""
    skipped = {code: facts for code, facts in context.skipped.items() if facts}
    if not skipped or config.data.node is None:
        return []
    codes = sorted(skipped)
    facts = sorted({fact for facts in skipped.values() for fact in facts})
    anchor = config.data.train.node if config.data.train is not None else config.data.anchor
    assert anchor is not None
    data_facts = [fact for fact in facts if fact in _DATA_FACTS]
    other_facts = [fact for fact in facts if fact not in _DATA_FACTS]
    plural = "s" if len(codes) > 1 else ""
    needs: list[str] = []
    if data_facts:
        needs.append(f"declare {', '.join(f'`{f}`' for f in data_facts)} under `data:`")
    if other_facts:
        needs.append(f"they also need {', '.join(other_facts)}")
    message = (
        f"{len(codes)} data-dependent check{plural} skipped ({', '.join(codes)}): "
        f"{'; '.join(needs)} to run them."
    )
    return [_Raw(DATA_DEPENDENT_CHECKS_SKIPPED, message, anchor.span)]


def _finish(
    raw: list[_Raw], result: LintResult, settings: Settings, path: str | None
) -> list[Diagnostic]:
    document = result.document
    lines = document.lines
    suppressions = parse_suppressions(document.text, document.comments, lines, resolve_code)
    result.suppressions = suppressions
    for mention in suppressions.mentions:
        if resolve_code(mention.text) is None:
            raw.append(
                _Raw(
                    UNKNOWN_SUPPRESSION_CODE,
                    f"`{mention.text}` in this suppression comment names no hplint rule; "
                    "see `hplint rules` for the list.",
                    mention.span,
                )
            )
    # One root cause, one diagnostic: an unquoted `1e-5` that also fails a type check is HP003.
    value_errors = {(r.span.start, r.span.end) for r in raw if r.code == VALUE_OUT_OF_DOMAIN}
    raw = [
        r
        for r in raw
        if not (
            r.code == YAML11_FLOAT_READ_AS_STRING and (r.span.start, r.span.end) in value_errors
        )
    ]

    ignore = tuple(settings.ignore) + settings.ignored_for(path)
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[str, int, int, str]] = set()
    for item in raw:
        if not is_selected(item.code, settings.select, ignore):
            continue
        line = lines.position(item.span.start).line
        if suppressions.suppresses(item.code, line):
            continue
        identity = (item.code, item.span.start, item.span.end, item.message)
        if identity in seen:
            continue
        seen.add(identity)
        rule_ = get_rule(item.code)
        name = rule_.name if rule_ is not None else item.code.lower()
        severity = (
            settings.severity.get(item.code)
            or item.severity
            or (rule_.severity if rule_ is not None else Severity.WARNING)
        )
        from hplint.diagnostics import Fix

        fix = item.fix if isinstance(item.fix, Fix) else None
        diagnostics.append(
            Diagnostic(
                item.code, name, severity, item.message, item.span, item.related, fix, item.tags
            )
        )
    diagnostics.sort(key=Diagnostic.sort_key)
    if len(diagnostics) > MAX_DIAGNOSTICS_PER_FILE:
        rest = len(diagnostics) - MAX_DIAGNOSTICS_PER_FILE
        first_unshown = diagnostics[MAX_DIAGNOSTICS_PER_FILE].span
        diagnostics = diagnostics[:MAX_DIAGNOSTICS_PER_FILE]
        diagnostics.append(
            Diagnostic(
                PARSE_ERROR,
                "parse-error",
                Severity.INFO,
                f"hplint reports at most {MAX_DIAGNOSTICS_PER_FILE:,} problems per file; "
                f"{rest:,} more were found from here on.",
                Span(first_unshown.start, first_unshown.start),
            )
        )
    return diagnostics
