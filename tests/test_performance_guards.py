"""Performance guards that count work instead of timing it (timings live in `benchmarks/`).

Each test pins one property the latency budgets rely on: caches stay warm, lookups are indexed,
one parse per lint, start-up stays lean, work per node does not grow with the file.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from hplint.document import loader
from hplint.document.model import MappingNode, SequenceNode
from hplint.engine import lint
from hplint.schema_loader import registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import configs


@pytest.fixture
def count_calls(monkeypatch: pytest.MonkeyPatch) -> Any:
    counts: dict[str, int] = {}

    def install(owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            counts[name] = counts.get(name, 0) + 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counting)

    install.counts = counts  # type: ignore[attr-defined]
    return install


def test_second_lint_does_not_recompile_the_schema() -> None:
    text = configs.wandb_sweep(60)
    lint(text, path="sweep.yaml")
    compiled = registry.compile_count()
    lint(text, path="sweep.yaml")
    lint(text.replace("run_cap: 400", "run_cap: 401"), path="sweep.yaml")
    assert registry.compile_count() == compiled


def test_one_parse_per_lint(count_calls: Any) -> None:
    count_calls(loader, "parse_yaml")
    lint(configs.native(200), path="config.yaml")
    assert count_calls.counts == {"parse_yaml": 1}


def test_line_starts_are_computed_once_per_lint(count_calls: Any) -> None:
    from hplint import text as text_module

    original = text_module.LineIndex.__init__
    calls = []

    def counting(self: Any, text: str) -> None:
        calls.append(len(text))
        original(self, text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module.LineIndex, "__init__", counting)
        result = lint(configs.wandb_sweep(400), path="sweep.yaml")
        assert result.diagnostics  # the generated file has mistakes to place
        assert result.lines is result.document.lines
    assert len(calls) == 1


def test_position_lookups_are_bisects_not_scans() -> None:
    result = lint(configs.wandb_sweep(2000), path="sweep.yaml")
    lines = result.lines
    before = lines.lookups
    last = len(result.text) - 1
    position = lines.position(last)
    assert lines.lookups == before + 1
    assert position.line == result.text.count("\n", 0, last)
    # LineIndex keeps only the line starts (one int per line), never a per-character table.
    assert len(lines._starts) == lines.line_count <= result.text.count("\n") + 1


def test_mapping_lookups_use_an_index() -> None:
    document = loader.parse_text(configs.wandb_sweep(1600), "yaml")
    root = document.roots[0].node
    assert isinstance(root, MappingNode)
    parameters = root.get("parameters")
    assert isinstance(parameters, MappingNode)
    keys = parameters.keys()
    for key in keys:
        assert parameters.get(key) is not None
    assert parameters._index is not None  # built once, reused by every lookup
    index = parameters._index
    parameters.get(keys[-1])
    assert parameters._index is index


def test_pipeline_steps_are_found_by_name_without_a_scan() -> None:
    document = loader.parse_text(configs.native(1600), "yaml")
    root = document.roots[0].node
    assert isinstance(root, MappingNode)
    pipeline = root.get("model").resolve().get("pipeline")  # type: ignore[union-attr]
    assert isinstance(pipeline, SequenceNode)
    assert pipeline.index_named("impute") == 0
    assert pipeline.index_named("reg") == len(pipeline.items) - 1
    assert pipeline.index_named("missing") is None


def test_an_edit_revalidates_only_what_changed() -> None:
    """A one-value edit re-evaluates a bounded number of `$ref`s, whatever the file size."""
    evaluated = []
    for size in (400, 1600):
        text = configs.wandb_sweep(size)
        lint(text, path="sweep.yaml")
        before = registry.ref_evaluations()
        edited = text.replace("    min: 0.05\n", "    min: 0.06\n", 1)
        assert edited != text
        lint(edited, path="sweep.yaml")
        evaluated.append(registry.ref_evaluations() - before)
    assert max(evaluated) <= 5, evaluated


def test_memoised_validation_reports_what_jsonschema_reports() -> None:
    from jsonschema import Draft202012Validator

    from hplint.resources import load_json

    text = configs.wandb_sweep(300)
    result = lint(text, path="sweep.yaml")
    from hplint.document.values import to_python

    instance = to_python(result.document.roots[0].node)
    plain = Draft202012Validator(
        load_json("wandb-sweep.schema.json"), registry=registry._registry()
    )
    memo = registry.validator_for("wandb-sweep.schema.json")

    def data_shape(validator: Any) -> list[tuple[Any, ...]]:
        return sorted(
            (list(e.absolute_path), list(e.absolute_schema_path), e.message, len(e.context))
            for e in validator.iter_errors(instance)
        )

    expected = data_shape(plain)
    assert expected
    assert data_shape(memo) == expected
    assert data_shape(memo) == expected  # replayed from the cache: still identical


def test_work_per_node_is_linear(count_calls: Any) -> None:
    """Node lookups per lint grow with the file, not with its square (1,600 vs 10,000 lines)."""
    counts = []
    for size in (1600, 10_000):
        calls = [0]

        def counting(
            self: MappingNode,
            key: str,
            calls: list[int] = calls,
            original: Any = MappingNode.get_entry,
        ) -> Any:
            calls[0] += 1
            return original(self, key)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(MappingNode, "get_entry", counting)
            lint(configs.wandb_sweep(size), path="sweep.yaml")
        counts.append(calls[0])
    ratio = counts[1] / counts[0]
    assert ratio < 10_000 / 1600 * 1.3, counts


def test_language_server_start_up_imports_no_heavy_modules() -> None:
    code = textwrap.dedent(
        """
        import sys
        from hplint.lsp.server import server, HplintLanguageServer
        import hplint.cli  # `python -m hplint lsp` goes through the CLI module
        assert isinstance(server, HplintLanguageServer)
        from hplint.resources import load_json
        heavy = ("jsonschema", "referencing", "sklearn", "numpy", "lightgbm", "xgboost", "yaml")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
        # nor the engine, the rules, the parsers or the CLI's reporters: the warm-up after
        # `initialized` imports them, off the path to the `initialize` answer
        loaded += sorted(
            m
            for m in sys.modules
            if m.startswith(("hplint.engine", "hplint.rules", "hplint.document", "hplint.reporters."))
        )
        # no schema or estimator catalogue is read before the first document
        print(",".join(loaded + ["json files: %d" % load_json.cache_info().currsize]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "json files: 0"


# --- the editor path -------------------------------------------------------------------------


def _diagnostics(result: Any) -> list[tuple[Any, ...]]:
    return [
        (
            d.code,
            tuple(d.span),
            d.message,
            [(tuple(r.span), r.message) for r in d.related],
            repr(d.fix),
            d.severity,
        )
        for d in result.diagnostics
    ]


def _tree(document: Any) -> list[Any]:
    """Everything a parse produces, node by node (spans, values, raw text, paths, parents)."""
    from hplint.document.model import AliasNode, ScalarNode

    out: list[Any] = [
        [(tuple(r.span), r.index) for r in document.roots],
        document.problems,
        document.comments,
    ]
    for root in document.roots:
        if root.node is None:
            out.append(None)
            continue
        for node in root.node.walk():
            parent = node.parent
            out.append(
                (
                    type(node).__name__,
                    tuple(node.span),
                    node.tag,
                    node.anchor,
                    node.path,
                    node.is_key,
                    tuple(parent.span) if parent is not None else None,
                )
            )
            if isinstance(node, ScalarNode):
                out.append((type(node.value).__name__, repr(node.value), node.raw, node.style))
            elif isinstance(node, AliasNode):
                out.append((node.name, tuple(node.target.span)))
            elif isinstance(node, MappingNode):
                out.append([entry.key_text for entry in node.entries])
    return out


def test_a_scalar_edit_patches_the_tree_instead_of_parsing(count_calls: Any) -> None:
    text = configs.wandb_sweep(1600)
    previous = lint(text, path="sweep.yaml")
    edited = text.replace("    min: 0.05\n", "    min: 0.0625\n", 1)
    count_calls(loader, "parse_yaml")
    result = lint(edited, path="sweep.yaml", previous=previous.document)
    assert result.incremental
    assert count_calls.counts == {}  # no parse at all
    assert _diagnostics(result) == _diagnostics(lint(edited, path="sweep.yaml"))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("    min: 0.05\n", "    min: [0.05]\n"),  # flow indicator
        ("    min: 0.05\n", "    min: 0.05 # x\n"),  # comment
        ("    min: 0.05\n", "    min: 0.05\n    q: 1\n"),  # new line
        ("    min: 0.05\n", "    mix: 0.05\n"),  # a key
        ("    min: 0.05\n", "    min: '0.05'\n"),  # quoted
        ("    min: 0.05\n", "    min: \n"),  # emptied
    ],
)
def test_other_edits_are_parsed_again(before: str, after: str) -> None:
    text = configs.wandb_sweep(200)
    previous = lint(text, path="sweep.yaml")
    edited = text.replace(before, after, 1)
    result = lint(edited, path="sweep.yaml", previous=previous.document)
    assert not result.incremental
    assert _diagnostics(result) == _diagnostics(lint(edited, path="sweep.yaml"))


