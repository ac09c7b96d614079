"""The schemas ship inside the wheel and are found from a wheel and from an editable install."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

PROBE = (
    "import hplint, hplint.resources as r; from hplint.engine import lint; "
    "print(r.schemas_dir()); "
    "print(lint('hplint: 1\\ntrainig: {}\\n', path='a.yaml').diagnostics[0].code)"
)


def test_editable_install_reads_the_repository_schemas() -> None:
    from hplint.resources import schemas_dir

    assert schemas_dir().resolve() == (REPO / "schemas").resolve()


@pytest.mark.slow
def test_wheel_contains_schemas_and_works_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("hplint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hplint/_schemas/hplint.schema.json" in names
    assert "hplint/_schemas/estimators/sklearn.json" in names
    assert "hplint/py.typed" in names
    assert not any(name.startswith(("tests/", "server/")) for name in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    completed = subprocess.run(
        [str(python), "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    schema_dir, code = completed.stdout.splitlines()
    assert Path(schema_dir).resolve().is_relative_to(env_dir.resolve())
    assert schema_dir.endswith("hplint/_schemas")
    assert code == "HP002"

    # The `hplint` command the wheel installs: the CLI, and `lsp` routed to the server.
    script = env_dir / "bin" / "hplint"
    example = Path(__file__).resolve().parents[1] / "examples" / "mistakes" / "lasso_typos.yaml"
    checked = subprocess.run(
        [str(script), "check", "--format", "json", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1, checked.stderr
    assert "HP002" in checked.stdout
    served = subprocess.run(
        [str(script), "lsp", "--help"], capture_output=True, text=True, check=True
    )
    assert served.stdout.startswith("usage: hplint lsp")
