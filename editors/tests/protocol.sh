#!/usr/bin/env bash
# Protocol-level test: pytest-lsp drives the real clausewise binary with the
# client capabilities of Neovim 0.11 and VS Code.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_bin
[ -x "$VENV/bin/pytest" ] || die "pytest-lsp not installed; run editors/tests/install-tools.sh"
make_sandbox
trap 'cleanup_groups; rm -rf "$SANDBOX"' EXIT
cd "$TESTS_DIR/protocol"
start_group "$SANDBOX/pytest.log" timeout 300 "$VENV/bin/pytest" -p no:cacheprovider -q -o console_output_style=classic
if wait "$LAST_PGID"; then rc=0; else rc=$?; fi
cat "$SANDBOX/pytest.log"
exit "$rc"
