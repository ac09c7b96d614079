"""Hover text at an offset: what a key or value means, the rule behind a diagnostic, rule docs
for a code in a suppression comment. Markdown, concise, empty for non-tuning documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hplint.document.model import Node, ScalarNode
from hplint.services import _knowledge as kb
from hplint.services.cursor import node_at
from hplint.text import Span

if TYPE_CHECKING:
    from hplint.ir import Config

_SEPARATOR = "\n\n---\n\n"


@dataclass(frozen=True, slots=True)
class HoverResult:
    """Hover text (Markdown) and the span of the key, value or code it is about."""

    markdown: str
    span: Span


def hover_at(result: object, offset: int) -> HoverResult | None:
    """Hover for `result` (an `engine.LintResult`) at a code-point offset."""
    from hplint.engine import LintResult
    from hplint.rules import get_rule

    assert isinstance(result, LintResult)
    # 1. A code in a `# hplint: disable=` comment: that rule's page.
    for mention in result.suppressions.mentions:
        if mention.span.start <= offset <= mention.span.end:
            rule_ = get_rule(mention.text)
            if rule_ is None:
                return HoverResult(f"`{mention.text}` names no hplint rule.", mention.span)
            return HoverResult(rule_.markdown(), mention.span)
    if not result.is_tuning_config:
        return None

    parts: list[str] = []
    span: Span | None = None
    format_id = result.format_id or ""
    root = _root_at(result, offset)
    hit = node_at(root, offset) if root is not None else None
    if hit is not None:
        span = hit.node.span
        text = _describe_hit(hit, format_id, root, result.configs)
        if text:
            parts.append(text)
        then = _baseline_of(result, hit.node) if hit.kind == "key" else ""
        if then:
            parts.append(then)
        # Katib and SageMaker name a dimension by a value (`name: lr`), the others by a key.
        sketch = _sketch(result, hit.node)
        if sketch:
            parts.append(sketch)

    # 2. Diagnostics under the cursor: the rule's summary and a link.
    rule_parts: list[str] = []
    seen: set[str] = set()
    for diagnostic in result.diagnostics:
        if diagnostic.span.start <= offset <= max(diagnostic.span.end, diagnostic.span.start + 1):
            if diagnostic.code in seen:
                continue
            seen.add(diagnostic.code)
            rule_ = get_rule(diagnostic.code)
            if rule_ is None:
                continue
            rule_parts.append(
                f"**{rule_.code}** `{rule_.name}`: {rule_.summary} [Docs]({rule_.url})"
            )
            if span is None:
                span = diagnostic.span
    if rule_parts:
        parts.append("\n\n".join(rule_parts))
    if not parts or span is None:
        return None
    return HoverResult(_SEPARATOR.join(parts), span)


def _baseline_of(result: object, key: Node) -> str:
    """On the learning rate's key, when the file has a baseline: the (learning rate, effective
    batch) pair it had there — what HP104 compares with."""
    from hplint.analysis.training import effective_batch, setup
    from hplint.rules._edits import short_number

    configs = result.configs  # type: ignore[attr-defined]
    baselines = result.baselines  # type: ignore[attr-defined]
    for config, earlier in zip(configs, baselines, strict=False):
        peak = setup(config).peak
        if earlier is None or peak is None or peak.key is not key:
            continue
        before = setup(earlier)
        batch = effective_batch(earlier.training, before.batch)
        if before.peak is None or batch is None:
            return ""
        lr = before.peak.node.resolve()
        shown = lr.raw if isinstance(lr, ScalarNode) and lr.raw else str(before.peak.value)
        label = result.baseline_label  # type: ignore[attr-defined]
        return (
            f"*At {label}:* learning rate `{shown}` with an effective batch of "
            f"{short_number(batch.total)} (HP104 compares with it)."
        )
    return ""


def _sketch(result: object, key: Node) -> str:
    """On what names a searched dimension (its key, or Katib's and SageMaker's `name` value),
    where its samples land; on the learning rate's key, the learning rate its reference (or the
    last commit) implies across batch sizes."""
    from hplint.analysis.training import reference_scaling, setup
    from hplint.ir import number
    from hplint.services.sketches import distribution_sketch, scaling_sketch

    configs = result.configs  # type: ignore[attr-defined]
    baselines = result.baselines or [None] * len(configs)  # type: ignore[attr-defined]
    for config, earlier in zip(configs, baselines, strict=False):
        for param in config.search.space:
            if param.key is key:
                return distribution_sketch(param)
        peak = setup(config).peak
        lr = number(peak)
        if peak is None or peak.key is not key or lr is None:
            continue
        scale = reference_scaling(config, earlier)
        if scale is None:
            return ""
        label = result.baseline_label  # type: ignore[attr-defined]
        origin = "the reference" if config.training.reference is not None else label
        return scaling_sketch(scale, lr, origin)
    return ""


def _root_at(result: object, offset: int):  # type: ignore[no-untyped-def]
    document = result.document  # type: ignore[attr-defined]
    chosen = None
    for root, fmt in zip(document.roots, result.formats, strict=False):  # type: ignore[attr-defined]
        if (
            fmt
            and root.node is not None
            and root.span.start <= offset <= max(root.span.end, root.span.start)
        ):
            chosen = root.node
    if chosen is None:
        for root, fmt in zip(document.roots, result.formats, strict=False):  # type: ignore[attr-defined]
            if fmt and root.node is not None:
                return root.node
    return chosen


def _schema_description(format_id: str, path: tuple) -> tuple[str, list[object]]:  # type: ignore[type-arg]
    from hplint.services.schema_nav import describe_at, format_schema

    schema = format_schema(format_id)
    if schema is None or not path:
        return "", []
    info = describe_at(schema, path)
    if info is None:
        return "", []
    return info.description, info.enum


def _describe_hit(hit, format_id: str, root, configs) -> str:  # type: ignore[no-untyped-def]
    path = tuple(hit.node.path)
    if hit.kind == "key":
        return _describe_key(path, format_id, root, configs)
    node = hit.node.resolve()
    if not isinstance(node, ScalarNode):
        return ""
    key = hit.entry.key_text if hit.entry is not None else None
    value = node.value
    if isinstance(value, str):
        if key in ("class", "_target_"):
            info = kb.resolve_estimator(value)
            if info is not None:
                kinds = ", ".join(getattr(info, "kinds", ()) or ())
                head = f"**{info.name}** (`{info.import_path}`)"
                if kinds:
                    head += f" — {kinds}"
                summary = getattr(info, "summary", "") or ""
                return f"{head}\n\n{summary}".strip()
        if (key is not None and key in kb.DIST_KEYS.get(format_id, ())) or (
            format_id == "hydra-optuna" and "(" in value
        ):
            explanation = kb.explain_distribution(format_id, value)
            if explanation is not None:
                return str(explanation.markdown())
    # Any other value: what its key means (short), and the allowed values.
    if key is not None:
        description, enum = _schema_description(format_id, path)
        if enum and description:
            values = ", ".join(f"`{v}`" for v in enum)
            return f"`{key}`: {description}\n\nAllowed values: {values}"
    return ""


def _describe_key(
    path: tuple[str | int, ...], format_id: str, root: Node | None, configs: Sequence[Config]
) -> str:
    if not path:
        return ""
    key = str(path[-1])
    parts: list[str] = []
    estimator = kb.estimator_for_params(root, path[:-1], configs)
    param_text = ""
    if estimator is not None:
        info = kb.resolve_estimator(estimator)
        param = info.param(key) if info is not None and hasattr(info, "param") else None
        if param is not None:
            source = getattr(info, "library_label", "")
            head = f"**{info.name}.{param.name}**" + (f" — {source}" if source else "")
            param_text = f"{head}\n\n{kb.format_param(param)}"
    explanation = kb.explain_key(key, path, estimator, format_id)
    if param_text:
        parts.append(param_text)
    if explanation is not None and not (param_text and _is_generic(explanation)):
        parts.append(str(explanation.markdown()))
    if explanation is None and not param_text:
        dist = kb.explain_distribution(format_id, key)
        if dist is not None:
            parts.append(str(dist.markdown()))
    description, enum = _schema_description(format_id, path)
    if description:
        text = f"*Schema:* {description}" if parts else f"**{key}**\n\n{description}"
        if enum:
            text += "\n\nAllowed values: " + ", ".join(f"`{v}`" for v in enum)
        parts.append(text)
    return "\n\n".join(parts)


def _is_generic(explanation) -> bool:  # type: ignore[no-untyped-def]
    key = getattr(explanation, "key", "")
    return key in ("hyperparameter", "learned-parameter", "_generic", "_learned")
