"""Editing one document again and again keeps the validation caches flat (#21): they keep only
what recent validations read, not a copy of every changed ancestor of every edit (7,000 edits
of a 284 KB sweep once grew the server from 61 MB to 2.25 GB)."""

from __future__ import annotations

from hplint.engine import lint
from hplint.schema_loader import registry

PARAMS = "".join(
    f"  p{i}:\n    distribution: uniform\n    min: 0.{i % 9 + 1}\n    max: {i + 2}\n"
    for i in range(300)
)
SWEEP = "method: random\nmetric: {name: loss, goal: minimize}\nparameters:\n" + PARAMS


def _edit(times: int, previous: object = None) -> object:
    for i in range(times):
        text = SWEEP.replace("min: 0.1\n", f"min: 0.{i % 9 + 1}{i}\n", 1)
        previous = lint(text, path="sweep.yaml", previous=previous).document  # type: ignore[arg-type]
    return previous


def _entries() -> int:
    return len(registry._child_cache) + len(registry._ref_cache)


def test_repeated_edits_keep_the_caches_flat() -> None:
    registry.clear_ref_cache()
    previous = _edit(10)
    settled = _entries()
    _edit(150, previous)
    # Before: each edit added the changed ancestors and their `$ref` results (+150 × 2 here).
    assert _entries() <= settled + 10, (settled, _entries())
