"""A real editor: headless Neovim attaches to `hplint lsp` and receives diagnostics and a hover."""

from __future__ import annotations

import json
import os
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
