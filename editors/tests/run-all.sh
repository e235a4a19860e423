#!/usr/bin/env bash
# Runs every editor integration test against the real clausewise binary.
#   CLAUSEWISE_BIN        server binary (default: target/debug/clausewise)
#   CLAUSEWISE_TOOLS      tool cache (default: ~/.cache/clausewise-tools)
#   CLAUSEWISE_SKIP_VSCODE=1  skip the slow VS Code test (and its installs)
#   CLAUSEWISE_SCREENSHOT_DIR  if set, save screenshots there
# Installs what it needs first (apt as root, pip, npm). Exits non-zero if any
# test fails, and ends with a "N passed, N failed" line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_bin
log "server: $CLAUSEWISE_BIN"
if [ ! -x "$CLAUSEWISE_BIN" ]; then
  log "WARNING: $CLAUSEWISE_BIN is missing or not executable: every test will fail (build it with cargo build)"
fi

start=$(date +%s)
timeout 3000 bash "$TESTS_DIR/install-tools.sh" || die "installing the test tools failed"
log "tools ready after $(( $(date +%s) - start ))s"

tests=(protocol neovim helix)
[ "${CLAUSEWISE_SKIP_VSCODE:-0}" = 1 ] || tests+=(vscode)
passed=0; failed=0; failed_names=()
for t in "${tests[@]}"; do
  t0=$(date +%s)
  log "=== $t ==="
  shot=""
  if [ -n "${CLAUSEWISE_SCREENSHOT_DIR:-}" ]; then
    mkdir -p "$CLAUSEWISE_SCREENSHOT_DIR"
    case "$t" in
      vscode) shot="$CLAUSEWISE_SCREENSHOT_DIR/vscode-diagnostics.png" ;;
      helix) shot="$CLAUSEWISE_SCREENSHOT_DIR/helix-diagnostics.png" ;;
    esac
  fi
  if CLAUSEWISE_SCREENSHOT="$shot" timeout 900 bash "$TESTS_DIR/$t.sh"; then
    passed=$((passed + 1)); log "=== $t: PASS ($(( $(date +%s) - t0 ))s)"
  else
    failed=$((failed + 1)); failed_names+=("$t"); log "=== $t: FAIL ($(( $(date +%s) - t0 ))s)"
  fi
done
[ "${CLAUSEWISE_SKIP_VSCODE:-0}" = 1 ] && log "vscode skipped (CLAUSEWISE_SKIP_VSCODE=1)"
log "editor tests took $(( $(date +%s) - start ))s${failed_names:+; failed: ${failed_names[*]}}"
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
