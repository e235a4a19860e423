"""Render a `tmux capture-pane -e -p` dump (text with SGR colour codes) to PNG.

usage: python3 ansi2png.py SCREEN.ansi OUT.png
Builds an HTML page with one <span> per colour run and has Debian's headless
Chromium screenshot it (no network: a local file, background networking off).
"""
import html
import os
import re
import subprocess
import sys
import tempfile

BASIC = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
         "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#a4a0e8", "#3b224c"  # Helix's default theme


def xterm256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def render(text):
    fg = bg = None
    bold = under = rev = False
    out = []
    for part in re.split(r"(\x1b\[[0-9;]*m)", text):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    fg = bg = None; bold = under = rev = False
                elif c == 1: bold = True
                elif c == 4: under = True
                elif c == 7: rev = True
                elif c == 22: bold = False
                elif c == 24: under = False
                elif c == 27: rev = False
                elif c in (38, 48) and i + 1 < len(codes):
                    if codes[i + 1] == 2 and i + 4 < len(codes):
                        col = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]); i += 4
                    elif codes[i + 1] == 5 and i + 2 < len(codes):
                        col = xterm256(codes[i + 2]); i += 2
                    else:
                        col = None
                    if c == 38: fg = col
                    else: bg = col
                    i += 1
                elif c == 39: fg = None
                elif c == 49: bg = None
                elif 30 <= c <= 37: fg = BASIC[c - 30]
                elif 40 <= c <= 47: bg = BASIC[c - 40]
                elif 90 <= c <= 97: fg = BASIC[c - 90 + 8]
                elif 100 <= c <= 107: bg = BASIC[c - 100 + 8]
                i += 1
            continue
        if not part:
            continue
        f, b = fg or DEFAULT_FG, bg or DEFAULT_BG
        if rev:
            f, b = b, f
        style = f"color:{f};background:{b}"
        if bold: style += ";font-weight:bold"
        if under: style += ";text-decoration:underline"
        out.append(f'<span style="{style}">{html.escape(part)}</span>')
    return "".join(out)


def main():
    src, dst = sys.argv[1], os.path.abspath(sys.argv[2])
    text = open(src, encoding="utf-8", errors="replace").read().rstrip("\n")
    lines = text.split("\n")
    cols = max(len(re.sub(r"\x1b\[[0-9;]*m", "", l)) for l in lines)
    page = f"""<!doctype html><meta charset="utf-8"><style>
html,body{{margin:0;background:{DEFAULT_BG}}}
pre{{margin:0;padding:10px;font:15px/19px 'DejaVu Sans Mono',monospace;color:{DEFAULT_FG}}}
</style><pre>{render(text)}</pre>"""
    with tempfile.TemporaryDirectory() as tmp:
        page_file = os.path.join(tmp, "screen.html")
        open(page_file, "w", encoding="utf-8").write(page)
        width, height = int(cols * 9.05) + 20, len(lines) * 19 + 20
        subprocess.run([
            os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp}/profile", "--hide-scrollbars",
            f"--window-size={width},{height}", f"--screenshot={dst}", "file://" + page_file,
        ], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


if __name__ == "__main__":
    main()