def test_patched_lint_equals_full_lint_on_random_scalar_edits() -> None:
    """Random edits inside scalars (mostly plain characters, sometimes YAML indicators): the
    patched tree and the diagnostics equal a full parse and lint of the edited text."""
    import random

    from hplint.document.model import ScalarNode

    examples = sorted((Path(__file__).resolve().parent / "rules" / "fixtures").glob("*/*.yaml"))
    texts = [
        configs.wandb_sweep(120),
        configs.native(120),
        "a: [1, 2, x]\nb: {c: 3, d: e}\n- bad\n",
        "\ufeffk: 5\r\nj: 6\r\n",
        "k: 5",
        "x: &a 1\ny: *a\nz: 2\n",
        "--- \na: 1\n...\n--- \nb: 2\n",
        "k: a # c\nl: b#c\n",
        "a:\n  - name: s1\n    v: 1\n  - name: s2\n",
        "[\na,\nb]\n",
        *(path.read_text(encoding="utf-8") for path in examples[::7]),
    ]
    rng = random.Random(20261127)
    plain, indicators = "0123456789abez_.-+", " :#'\"[]{},\n&*!|>%@`?\t"
    edits = patched = 0
    for text in texts:
        parsed = loader.parse_text(text, "yaml")
        scalars = [
            node
            for root in parsed.roots
            if root.node is not None
            for node in root.node.walk()
            if isinstance(node, ScalarNode)
        ]
        for _ in range(12 if scalars else 0):
            start, end = rng.choice(scalars).span
            cut = rng.randint(start, end)
            upto = rng.randint(cut, end)
            inserted = "".join(
                rng.choice(plain if rng.random() < 0.85 else indicators)
                for _ in range(rng.choice((0, 1, 1, 2, 3)))
            )
            edited = text[:cut] + inserted + text[upto:]
            previous = lint(text, path="c.yaml")
            result = lint(edited, path="c.yaml", previous=previous.document)
            full = lint(edited, path="c.yaml")
            edits += 1
            patched += result.incremental
            assert _diagnostics(result) == _diagnostics(full), (
                text[cut - 20 : upto + 20],
                inserted,
            )
            assert result.formats == full.formats
            assert _tree(result.document) == _tree(loader.parse_text(edited, "yaml"))
    assert patched > edits // 4, (patched, edits)


