"""The unit of behaviour: a rule.

A rule is a function with metadata. Its docstring is its documentation, in ruff's sections
(`## What it does`, `## Why is this bad?`, `## Example`, `Use instead:`, `## References`), and
feeds `hplint rule CODE`, editor hover and the generated `docs/rules/` pages alike. A check is a
generator of `Violation`s that point at nodes of the document; the engine turns nodes into spans,
applies suppressions and settings, and builds `Diagnostic`s.

Some rules are found outside a check function — HP000/HP007/HP010 by the parser, HP002/HP003/HP006
by schema validation, HP011 by suppression parsing, HP005 by the engine. They are declared with
`declare()` so that they have codes, names and docs like every other rule.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from hplint.analysis import derived
from hplint.codes import BY_CODE, HEURISTICS, Code
from hplint.diagnostics import Fix, Severity
from hplint.document.loader import language_for, parse_text
from hplint.document.model import Node, ScalarNode
from hplint.document.values import subtree_memo
from hplint.document.walk import plain_scalars
from hplint.knowledge.sources import expand_references
from hplint.text import Span

if TYPE_CHECKING:
    from hplint.document.model import Document
    from hplint.ir import Config

REPOSITORY_URL = "https://github.com/hplint/hplint/blob/main"
DOCS_BASE_URL = f"{REPOSITORY_URL}/docs/rules"


class FixAvailability(enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


Anchor = Node | Span
T = TypeVar("T")

RelatedFiles = Callable[[str], "str | None"]
"""The caller's reader of a file a config names: the name as written → its text, or None."""


def _parse_related(related: RelatedFiles | None, name: str) -> Node | None:
    if related is None:
        return None
    text = related(name)
    if text is None:
        return None
    document = parse_text(text, language_for(name, None))
    if document.fatal or not document.roots:
        return None
    return document.roots[0].node


@dataclass(frozen=True, slots=True)
class Option:
    """A number a user may set in the configuration (`lr-scaling-tolerance = 1.5`).

    Declared once, as a constant beside the rules that read it, and listed in `@rule(options=)`
    of each of them: the configuration's known keys, `ctx.option()` defaults and each rule page's
    `## Options` section all come from these declarations."""

    name: str
    default: float
    description: str

    def markdown(self) -> str:
        return f"- `{self.name}` (default {self.default:g}): {self.description}"


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding of a rule, anchored on a node (or an explicit span)."""

    anchor: Anchor
    message: str
    related: tuple[tuple[Anchor, str], ...] = ()
    fix: Fix | None = None
    tags: frozenset[str] = frozenset()
    code: str | None = None  # set by rules that report under another code (rare)
    # This finding's own severity when it differs from the rule's default (a graded threshold:
    # HP501 warns from 0.75 and informs between 0.5 and 0.75). A configured severity wins.
    severity: Severity | None = None


@dataclass(slots=True)
class RuleContext:
    """What a check sees: the config's internal representation, the document and options."""

    config: Config
    document: Document
    root: Node
    format_id: str
    options: Mapping[str, object]
    skipped: dict[str, set[str]] = field(default_factory=dict)  # rule code -> missing facts
    current_code: str = ""
    related: RelatedFiles | None = None  # the caller's reader of files the config names
    baseline: Config | None = None  # this config in the file's earlier text (HP104)
    baseline_label: str = ""  # how messages name that text (`HEAD`)

    def related_root(self, name: str) -> Node | None:
        """The root node of the file the config names `name` (its first document), parsed once
        per lint; None when the caller gave no reader, the file is unavailable or unparsable."""
        return self.shared(("related-file", name), lambda: _parse_related(self.related, name))

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per lint for `key`, shared by every rule that asks: the config's
        derived facts (`hplint.analysis.derived`), the one memo rules use."""
        return derived(self.config, key, compute)

    def unless_clean(
        self, node: Node | None, key: Hashable, check: Callable[[], Iterable[Violation]]
    ) -> list[Violation]:
        """`check()`'s findings, unless an earlier lint found nothing for the same `key` while
        the subtree at `node` (all the check reads, besides what `key` names) was unchanged:
        the language server relints the whole file on every edit, and most estimators stay
        clean. Only "clean" is kept: findings hold fixes, whose offsets move."""
        memo = subtree_memo(node)
        if memo is not None and key in memo:
            return []
        found = list(check())
        if memo is not None and not found:
            memo[key] = True
        return found

    def plain_scalars(self) -> list[ScalarNode]:
        """The plain, untagged scalars of the config's tree that are not keys, in source order
        (what `root.walk()` yields, filtered): the YAML traps HP008 and HP009 look at. Kept
        once per lint: a subtree with an alias has no memo of its own walk."""
        return self.shared("plain-scalars", lambda: plain_scalars(self.root))

    def option(self, option: Option) -> float:
        """The configured value of `option`, else its default."""
        value = self.options.get(option.name, option.default)
        return float(value) if isinstance(value, (int, float)) else option.default

    def skip(self, *facts: str) -> None:
        """Record that the running rule applies but needs facts that are unknown (HP005)."""
        self.skipped.setdefault(self.current_code, set()).update(facts)


Check = Callable[[RuleContext], Iterator[Violation]]

_SECTIONS_REQUIRED = ("## What it does", "## Why is this bad?", "## Example")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: code, name, default severity, its page (`explanation`) and its check (None when the
    parser, the schema layer or the engine reports its findings)."""

    code: str
    name: str
    severity: Severity
    explanation: str
    fix: FixAvailability = FixAvailability.NONE
    check: Check | None = None
    emits: tuple[str, ...] = ()  # other codes its check reports through `Violation.code`
    options: tuple[Option, ...] = ()  # the options its check reads

    @property
    def entry(self) -> Code:
        """The rule's row in the code table: group, status, version, source file."""
        return BY_CODE[self.code]

    @property
    def since(self) -> str:
        return self.entry.since or "unreleased"

    @property
    def source_path(self) -> str:
        """The file that holds the rule, relative to the repository root."""
        return self.entry.path

    @property
    def source_url(self) -> str:
        return f"{REPOSITORY_URL}/{self.source_path}"

    @property
    def group(self) -> str:
        return self.entry.group

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code this rule's check can report."""
        return (self.code, *self.emits)

    @property
    def summary(self) -> str:
        """The first sentence of "What it does"."""
        body = self.explanation.split("## What it does", 1)[-1].strip()
        first = body.split("\n\n", 1)[0].replace("\n", " ").strip()
        return re.sub(r"\s+", " ", first)

    @property
    def url(self) -> str:
        return f"{DOCS_BASE_URL}/{self.code}.md"

    def markdown(self, source_link: str | None = None) -> str:
        """The rule page: heading, metadata line, the explanation, then where the rule lives
        (`source_link`: the link target of the source file; the repository's URL by default)."""
        fix_line = {
            FixAvailability.NONE: "",
            FixAvailability.SOMETIMES: " Fix is sometimes available.",
            FixAvailability.ALWAYS: " Fix is always available.",
        }[self.fix]
        selection = (
            f" Opt-in: a heuristic ({HEURISTICS[self.code]}); enable it with "
            '`extend-select = ["heuristic"]`.'
            if self.entry.heuristic
            else ""
        )
        return (
            f"# {self.name} ({self.code})\n\n"
            f"Default severity: **{self.severity.value}**. Added in {self.since}.{fix_line}"
            f"{selection}\n\n"
            f"{self.explanation.strip()}\n\n"
            f"Source: [`{self.source_path}`]({source_link or self.source_url})\n"
        )

    def missing_sections(self) -> list[str]:
        missing = [s for s in _SECTIONS_REQUIRED if s not in self.explanation]
        if "Use instead:" not in self.explanation:
            missing.append("Use instead:")
        return missing


