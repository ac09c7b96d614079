"""Completion candidates at an offset: schema keys, enum values, estimator classes, estimator
parameters, distribution names. Works on half-typed, unparsable text (see `cursor`)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from hplint.document.model import Node, PathElement
from hplint.services import _knowledge as kb
from hplint.services.cursor import CursorContext, context_at, mapping_at
from hplint.text import Span

if TYPE_CHECKING:
    from hplint.engine import LintResult
    from hplint.ir import Config

Kind = Literal["key", "value", "class", "param", "distribution"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One completion item: its label and kind, the text it inserts, and the docs shown with it."""

    label: str
    kind: Kind
    insert_text: str
    detail: str = ""
    documentation: str = ""
    sort_text: str = ""
    deprecated: bool = False
    filter_text: str = ""


@dataclass(frozen=True, slots=True)
class Completions:
    """The completion answer: the candidates and the typed prefix they replace."""

    items: list[Candidate]
    replace: Span  # the text the chosen item replaces (the typed prefix)


def _blank_current_line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    return text[:start] + " " * (end - start) + text[end:]


def _parse_for(
    text: str, offset: int, language: str, linted: LintResult | None = None
) -> tuple[Node | None, str | None, Sequence[Config]]:
    """A tree, a format and the lint's IR for a possibly broken text (the current line blanked
    out).

    `linted`, when given, is the language server's last lint of this version of `text`: its
    tree stands for the first parse instead of parsing the text again, and its configs tell
    which estimator a `params:` mapping or a `_target_` object belongs to. A text parsed here
    (the line being typed broke the last lint) has no IR: that question is answered from the
    tree alone."""
    from hplint.detection import MODELINE, detect_root
    from hplint.document.loader import parse_text

    reusable = (
        linted
        if linted is not None
        and linted.document.language == language
        and linted.document.text == text
        else None
    )
    for candidate in (text, _blank_current_line(text, offset)):
        configs: Sequence[Config] = ()
        if reusable is not None and candidate is text:
            document = reusable.document
            configs = reusable.configs
        else:
            document = parse_text(candidate, language)
        if document.fatal:
            continue
        forced = next((m.group(1) for _, c in document.comments if (m := MODELINE.search(c))), None)
        for root in document.roots:
            if root.node is None:
                continue
            if root.span.start <= offset <= root.span.end or len(document.roots) == 1:
                fmt = forced or detect_root(root.node)
                return root.node, fmt, configs
    return None, None, ()


def complete_at(
    text: str,
    offset: int,
    *,
    language: str = "yaml",
    format_hint: str | None = None,
    linted: LintResult | None = None,
) -> Completions | None:
    """Candidates at a code-point offset; `format_hint` is used when detection fails.

    `linted`: the last lint of `text` as `language`, reused instead of a parse per request."""
    offset = max(0, min(offset, len(text)))
    root, format_id, configs = _parse_for(text, offset, language, linted)
    format_id = format_id or format_hint or _recognised_by_this_value(root, text, offset)
    if not format_id or format_id == "none":
        return None
    context = _json_context(text, offset, root) if language == "json" else context_at(text, offset)
    if context is None:
        return None
    replace = Span(context.prefix_start, offset)
    if context.kind == "key":
        items = _keys(context, format_id, root, configs)
    else:
        items = _values(context, format_id, root, quoted=language == "json")
    prefix = context.prefix.lower()
    if prefix:
        items = [i for i in items if prefix in i.label.lower()]
        items.sort(key=lambda i: (not _starts(i.label, prefix), i.sort_text))
        items = [_with_sort(i, n) for n, i in enumerate(items)]
    if context.kind == "value" and key_is_class(context) and "." not in prefix:
        items = [_with_filter(i, i.label.rsplit(".", 1)[-1]) for i in items]
    return Completions(items, replace)


# Top-level keys that, with `method`, make a file a W&B sweep in the making.
_WANDB_COMPANIONS = frozenset({"program", "metric", "parameters", "command", "early_terminate"})
_WANDB_METHODS = frozenset({"grid", "random", "bayes"})


def _recognised_by_this_value(root: Node | None, text: str, offset: int) -> str | None:
    """A W&B sweep is recognised by its `method` value, so while that value is being typed the
    file is no format yet: offer W&B's methods for a top-level `method:` in a file that is
    otherwise empty or has a sweep's other keys (never in an arbitrary YAML file's `method:`)."""
    from hplint.detection import WANDB
    from hplint.document.access import mapping, scalar_text

    body = mapping(root)
    keys = set(body.keys()) - {"method"} if body is not None else set()
    companions = not keys or bool(keys & _WANDB_COMPANIONS)
    context = context_at(text, offset)
    if context is not None and context.kind == "value" and tuple(context.path) == ("method",):
        return WANDB if companions else None
    # A sweep written so far (`method: bayes`, `metric:`), before its `parameters`.
    method = scalar_text(body.get("method")) if body is not None else None
    return WANDB if method in _WANDB_METHODS and companions and keys else None


def key_is_class(context: CursorContext) -> bool:
    return context.key == "class"