def test_same_length_edits_move_nothing_and_equal_a_full_lint() -> None:
    """A same-length edit (a digit or letter replaced) takes the shortcut that shifts no
    offsets and keeps the comments: the result equals a full lint, including a pipeline step
    renamed under a search path that names it (the sequences' name index is dropped)."""
    import random

    from hplint.document.model import ScalarNode

    rng = random.Random(20261207)
    for text in (_MEMO_TEXT, configs.wandb_sweep(60), configs.native(60)):
        parsed = loader.parse_text(text, "yaml")
        scalars = [
            node
            for root in parsed.roots
            if root.node is not None
            for node in root.node.walk()
            if isinstance(node, ScalarNode) and not node.is_key and node.raw
        ]
        for node in rng.sample(scalars, min(25, len(scalars))):
            at = rng.randrange(node.span.start, node.span.end)
            old = text[at]
            pool = "0123456789" if old.isdigit() else "abcdefghijklmnopqrstuvwxyz"
            replacement = rng.choice([c for c in pool if c != old] or [old])
            edited = text[:at] + replacement + text[at + 1 :]
            previous = lint(text, path="c.yaml")
            result = lint(edited, path="c.yaml", previous=previous.document)
            full = lint(edited, path="c.yaml")
            assert _diagnostics(result) == _diagnostics(full), (
                text[at - 30 : at + 30],
                replacement,
            )
            assert _tree(result.document) == _tree(loader.parse_text(edited, "yaml"))
    renamed = _MEMO_TEXT.replace("- name: reg", "- name: rex")
    previous = lint(_MEMO_TEXT, path="c.yaml")
    result = lint(renamed, path="c.yaml", previous=previous.document)
    assert result.incremental
    assert _diagnostics(result) == _diagnostics(lint(renamed, path="c.yaml"))


