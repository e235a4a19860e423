#!/usr/bin/env bash
# VS Code end-to-end test: builds the extension (tsc --noEmit, esbuild,
# vsce package), installs the .vsix and a test-only probe extension into
# code-server (the real VS Code workbench and extension host), opens it in
# Debian's headless Chromium on 127.0.0.1, and checks what the probe saw:
# clausewise diagnostics, hover, code actions, and the extension's commands.
# CLAUSEWISE_SCREENSHOT=path.png saves a screenshot of the workbench.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_bin
CODE_SERVER="$TOOLS/code-server/bin/code-server"
[ -x "$CODE_SERVER" ] || die "code-server not installed; run editors/tests/install-tools.sh"
[ -x /usr/bin/chromium ] || die "chromium not installed (apt-get install chromium)"
node_env
VSCODE_DIR="$EDITORS_DIR/vscode"

make_sandbox
trap 'cleanup_groups; rm -rf "$SANDBOX"' EXIT

# 1. Build and package the product extension exactly as a release would.
(
  cd "$VSCODE_DIR"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (editors/vscode)"
    timeout 600 npm ci --no-audit --no-fund >/dev/null
  fi
  timeout 300 npm run --silent typecheck
  timeout 300 npm run --silent build >/dev/null 2>&1
  timeout 300 npx vsce package --no-dependencies --allow-missing-repository -o "$SANDBOX/clausewise.vsix" >/dev/null
  cd "$TESTS_DIR/vscode/probe"
  timeout 300 "$VSCODE_DIR/node_modules/.bin/vsce" package --no-dependencies --allow-missing-repository \
    --skip-license -o "$SANDBOX/probe.vsix" >/dev/null
) || die "building the VS Code extension failed"
log "packaged: $(unzip -l "$SANDBOX/clausewise.vsix" | tail -1 | awk '{print $2}') files in clausewise.vsix"
if unzip -l "$SANDBOX/clausewise.vsix" | grep -q -e probe -e node_modules; then die "the product .vsix contains test or node_modules files"; fi

# 2. code-server with private dirs, the two extensions, and user settings.
UD="$SANDBOX/code-user"; EXT="$SANDBOX/code-ext"; WORK="$SANDBOX/work"
mkdir -p "$UD/User" "$EXT" "$WORK"
cp "$FIXTURES/contract.md" "$WORK/contract.md"
CS=("$CODE_SERVER" --user-data-dir "$UD" --extensions-dir "$EXT")
for vsix in clausewise.vsix probe.vsix; do
  timeout 180 "${CS[@]}" --install-extension "$SANDBOX/$vsix" >/dev/null 2>&1 || die "install $vsix failed"
done
python3 - "$UD/User/settings.json" "$CLAUSEWISE_BIN" <<'PY'
import json, sys
json.dump({
    "clausewise.serverPath": sys.argv[2],
    # Raised from a warning, so the test proves the setting reaches the server.
    "clausewise.config": {"severity": {"liability.cap": "error"}},
    "clausewise.trace.server": "messages",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "security.workspace.trust.enabled": False,
    "telemetry.telemetryLevel": "off",
    "extensions.autoUpdate": False,
    "extensions.autoCheckUpdates": False,
    "update.mode": "none",
    "window.restoreWindows": "none",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.disableAIFeatures": True,
}, open(sys.argv[1], "w"), indent=2)
PY

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
RESULT="$SANDBOX/probe.json"
export CLAUSEWISE_PROBE_OUT="$RESULT" CLAUSEWISE_PROBE_FILE="$WORK/contract.md" CLAUSEWISE_PROBE_PAUSE=1
start_group "$SANDBOX/code-server.log" timeout 300 "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$WORK"
up() { curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; }
poll 60 up || { cat "$SANDBOX/code-server.log"; die "code-server did not come up on 127.0.0.1:$PORT"; }
log "code-server $("$CODE_SERVER" --version 2>/dev/null | head -1) on 127.0.0.1:$PORT"

# 3. A real workbench in headless Chromium; the probe reports to $RESULT.
start_group "$SANDBOX/browser.log" timeout 240 node "$TESTS_DIR/vscode/browser.mjs" \
  "http://127.0.0.1:$PORT/?folder=$WORK" "$RESULT" "$SANDBOX/chromium" ${CLAUSEWISE_SCREENSHOT:+"$CLAUSEWISE_SCREENSHOT"}
if wait "$LAST_PGID"; then brc=0; else brc=$?; fi
cat "$SANDBOX/browser.log" >&2
[ -f "$RESULT" ] || { tail -30 "$SANDBOX/code-server.log" >&2; die "the probe wrote no result (browser exit $brc)"; }

# 4. Judge what VS Code saw.
python3 - "$RESULT" <<'PY' || { find "$UD/logs" -name '*clausewise*' -exec tail -n 40 {} \; >&2 2>/dev/null; die "VS Code checks failed"; }
import json, sys
r = json.load(open(sys.argv[1]))
ok = True
def check(cond, msg):
    global ok
    print(("  ok   " if cond else "  FAIL ") + msg)
    ok = ok and bool(cond)
diags = r.get("diagnostics") or []
by = {d["code"]: d for d in diags}
lines = r.get("lines") or []
unl_line = next((i for i, l in enumerate(lines) if "unlimited liability" in l), None)
check(not r["errors"], f"probe ran without errors {r['errors'][:1]}")
check(r.get("extensionActive"), "the clausewise extension is installed and active")
check("liability.unlimited" in by, f"liability.unlimited reported (got {sorted(by)})")
check(by.get("liability.unlimited", {}).get("line") == unl_line, f"liability.unlimited on line {unl_line}")
cap = by.get("liability.cap", {})
check(cap.get("line") == 0, "liability.cap on the title line")
check(cap.get("message", "").startswith("No cap on"), f"liability.cap message: {cap.get('message')!r}")
# vscode.DiagnosticSeverity.Error == 0; the default is a warning (1).
check(cap.get("severity") == 0, f"liability.cap severity is Error from clausewise.config (got {cap.get('severity')})")
hover = "\n".join(r.get("hover") or [])
check(len(hover) > 20, f"hover on 'indemnification': {hover[:60]!r}")
titles = {a["title"]: a for a in r.get("codeActions") or []}
check("Insert liability cap clause" in titles, f"quick fix offered (got {sorted(titles)})")
check(titles.get("Insert liability cap clause", {}).get("kind", "").startswith("quickfix"), "cap action is a quickfix")
check(r.get("insertMissingReturned") is True, "command 'Insert All Missing Protections' applied an edit")
check((r.get("linesAfter") or 0) > (r.get("linesBefore") or 0), f"document grew {r.get('linesBefore')} -> {r.get('linesAfter')}")
check(r.get("capAfterInsert") == "cleared", f"liability.cap after inserting: {r.get('capAfterInsert')}")
check(r.get("rules") and "liability.cap" in r["rules"], "command 'Show Rules' shows the rule list")
check(r.get("explain") and len(r["explain"]) > 20, "command 'Explain a Rule' shows the rule's docs")
sys.exit(0 if ok else 1)
PY
log "vscode: all checks passed"