def _starts(label: str, prefix: str) -> bool:
    label = label.lower()
    return label.startswith(prefix) or label.rsplit(".", 1)[-1].startswith(prefix)


def _with_sort(item: Candidate, index: int) -> Candidate:
    return dataclasses.replace(item, sort_text=f"{index:05d}")


def _with_filter(item: Candidate, text: str) -> Candidate:
    return dataclasses.replace(item, filter_text=text)


def _json_context(text: str, offset: int, root: Node | None) -> CursorContext | None:
    mapping = mapping_at(root, offset)
    if mapping is None:
        return None
    start = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.$-"):
        start -= 1
    return CursorContext(
        "key", tuple(mapping.path), text[start:offset], start, siblings=set(mapping.keys())
    )


def _keys(
    context: CursorContext, format_id: str, root: Node | None, configs: Sequence[Config]
) -> list[Candidate]:
    from hplint.services.schema_nav import format_schema, properties_at

    items: list[Candidate] = []
    path = context.path
    present = set(context.siblings)
    estimator = kb.estimator_for_params(root, path, configs)
    if estimator is None and path and path[-1] == "params":
        estimator = None
    if estimator is not None:
        info = kb.resolve_estimator(estimator)
        if info is not None:
            for index, (name, param) in enumerate(sorted(info.params.items())):
                if name in present:
                    continue
                detail = (
                    f"{info.name} · default {param.default_repr}"
                    if param.default_repr
                    else info.name
                )
                items.append(
                    Candidate(
                        name,
                        "param",
                        f"{name}: ",
                        detail=detail,
                        documentation=kb.format_param(param),
                        sort_text=f"0{index:04d}",
                        deprecated=bool(getattr(param, "deprecated", False)),
                    )
                )
            return items
    schema = format_schema(format_id)
    if schema is None:
        return items
    for index, (name, info) in enumerate(properties_at(schema, path).items()):
        if name in present or name == "$schema":
            continue
        is_container = bool(info.types & {"object", "array"}) and not (
            info.types & {"string", "number", "integer", "boolean"}
        )
        items.append(
            Candidate(
                name,
                "key",
                f"{name}:" if is_container else f"{name}: ",
                detail=_type_detail(info),
                documentation=info.description,
                sort_text=f"1{index:04d}",
                deprecated=info.deprecated,
            )
        )
    return items


def _type_detail(info) -> str:  # type: ignore[no-untyped-def]
    if info.enum:
        return " | ".join(json.dumps(v) for v in info.enum[:6])
    return " | ".join(sorted(info.types))


def _values(
    context: CursorContext, format_id: str, root: Node | None, *, quoted: bool
) -> list[Candidate]:
    from hplint.services.schema_nav import describe_at, format_schema

    key = context.key or ""
    items: list[Candidate] = []
    if key == "class":
        found = kb.catalog()
        if found is not None:
            for index, name in enumerate(found.names()):
                info = found.resolve(name)
                kinds = ", ".join(getattr(info, "kinds", ()) or ()) if info is not None else ""
                items.append(
                    Candidate(
                        name,
                        "class",
                        name,
                        detail=kinds,
                        documentation=getattr(info, "summary", "") if info is not None else "",
                        sort_text=f"2{index:05d}",
                    )
                )
            return items
    schema = format_schema(format_id)
    info = describe_at(schema, context.path) if schema is not None else None
    enum = list(info.enum) if info is not None else []
    suggested = not enum and info is not None and bool(info.examples)
    if suggested:
        assert info is not None
        enum = list(info.examples)  # known good values, not the only ones
    if not enum and info is not None and "boolean" in info.types:
        enum = [True, False]
    dist_key = key in kb.DIST_KEYS.get(format_id, ())
    if not enum and dist_key:
        enum = kb.distribution_names(format_id)
    if format_id == "hydra-optuna" and _under_hydra_params(context.path):
        for index, name in enumerate(("interval(", "range(", "choice(", "tag(log, interval(")):
            explanation = kb.explain_distribution(format_id, name)
            items.append(
                Candidate(
                    name.rstrip("("),
                    "distribution",
                    name,
                    detail="Hydra sweep override",
                    documentation=explanation.markdown() if explanation is not None else "",
                    sort_text=f"3{index:04d}",
                )
            )
        return items
    for index, value in enumerate(enum):
        label = value if isinstance(value, str) else json.dumps(value)
        explanation = (
            kb.explain_distribution(format_id, label)
            if dist_key and isinstance(value, str)
            else None
        )
        items.append(
            Candidate(
                label,
                "distribution" if explanation is not None else "value",
                json.dumps(value) if quoted else label,
                detail=f"{key} (a known value)" if suggested else key,
                documentation=(
                    explanation.markdown()
                    if explanation is not None
                    else (info.description if info else "")
                ),
                sort_text=f"3{index:04d}",
            )
        )
    return items


def _under_hydra_params(path: tuple[PathElement, ...]) -> bool:
    return len(path) >= 3 and path[0] == "hydra" and path[1] == "sweeper" and path[2] == "params"