_MEMO_TEXT = textwrap.dedent(
    """\
    hplint: 1
    data: {train: train.csv, valid: valid.csv, target: y, n_samples: 5000, n_features: 40}
    model:
      pipeline:
        - name: scale
          class: sklearn.preprocessing.StandardScaler
        - name: select
          class: sklearn.feature_selection.SelectFromModel
          params:
            estimator: {class: sklearn.linear_model.Lasso, params: {alpha: 0.1, coef_: 1}}
            threshold: mean
        - name: reg
          class: sklearn.linear_model.ElasticNet
          params: {alpha: 0.5, l1_ratio: 0.5, selection: cyclic, max_iter: 1000}
        - name: gbm
          class: lightgbm.LGBMRegressor
          params: {num_leaves: 31, max_depth: 5, learning_rate: 0.1, n_estimators: 100}
        - name: clf
          class: sklearn.linear_model.LogisticRegression
          params: {C: 1.0, max_iter: 100}
    extra:
      helper: {_target_: sklearn.linear_model.Ridge, alpha: 1.0, solver: auto}
      shared: &base {alpha: 0.3}
      copy: *base
    search:
      method: random
      budget: {trials: 20}
      space:
        model.pipeline.reg.params.alpha: {dist: loguniform, low: 0.001, high: 10}
        model.pipeline.reg.params.l1_ratio: {dist: uniform, low: 0.0, high: 1.0}
        model.pipeline.gbm.params.num_leaves: {dist: int, low: 8, high: 256}
        model.pipeline.gbm.params.learning_rate: {choice: [0.01, 0.1, 0.3]}
        model.pipeline.reg.params.selection: {choice: [cyclic, random]}
        model.pipeline.clf.params.solver: {choice: [liblinear, lbfgs]}
        model.pipeline.clf.params.max_iter: {dist: int, low: 100, high: 1000}
    """
)
_MEMO_VOCABULARY = (
    *("0", "-1", "0.5", "1", "2", "10", "1e-3", "100", "1000", "0.0"),
    *("l1", "l2", "random", "Random", "auto", "cyclic", "gbdt", "rf", "true", "mean", "reg"),
    *("scale", "gbm", "select", "int", "uniform", "loguniform", "bayesian", "grid"),
    *(
        "sklearn.linear_model.Lasso",
        "sklearn.linear_model.Ridge",
        "Lasso",
        "lightgbm.LGBMClassifier",
    ),
    *("xgboost.XGBRegressor", "sklearn.preprocessing.StandardScaler", "sklearn.svm.SVR"),
    *("sklearn.linear_model.LogisticRegression", "clf", "liblinear", "lbfgs", "saga"),
)


