"""A rule page's *Example* and *Use instead*, linted: what hplint reports on them.

Rule pages (`docs/rules/`, `hplint rule`) show, under the Example, the findings the rule really
gives on it, rendered here at generation time; `scripts/generate_docs.py --check` fails when a
message changes without its pages, and `tests/test_docs.py` fails when the Example stops being
reported or the Use instead starts being. The examples cannot drift from the rule's behaviour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hplint.engine import Baseline, LintResult, lint
from hplint.settings import Settings

if TYPE_CHECKING:
    from hplint.rules.api import Rule

_CODE_BLOCK = re.compile(r"```(\w+)\n(.*?)```\n", re.S)

# A YAML fragment no format recognises is read as a native config: rule pages show the part
# that matters, not the `hplint: 1` line.
_NATIVE_HEADER = "hplint: 1\n"
_EVERY_RULE = Settings(select=("ALL",))
_LAST_COMMIT = "Last commit:"


@dataclass(frozen=True, slots=True)
class RuleExample:
    """The first code block of a rule's *Example* and of its *Use instead*."""

    language: str
    bad: str
    good_language: str
    good: str
    # A block under "Last commit:" before the Example's: the file's earlier text (HP104), the
    # baseline both the Example and the Use instead are linted against.
    baseline: str | None = None


@dataclass(frozen=True, slots=True)
class LintedExample:
    """What hplint reports on a rule page's example (`lint_example`)."""

    result: LintResult
    line_shift: int  # lines added before the example (the native header), 0 or 1


def example_of(rule: Rule) -> RuleExample:
    example, _, fixed = rule.explanation.split("## Example", 1)[1].partition("Use instead:")
    fixed = fixed.split("\n## ", 1)[0]
    baseline = None
    if example.lstrip().startswith(_LAST_COMMIT):
        first = _CODE_BLOCK.search(example)
        if first is not None:
            baseline = first.group(2)
            example = example[first.end() :]
    bad = _CODE_BLOCK.search(example)
    good = _CODE_BLOCK.search(fixed)
    if bad is None or good is None:
        raise ValueError(f"{rule.code}: the Example or Use instead has no code block")
    return RuleExample(bad.group(1), bad.group(2), good.group(1), good.group(2), baseline)


def lint_example(text: str, language: str, baseline: str | None = None) -> LintedExample:
    """The lint of a documentation example, as a file named `example.<language>`, with every
    rule selected: an opt-in rule's page shows what it reports once enabled. `baseline`: the
    example's last committed text, when the rule compares with one."""
    path = "example.json" if language == "json" else "example.yaml"

    def run(header: str) -> LintResult:
        earlier = Baseline(header + baseline, "HEAD") if baseline is not None else None
        return lint(header + text, path=path, settings=_EVERY_RULE, baseline=earlier)

    result = run("")
    if result.format_id is None and language != "json":
        return LintedExample(run(_NATIVE_HEADER), 1)
    return LintedExample(result, 0)


def reported_codes(text: str, language: str, baseline: str | None = None) -> set[str]:
    return {d.code for d in lint_example(text, language, baseline).result.diagnostics}


def rendered_findings(rule: Rule) -> str:
    """The rule's findings on its Example, one per line (`line:column severity code message`),
    each fix's title below its finding; empty when the rule reports nothing there."""
    example = example_of(rule)
    linted = lint_example(example.bad, example.language, example.baseline)
    lines: list[str] = []
    for diagnostic in linted.result.diagnostics:
        if diagnostic.code not in rule.codes:
            continue
        position = linted.result.lines.position(diagnostic.span.start)
        where = f"{position.line + 1 - linted.line_shift}:{position.column + 1}"
        lines.append(f"{where} {diagnostic.severity.value} {diagnostic.code} {diagnostic.message}")
        if diagnostic.fix is not None:
            lines.append(
                f"  fix ({diagnostic.fix.applicability.value}): {diagnostic.fix.description}"
            )
    return "\n".join(lines)


def page_with_findings(rule: Rule, page: str) -> str:
    """`page` (the rule's Markdown) with what hplint reports on the Example shown under it."""
    findings = rendered_findings(rule)
    if not findings:
        return page
    head, marker, rest = page.partition("## Example")
    block = _CODE_BLOCK.search(rest)
    if block is not None and example_of(rule).baseline is not None:
        block = _CODE_BLOCK.search(rest, block.end())  # the Example follows the last commit's
    if not marker or block is None:
        return page
    shown = f"\nhplint reports:\n```text\n{findings}\n```\n"
    return head + marker + rest[: block.end()] + shown + rest[block.end() :]
