"""The README's first screen: exactly two set-up commands, and the first one works as written."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.git_repos import copy_work_tree

README = (REPO / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    first_screen = README.split("\n---\n", 1)[0]
    block = re.search(r"```bash\n(.*?)```", first_screen, re.S)
    assert block is not None, "the README's first screen has no bash block"
    return [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]


def test_the_first_screen_has_exactly_two_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2, commands
    assert "examples/" in commands[0]
    assert commands[1] == "bash scripts/test.sh"
    # CI runs exactly the README's test command.
    assert "exec bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_first_command_works_in_a_fresh_clone(tmp_path: Path) -> None:
    """Run from a copy of the work tree (tracked and untracked files, as a clone would have
    them after `git add`), in a new virtual environment — never touching the system Python."""
    clone = copy_work_tree(tmp_path / "hplint")
    completed = subprocess.run(
        ["bash", "-c", _setup_commands()[0]],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert re.search(r"Found \d+ problems", output), output
    assert (clone / ".venv" / "bin" / "hplint").exists()