def test_subtree_memos_equal_full_lints_over_chains_of_edits() -> None:
    """The adapters and rules keep results per unchanged subtree across the language server's
    patched lints (`values.subtree_memo`). Chains of edits that swap values for ones that flip
    verdicts (classes, step names, bounds, options), each patched into the previous lint's
    tree: every lint equals a full lint of the same text, fixes and spans included."""
    import random

    from hplint.document.model import ScalarNode, ScalarStyle

    fixtures = Path(__file__).resolve().parent / "rules" / "fixtures"
    texts = [
        _MEMO_TEXT,
        configs.native(120),
        configs.wandb_sweep(120),
        *(
            path.read_text(encoding="utf-8")
            for code in ("HP001", "HP201", "HP401", "HP603", "HP609", "HP610", "HP617", "HP620")
            for path in sorted((fixtures / code).glob("*.yaml"))
        ),
    ]
    rng = random.Random(11272026)
    edits = patched = 0
    for first in texts:
        text = first
        previous = lint(text, path="c.yaml")
        for _ in range(300 if first is _MEMO_TEXT else 25):
            values = [
                node
                for root in previous.document.roots
                if root.node is not None
                for node in root.node.walk()
                if isinstance(node, ScalarNode)
                and not node.is_key
                and node.style is ScalarStyle.PLAIN
                and "\n" not in node.raw
            ]
            if not values:
                break
            start, end = rng.choice(values).span
            text = text[:start] + rng.choice(_MEMO_VOCABULARY) + text[end:]
            result = lint(text, path="c.yaml", previous=previous.document)
            full = lint(text, path="c.yaml")
            edits += 1
            patched += result.incremental
            assert _diagnostics(result) == _diagnostics(full), (text[start - 40 : end + 40],)
            previous = result
    assert patched > edits * 3 // 4, (patched, edits)


def test_an_edit_rereads_only_the_edited_subtree(count_calls: Any) -> None:
    """After a one-value edit in the search space of a long native config, the adapter reads
    one search-space entry again, no estimator, and HP001/HP609 re-check no pipeline step."""
    from hplint.analysis import native_paths as search
    from hplint.formats import native
    from hplint.rules.document import hp001_learned_parameter_as_hyperparameter as estimators

    text = configs.native(1600)
    previous = lint(text, path="c.yaml")
    for owner, name in (
        (native, "_read_estimators"),
        (native, "_read_space_param"),
        (estimators, "_check_site"),
        (search, "resolve_native_path"),
    ):
        count_calls(owner, name)
    edited = text.replace("high: 0.014", "high: 0.015", 1)
    assert edited != text
    result = lint(edited, path="c.yaml", previous=previous.document)
    assert result.incremental
    counts = count_calls.counts
    assert counts.get("_read_space_param") == 1, counts
    assert "_read_estimators" not in counts, counts
    # of the ~340 estimator sites, only those with findings (found again, not kept) are checked
    with_findings = [d for d in previous.diagnostics if d.code in ("HP001", "HP002", "HP003")]
    assert counts.get("_check_site", 0) <= len(with_findings) < 20, counts
    assert "resolve_native_path" not in counts, counts
    assert _diagnostics(result) == _diagnostics(lint(edited, path="c.yaml"))


def test_subtree_memos_follow_what_a_verdict_reads_outside_the_subtree() -> None:
    """A search-space entry found clean for one class is judged again when the class of the
    step it names changes (the entry's own subtree did not), and a path resolution follows a
    renamed step."""
    text = _MEMO_TEXT
    previous = lint(text, path="c.yaml")
    assert not [d for d in previous.diagnostics if "liblinear" in d.message]
    steps = (
        ("sklearn.linear_model.LogisticRegression", "sklearn.linear_model.Ridge", "liblinear"),
        ("name: reg", "name: regr", "model.pipeline.reg.params.alpha"),
    )
    for before, after, mentioned in steps:
        text = text.replace(before, after, 1)
        result = lint(text, path="c.yaml", previous=previous.document)
        assert result.incremental
        assert _diagnostics(result) == _diagnostics(lint(text, path="c.yaml"))
        assert [d for d in result.diagnostics if mentioned in d.message], mentioned
        previous = result


def _in_process_server(text: str, version: int = 1) -> Any:
    from lsprotocol import types
    from pygls.workspace import Workspace

    from hplint.lsp.server import HplintLanguageServer

    ls = HplintLanguageServer()
    ls.protocol._workspace = Workspace(None)  # what `initialize` sets up
    ls.protocol.client_capabilities = types.ClientCapabilities()
    ls.workspace.put_text_document(
        types.TextDocumentItem(uri=_URI, language_id="yaml", version=version, text=text)
    )
    return ls


_URI = "file:///tmp/hplint-guard/sweep.yaml"


