"""Configuration globs (`exclude`, `per-file-ignores`, `formats`): one compiled set per list,
answering exactly what matching each glob with `fnmatch` answers."""

from __future__ import annotations

import fnmatch
import random
from pathlib import Path

import pytest

from hplint.settings import Settings, _glob_match, _GlobSet

SEGMENTS = ["data", "runs", "a", "b", "cache", "sweep.yaml", "x.json", "run_1", ".hidden", "c d"]
GLOB_PARTS = [*SEGMENTS, "*", "**", "*.yaml", "run_?", "[ab]", "*.json", "sweep*"]


def _random_path(rng: random.Random) -> str:
    return "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(1, 4)))


def _random_glob(rng: random.Random) -> str:
    glob = "/".join(rng.choice(GLOB_PARTS) for _ in range(rng.randint(1, 3)))
    return rng.choice(["", "./", "  "]) + glob + rng.choice(["", "/", " "])


@pytest.mark.parametrize("seed", range(40))
def test_the_compiled_set_answers_what_each_glob_answers(seed: int) -> None:
    rng = random.Random(seed)
    globs = tuple(_random_glob(rng) for _ in range(rng.randint(1, 12)))
    compiled = _GlobSet(globs)
    for _ in range(60):
        path = _random_path(rng)
        expected = any(_glob_match(path, glob) for glob in globs)
        assert compiled.matches(path) == expected, (globs, path)


def test_thousands_of_globs_are_not_matched_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # 10,000 `exclude` globs over 2,000 files took 100 s when each was tried with fnmatch (#21).
    calls = 0
    real = fnmatch.fnmatchcase

    def counted(name: str, pattern: str) -> bool:
        nonlocal calls
        calls += 1
        return real(name, pattern)

    monkeypatch.setattr(fnmatch, "fnmatchcase", counted)
    globs = tuple(f"data/run_{i}/**/*.yaml" for i in range(2000)) + tuple(
        f"cache_{i}" for i in range(2000)
    )
    settings = Settings(
        exclude=globs,
        per_file_ignores=dict.fromkeys(globs, ("HP101",)),
        root=Path("/project"),
    )
    paths = [f"/project/configs/sub{i % 7}/file{i}.yaml" for i in range(200)]
    assert not any(settings.is_excluded(path) for path in paths)
    assert not any(settings.ignored_for(path) for path in paths)
    assert calls == 0
    assert settings.is_excluded("/project/data/run_7/deep/x.yaml")
    assert settings.is_excluded("/project/nested/cache_1999")
    assert settings.ignored_for("/project/data/run_3/a/b.yaml") == ("HP101",)
