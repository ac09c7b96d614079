"""JSON Schema validation → violations placed on the exact node.

Placement follows yaml-language-server's rules: a bad value underlines the value, an unknown key
the key, a missing key the parent's key (or the first line for the root). `oneOf`/`anyOf` noise is
resolved by choosing the branch that matched the instance furthest and reporting only its errors.
Messages are written for config authors, not in jsonschema's repr-heavy style.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hplint.codes import MISSING_REQUIRED_KEY, UNKNOWN_KEY, VALUE_OUT_OF_DOMAIN
from hplint.diagnostics import Applicability, Edit, Fix
from hplint.document.model import MappingEntry, MappingNode, Node, ScalarNode
from hplint.document.values import locate
from hplint.rules._edits import spell_string_like
from hplint.text import Span

if TYPE_CHECKING:  # jsonschema is imported on the first validation, not at start-up
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

MISSING_REQUIRED = MISSING_REQUIRED_KEY

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "null": "null",
}


@dataclass(frozen=True, slots=True)
class SchemaFinding:
    """A schema error in config authors' words (HP002, HP003, HP006), on the node it is about."""

    code: str
    message: str
    anchor: Node | Span
    fix: Fix | None = None
    related: tuple[tuple[Node | Span, str], ...] = ()


def validate(validator: Draft202012Validator, instance: object, root: Node) -> list[SchemaFinding]:
    from hplint.schema_loader.registry import begin_validation

    begin_validation()
    findings: list[SchemaFinding] = []
    seen: set[tuple[str, int, int, str]] = set()
    errors = sorted(
        validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]
    )
    for error in errors:
        if is_placeholder(error.instance):
            continue
        for finding in _translate(error, root):
            span = finding.anchor if isinstance(finding.anchor, Span) else finding.anchor.span
            identity = (finding.code, span.start, span.end, finding.message)
            if identity not in seen:
                seen.add(identity)
                findings.append(finding)
    return _drop_shadowed(findings)


def is_placeholder(value: object) -> bool:
    """A value that is filled in later, so its type and form are not known yet: an OmegaConf
    interpolation (`${seed}`, `${oc.select:num_gpus, 1}`), a W&B command macro, or an
    envsubst/Helm-style template placeholder (`${NAME}` in a Kubernetes manifest)."""
    return isinstance(value, str) and "${" in value


def _drop_shadowed(findings: list[SchemaFinding]) -> list[SchemaFinding]:
    """One root cause, one diagnostic: an unknown key explains errors inside its own value.

    Linear in the findings (sorted, merged value spans and a bisect per finding): a file of
    20,000 unknown keys took a minute with a scan per key and per finding."""
    unknown = {
        id(f.anchor): f.anchor
        for f in findings
        if f.code == UNKNOWN_KEY and isinstance(f.anchor, Node)
    }
    if not unknown:
        return findings
    parents = {id(key.parent): key.parent for key in unknown.values()}
    spans = sorted(
        (entry.value.span.start, entry.value.span.end)
        for parent in parents.values()
        if isinstance(parent, MappingNode)
        for entry in parent.entries
        if id(entry.key) in unknown
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    starts = [start for start, _ in merged]
    result = []
    for finding in findings:
        span = finding.anchor if isinstance(finding.anchor, Span) else finding.anchor.span
        at = bisect.bisect_right(starts, span.start) - 1
        inside = at >= 0 and span.end <= merged[at][1]
        if finding.code == UNKNOWN_KEY or not inside:
            result.append(finding)
    return result


def _describe_path(path: Sequence[object]) -> str:
    parts: list[str] = []
    for element in path:
        if isinstance(element, int):
            parts.append(f"[{element}]")
        else:
            parts.append(("." if parts else "") + str(element))
    return "".join(parts) or "the document"


def _subject(error: ValidationError) -> str:
    path = list(error.absolute_path)
    if not path:
        return "The document"
    return f"`{_describe_path(path)}`"


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) < 60 else repr(value[:57] + "...")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _translate(error: ValidationError, root: Node) -> Iterator[SchemaFinding]:
    keyword = str(error.validator)
    if keyword in ("oneOf", "anyOf"):
        yield from _translate_alternatives(error, root)
        return
    node, holder = locate(root, list(error.absolute_path))
    if _under_property_names(error):
        key = _entry_for_key(node, str(error.instance))
        anchor: Node = key.key if key is not None else node
        yield SchemaFinding(
            UNKNOWN_KEY,
            f"Key `{error.instance}` is not allowed here: it must match the pattern "
            f"`{error.validator_value}`"
            if keyword == "pattern"
            else f"Key `{error.instance}` is not allowed here.",
            anchor,
        )
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_keys(error, node)
        return
    if keyword == "false" or (keyword == "not" and error.validator_value is True):
        key_node = holder.key if holder is not None else node
        yield SchemaFinding(UNKNOWN_KEY, f"Key {_subject(error)} is not allowed here.", key_node)
        return
    if keyword in ("required", "dependentRequired"):
        yield from _missing(error, node, holder, root)
        return
    yield _value_error(error, node)