def test_language_server_patches_scalar_edits(count_calls: Any) -> None:
    from lsprotocol import types

    text = configs.wandb_sweep(400)
    ls = _in_process_server(text)
    assert not ls.current(_URI).result.incremental
    line = text[: text.index("    min: 0.05\n")].count("\n")
    change = types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(line, 9), types.Position(line, 13)), text="0.07"
    )
    ls.workspace.update_text_document(
        types.VersionedTextDocumentIdentifier(uri=_URI, version=2), change
    )
    count_calls(loader, "parse_yaml")
    linted = ls.current(_URI)
    assert linted.version == 2 and linted.result.incremental
    assert count_calls.counts == {}


def test_completion_reuses_the_linted_tree(count_calls: Any) -> None:
    from lsprotocol import types

    from hplint.lsp.features.completion import completion

    text = configs.wandb_sweep(400)
    ls = _in_process_server(text, version=7)
    ls.current(_URI)  # the lint of version 7
    line = text[: text.rindex("distribution: ")].count("\n")
    params = types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=_URI), position=types.Position(line, 18)
    )
    count_calls(loader, "parse_text")
    found = completion(ls, params)
    assert found is not None and found.items
    assert count_calls.counts == {}  # no parse per request
    ls.linted.clear()  # no lint of this version: completion parses for itself, same answer
    again = completion(ls, params)
    assert count_calls.counts == {"parse_text": 1}
    assert again == found


