#!/usr/bin/env bash
# Install code-server 4.100.3 (a real VS Code 1.100.3 server/web build, from npm) and the
# system packages needed to drive it from a headless Chromium, for the real-VS-Code tests.
#
# Usage:  entry=$(bash install-code-server.sh)
#         node "$entry" --auth none --bind-addr 127.0.0.1:PORT ... FOLDER
#
# Prints exactly one line on stdout: the absolute path of code-server's entry.js.
# Progress goes to stderr. Idempotent: a finished install is marked by a file written last,
# and a second run only checks that marker (and that chromium is installed) and prints the path.
#
# Environment:
#   HPLINT_CODE_SERVER_DIR  install directory
#                           (default: ${XDG_CACHE_HOME:-$HOME/.cache}/hplint/code-server-4.100.3)
#
# Targets Debian 12 with Node 20 and network access limited to the npm registry and Debian apt.
# A plain `npm install code-server` does not work there (as root its post-install refuses to run,
# and several post-install steps download binaries from GitHub), so this script performs the
# package's post-install by hand, with `--ignore-scripts`, and compiles the native modules locally.
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
readonly NODE_MAJOR=20 # code-server 4.100.x declares engines.node "20" (later releases need 24)
readonly MARKER_NAME=.hplint-install-complete

dest=${HPLINT_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hplint/code-server-$CODE_SERVER_VERSION}

# Runtime: the browser the tests drive. Build-time: compilers/headers for the native modules
# (kerberos links libkrb5/libgssapi; node-gyp needs python3) and Debian's ripgrep, which replaces
# the binary @vscode/ripgrep would download from GitHub.
readonly RUNTIME_PACKAGES=(chromium)
BUILD_PACKAGES=(build-essential libkrb5-dev ripgrep)

log() { printf '[install-code-server] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------------

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || die "not root and sudo is not available to install packages"
  SUDO=(sudo)
fi

missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Another apt/dpkg run (e.g. a provisioning step started in the background) holds the dpkg and
# apt-lists locks; apt-get would fail at once on them, so wait for it to finish.
wait_for_apt() {
  command -v pgrep >/dev/null 2>&1 || return 0 # then only apt's own lock timeout below applies
  local waited=0
  while pgrep -x 'apt|apt-get|aptitude|dpkg|unattended-upgr' >/dev/null 2>&1; do
    if ((waited == 0)); then log "waiting for another apt/dpkg process to finish"; fi
    if ((waited >= 1800)); then die "apt/dpkg still busy after ${waited}s"; fi
    sleep 5
    waited=$((waited + 5))
  done
}

in_dir() { (cd "$1" && shift && "$@"); }

# Runs a command with its output captured; on failure shows that output and keeps the log.
STEP_LOG=$(mktemp "${TMPDIR:-/tmp}/install-code-server.XXXXXX.log")
run() {
  : >"$STEP_LOG"
  if ! "$@" >"$STEP_LOG" 2>&1; then
    log "command failed: $*"
    log "---- its output (full log: $STEP_LOG) ----"
    # npm and node-gyp put the cause first and a long trailer after it: show both ends.
    if (($(wc -l <"$STEP_LOG") > 80)); then
      head -n 25 "$STEP_LOG" >&2
      printf '  [...]\n' >&2
      tail -n 50 "$STEP_LOG" >&2
    else
      cat "$STEP_LOG" >&2
    fi
    keep_log=1
    exit 1
  fi
}

ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]})) || return 0
  wait_for_apt
  # The run we waited for may have installed them.
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  # Lock::Timeout covers an apt run that starts between the check above and ours.
  local -a apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y
    -o DPkg::Lock::Timeout=600)
  run "${apt[@]}" update
  # --no-install-recommends: chromium's recommends (upower, udev, notification daemons, mesa)
  # are not needed headless; fonts still come via fontconfig's dependencies (DejaVu).
  run "${apt[@]}" install --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# Fast path
# ---------------------------------------------------------------------------------------------

keep_log=0
tmp=""
cleanup() {
  if [[ -n $tmp ]]; then rm -rf "$tmp"; fi
  if ((keep_log == 0)); then rm -f "$STEP_LOG"; fi
}
trap cleanup EXIT

