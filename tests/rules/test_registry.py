"""The code table (`hplint/codes.py`) and the rule files agree: every code has exactly one place,
every rule file is in the table, and what the table says of a rule is what its file declares."""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys

from hplint.codes import BY_CODE, CODES, GROUPS, PLANNED, STABLE
from hplint.rules import all_options, all_rules, get_rule
from hplint.rules.api import Rule
from tests.conftest import REPO

RULES_DIR = REPO / "server" / "hplint" / "rules"
RULE_FILE = re.compile(r"hp(\d{3})_([a-z0-9_]+)\.py")


def test_codes_are_unique_ordered_and_well_formed() -> None:
    codes = [entry.code for entry in CODES]
    assert codes == sorted(set(codes))
    assert len({entry.name for entry in CODES}) == len(CODES)
    for entry in CODES:
        assert re.fullmatch(r"HP\d{3}", entry.code), entry.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name), entry.name
        assert entry.group == GROUPS[int(entry.code[2])], entry.code  # HP1xx -> training, ...
        assert (entry.since is None) == (entry.status == PLANNED), entry.code


def test_every_code_has_exactly_one_file_and_every_file_a_code() -> None:
    files = {
        path.relative_to(REPO).as_posix()
        for group in GROUPS
        for path in (RULES_DIR / group).glob("hp*.py")
    }
    for path in files:
        assert RULE_FILE.fullmatch(path.rsplit("/", 1)[1]), f"{path}: not hpNNN_<name>.py"
    stable = {entry.path for entry in CODES if entry.status == STABLE}
    planned = {entry.path for entry in CODES if entry.status == PLANNED}
    assert files == stable, "rule files without a stable code, or stable codes without a file"
    assert not files & planned


def test_each_rule_file_declares_the_rule_of_its_row() -> None:
    for entry in CODES:
        if entry.status != STABLE:
            continue
        module = importlib.import_module(entry.module)
        rules = [value for value in vars(module).values() if isinstance(value, Rule)]
        assert [(r.code, r.name) for r in rules] == [(entry.code, entry.name)], entry.module
        assert rules[0].source_path == entry.path
        assert (REPO / rules[0].source_path).is_file()


def test_the_registry_is_the_table() -> None:
    assert [r.code for r in all_rules()] == [e.code for e in CODES if e.status == STABLE]
    for entry in CODES:
        found = get_rule(entry.code)
        assert (found is None) == (entry.status == PLANNED), entry.code
        if found is not None:
            assert found.since == entry.since


def test_every_first_release_code_is_implemented() -> None:
    first = [entry for entry in CODES if entry.first_release]
    assert len(first) >= 25
    for entry in first:
        assert entry.status == STABLE, entry.code


def test_group_packages_carry_a_title() -> None:
    for group in GROUPS:
        title = importlib.import_module(f"hplint.rules.{group}").TITLE
        assert isinstance(title, str) and title[0].isupper(), group


def test_rule_files_import_no_other_rule_file() -> None:
    """A rule is read, reviewed and changed on its own: what rules share is in `_shared.py`
    (or the layers below the rules), never in another rule's file."""
    for entry in CODES:
        if entry.status != STABLE:
            continue
        tree = ast.parse((REPO / entry.path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not RULE_FILE.fullmatch(node.module.rsplit(".", 1)[-1] + ".py"), (
                    entry.code,
                    node.module,
                )


def test_hplint_rule_names_the_source_file() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "hplint", "rule", "HP103", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(completed.stdout)
    assert payload["source"] == BY_CODE["HP103"].path
    assert (
        payload["source"] == "server/hplint/rules/training/hp103_lr_not_scaled_with_batch_size.py"
    )
    assert payload["group"] == "training"
    text = subprocess.run(
        [sys.executable, "-m", "hplint", "rule", "HP103"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Source: [`server/hplint/rules/training/hp103_lr_not_scaled_with_batch_size.py`]" in text


def test_every_option_a_rule_reads_is_declared_on_it() -> None:
    """`ctx.option(X)` in a rule's file needs X in its `@rule(options=...)`: that declaration is
    what the configuration accepts, what `hplint rule` documents and what the README lists."""
    for rule in all_rules():
        module = importlib.import_module(rule.entry.module)
        tree = ast.parse((REPO / rule.source_path).read_text(encoding="utf-8"))
        read = {
            node.args[0].id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "option"
            and node.args
            and isinstance(node.args[0], ast.Name)
        }
        declared = {getattr(module, name) for name in read}
        assert declared <= set(rule.options), (rule.code, read)


def test_option_names_are_unique_and_documented() -> None:
    options = all_options()
    assert set(options) == {o.name for r in all_rules() for o in r.options}
    for rule in all_rules():
        for option in rule.options:
            assert option.markdown() in rule.explanation, (rule.code, option.name)


def test_the_core_s_code_constants_name_their_rows() -> None:
    """`PARSE_ERROR = "HP000"` and its kin: each constant is named after its row."""
    import hplint.codes as table

    constants = {
        name: value
        for name, value in vars(table).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"HP\d{3}", value)
    }
    assert len(constants) >= 9
    for name, code in constants.items():
        assert BY_CODE[code].name == name.lower().replace("_", "-"), (name, code)