def test_warm_up_after_initialized() -> None:
    code = textwrap.dedent(
        """
        import gc, sys
        from hplint.lsp.server import HplintLanguageServer
        ls = HplintLanguageServer()
        assert "hplint.engine" not in sys.modules
        ls.start_warm_up().join(60)
        from hplint.formats import FORMATS
        from hplint.schema_loader import registry
        assert "hplint.engine" in sys.modules
        assert registry.compile_count() == len({spec.schema for spec in FORMATS.values()})
        assert gc.get_freeze_count() > 0
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "ok"


def test_plain_values_are_memoised_and_rebuilt_only_above_an_edit() -> None:
    """`to_python` of an unchanged subtree is the same object after a patched edit; the edited
    scalar's ancestors are rebuilt, and the result equals a fresh parse's value."""
    from hplint.document.values import to_python

    text = configs.wandb_sweep(200)
    previous = lint(text, path="sweep.yaml").document
    root = previous.roots[0].node
    assert isinstance(root, MappingNode)
    before = to_python(root)
    assert to_python(root) is before
    metric = to_python(root.get("metric"))
    edited = text.replace("run_cap: 400", "run_cap: 401", 1)
    result = lint(edited, path="sweep.yaml", previous=previous)
    assert result.incremental
    after = to_python(result.document.roots[0].node)
    assert after is not before
    assert isinstance(after, dict) and after["run_cap"] == 401
    assert after["metric"] is metric  # untouched sibling: not rebuilt
    assert repr(after) == repr(to_python(loader.parse_text(edited, "yaml").roots[0].node))


def test_memoised_values_equal_fresh_ones_on_random_edits() -> None:
    """Anchors, aliases, merge keys and duplicates included: after each patched edit the value
    of every node, and the alias budget errors, are what a fresh parse gives."""
    import random

    from hplint.document.model import ScalarNode
    from hplint.document.values import ExpansionLimitError, to_python
    from hplint.document.yaml_parser import patch_plain_scalar

    texts = [
        "base: &b {lr: 1, n: [1, 2]}\nrun:\n  <<: *b\n  n: 3\nother: [*b, *b, {k: v}]\n",
        "a: &x [1, 2, 3]\nb:\n  c: *x\n  d: {e: 4, f: g}\n",
        "m:\n  <<: {p: 1, q: 2}\n  q: 5\nd: 1\nd: 2\nl:\n  - - 1\n    - 2\n  - x\n",
        configs.wandb_sweep(40),
        configs.native(40),
    ]
    rng = random.Random(7)
    patches = 0

    def outcome(node: Any, budget: int) -> str:
        try:
            return repr(to_python(node, [budget]))
        except ExpansionLimitError as exc:
            return f"error {exc} at {exc.alias.span}"

    for original in texts:
        text = original
        document = loader.parse_text(text, "yaml")
        for _ in range(25):
            for root in document.roots:
                to_python(root.node)  # fill the memos
            scalars = [
                node
                for root in document.roots
                if root.node is not None
                for node in root.node.walk()
                if isinstance(node, ScalarNode) and not node.is_key
            ]
            start, end = rng.choice(scalars).span
            replacement = str(rng.choice((0, 7, 12, 3.5, "zz", "true")))
            edited = text[:start] + replacement + text[end:]
            patched = patch_plain_scalar(document, edited)
            fresh = loader.parse_text(edited, "yaml")
            if patched is None:
                document, text = fresh, edited
                continue
            patches += 1
            for mine, theirs in zip(patched.roots, fresh.roots, strict=True):
                for budget in (3, 10, 40, 1_000):
                    assert outcome(mine.node, budget) == outcome(theirs.node, budget)
                for node_a, node_b in zip(mine.node.walk(), theirs.node.walk(), strict=True):  # type: ignore[union-attr]
                    assert repr(to_python(node_a)) == repr(to_python(node_b))
            document, text = patched, edited
    assert patches > 60, patches


def test_memoised_validation_equals_plain_jsonschema_after_random_edits() -> None:
    """The identity-keyed child memos (`registry._memoised_properties` and friends) replay what
    a plain validator reports on a fresh parse, edit after patched edit, with some sub-schemas
    failing before and after and the caches warm from earlier edits."""
    import random

    from jsonschema import Draft202012Validator

    from hplint.document.model import ScalarNode
    from hplint.document.values import to_python
    from hplint.formats import FORMATS
    from hplint.resources import load_json

    examples = sorted((Path(__file__).resolve().parent / "rules" / "fixtures").glob("*/*.yaml"))
    texts = [
        configs.wandb_sweep(120),
        configs.native(120),
        *(path.read_text(encoding="utf-8") for path in examples[::11]),
    ]
    rng = random.Random(11)
    compared = patched = 0

    def data_shape(validator: Any, instance: object) -> list[tuple[Any, ...]]:
        def one(e: Any) -> tuple[Any, ...]:
            return (
                list(e.absolute_path),
                list(e.absolute_schema_path),
                e.message,
                e.validator,
                repr(e.instance),
                sorted(map(one, e.context)),
            )

        return sorted(map(one, validator.iter_errors(instance)), key=repr)

    for original in texts:
        text = original
        result = lint(text, path="c.yaml")
        format_id = result.format_id
        if format_id is None or not result.document.roots or result.document.problems:
            continue
        schema = FORMATS[format_id].schema
        plain = Draft202012Validator(load_json(schema), registry=registry._registry())
        memo = registry.validator_for(schema)
        document = result.document
        for _ in range(15):
            scalars = [
                node
                for node in document.roots[0].node.walk()  # type: ignore[union-attr]
                if isinstance(node, ScalarNode) and not node.is_key
            ]
            start, end = rng.choice(scalars).span
            replacement = str(rng.choice((0, 1, 7, -3, 2.5, 1e9, "x", "uniform", "true", "null")))
            edited = text[:start] + replacement + text[end:]
            result = lint(edited, path="c.yaml", previous=document)
            document, text = result.document, edited
            if document.problems or result.format_id != format_id:
                break
            fresh = to_python(loader.parse_text(edited, "yaml").roots[0].node)
            mine = to_python(document.roots[0].node)
            assert data_shape(memo, mine) == data_shape(plain, fresh)
            compared += 1
            patched += result.incremental
    assert compared > 30 and patched > compared // 2, (compared, patched)


def test_every_dataclass_has_a_docstring() -> None:
    import ast

    # Every data type says what it stands for. Python 3.11's `dataclasses` also builds a missing
    # `__doc__` from `inspect.signature(cls)` when the class is defined (tokenizing, the first
    # time): import work a docstring avoids (40 calls before; too small to see in wall time on
    # this machine's noise, so counted here instead).
    package = Path(__file__).resolve().parent.parent / "server" / "hplint"
    missing = [
        f"{path.relative_to(package.parent)}:{node.lineno} {node.name}"
        for path in sorted(package.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any("dataclass" in ast.unparse(d) for d in node.decorator_list)
        and ast.get_docstring(node) is None
    ]
    assert not missing, missing