def _clean_doc(doc: str | None) -> str:
    """The docstring as documentation: dedented, reference keys expanded (`- [Goyal17]`)."""
    return expand_references(inspect.cleandoc(doc or ""))


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    fix: FixAvailability = FixAvailability.NONE,
    emits: tuple[str, ...] = (),
    options: tuple[Option, ...] = (),
) -> Callable[[Check], Rule]:
    """Make a check function a `Rule`; its docstring becomes the rule's documentation.

    `emits` names other codes the check reports (e.g. one pass over estimators that finds
    HP002/HP003 too); the check runs when any of its codes is selected."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            explanation=_with_options(_clean_doc(check.__doc__), options),
            fix=fix,
            check=check,
            emits=emits,
            options=options,
        )

    return wrap


def _with_options(explanation: str, options: tuple[Option, ...]) -> str:
    """The docstring with an `## Options` section listing `options`, before `## References`."""
    if not options:
        return explanation
    section = "## Options\n" + "\n".join(option.markdown() for option in options) + "\n\n"
    head, marker, tail = explanation.partition("## References")
    if not marker:
        return f"{explanation.rstrip()}\n\n{section.rstrip()}"
    return f"{head}{section}{marker}{tail}"


def declare(
    *,
    code: str,
    name: str,
    severity: Severity,
    doc: str,
    fix: FixAvailability = FixAvailability.NONE,
) -> Rule:
    """A rule whose findings come from the parser, the schema layer or the engine."""
    return Rule(code, name, severity, _clean_doc(doc), fix, None)


def collect(namespace: Mapping[str, Any]) -> tuple[Rule, ...]:
    """The `Rule` objects defined in a module namespace, by code."""
    return tuple(sorted((v for v in namespace.values() if isinstance(v, Rule)), key=_code_key))


def _code_key(rule_: Rule) -> str:
    return rule_.code
