"""Put hplint and its Python dependencies into the VS Code extension, for one platform.

    python scripts/bundle_python.py linux-x64

writes `editor-client/bundled/libs/`: the packages that are the same for every CPython version
(hplint, pygls, jsonschema, ...) at its top, and per version (`cp311/`, ...) the ones that are
not: compiled extensions (rpds-py, PyYAML's `_yaml`) and back-ports (tomli below 3.11). The
extension's launcher (`editor-client/bundled/hplint_server.py`) puts both on `sys.path`, so a
user needs only a CPython interpreter. `vsce package --target <platform>` then packs it; the
ruff and Python-tools extensions ship per-platform packages the same way.

Wheels come from the package index (binary only, for the target's platform tags), so a bundle
for another platform can be built on this machine. `bundled/libs/manifest.json` records what
went in: the target, the CPython versions and every distribution's version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "editor-client" / "bundled"

# VS Code's platform targets -> the wheel platform tags pip may pick for them.
PLATFORM_TAGS: dict[str, list[str]] = {
    "linux-x64": ["manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "linux-arm64": ["manylinux_2_17_aarch64", "manylinux2014_aarch64"],
    "darwin-x64": ["macosx_10_12_x86_64"],
    "darwin-arm64": ["macosx_11_0_arm64"],
    "win32-x64": ["win_amd64"],
}

# The CPython versions with upstream support (3.10 reached its end of life in October 2026; a
# user on it installs hplint into the environment instead).
PYTHON_VERSIONS = ("3.11", "3.12", "3.13", "3.14")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(PLATFORM_TAGS))
    parser.add_argument("--out", type=Path, default=BUNDLE / "libs")
    parser.add_argument("--pythons", default=",".join(PYTHON_VERSIONS))
    args = parser.parse_args(argv)
    versions = [v.strip() for v in args.pythons.split(",") if v.strip()]

    with tempfile.TemporaryDirectory(prefix="hplint-bundle-") as scratch_name:
        scratch = Path(scratch_name)
        wheel = build_wheel(scratch / "wheel")
        per_version = {}
        for version in versions:
            target = scratch / python_tag(version)
            install(wheel, target, PLATFORM_TAGS[args.target], version)
            check_complete(target, version)
            per_version[python_tag(version)] = target
        found = distributions(per_version)
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.mkdir(parents=True)
        shared = split_shared(per_version, args.out)
        manifest = {
            "target": args.target,
            "pythons": versions,
            "distributions": found,
            "shared": sorted(shared),
        }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(
        f"bundled {manifest['distributions'].get('hplint')} for {args.target}, CPython "
        f"{', '.join(versions)}: {size / 1e6:.1f} MB in {args.out}"
    )
    return 0


def python_tag(version: str) -> str:
    return "cp" + version.replace(".", "")


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    if args[0] == "install":
        command.append("--root-user-action=ignore")
    subprocess.run(command, check=True)


def build_wheel(out: Path) -> Path:
    pip("wheel", "--no-deps", "--wheel-dir", str(out), str(REPO))
    (wheel,) = out.glob("hplint-*.whl")
    return wheel


def install(wheel: Path, target: Path, platforms: list[str], version: str) -> None:
    """hplint and its dependencies as CPython `version` on `platforms` would get them."""
    platform_args = [arg for tag in platforms for arg in ("--platform", tag)]
    pip(
        "install",
        "--target",
        str(target),
        "--no-compile",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        version,
        *platform_args,
        str(wheel),
    )
    # Console scripts point at the build machine's interpreter; the launcher replaces them.
    shutil.rmtree(target / "bin", ignore_errors=True)
    for cache in list(target.rglob("__pycache__")):
        shutil.rmtree(cache)


def check_complete(target: Path, version: str) -> None:
    """Fail unless every requirement of every bundled distribution is bundled too.

    pip evaluates environment markers (`tomli; python_version < "3.11"`) for the interpreter it
    runs on, not for `--python-version`: a marker that differs between the two would leave a
    dependency out without an error. Markers are evaluated here for the target version.
    """
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    metadata = [info / "METADATA" for info in target.glob("*.dist-info")]
    present = {canonicalize_name(dist_name(m.parent)) for m in metadata}
    environment = {"python_version": version, "python_full_version": f"{version}.0"}
    missing = []
    for file in metadata:
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.startswith("Requires-Dist:"):
                continue
            requirement = Requirement(line.removeprefix("Requires-Dist:").strip())
            marker = requirement.marker
            if marker is not None and not marker.evaluate({**environment, "extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in present:
                missing.append(f"{requirement} (of {file.parent.name})")
    if missing:
        raise SystemExit(f"the CPython {version} bundle lacks: {', '.join(missing)}")


def dist_name(info: Path) -> str:
    """`pyyaml-6.0.4.dist-info` -> `pyyaml`."""
    return info.name.removesuffix(".dist-info").rpartition("-")[0]


def tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(file.relative_to(path.parent).as_posix().encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


COMPILED_SUFFIXES = (".so", ".pyd", ".dylib")


def compiled(path: Path) -> bool:
    files = [path] if path.is_file() else path.rglob("*")
    return any(f.name.endswith(COMPILED_SUFFIXES) for f in files)


def split_shared(per_version: dict[str, Path], out: Path) -> set[str]:
    """Move pure entries identical for every version to `out`, the rest to `out/<cpXY>/`.

    Compiled modules always stay per version, even where one wheel serves several (abi3): the
    launcher requires its version's directory, so a missing version fails loudly, not at import.
    """
    names = {entry.name for root in per_version.values() for entry in root.iterdir()}
    shared = set()
    for name in sorted(names):
        copies = [root / name for root in per_version.values()]
        if (
            all(c.exists() for c in copies)
            and not any(compiled(c) for c in copies)
            and len({tree_digest(c) for c in copies}) == 1
        ):
            shutil.move(copies[0], out / name)
            shared.add(name)
    for tag, root in per_version.items():
        (out / tag).mkdir()
        for entry in root.iterdir():
            if entry.name not in shared:
                shutil.move(entry, out / tag / entry.name)
    return shared


def distributions(per_version: dict[str, Path]) -> dict[str, str]:
    """`name -> version` (or `version per CPython` where they differ) from the dist-info."""
    found: dict[str, set[str]] = {}
    for root in per_version.values():
        for info in root.glob("*.dist-info"):
            version = info.name.removesuffix(".dist-info").rpartition("-")[2]
            found.setdefault(dist_name(info).lower().replace("_", "-"), set()).add(version)
    return {name: ", ".join(sorted(versions)) for name, versions in sorted(found.items())}


if __name__ == "__main__":
    sys.exit(main())
