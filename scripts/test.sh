#!/usr/bin/env bash
# Install everything the tests need, then run every test. This is the README's test command and
# exactly what CI runs (.ci/run).
#   Python: the package with its test extras (pytest, pytest-lsp, hypothesis, ruff, mypy, ...)
#   Debian: neovim, for the real-editor test of the language server
#   npm:    the VS Code extension's packages (npm ci, from package-lock.json; eslint and prettier
#           check its code before its tests run)
#   VS Code: code-server 4.100.3 (npm) and Debian's chromium, for the extension's real-VS-Code
#            test (editor-client/test/vscode/install-code-server.sh; cached after the first run)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# Outside a virtual environment, use (and create) .venv: a system Python may refuse packages
# (PEP 668, "externally-managed-environment"), and the tests must not change it anyway.
if ! python3 -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
  if [ ! -x .venv/bin/python3 ]; then
    step "virtual environment (.venv)"
    python3 -m venv .venv
  fi
  export VIRTUAL_ENV="$PWD/.venv"
  export PATH="$VIRTUAL_ENV/bin:$PATH"
fi

step "Python packages"
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

if ! command -v nvim >/dev/null 2>&1; then
  step "neovim (apt)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi

step "ruff"
python3 -m ruff check .
python3 -m ruff format --check .
step "mypy --strict"
python3 -m mypy
step "import-linter"
lint-imports
step "generated docs"
python3 scripts/generate_docs.py --check

if [ -f editor-client/package.json ]; then
  step "VS Code extension"
  (
    cd editor-client
    npm ci --no-audit --no-fund --loglevel=error
    npm run --silent lint
    npm run --silent format:check
    npm run --silent typecheck
    npm test
    npm run --silent package
    HPLINT_PYTHON="$(command -v python3)" npm run test:e2e
    HPLINT_PYTHON="$(command -v python3)" npm run --silent package:platform -- linux-x64
  )
  step "VS Code extension in a real VS Code (code-server + headless Chromium)"
  (
    cd editor-client
    entry=$(bash test/vscode/install-code-server.sh)
    HPLINT_CODE_SERVER="$entry" HPLINT_PYTHON="$(command -v python3)" npm run test:vscode
  )
fi

step "pytest"
python3 -m pytest "$@"
