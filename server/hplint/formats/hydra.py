"""Hydra Optuna sweeper (`hydra.sweeper`) → IR.

`hydra.sweeper.params` values are Hydra override strings. The subset of the extended override
grammar that the Optuna sweeper understands is parsed here (`choice(...)`, `range(start, stop[,
step])`, `interval(a, b)`, `int(interval(...))`, `tag(log, ...)`, `shuffle(...)`, the simple
choice sweep `a,b,c`, and plain values), with exact spans: bounds, steps and choice values are
facts on synthetic `ScalarNode`s that cover just that argument (when the scalar's source text
maps one-to-one onto its value; otherwise they fall back to the whole scalar). `dist` covers the
whole expression and holds the distribution's spelling (`interval`, `range`, `int(interval)`,
`tag(log, interval)`, `shuffle(range)`, `choice`).

How each override maps to Optuna (`create_optuna_distribution_from_override`): `choice` →
categorical; `range` → Int/FloatDistribution(start, stop, step) whose `high` is inclusive, while
Hydra's grammar excludes `stop` (HP619); `interval` → FloatDistribution (linear unless tagged
`log`); `int(interval)` → IntDistribution. Plain values are `constant` parameters and, where they
have a training meaning (`data.batch_size: 64`), `Training` facts.

The sampler is the `sampler._target_` class if given, else the `defaults` override
`hydra/sweeper/sampler: <name>`, else Optuna's default, TPE (then `method` points at the sweeper
key). `n_trials` → trials, `n_jobs` → parallel, `direction` → objective direction, a top-level
`optimized_metric` (lightning-hydra-template) → objective metric; without it the objective is the
task function's return value, recorded as `TASK_RETURN_VALUE` on the `direction` node. The legacy
`search_space:` block (removed upstream) is adapted too, so the rules still run while HP617 asks
to migrate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hplint.detection import HYDRA
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node, ScalarNode, ScalarStyle, SequenceNode
from hplint.document.values import get_path
from hplint.formats._util import (
    fact,
    is_int,
    item_facts,
    present,
    present_section,
    set_training_fact,
)
from hplint.ir import AnyFact, Config, Fact, Search, SearchParam, Section, Training
from hplint.ir import text as fact_text
from hplint.text import Span

SAMPLERS = {
    "tpe": "bayesian",
    "motpe": "bayesian",
    "gp": "bayesian",
    "cmaes": "bayesian",
    "random": "random",
    "qmc": "random",
    "grid": "grid",
    "bruteforce": "grid",
    "nsgaii": "other",
    "nsgaiii": "other",
}
_SAMPLER_CLASSES = {
    "TPESampler": "tpe",
    "MOTPESampler": "motpe",
    "GPSampler": "gp",
    "CmaEsSampler": "cmaes",
    "RandomSampler": "random",
    "QMCSampler": "qmc",
    "GridSampler": "grid",
    "BruteForceSampler": "bruteforce",
    "NSGAIISampler": "nsgaii",
    "NSGAIIISampler": "nsgaiii",
}
TASK_RETURN_VALUE = "<return value of the task function>"
# hydra-optuna-sweeper's package: `hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper`.
OFFICIAL_SWEEPER_MODULE = "hydra_plugins.hydra_optuna_sweeper."
_SAMPLER_OVERRIDE = re.compile(r"^(?:override\s+)?/?hydra/sweeper/sampler$")
_SWEEPER_OVERRIDE = re.compile(r"^(?:override\s+)?/?hydra/sweeper$")


def adapt(root: Node) -> Config:
    config = Config(format_id=HYDRA, root=root)
    top = mapping(root)
    if top is None:
        return config
    hydra = mapping(present_section(top, "hydra").node)
    sweeper_section = present_section(hydra, "sweeper") if hydra is not None else Section()
    sweeper = mapping(sweeper_section.node)
    search = Search(node=sweeper_section.node or root, key=sweeper_section.key)
    training = Training()
    _method(top, sweeper, sweeper_section, search)
    search.objective_metric = present(top, "optimized_metric")
    if sweeper is not None:
        search.objective_direction = present(sweeper, "direction")
        if search.objective_metric is None:
            # The objective is the task function's return value: it always exists.
            anchor = search.objective_direction or Fact(None, sweeper_section.key or root)
            search.objective_metric = Fact(TASK_RETURN_VALUE, anchor.node, anchor.key)
        search.implementation = present(sweeper, "_target_")
        search.trials = present(sweeper, "n_trials")
        search.parallel = present(sweeper, "n_jobs")
        params = present_section(sweeper, "params")
        legacy = present_section(sweeper, "search_space")
        if params.node is not None:
            search.space_section = params
            _params(mapping(params.node), search, training, runs_official_sweeper(search))
        elif legacy.node is not None:
            search.space_section = legacy
            _legacy(mapping(legacy.node), search)
    if training.learning_rate is not None or training.batch_size is not None:
        training.node, training.key = search.space_section.node, search.space_section.key
    config.search = search
    config.training = training
    return config


# --- sampler → method ------------------------------------------------------------------------


def _method(
    top: MappingNode, sweeper: MappingNode | None, sweeper_section: Section, search: Search
) -> None:
    sampler_section = present_section(sweeper, "sampler") if sweeper is not None else Section()
    sampler = mapping(sampler_section.node)
    if sampler is not None:
        search.startup_trials = present(sampler, "n_startup_trials")
        target = present(sampler, "_target_")
        if target is not None and isinstance(target.value, str):
            short = target.value.rsplit(".", 1)[-1]
            raw = _SAMPLER_CLASSES.get(short, short)
            search.method = Fact(SAMPLERS.get(raw, "other"), target.node, target.key)
            search.method_raw = raw
            return
    chosen = _defaults_sampler(top)
    if chosen is not None and isinstance(chosen.value, str):
        search.method = Fact(SAMPLERS.get(chosen.value.lower(), "other"), chosen.node, chosen.key)
        search.method_raw = chosen.value
        return
    # Optuna's default sampler (TPE) — anchored on the sampler or sweeper key.
    anchor = sampler_section.key or sweeper_section.key or _defaults_sweeper_key(top)
    if anchor is not None:
        search.method = Fact("bayesian", anchor, anchor)
        search.method_raw = "tpe"


def _defaults_entries(top: MappingNode) -> list[tuple[Node, Node, str]]:
    defaults = get_path(top, "defaults")
    found: list[tuple[Node, Node, str]] = []
    if isinstance(defaults, SequenceNode):
        for item in defaults.items:
            body = item.resolve()
            if isinstance(body, MappingNode):
                for entry in body.own_entries():
                    found.append((entry.key, entry.value, entry.key_text.strip()))
    return found


def _defaults_sampler(top: MappingNode) -> AnyFact | None:
    for key, value, text in _defaults_entries(top):
        if _SAMPLER_OVERRIDE.match(text):
            resolved = value.resolve()
            if isinstance(resolved, ScalarNode):
                return Fact(resolved.value, value, key)
    return None


def _defaults_sweeper_key(top: MappingNode) -> Node | None:
    for key, _value, text in _defaults_entries(top):
        if _SWEEPER_OVERRIDE.match(text):
            return key
    return None


# --- params ----------------------------------------------------------------------------------


def runs_official_sweeper(search: Search) -> bool:
    """Is the sweep run by Hydra's own Optuna sweeper (no `_target_`, or the plugin's class)?

    Other Optuna-based sweepers (e.g. `OptunaPruningSweeper`) translate overrides their own
    way: what `_impl.py` does with a `range` or its tags is only known for the official one.
    """
    target = fact_text(search.implementation)
    return target is None or target.startswith(OFFICIAL_SWEEPER_MODULE)


def _params(params: MappingNode | None, search: Search, training: Training, official: bool) -> None:
    if params is None:
        return
    for entry in params.own_entries():
        name = entry.key_text
        param = SearchParam(node=entry.value, key=entry.key, name=name, path=tuple(name.split(".")))
        resolved = entry.value.resolve()
        if isinstance(resolved, ScalarNode) and isinstance(resolved.value, str):
            _override(param, resolved, entry.value, official)
        else:
            value = fact(params, name)
            param.kind = "constant"
            if value is not None:
                param.values = [value]
        search.space.append(param)
        if param.kind == "constant" and param.values:
            set_training_fact(training, name, param.values[0])


@dataclass
class _Expr:
    """A piece of a parsed sweeper override: a literal, a list or a call."""

    start: int  # offsets into the override string
    end: int


@dataclass
class _Lit(_Expr):
    """A number, boolean, null or string (quoted or bare)."""

    value: object = None


@dataclass
class _List(_Expr):
    """A bracketed list: `[1, 2, 3]`."""

    items: list[_Expr] = field(default_factory=list)


@dataclass
class _Call(_Expr):
    """A call such as `interval(0.1, 1)`; the name "" stands for a choice sweep `a,b,c`."""

    name: str = ""
    args: list[_Expr] = field(default_factory=list)
    kwargs: dict[str, _Expr] = field(default_factory=dict)


class _ParseError(ValueError):
    pass


class _Parser:
    """A recursive-descent parser for the override-grammar subset the Optuna sweeper uses."""

    _NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def parse(self) -> _Expr:
        self._ws()
        first = self._element(top=True)
        self._ws()
        if self.pos < len(self.text) and self.text[self.pos] == ",":
            items = [first]
            while self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
                self._ws()
                items.append(self._element(top=True))
                self._ws()
            if self.pos != len(self.text):
                raise _ParseError(self.pos)
            return _Call(first.start, items[-1].end, name="", args=items)  # simple choice sweep
        if self.pos != len(self.text):
            raise _ParseError(self.pos)
        return first

    def _ws(self) -> None:
        self.pos = self._after_blanks(self.pos)

    def _after_blanks(self, pos: int) -> int:
        """The first offset from `pos` on that is not a space or a tab."""
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        return pos

    def _element(self, *, top: bool = False) -> _Expr:
        self._ws()
        if self.pos >= len(self.text):
            raise _ParseError(self.pos)
        char = self.text[self.pos]
        if char == "[":
            return self._list()
        if char in "'\"":
            return self._quoted()
        match = self._NAME.match(self.text, self.pos)
        if match is not None:
            rest = self._after_blanks(match.end())
            if rest < len(self.text) and self.text[rest] == "(":
                return self._call(match.group(0), rest)
        return self._primitive(top=top)

    def _call(self, name: str, paren: int) -> _Call:
        start = self.pos
        self.pos = paren + 1
        call = _Call(start, start, name=name)
        self._ws()
        if self.pos < len(self.text) and self.text[self.pos] == ")":
            self.pos += 1
            call.end = self.pos
            return call
        while True:
            self._ws()
            keyword = self._NAME.match(self.text, self.pos)
            if keyword is not None:
                probe = self._after_blanks(keyword.end())
                if probe < len(self.text) and self.text[probe] == "=":
                    self.pos = probe + 1
                    call.kwargs[keyword.group(0)] = self._element()
                else:
                    call.args.append(self._element())
            else:
                call.args.append(self._element())
            if self._after_item(")"):
                call.end = self.pos
                return call

    def _list(self) -> _List:
        start = self.pos
        self.pos += 1
        result = _List(start, start)
        self._ws()
        if self.pos < len(self.text) and self.text[self.pos] == "]":
            self.pos += 1
            result.end = self.pos
            return result
        while True:
            result.items.append(self._element())
            if self._after_item("]"):
                result.end = self.pos
                return result

    def _after_item(self, closer: str) -> bool:
        """Consume the `,` after an item (False: another item follows) or `closer` (True)."""
        self._ws()
        if self.pos >= len(self.text) or self.text[self.pos] not in ("," + closer):
            raise _ParseError(self.pos)
        self.pos += 1
        return self.text[self.pos - 1] == closer

    def _quoted(self) -> _Lit:
        quote = self.text[self.pos]
        start = self.pos
        end = self.text.find(quote, start + 1)
        if end < 0:
            raise _ParseError(start)
        self.pos = end + 1
        return _Lit(start, self.pos, value=self.text[start + 1 : end])

    def _primitive(self, *, top: bool) -> _Lit:
        start = self.pos
        stops = ",)]" if not top else ","
        while self.pos < len(self.text) and self.text[self.pos] not in stops + "([":
            self.pos += 1
        raw = self.text[start : self.pos].rstrip()
        if not raw:
            raise _ParseError(start)
        return _Lit(start, start + len(raw), value=_primitive_value(raw))


def _primitive_value(raw: str) -> object:
    lowered = raw.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    if lowered == "null":
        return None
    try:
        return int(raw.replace("_", ""))
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw


def parse_override(text: str) -> _Expr | None:
    """The parsed override, or None when it is not in the supported subset."""
    try:
        return _Parser(text).parse()
    except (_ParseError, RecursionError):
        return None


class _Spans:
    """Synthetic nodes for pieces of an override scalar, at exact offsets when possible."""

    def __init__(self, scalar: ScalarNode, carrier: Node) -> None:
        self.scalar = scalar
        self.carrier = carrier
        value = scalar.value if isinstance(scalar.value, str) else ""
        self.base: int | None = None
        if "\n" not in scalar.raw:
            if scalar.style is ScalarStyle.PLAIN and scalar.raw == value:
                self.base = scalar.span.start
            elif scalar.style.is_quoted and scalar.raw[1:-1] == value:
                self.base = scalar.span.start + 1

    def node(self, expr: _Expr, value: object, text: str) -> Node:
        if self.base is None:
            return self.carrier
        start, end = self.base + expr.start, self.base + expr.end
        piece = ScalarNode(Span(start, end), value, text[expr.start : expr.end], ScalarStyle.PLAIN)
        piece.parent = self.scalar  # stands in for the scalar: it adds nothing to the path
        return piece

    def fact(self, expr: _Expr | None, text: str) -> AnyFact | None:
        if expr is None:
            return None
        value = expr.value if isinstance(expr, _Lit) else text[expr.start : expr.end]
        return Fact(value, self.node(expr, value, text))


def _override(param: SearchParam, scalar: ScalarNode, carrier: Node, official: bool) -> None:
    text = str(scalar.value)
    expr = parse_override(text)
    spans = _Spans(scalar, carrier)
    if expr is None:
        param.kind = "other"
        param.dist_name = None
        return
    if isinstance(expr, _Call) and expr.name == "":  # a,b,c
        param.kind = "choice"
        param.dist_name = "choice"
        param.dist = Fact("choice", spans.node(expr, text, text))
        param.values = [f for f in (spans.fact(item, text) for item in expr.args) if f is not None]
        return
    if not isinstance(expr, _Call):
        param.kind = "constant"
        value = spans.fact(expr, text)
        if value is not None:
            param.values = [value]
        return
    dist_name, inner, tags = _unwrap(expr)
    param.dist_name = dist_name
    param.dist = Fact(dist_name, spans.node(expr, text, text))
    log = "log" in tags
    if inner.name == "choice":
        param.kind = "choice"
        param.values = [f for f in (spans.fact(a, text) for a in inner.args) if f is not None]
    elif inner.name == "range":
        args = [*inner.args]
        start = args[0] if args else inner.kwargs.get("start")
        stop = args[1] if len(args) > 1 else inner.kwargs.get("stop")
        step = args[2] if len(args) > 2 else inner.kwargs.get("step")
        param.low, param.high, param.step = (spans.fact(e, text) for e in (start, stop, step))
        bounds = [f.value for f in (param.low, param.high, param.step) if f is not None]
        param.integer = all(is_int(v) for v in bounds)
        param.kind = "int" if param.integer else "quniform"
        if "shuffle" in dist_name:
            param.kind = "choice"
        # The official sweeper reads tags only on `interval`: `tag(log, range(...))` is sampled
        # uniformly (HP626 says so), so the IR must not claim a log scale there.
        log = log and not official
    elif inner.name == "interval":
        args = [*inner.args]
        low = args[0] if args else inner.kwargs.get("start")
        high = args[1] if len(args) > 1 else inner.kwargs.get("end")
        param.low, param.high = spans.fact(low, text), spans.fact(high, text)
        if "int(" in dist_name:
            param.kind = "int"
            param.integer = True
        else:
            param.kind = "loguniform" if log else "uniform"
            param.continuous = True
    else:
        param.kind = "other"
    param.log = log


def _unwrap(expr: _Call) -> tuple[str, _Call, list[str]]:
    """`tag(log, int(interval(0, 1)))` → ("tag(log, int(interval))", the interval call, ["log"])."""
    wrappers: list[str] = []
    tags: list[str] = []
    current = expr
    while current.name in ("tag", "int", "shuffle", "float") and current.args:
        last = current.args[-1]
        if not isinstance(last, _Call):
            break
        if current.name == "tag":
            names = [str(a.value) for a in current.args[:-1] if isinstance(a, _Lit)]
            tags.extend(names)
            wrappers.append(f"tag({', '.join(names)}, ")
        else:
            wrappers.append(f"{current.name}(")
        current = last
    name = current.name
    for wrapper in reversed(wrappers):
        name = f"{wrapper}{name})"
    return name, current, tags


# --- legacy search_space ----------------------------------------------------------------------


def _legacy(space: MappingNode | None, search: Search) -> None:
    if space is None:
        return
    for entry in space.own_entries():
        name = entry.key_text
        param = SearchParam(node=entry.value, key=entry.key, name=name, path=tuple(name.split(".")))
        body = mapping(entry.value)
        if body is not None:
            kind = present(body, "type")
            kind_name = kind.value if kind is not None and isinstance(kind.value, str) else None
            param.dist, param.dist_name = kind, kind_name
            log = present(body, "log")
            param.log = log is not None and log.value is True
            if kind_name == "categorical":
                param.kind = "choice"
                param.values = item_facts(body.get("choices"))
            elif kind_name in ("int", "float"):
                param.low, param.high = present(body, "low"), present(body, "high")
                param.step = present(body, "step")
                if kind_name == "int":
                    param.kind, param.integer = "int", True
                else:
                    param.kind = (
                        "loguniform" if param.log else ("quniform" if param.step else "uniform")
                    )
                    param.continuous = param.step is None
        search.space.append(param)