mkdir -p "$(dirname "$dest")"
dest="$(cd "$(dirname "$dest")" && pwd -P)/$(basename "$dest")"
entry="$dest/node_modules/code-server/out/node/entry.js"

installed() { [[ -f $dest/$MARKER_NAME && -f $entry ]]; }

# The install directory may come from a CI cache onto a new machine that lacks the browser, so
# the runtime packages are checked even on the fast path (a dpkg query; no apt when present).
ensure_packages "${RUNTIME_PACKAGES[@]}"

if installed; then
  printf '%s\n' "$entry"
  exit 0
fi

# Serialise concurrent runs for the same directory; the loser then finds the marker.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dest.lock"
  flock 9
  if installed; then
    printf '%s\n' "$entry"
    exit 0
  fi
fi

# ---------------------------------------------------------------------------------------------
# Full install
# ---------------------------------------------------------------------------------------------

start=$SECONDS
command -v node >/dev/null 2>&1 || die "node is not on PATH"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
node_version=$(node -p process.versions.node)
[[ ${node_version%%.*} == "$NODE_MAJOR" ]] ||
  die "code-server $CODE_SERVER_VERSION needs Node $NODE_MAJOR, found $node_version"

command -v python3 >/dev/null 2>&1 || BUILD_PACKAGES+=(python3) # node-gyp runs gyp with python3
ensure_packages "${BUILD_PACKAGES[@]}"
rg_bin=$(command -v rg) || die "ripgrep (rg) not found after installing it"

# node-gyp downloads Node's headers from nodejs.org unless told where they are; that host is not
# reachable here, and node-gyp run directly does not see a `nodedir` from ~/.npmrc. The Node
# packages (nodesource, and Debian's with libnode-dev) ship them under <prefix>/include/node.
if [[ -z ${npm_config_nodedir:-} ]]; then
  node_prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
  if [[ -f $node_prefix/include/node/node_api.h ]]; then
    export npm_config_nodedir=$node_prefix
  else
    log "warning: no Node headers under $node_prefix/include/node; node-gyp will try to download them"
  fi
fi
export JOBS=max # node-gyp: make -j<cores>

# Use the node-gyp bundled with npm (no extra download); node-pre-gyp (argon2) finds it through
# npm_config_node_gyp, which npm itself would set when running install scripts.
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")") # <npm>/bin/npm-cli.js
node_gyp=$npm_dir/node_modules/node-gyp/bin/node-gyp.js
[[ -f $node_gyp ]] || node_gyp=""

# Remove what killed earlier runs left behind (the EXIT trap does not run on SIGKILL), then build
# in a sibling directory and move it into place only when complete, so that a failed or
# interrupted install never looks finished.
rm -rf "$dest".partial.*
tmp=$(mktemp -d "$dest.partial.XXXXXX")
chmod 755 "$tmp" # mktemp makes it 0700; the install may be shared with other users (CI, sudo)

if [[ -z $node_gyp ]]; then
  log "npm has no bundled node-gyp; installing one"
  run npm install --prefix "$tmp/.tools" --loglevel=error --no-audit --no-fund node-gyp@11
  node_gyp=$tmp/.tools/node_modules/node-gyp/bin/node-gyp.js
fi
export npm_config_node_gyp=$node_gyp

# Own package.json so npm installs here, not into some project found in a parent directory.
printf '{"name":"hplint-code-server","private":true}\n' >"$tmp/package.json"
npm_quiet=(--loglevel=error --no-audit --no-fund)

# --ignore-scripts: code-server's post-install refuses to run as root and would run a plain
# `npm install` in lib/vscode that fails on the GitHub downloads; it is done by hand below.
log "npm install code-server@$CODE_SERVER_VERSION"
run npm install --prefix "$tmp" "${npm_quiet[@]}" --ignore-scripts --save-exact \
  "code-server@$CODE_SERVER_VERSION"

cs=$tmp/node_modules/code-server
vs=$cs/lib/vscode
[[ -f $vs/npm-shrinkwrap.json ]] || die "unexpected code-server layout: no $vs/npm-shrinkwrap.json"