def _under_property_names(error: ValidationError) -> bool:
    return "propertyNames" in list(error.schema_path)[:-1]


def _entry_for_key(node: Node, key: str) -> MappingEntry | None:
    node = node.resolve()
    if isinstance(node, MappingNode):
        for entry in node.entries:
            if entry.key_text == key:
                return entry
    return None


def _allowed_keys(schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    keys = list(schema.get("properties", {}))
    for branch_key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(branch_key, []):
            keys.extend(_allowed_keys(branch))
    return keys


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate (case-insensitive exact match first), if close enough."""
    return _suggest(word, tuple(c for c in candidates if isinstance(c, str)))


@functools.lru_cache(maxsize=1024)  # the same misspelt keys are re-reported on every edit
def _suggest(word: str, pool: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    normalised = {re.sub(r"[-_ ]", "", c.lower()): c for c in pool}
    squeezed = re.sub(r"[-_ ]", "", word.lower())
    if squeezed in normalised:
        return normalised[squeezed]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    if not matches:
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.75)
        matches = [lowered[m] for m in matches]
    return matches[0] if matches else None


def _unknown_keys(error: ValidationError, node: Node) -> Iterator[SchemaFinding]:
    mapping_node = node.resolve()
    if not isinstance(mapping_node, MappingNode) or not isinstance(error.instance, dict):
        yield SchemaFinding(UNKNOWN_KEY, str(error.message), node)
        return
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = _allowed_keys(schema)
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    where = _describe_path(list(error.absolute_path))
    for entry in mapping_node.own_entries():
        name = entry.key_text
        if name in allowed or any(p.search(name) for p in patterns):
            continue
        if name not in error.instance:
            continue
        guess = suggest(name, [k for k in allowed if mapping_node.get_entry(k) is None] or allowed)
        context = f" in `{where}`" if error.absolute_path else ""
        message = f"Unknown key `{name}`{context}"
        fix = None
        if guess is not None:
            message += f"; did you mean `{guess}`?"
            fix = Fix(
                f"Rename `{name}` to `{guess}`",
                (Edit(entry.key.span, _respell(entry.key, guess)),),
                Applicability.UNSAFE,
            )
        elif allowed:
            shown = ", ".join(f"`{k}`" for k in allowed[:12])
            more = ", …" if len(allowed) > 12 else ""
            message += f". Allowed keys: {shown}{more}."
        else:
            message += "."
        yield SchemaFinding(UNKNOWN_KEY, message, entry.key, fix)


def _respell(node: Node, new: str) -> str:
    """`new` written in the quoting style of `node` (JSON keys stay double-quoted)."""
    return spell_string_like(node, new) or new


def respell_value(node: Node, new: object) -> str:
    if isinstance(new, str):
        return spell_string_like(node, new) or json.dumps(new, ensure_ascii=False)
    if isinstance(new, bool):
        return "true" if new else "false"
    if new is None:
        return "null"
    return repr(new)


def _missing(
    error: ValidationError, node: Node, holder: MappingEntry | None, root: Node
) -> Iterator[SchemaFinding]:
    anchor: Node | Span
    if holder is not None:
        anchor = holder.key
    elif node is root or not list(error.absolute_path):
        start = root.span.start
        anchor = Span(start, start)
    else:
        anchor = node
    missing: list[str] = []
    if error.validator == "required" and isinstance(error.validator_value, list):
        instance = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in error.validator_value if isinstance(k, str) and k not in instance]
    match = re.match(r"'([^']+)' is a required property", str(error.message))
    if not missing and match:
        missing = [match.group(1)]
    if error.validator == "dependentRequired":
        match = re.match(r"'([^']+)' is a dependency of '([^']+)'", str(error.message))
        if match:
            yield SchemaFinding(
                MISSING_REQUIRED,
                f"`{match.group(1)}` is required when `{match.group(2)}` is set.",
                anchor,
            )
            return
    where = _describe_path(list(error.absolute_path))
    for name in missing or ["?"]:
        context = f" in `{where}`" if error.absolute_path else " at the top level"
        yield SchemaFinding(MISSING_REQUIRED, f"Missing required key `{name}`{context}.", anchor)


def _value_error(error: ValidationError, node: Node) -> SchemaFinding:
    keyword = str(error.validator)
    value = error.instance
    subject = _subject(error)
    expected = error.validator_value
    fix: Fix | None = None
    if keyword == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        names = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted)
        message = f"{subject} must be {names}; got {_show(value)}."
        if "string" in wanted and isinstance(node, ScalarNode) and not node.style.is_quoted:
            message += " Quote the value to make it a string."
    elif keyword == "enum":
        options = [o for o in expected if o is not None] if isinstance(expected, list) else []
        shown = ", ".join(_show(o) for o in options[:15]) + (", …" if len(options) > 15 else "")
        message = f"{subject} must be one of {shown}; got {_show(value)}"
        guess = (
            suggest(value, [o for o in options if isinstance(o, str)])
            if isinstance(value, str)
            else None
        )
        if guess is not None and isinstance(node, ScalarNode):
            message += f" — did you mean {_show(guess)}?"
            case_slip = isinstance(value, str) and guess.lower() == value.lower()
            fix = Fix(
                f"Replace with {_show(guess)}",
                (Edit(node.span, respell_value(node, guess)),),
                Applicability.SAFE if case_slip else Applicability.UNSAFE,
            )
        else:
            message += "."
    elif keyword == "const":
        message = f"{subject} must be {_show(expected)}; got {_show(value)}."
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        relation = {
            "minimum": "≥",
            "maximum": "≤",
            "exclusiveMinimum": ">",
            "exclusiveMaximum": "<",
        }[keyword]
        message = f"{subject} must be {relation} {_show(expected)}; got {_show(value)}."
    elif keyword in ("minItems", "maxItems"):
        bound = "at least" if keyword == "minItems" else "at most"
        message = f"{subject} must have {bound} {expected} item(s)."
    elif keyword in ("minLength", "maxLength"):
        bound = "at least" if keyword == "minLength" else "at most"
        message = f"{subject} must be {bound} {expected} character(s) long; got {_show(value)}."
    elif keyword in ("minProperties", "maxProperties"):
        bound = "at least" if keyword == "minProperties" else "at most"
        message = f"{subject} must have {bound} {expected} key(s)."
    elif keyword == "pattern":
        message = f"{subject} must match the pattern `{expected}`; got {_show(value)}."
    elif keyword == "multipleOf":
        message = f"{subject} must be a multiple of {expected}; got {_show(value)}."
    elif keyword == "uniqueItems":
        message = f"{subject} must not repeat items."
    elif keyword == "not":
        message = f"{subject} has a value that is not allowed here ({_show(value)})."
    else:
        message = f"{subject}: {error.message}"
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if keyword in ("not", "pattern") and isinstance(description, str) and len(description) < 200:
        message += f" ({description.rstrip('.')}.)"
    return SchemaFinding(VALUE_OUT_OF_DOMAIN, message, node, fix)


def _branch_score(errors: list[ValidationError], base_depth: int) -> tuple[int, int, int]:
    """Prefer the branch that matched further (deeper errors, not a bare type mismatch), then
    the one with the fewest errors."""
    if not errors:
        return (10**6, 0, 0)
    deepest = max(len(e.absolute_path) for e in errors)
    type_only = all(
        e.validator in ("type", "const", "enum", "required")
        and len(e.absolute_path) == base_depth
        and e.validator != "required"
        for e in errors
    )
    return (deepest - (1 if type_only else 0), -len(errors), 0)


def _translate_alternatives(error: ValidationError, root: Node) -> Iterator[SchemaFinding]:
    node, _holder = locate(root, list(error.absolute_path))
    context = list(error.context or [])
    if not context:
        # More than one branch matched (oneOf): the value is ambiguous.
        yield SchemaFinding(
            VALUE_OUT_OF_DOMAIN,
            f"{_subject(error)} matches more than one allowed form; keep only the keys of one.",
            node,
        )
        return
    base = len(list(error.absolute_path))
    branches: dict[int, list[ValidationError]] = {}
    for sub in context:
        index = sub.schema_path[0] if sub.schema_path else 0
        branches.setdefault(int(index) if isinstance(index, int) else 0, []).append(sub)
    # When every branch rejects the value's type, say which types are allowed.
    if all(
        all(e.validator == "type" and len(e.absolute_path) == base for e in errs)
        for errs in branches.values()
    ):
        wanted: list[str] = []
        for errs in branches.values():
            for sub in errs:
                values = (
                    sub.validator_value
                    if isinstance(sub.validator_value, list)
                    else [sub.validator_value]
                )
                wanted.extend(str(v) for v in values if str(v) not in wanted)
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        yield SchemaFinding(
            VALUE_OUT_OF_DOMAIN,
            f"{_subject(error)} must be {names}; got {_show(error.instance)}.",
            node,
        )
        return
    best = max(branches.values(), key=lambda errs: _branch_score(errs, base))
    for sub in best:
        yield from _translate(sub, root)
