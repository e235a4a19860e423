#!/usr/bin/env bash
# Helix end-to-end test: a real Helix 25.01 (Debian trixie's `hx`, unpacked by
# install-tools.sh) with editors/helix/languages.toml as the user's
# languages.toml. Checks `hx --health markdown`, then drives `hx contract.md`
# inside a private tmux server: inline diagnostics from clausewise appear,
# hover shows a popup, and the "Insert liability cap clause" code action is
# applied and saved.
# Overrides for the failure proofs: CLAUSEWISE_HELIX_LANGUAGES (a languages.toml).
# CLAUSEWISE_SCREENSHOT=path.png also renders the screen with ImageMagick.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_bin
HX="$TOOLS/helix/hx"
[ -x "$HX" ] || die "Helix not installed; run editors/tests/install-tools.sh"
command -v tmux >/dev/null || die "tmux not installed"
LANGS="${CLAUSEWISE_HELIX_LANGUAGES:-$EDITORS_DIR/helix/languages.toml}"

make_sandbox
SOCK="clausewise-test-$$"
TMUX_CMD=(tmux -L "$SOCK" -f /dev/null)
cleanup() {
  "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
  cleanup_groups
  rm -rf "$SANDBOX"
}
trap cleanup EXIT

mkdir -p "$SANDBOX/bin" "$SANDBOX/work" "$XDG_CONFIG_HOME/helix"
ln -s "$CLAUSEWISE_BIN" "$SANDBOX/bin/clausewise"
export PATH="$SANDBOX/bin:$PATH"
cp "$FIXTURES/contract.md" "$SANDBOX/work/contract.md"

# User config: the shipped languages.toml, plus (test only) the rule setting
# that proves `config` reaches the server: liability.cap (a warning by
# default) is raised to an error, and config.toml below shows only errors
# inline, so "No cap on ..." can only appear on screen if `config` arrived.
python3 - "$LANGS" "$XDG_CONFIG_HOME/helix/languages.toml" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
out = []
for line in open(src):
    out.append(line)
    if line.strip() == "[language-server.clausewise]":
        out.append('config = { severity = { "liability.cap" = "error" } }\n')
open(dst, "w").write("".join(out))
PY
cat > "$XDG_CONFIG_HOME/helix/config.toml" <<'TOML'
theme = "default"
[editor]
true-color = true
[editor.inline-diagnostics]
cursor-line = "error"
other-lines = "error"
TOML

strip() { sed 's/\x1b\[[0-9;]*[A-Za-z]//g'; }

# 1. hx --health: the markdown entry lists clausewise and finds the binary.
health="$("$HX" --health markdown 2>&1 | strip)"
echo "$health"
[[ "$health" == *'✓ clausewise'* ]] || die "hx --health markdown does not find clausewise"
[[ "$health" == *marksman* ]] || die "hx --health markdown lost marksman (built-in servers must stay)"
[[ "$health" == *markdown-oxide* ]] || die "hx --health markdown lost markdown-oxide"

# 2. The editor itself, in a private tmux server on a 140x45 screen.
cd "$SANDBOX/work"
"${TMUX_CMD[@]}" new-session -d -s hx -x 140 -y 45 \
  "env TERM=xterm-256color COLORTERM=truecolor timeout 180 setsid --wait $HX contract.md; sleep 0.5"
PANE_PID="$("${TMUX_CMD[@]}" display -p -t hx '#{pane_pid}')"
GROUPS_TO_KILL+=("$PANE_PID")
screen() { "${TMUX_CMD[@]}" capture-pane -p -t hx "$@"; }
keys() { "${TMUX_CMD[@]}" send-keys -t hx "$@"; }
has() { local s; s="$(screen)"; [[ "$s" == *"$1"* ]]; }

poll 20 has 'contract.md' || { screen; die "Helix did not start"; }
# Inline diagnostics: the missing cap on the title line (severity raised by
# config) and the unlimited-liability error on its sentence.
if ! poll 30 has 'No cap on'; then
  screen; cat "$XDG_CACHE_HOME/helix/helix.log" 2>/dev/null | tail -20
  die "no clausewise diagnostic on screen"
fi
poll 10 has 'nlimited' || { screen; die "liability.unlimited not shown"; }
screen
if [ -n "${CLAUSEWISE_SCREENSHOT:-}" ]; then
  screen -e > "$SANDBOX/screen.ansi"
  python3 "$TESTS_DIR/ansi2png.py" "$SANDBOX/screen.ansi" "$CLAUSEWISE_SCREENSHOT" && log "screenshot: $CLAUSEWISE_SCREENSHOT"
fi

# 3. Hover: put the cursor inside "indemnification" and press space-k.
keys '/' '^indemnif' Enter
poll 10 has '24:' || { screen; die "search did not move the cursor to line 24"; }
body() { screen | head -n -2; }   # the screen without status and command lines
body > "$SANDBOX/before-hover.txt"
keys Space k
new_lines() { body > "$SANDBOX/now.txt"; diff "$SANDBOX/before-hover.txt" "$SANDBOX/now.txt" | grep '^>' || true; }
hover_shown() { local n; n="$(new_lines)"; [[ "$n" =~ [A-Za-z]{4}.*[A-Za-z]{4} ]]; }
poll 15 hover_shown || { screen; die "no hover popup for a glossary word"; }
new_lines | sed 's/^> */hover: /' | head -3
keys Escape

# 4. Code action on the title line: choose "Insert liability cap clause".
keys g g
at_top() { local s; s="$(screen | tail -n 2 | head -n 1)"; [[ "$s" =~ \ 1:1\ *$ ]]; }
poll 5 at_top || { screen; die "gg did not go to line 1"; }
keys Space a
poll 15 has 'Insert ' || { screen; die "no code action menu on the title line"; }
# The menu scrolls; walk down it until the cap quick fix is the selected entry
# (white background in the default theme).
selected() { local s; s="$(screen -e)"; [[ "$s" == *'48;2;255;255;255m Insert liability cap clause'* ]]; }
for _ in $(seq 1 80); do selected && break; keys Down; sleep 0.05; done
selected || { screen; die "code action menu has no 'Insert liability cap clause'"; }
keys Enter
keys ':' 'w' Enter
orig_lines="$(wc -l < "$FIXTURES/contract.md")"
grown() { [ "$(wc -l < contract.md)" -gt "$orig_lines" ]; }
poll 10 grown || { screen; die "the quick fix did not change the saved file"; }
added="$(diff "$FIXTURES/contract.md" contract.md | grep '^>' || true)"
printf '%s\n' "$added" | sed 's/^/inserted: /' | head -5
[[ "${added,,}" == *liab* ]] || die "inserted text does not mention liability"
cap_gone() { ! has 'No cap on'; }
poll 15 cap_gone || { screen; die "'No cap on' still shown after inserting the cap clause"; }
log "helix: diagnostics, hover and code action passed"
keys ':' 'q!' Enter
exit 0
