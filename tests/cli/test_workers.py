"""A worker process that dies mid-run ends the run with an error naming the files it did not
lint — never a traceback or a hang (#21)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO

DRIVER = textwrap.dedent(
    """\
    import os, sys
    import hplint.cli as cli

    real = cli._run_job

    def dies_on_one_file(job):
        if job.path.endswith("die.yaml"):
            os._exit(9)  # as if killed, e.g. by the out-of-memory killer
        return real(job)

    cli._run_job = dies_on_one_file
    os.cpu_count = lambda: 2  # a pool even on a one-core machine
    sys.exit(cli.main(["check", "--no-baseline", "."]))
    """
)


def test_a_dead_worker_is_an_error_not_a_hang(tmp_path: Path) -> None:
    for i in range(100):  # past PARALLEL_MIN_FILES: a process pool lints them
        (tmp_path / f"c{i:03d}.yaml").write_text("hplint: 1\ntraining:\n  epochs: 10\n", "utf-8")
    (tmp_path / "die.yaml").write_text("hplint: 1\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(REPO / "server"), "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr, completed.stderr[-2000:]
    assert "not linted: a worker process stopped unexpectedly" in completed.stderr
