"""The hplint that the VS Code platform package carries (scripts/bundle_python.py and
editor-client/bundled/hplint_server.py), run by a Python that has no packages at all."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from importlib.metadata import version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAUNCHER = REPO / "editor-client" / "bundled" / "hplint_server.py"
THIS_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"
EXAMPLE = REPO / "examples" / "mistakes" / "mlp_sgd.yaml"

# The bundle is built for linux-x64, whose compiled wheels only a Linux Python can load.
pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the bundle built here is linux-x64"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An extension's `bundled/` for this platform and this Python: launcher and libs."""
    bundled = tmp_path_factory.mktemp("bundled")
    shutil.copy(LAUNCHER, bundled / LAUNCHER.name)
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "bundle_python.py"),
            "linux-x64",
            "--pythons",
            THIS_PYTHON,
            "--out",
            str(bundled / "libs"),
        ],
        check=True,
        capture_output=True,
    )
    return bundled


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv without pip: no hplint, no PyYAML, nothing."""
    home = tmp_path_factory.mktemp("bare")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python3"
    missing = subprocess.run([python, "-c", "import yaml"], capture_output=True, check=False)
    assert missing.returncode != 0
    return python


def run_bundled(python: Path, bundled: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(python), "-I", "-S", str(bundled / LAUNCHER.name), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)


def test_the_bundle_splits_shared_and_compiled_packages(bundle: Path) -> None:
    libs = bundle / "libs"
    manifest = json.loads((libs / "manifest.json").read_text())
    assert manifest["target"] == "linux-x64"
    assert manifest["pythons"] == [THIS_PYTHON]
    assert manifest["distributions"]["hplint"] == version("hplint")
    for pure in ("hplint", "pygls", "jsonschema", "lsprotocol"):
        assert (libs / pure).is_dir(), pure
    compiled = libs / f"cp{THIS_PYTHON.replace('.', '')}"
    assert list((compiled / "rpds").glob("*.so")), "rpds-py's compiled module is per version"
    assert not (libs / "bin").exists(), "console scripts name the build machine's Python"
    assert not list(libs.rglob("__pycache__"))


def test_a_python_without_packages_runs_the_bundled_hplint(bundle: Path, bare_python: Path) -> None:
    probe = run_bundled(bare_python, bundle, "--probe")
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == version("hplint")


def test_the_bundled_hplint_finds_what_the_installed_one_finds(
    bundle: Path, bare_python: Path
) -> None:
    arguments = ("check", "--output-format", "json", "--exit-zero", str(EXAMPLE))
    bundled = run_bundled(bare_python, bundle, *arguments)
    installed = subprocess.run(
        [sys.executable, "-m", "hplint", *arguments],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert bundled.returncode == 0, bundled.stderr
    assert json.loads(bundled.stdout) == json.loads(installed.stdout)
    assert len(json.loads(bundled.stdout)) >= 5


def test_the_environment_stays_out_of_the_bundle(bundle: Path, tmp_path: Path) -> None:
    # A PYTHONPATH holding a broken `yaml` must not reach the bundled server (-I).
    (tmp_path / "yaml").mkdir()
    (tmp_path / "yaml" / "__init__.py").write_text("raise ImportError('the environment leaked')\n")
    command = [sys.executable, "-I", "-S", str(bundle / LAUNCHER.name), "--probe"]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_an_interpreter_the_bundle_lacks_is_told_which_it_needs(
    bundle: Path, bare_python: Path, tmp_path: Path
) -> None:
    other = tmp_path / "bundled"
    shutil.copytree(bundle, other)
    tag = f"cp{THIS_PYTHON.replace('.', '')}"
    (other / "libs" / tag).rename(other / "libs" / "cp399")
    result = run_bundled(bare_python, other, "--probe")
    assert result.returncode == 3
    assert f"needs CPython 3.99; {bare_python} is cpython {THIS_PYTHON}" in result.stderr
