"""Hostile files through the CLI (a bounded subprocess) and the engine: they end quickly, in
bounded memory, with exit 0/1, no traceback, and a diagnostic when they look like a config."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hplint.document.loader import MAX_FILE_BYTES, decode
from hplint.document.values import MAX_EXPANDED_NODES
from hplint.document.yaml_parser import MAX_DEPTH
from hplint.engine import lint

from .helpers import RSS_LIMIT_MB, assert_spans_inside, run_cli, time_limit

MODELINE = "# hplint: format=hplint\n"


def _laughs() -> bytes:
    lines = ["hplint: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("model: {params: {alpha: *a9}}")
    return ("\n".join(lines) + "\n").encode()


def _alias_chain(n: int = 20_000) -> bytes:
    """Each line nests the previous anchor one level deeper: depth n after expansion."""
    lines = ["hplint: 1", "a0: &a0 [1]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, n)]
    lines.append(f"model: {{params: {{alpha: *a{n - 1}}}}}")
    return ("\n".join(lines) + "\n").encode()


def _merge_chain(n: int = 5_000) -> bytes:
    """A chain of merge keys (each mapping merges the previous one), used from the top."""
    lines = ["hplint: 1", "a0: &a0 {x0: 1}"]
    lines += [f"a{i}: &a{i} {{<<: *a{i - 1}, x{i}: 1}}" for i in range(1, n)]
    lines.append(f"model: *a{n - 1}")
    return ("\n".join(lines) + "\n").encode()


def _merge_fan() -> bytes:
    """Many mappings merging one wide mapping: quadratic without the expansion budget."""
    wide = ", ".join(f"k{i}: {i}" for i in range(2_000))
    lines = ["hplint: 1", f"wide: &w {{{wide}}}"]
    lines += [f"m{i}: {{<<: *w}}" for i in range(2_000)]
    return ("\n".join(lines) + "\n").encode()


def _block_nesting(n: int = 1_000) -> bytes:
    return (MODELINE + "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n + "v\n").encode()


def _over_cap() -> bytes:
    filler = "# padding padding padding padding padding padding padding padding padding\n"
    body = "hplint: 1\ntraining: {learning_rate: 0.1}\n"
    return (body + filler * (MAX_FILE_BYTES // len(filler) + 10)).encode()


def _long_line() -> bytes:
    return (
        "hplint: 1\nmodel: {estimator: sklearn.linear_model.Ridge, name: '"
        + "x" * 3_000_000
        + "'}\n"
    ).encode()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    suffix: str = ".yaml"
    expect: tuple[str, ...] = ("HP000",)  # one of these codes must be reported; () = no finding


CASES = [
    Case("billion-laughs", _laughs),
    Case("alias-chain-20000-deep", _alias_chain),
    Case("merge-key-chain", _merge_chain),
    Case("merge-key-fan-out", _merge_fan),
    Case(
        "flow-seq-1e6-deep",
        lambda: (MODELINE + "x: " + "[" * 10**6 + "]" * 10**6 + "\n").encode(),  # noqa: PLW0108
    ),
    Case("flow-seq-1e6-unclosed", lambda: (MODELINE + "x: " + "[" * 10**6 + "\n").encode()),  # noqa: PLW0108
    Case(
        "flow-map-1e5-deep",
        lambda: (MODELINE + "x: " + "{a: " * 10**5 + "1" + "}" * 10**5).encode(),  # noqa: PLW0108
    ),
    Case("block-indent-1000-deep", _block_nesting),
    Case(
        "json-1e6-deep",
        lambda: b'{"HyperParameterTuningJobConfig": ' + b"[" * 10**6 + b"]" * 10**6 + b"}",
        ".json",
    ),
    Case(
        "json-1e6-unclosed",
        lambda: b'{"HyperParameterTuningJobConfig": ' + b'{"a": ' * 10**6,
        ".json",
    ),
    Case("over-5mb-cap", _over_cap),
    Case("single-3mb-line", _long_line, expect=("HP002", "HP003", "HP000")),
    Case("invalid-utf8", lambda: b"hplint: 1\ntraining:\n  learning_rate: 0.1 \xff\xfe\xc3\n"),
    Case("nul-bytes", lambda: b"hplint: 1\ntraining:\n  learning_rate: 0.1\x00\x00\n"),
    Case("random-binary", lambda: random.Random(10).randbytes(200_000), expect=()),
    Case("random-binary-forced", lambda: MODELINE.encode() + random.Random(11).randbytes(50_000)),
    Case("recursive-anchor", lambda: b"hplint: 1\nmodel: &m {params: *m}\n"),
    Case("recursive-anchor-seq", lambda: b"hplint: 1\na: &a [1, *a]\n"),
    Case("undefined-alias", lambda: b"hplint: 1\nmodel: *nowhere\n"),
    Case(
        "duplicate-merge-keys",
        lambda: b"hplint: 1\nb: &b {alpha: 1}\nmodel: {<<: *b, <<: *b, <<: [*b, *b]}\n",
        expect=("HP007",),
    ),
    Case("empty", lambda: b"", expect=()),
    Case("comment-only", lambda: b"# nothing here\n# hplint: disable-file=HP302\n", expect=()),
    Case("modeline-only", lambda: MODELINE.encode(), expect=()),  # noqa: PLW0108
    Case(
        "multi-doc-with-broken-document",
        lambda: b"hplint: 1\ntraining: {learning_rate: 0.1}\n---\nkey: [unclosed\n---\nhplint: 1\n",
    ),
    Case(
        "python-object-apply",
        lambda: b"hplint: 1\nx: !!python/object/apply:os.system ['true']\n",
        expect=("HP010",),
    ),
    Case(
        "unknown-tag",
        lambda: b"hplint: 1\ntraining: !custom {learning_rate: 0.1}\n",
        expect=("HP010",),
    ),
    Case("bom-only", lambda: b"\xef\xbb\xbf", expect=()),
    Case("lone-surrogate-escape", lambda: b'hplint: 1\nname: "\\ud800"\n'),
    Case("control-chars", lambda: b"hplint: 1\nname: \x07\x1b[31m\x7f\n"),
    # Old Mac line ends only: the line index once searched for `\n` from every `\r` (#21).
    Case(
        "cr-only-line-ends-4mb",
        lambda: b"hplint: 1\rtraining:\r  learning_rate: 1e-3\r" + b"# c\r" * 1_100_000,
        expect=("HP008",),
    ),
    # 30,000 unknown keys: dropping the errors their values shadow was quadratic (#21).
    Case(
        "unknown-keys-30000",
        lambda: (
            b"hplint: 1\ntraining:\n"
            + b"".join(b"  unknown_key_%d: {x: %d}\n" % (i, i) for i in range(30_000))
        ),
        expect=("HP002",),
    ),
    # A syntax error, then blank lines: the "looks like a tuning config" text guess once tried
    # every line start against all the blank lines after it (#21: quadratic, minutes).
    Case(
        "blank-lines-after-a-syntax-error",
        lambda: b"method: grid\nparameters: [\n" + b"\n" * 80_000,
        expect=("HP000",),
    ),
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _write(directory: Path, case: Case) -> Path:
    path = directory / f"{case.name}{case.suffix}"
    if not path.exists():
        path.write_bytes(case.make())
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_survives(case: Case, hostile_dir: Path) -> None:
    path = _write(hostile_dir, case)
    run = run_cli("check", "--format", "json", path.name, cwd=hostile_dir)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode in (0, 1), (run.returncode, run.stderr[-2000:])
    assert run.peak_rss_mb < RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"
    codes = {d["code"] for d in json.loads(run.stdout or "[]")}
    if case.expect:
        assert codes & set(case.expect), (codes, run.stdout[:2000])
    else:
        assert not codes & {"HP000", "HP010"} or case.name == "random-binary", codes


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_engine_survives(case: Case) -> None:
    data = case.make()
    if len(data) > MAX_FILE_BYTES:
        text = data.decode("utf-8", "replace")
    else:
        text, _problem = decode(data)
    with time_limit(30):
        result = lint(text, path=f"{case.name}{case.suffix}")
    assert not result.internal_errors, result.internal_errors
    assert_spans_inside(result)
    codes = {d.code for d in result.diagnostics}
    if case.expect and case.name != "invalid-utf8":  # the engine sees decoded text
        assert codes & set(case.expect), codes


def test_utf16_with_bom_lints_like_utf8(tmp_path: Path) -> None:
    text = "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 1e-3\n  batch_size: 64\n"
    (tmp_path / "utf8.yaml").write_bytes(text.encode("utf-8"))
    (tmp_path / "utf16.yaml").write_bytes(text.encode("utf-16"))  # with its BOM
    (tmp_path / "utf16be.yaml").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    results = {}
    for name in ("utf8.yaml", "utf16.yaml", "utf16be.yaml"):
        run = run_cli("check", "--format", "json", name, cwd=tmp_path)
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
        results[name] = [
            (d["code"], d["line"], d["column"]) for d in json.loads(run.stdout or "[]")
        ]
    assert results["utf8.yaml"], "the sample should have findings"
    assert results["utf16.yaml"] == results["utf8.yaml"] == results["utf16be.yaml"]


def test_libyaml_event_parser_survives_deep_flow_nesting() -> None:
    """libyaml keeps an explicit stack (and, since PyYAML 6.0.4, a nesting limit), so deep
    input cannot overflow the C stack.

    Its scanner is quadratic in the flow depth (2·10⁴ levels: ~1 s, 10⁵: ~70 s), which is why
    the composer stops at `MAX_DEPTH` after ~200 events instead of draining the stream: the
    10⁶-deep files above are refused in milliseconds.
    """
    script = (
        "from yaml.cyaml import CParser\n"
        "p = CParser('[' * 20000 + ']' * 20000)\n"
        "n = 0\n"
        "while p.check_event():\n"
        "    p.get_event(); n += 1\n"
        "q = CParser('[' * 10**6)\n"
        "for _ in range(1000):\n"
        "    q.get_event()\n"
        "print(n)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, check=False
    )
    # < 0 would mean killed by a signal (a C stack overflow). Newer libyaml builds (PyYAML
    # 6.0.4) refuse flow nesting past 1,000 levels with a clean Python exception instead.
    assert done.returncode >= 0, (done.returncode, done.stderr[-500:])
    if done.returncode != 0:
        assert b"maximum nesting depth" in done.stderr, done.stderr[-500:]
    else:
        assert int(done.stdout) == 2 * 20000 + 4


def test_node_dense_file_stays_in_memory_bound(hostile_dir: Path) -> None:
    unit = "- " + "[" * 190 + "]" * 190 + "\n"
    path = hostile_dir / "dense.yaml"
    path.write_text(MODELINE + "hplint: 1\nx:\n" + unit * (700_000 // len(unit)))
    run = run_cli("check", "--format", "json", path.name, cwd=hostile_dir)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert run.peak_rss_mb < RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


def test_caps_are_what_the_docs_say() -> None:
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    assert MAX_DEPTH == 200
    assert MAX_EXPANDED_NODES == 200_000


@pytest.mark.parametrize("depth", [MAX_DEPTH - 4, MAX_DEPTH + 1])
def test_depth_at_the_cap(depth: int) -> None:
    """Just under the cap is linted normally; just over it is one HP000."""
    text = "hplint: 1\nmodel:\n  params:\n    alpha: " + "[" * depth + "]" * depth + "\n"
    with time_limit(30):
        result = lint(text, path="deep.yaml")
    codes = {d.code for d in result.diagnostics}
    assert ("HP000" in codes) == (depth + 3 > MAX_DEPTH), codes


def test_alias_depth_at_the_cap() -> None:
    lines = ["hplint: 1", "a0: &a0 [1]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 150)]
    result = lint("\n".join(lines) + "\n", path="chain.yaml")
    assert not any("nest" in d.message for d in result.diagnostics)
    lines += [f"a{i}: &a{i} [*a{i - 1}]" for i in range(150, 300)]
    result = lint("\n".join(lines) + "\n", path="chain.yaml")
    hp000 = [d for d in result.diagnostics if d.code == "HP000"]
    assert len(hp000) == 1 and "deeper than 200" in hp000[0].message
    assert result.text[hp000[0].span.start : hp000[0].span.end].startswith("*a")


def test_recursive_schema_ref_at_the_depth_cap() -> None:
    depth = 190
    text = "method: grid\nparameters:\n  x: " + "{parameters: " * depth + "{}" + "}" * depth + "\n"
    with time_limit(30):
        result = lint(text, path="sweep.yaml")
    assert_spans_inside(result)


def test_unparsable_native_json_is_reported() -> None:
    text = '{"hplint": 1, "training": {"learning_rate": 0.1,}}'
    result = lint(text, path="train.json")
    assert any(d.code == "HP000" for d in result.diagnostics)
