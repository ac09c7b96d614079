"""Run hplint from the packages bundled with the VS Code extension.

    python -I -S hplint_server.py lsp --stdio     the language server
    python -I -S hplint_server.py --probe         print the bundled version; exit 0 if it imports

`libs/` beside this file holds the pure-Python packages, `libs/cp3XY/` the compiled ones for
each CPython version (scripts/bundle_python.py builds both). The extension starts this only when
the user's environment has no hplint of its own; `-I -S` keep that environment's packages and
PYTHON* variables out, so the bundle runs exactly as it was tested.
"""

import os
import runpy
import sys

# An interpreter the bundle cannot serve exits with this code and says why on stderr.
UNSUPPORTED = 3


def main() -> int:
    libs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libs")
    tag = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    compiled = os.path.join(libs, tag)
    if sys.implementation.name != "cpython" or not os.path.isdir(compiled):
        present = os.listdir(libs) if os.path.isdir(libs) else []
        bundled = sorted(n for n in present if n.startswith("cp"))
        versions = ", ".join(f"{n[2]}.{n[3:]}" for n in bundled) or "none"
        sys.stderr.write(
            f"the bundled hplint needs CPython {versions}; {sys.executable} is "
            f"{sys.implementation.name} {sys.version_info[0]}.{sys.version_info[1]}\n"
        )
        return UNSUPPORTED
    sys.path[:0] = [compiled, libs]
    if sys.argv[1:] == ["--probe"]:
        from importlib.metadata import version

        import hplint.lsp.server  # noqa: F401  (the server's imports, compiled parts included)

        print(version("hplint"))
        return 0
    sys.argv[0] = "hplint"
    runpy.run_module("hplint", run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