# --- code-server's postinstall.sh, by hand ---------------------------------------------------
# `npm install`, not `npm ci`: the shipped npm-shrinkwrap.json does not lock one transitive
# dependency (tslib), so `npm ci` rejects it; everything else still comes from the shrinkwrap.
log "npm install in lib/vscode (VS Code's own dependencies)"
run npm install --prefix "$vs" "${npm_quiet[@]}" --omit=dev --ignore-scripts

# @vscode/ripgrep's post-install downloads rg from GitHub; VS Code runs <pkg>/bin/rg (search,
# file quick-open), so put Debian's binary there.
rg_pkg=$vs/node_modules/@vscode/ripgrep
[[ -d $rg_pkg ]] || die "@vscode/ripgrep not found under $vs/node_modules"
mkdir -p "$rg_pkg/bin"
cp "$rg_bin" "$rg_pkg/bin/rg"
chmod 755 "$rg_pkg/bin/rg"

# The rest of postinstall.sh: VS Code and extensions look for files under node_modules.asar,
# and the remote CLI / browser helper scripts are per-platform symlinks.
ln -sfn node_modules "$vs/node_modules.asar"
ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"

# Built-in extensions share one dependency (typescript, for the TS/JS language features); their
# postinstall.mjs only deletes unused typescript files (no network), so it is run explicitly.
log "npm ci in lib/vscode/extensions"
run npm ci --prefix "$vs/extensions" "${npm_quiet[@]}" --omit=dev --ignore-scripts
run node "$vs/extensions/postinstall.mjs"

# --- native modules --------------------------------------------------------------------------
# --ignore-scripts skipped their builds (kerberos' install would also try a GitHub prebuild
# first), so compile the ones the Linux server loads: spdlog (logging, at startup), node-pty
# (terminals), native-watchdog (extension host), kerberos (proxy authentication).
# Not built: @parcel/watcher loads its prebuilt @parcel/watcher-linux-x64-glibc npm package;
# @vscode/deviceid, @vscode/windows-registry and @vscode/windows-process-tree are Windows-only.
for mod in @vscode/spdlog node-pty native-watchdog kerberos; do
  log "node-gyp rebuild $mod"
  run in_dir "$vs/node_modules/$mod" node "$node_gyp" rebuild
done

# argon2 (password hashing) is required by code-server at startup even with --auth none; its
# install script would download a prebuilt binary from GitHub, so build it from source.
log "node-pre-gyp rebuild argon2"
run in_dir "$tmp/node_modules/argon2" \
  node "$tmp/node_modules/@mapbox/node-pre-gyp/bin/node-pre-gyp" rebuild --build-from-source

# Drop compiler intermediates (not loaded at run time; tens of MB).
find "$tmp/node_modules" -type d \( -path '*/build/Release/obj.target' -o -path '*/build/Release/.deps' \
  -o -path '*/build-tmp-napi-v*' \) -prune -exec rm -rf {} +

# --- check before declaring success ----------------------------------------------------------
log "checking that the native modules load and code-server starts"
run node -e '
  const { createRequire } = require("module");
  const path = require("path");
  const [top, vs] = process.argv.slice(1);
  createRequire(path.join(top, "package.json"))("argon2");
  const r = createRequire(path.join(vs, "package.json"));
  for (const m of ["@vscode/spdlog", "node-pty", "native-watchdog", "kerberos", "@parcel/watcher"]) r(m);
  ' "$tmp" "$vs"
# XDG_*: code-server writes a default config.yaml on first start; keep that out of $HOME.
check_home=$tmp/.check-home
mkdir -p "$check_home"
run env XDG_CONFIG_HOME="$check_home" XDG_DATA_HOME="$check_home" \
  node "$cs/out/node/entry.js" --version
grep -q "^$CODE_SERVER_VERSION " "$STEP_LOG" || die "unexpected --version output: $(cat "$STEP_LOG")"
rm -rf "$check_home"

# The marker is written last and the directory appears under its final name in one rename.
printf 'code-server %s, node %s, installed %s\n' "$CODE_SERVER_VERSION" "$node_version" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/$MARKER_NAME"
rm -rf "$dest"
mv "$tmp" "$dest"
tmp=""

log "installed in $dest ($((SECONDS - start))s)"
printf '%s\n' "$entry"
