"""Generated documentation stays in step with the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from hplint.rule_examples import example_of, rendered_findings, reported_codes
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


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_the_example_shows_the_rule_and_use_instead_fixes_it(rule: Rule) -> None:
    """Every rule page's *Example* is reported by the rule and its *Use instead* is not: the
    documentation cannot drift from what the rule does."""
    example = example_of(rule)
    assert set(rule.codes) & reported_codes(example.bad, example.language, example.baseline), (
        f"{rule.code}: the Example is not reported"
    )
    assert not set(rule.codes) & reported_codes(
        example.good, example.good_language, example.baseline
    ), f"{rule.code}: Use instead is reported"
    assert rendered_findings(rule), rule.code  # what the rule page shows under the Example


DOCUMENTS = sorted(
    [
        *(REPO / "docs").glob("*.md"),
        REPO / "README.md",
        REPO / "CONTRIBUTING.md",
        REPO / "editor-client" / "README.md",
    ]
)
_BLOCK = re.compile(r"```(yaml|json)\n(.*?)```\n(?:\s*hplint reports:\n```text\n(.*?)```)?", re.S)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_documentation_examples_are_clean_or_show_their_findings(document: Path) -> None:
    """A config in the documentation is either lint-clean or followed by what hplint reports on
    it (rule pages are checked against their rules above)."""
    from hplint.engine import lint

    for match in _BLOCK.finditer(document.read_text(encoding="utf-8")):
        language, config, shown = match.groups()
        result = lint(config, path=f"example.{language}")
        codes = {d.code for d in result.diagnostics}
        line = document.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
        if shown is None:
            assert not codes, f"{document.name}:{line}: the example draws {sorted(codes)}"
        else:
            assert codes and all(code in shown for code in codes), f"{document.name}:{line}"
