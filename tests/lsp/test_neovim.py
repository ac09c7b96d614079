"""A real editor: headless Neovim attaches to `hplint lsp` and receives diagnostics and a hover."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.lsp

SCRIPT = Path(__file__).with_name("nvim") / "check.lua"

CONFIG = """\
hplint: 1
data:
  train: "données/😀.parquet"
training:
  optimizer: sgd
  shufle: true
  learning_rate: 1e-4
"""


def test_neovim_receives_diagnostics_and_hover(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail(
            "`nvim` is not installed: apt-get install -y --no-install-recommends neovim (CI installs it)"
        )
    target = tmp_path / "config.yaml"
    target.write_text(CONFIG, encoding="utf-8")
    env = {
        **os.environ,
        "SERVER_CMD": f"{sys.executable} -m hplint lsp",
        "HOVER_LINE": "6",
        "HOVER_COL": "4",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    completed = subprocess.run(
        [nvim, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {SCRIPT}", str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    diagnostics = [
        json.loads(line[5:]) for line in completed.stdout.splitlines() if line.startswith("DIAG ")
    ]
    by_code = {d["code"]: d for d in diagnostics}
    assert by_code["HP002"]["lnum"] == 5 and by_code["HP002"]["col"] == 2
    assert by_code["HP008"]["lnum"] == 6 and by_code["HP008"]["col"] == 17
    assert by_code["HP008"]["source"] == "hplint"
    assert by_code["HP008"]["href"].endswith("/HP008.md")
    hovers = [line for line in completed.stdout.splitlines() if line.startswith("HOVER ")]
    assert hovers and "learning rate" in hovers[0].lower(), output


# --- the README's own recipes ---------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"
NVIM = Path(__file__).with_name("nvim")


def _readme_recipes() -> dict[tuple[int, int], str]:
    """The README's Neovim recipes by the oldest version each is for: `-- Neovim 0.10` → (0, 10)."""
    text = README.read_text(encoding="utf-8")
    recipes: dict[tuple[int, int], str] = {}
    for block in re.findall(r"```lua\n(.*?)```", text, re.S):
        found = re.match(r"-- Neovim (\d+)\.(\d+)", block)
        if found:
            recipes[(int(found.group(1)), int(found.group(2)))] = block
    return recipes


def _nvim_version(nvim: str) -> tuple[int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"NVIM v(\d+)\.(\d+)", first.stdout)
    assert found is not None, first.stdout
    return int(found.group(1)), int(found.group(2))


def test_the_readme_recipes_parse_and_the_installed_neovims_runs(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("`nvim` is not installed (scripts/test.sh installs it)")
    recipes = _readme_recipes()
    assert sorted(recipes) == [(0, 7), (0, 10), (0, 11)], sorted(recipes)
    for since, recipe in recipes.items():
        script = tmp_path / f"recipe-{since[0]}.{since[1]}.lua"
        script.write_text(recipe, encoding="utf-8")
        parsed = subprocess.run(
            [nvim, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {NVIM / 'parses.lua'}"],
            env={**os.environ, "LUA_FILE": str(script)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert parsed.returncode == 0, parsed.stdout + parsed.stderr

    version = _nvim_version(nvim)
    chosen = max(since for since in recipes if since <= version)
    init = tmp_path / "init.lua"
    init.write_text(recipes[chosen], encoding="utf-8")
    target = tmp_path / "config.yaml"
    target.write_text(CONFIG, encoding="utf-8")
    # The recipe runs `hplint lsp` from PATH, as a user's would: the one installed beside us.
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    assert shutil.which("hplint", path=env["PATH"]) is not None
    completed = subprocess.run(
        [
            nvim,
            "--headless",
            "-i",
            "NONE",
            "-u",
            str(init),
            "-c",
            f"luafile {NVIM / 'readme_check.lua'}",
            str(target),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"Neovim {version}, recipe {chosen}: {output}"
    codes = {
        json.loads(line[5:])["code"]
        for line in completed.stdout.splitlines()
        if line.startswith("DIAG ")
    }
    assert {"HP002", "HP008"} <= codes, output
    assert "CLIENT hplint" in completed.stdout
