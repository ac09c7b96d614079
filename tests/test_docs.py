"""Generated documentation stays in step with the code."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from hplint.engine import lint
from hplint.rules import all_rules
from hplint.rules.api import Rule
from tests.conftest import REPO


def test_rule_docs_are_up_to_date() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


def test_every_rule_has_a_docs_page_and_the_required_sections() -> None:
    for rule in all_rules():
        assert (REPO / "docs" / "rules" / f"{rule.code}.md").is_file(), rule.code
        assert rule.missing_sections() == [], (rule.code, rule.missing_sections())
        assert rule.summary, rule.code


def test_codes_and_names_are_unique_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"HP\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


def test_every_rule_page_links_its_source_file() -> None:
    for rule in all_rules():
        page = (REPO / "docs" / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
        assert f"](../../{rule.source_path})" in page, rule.code


def _code_blocks(markdown: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", markdown, re.S)


def _lint_example(text: str, language: str) -> set[str]:
    """The codes a documentation example gets. A YAML fragment that no format recognises is read
    as a native config (as if it began with `hplint: 1`): rule pages show the part that matters."""
    path = "example.json" if language == "json" else "example.yaml"
    result = lint(text, path=path)
    if result.format_id is None and language != "json":
        result = lint("hplint: 1\n" + text, path=path)
    return {d.code for d in result.diagnostics}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_the_example_shows_the_rule_and_use_instead_fixes_it(rule: Rule) -> None:
    """Every rule page's *Example* is reported by the rule and its *Use instead* is not: the
    documentation cannot drift from what the rule does."""
    example, _, fixed = rule.explanation.split("## Example", 1)[1].partition("Use instead:")
    fixed = fixed.split("\n## ", 1)[0]
    (bad_lang, bad), (good_lang, good) = _code_blocks(example)[0], _code_blocks(fixed)[0]
    assert set(rule.codes) & _lint_example(bad, bad_lang), (
        f"{rule.code}: the Example is not reported"
    )
    assert not set(rule.codes) & _lint_example(good, good_lang), f"{rule.code}: Use instead is"
