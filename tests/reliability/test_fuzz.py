"""Property tests: generated and mutated documents never break the engine, spans stay inside
the text, and safe fixes keep files parseable, idempotent and otherwise untouched."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hplint.diagnostics import Diagnostic
from hplint.engine import lint
from hplint.fixes import fix_text

from .helpers import REPO, assert_spans_inside

SHARED = REPO.parent / "shared"
SEEDS = sorted(
    p.read_text(encoding="utf-8", errors="replace")
    for root in (REPO / "examples", SHARED / "corpus" / "realworld")
    if root.is_dir()
    for p in root.rglob("*")
    if p.suffix in (".yaml", ".yml", ".json")
)
BUDGET = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
KEYS = [
    "hplint",
    "model",
    "training",
    "data",
    "search",
    "method",
    "parameters",
    "metric",
    "learning_rate",
    "batch_size",
    "optimizer",
    "estimator",
    "params",
    "alpha",
    "values",
    "min",
    "max",
    "distribution",
    "n_samples",
    "epochs",
    "type",
    "search_space",
    "<<",
]
SPECIALS = ":[]{}&*!#|>-,'\"?%@`\n\t \\"

scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["1e-3", "no", "yes", "~", "0x1F", "sgd", "adam", "log_uniform", "grid", "bayes", ".inf"]
    ),
    st.text(max_size=12),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=30,
)


def _yaml(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "\n" + "".join(
            f"{pad}{json.dumps(k) if not k.isidentifier() else k}:{_block(v, indent + 2)}\n"
            for k, v in value.items()
        ).rstrip("\n")
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n" + "".join(f"{pad}-{_block(v, indent + 2)}\n" for v in value).rstrip("\n")
    if isinstance(value, str):
        return value if value and value.isalnum() else json.dumps(value)
    return json.dumps(value)


def _block(value: object, indent: int) -> str:
    rendered = _yaml(value, indent)
    return rendered if rendered.startswith("\n") else " " + rendered


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(text, path): a random tree as YAML or JSON, optionally a real config, then mutated."""
    source = draw(st.sampled_from(["yaml", "json", "seed"]))
    if source == "seed":
        text = draw(st.sampled_from(SEEDS))
        path = "seed.json" if text.lstrip().startswith("{") else "seed.yaml"
    else:
        tree = draw(trees)
        top = draw(st.sampled_from([{"hplint": 1}, {"method": "grid"}, {"type": "sweep"}, {}]))
        if isinstance(tree, dict):
            tree = {**top, **tree}
        if source == "json":
            text, path = json.dumps(tree, indent=draw(st.sampled_from([None, 2]))), "f.json"
        else:
            text, path = _yaml(tree).lstrip("\n") + "\n", "f.yaml"
            if draw(st.booleans()):
                text = "# hplint: format=hplint\n" + text
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate"]))
        at = draw(st.integers(0, len(text)))
        if kind == "flip" and text:
            at = min(at, len(text) - 1)
            text = text[:at] + chr(ord(text[at]) ^ draw(st.integers(1, 127))) + text[at + 1 :]
        elif kind == "truncate":
            text = text[:at]
        elif kind == "insert":
            text = text[:at] + draw(st.text(alphabet=SPECIALS, min_size=1, max_size=4)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        else:
            text = text[:at] + text[max(0, at - 40) : at] + text[at:]
    return text, path


def check_document(text: str, path: str) -> None:
    """The invariants of one document (shared with scripts/fuzz.py)."""
    result = lint(text, path=path)
    assert not result.internal_errors, result.internal_errors
    assert_spans_inside(result)
    if not result.is_tuning_config:
        return
    cache: dict[str, list[Diagnostic]] = {text: result.diagnostics}

    def relint(candidate: str) -> list[Diagnostic]:
        if candidate not in cache:
            cache[candidate] = lint(candidate, path=path).diagnostics
        return cache[candidate]

    outcome = fix_text(text, relint)
    if outcome.text == text:
        return
    before = sum(d.code == "HP000" for d in result.diagnostics)
    assert sum(d.code == "HP000" for d in relint(outcome.text)) <= before
    again = fix_text(outcome.text, relint)
    assert again.text == outcome.text, "a second --fix pass changed the text"


@BUDGET
@given(documents())
def test_engine_never_raises_and_spans_stay_inside(case: tuple[str, str]) -> None:
    check_document(*case)


@BUDGET
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    from hplint.document.loader import decode

    text, _ = decode(data)
    for path in ("b.yaml", "b.json"):
        result = lint(text, path=path)
        assert not result.internal_errors
        assert_spans_inside(result)


def _fixable_seeds() -> list[Path]:
    return sorted((REPO / "examples" / "mistakes").glob("*")) + sorted(
        (REPO / "tests" / "rules" / "fixtures").rglob("bad*.yaml")
    )


@settings(max_examples=100, deadline=None, database=None)
@given(st.sampled_from(_fixable_seeds()), st.sampled_from(["", "\r\n", "bom", "unicode"]))
def test_fixes_change_only_their_spans(path: Path, variant: str) -> None:
    """Every applied fix leaves the text outside its edits unchanged and in order."""
    from hplint.fixes import apply_edits, fixable

    text = path.read_text(encoding="utf-8")
    if variant == "\r\n":
        text = text.replace("\n", "\r\n")
    elif variant == "bom":
        text = "\ufeff" + text
    elif variant == "unicode":
        text = "# é 😀 ünïcode\n" + text
    for diagnostic in lint(text, path=path.name).diagnostics:
        fix = fixable(diagnostic, unsafe=True)
        if fix is None:
            continue
        fixed = apply_edits(text, list(fix.edits))
        position = 0
        rest = fixed
        for edit in sorted(fix.edits, key=lambda e: e.span.start):
            kept = text[position : edit.span.start]
            assert rest.startswith(kept)
            rest = rest[len(kept) :]
            assert rest.startswith(edit.new_text)
            rest = rest[len(edit.new_text) :]
            position = edit.span.end
        assert rest == text[position:]
    check_document(text, path.name)
