#!/usr/bin/env python3
# Copied unchanged (apart from this header) from the project's shared tools
# (/work/shared/tools/lsp_latency.py) so that the repository is self-contained;
# used by scripts/bench_lsp.sh. Standard library only.
"""Keystroke-to-diagnostics latency probe for any LSP server over stdio (stdlib only).

What it does
  1. starts the server command, sends initialize/initialized (rootUri/workspaceFolders = --root),
  2. opens one document (textDocument/didOpen) and times open -> first publishDiagnostics,
  3. "types" N single characters one at a time in the middle of the document (default 50):
     each edit is a textDocument/didChange (a ranged, incremental change if the server advertises
     TextDocumentSyncKind.Incremental, the whole text if it advertises Full), then waits for the
     next publishDiagnostics for that URI (and, if the server sends `version`, one whose version
     is >= the edit's version) and records send -> receive latency,
  4. optionally (--burst K) sends K edits back-to-back (--burst-gap-ms apart) and counts how many
     publishDiagnostics arrive: fewer than K means the server debounces/coalesces,
  5. shutdown/exit, prints a summary (p50/p95/max) and optionally writes raw numbers as JSON.
  Server->client requests are answered at once from the reader thread (workspace/configuration
  with --config, everything else with null), so config round-trips do not stall the server.
  Only push diagnostics (textDocument/publishDiagnostics) are measured, not pull diagnostics.

Usage
  python3 lsp_latency.py [options] -- SERVER_CMD [ARGS...]
    --file PATH            document to open (else --size BYTES of synthetic contract markdown)
    --size BYTES           size of synthetic document when no --file (default 100000)
    --edits N              number of sequential one-char edits (default 50)
    --language-id ID       languageId for didOpen (default markdown)
    --config JSON          value returned for each workspace/configuration item (default null)
    --init-options JSON    initializationOptions (default none)
    --root DIR             workspace root (default: a fresh temp dir; the document URI lives there)
    --timeout S            max wait for one publishDiagnostics (default 60)
    --pause-ms MS          idle time between receiving diagnostics and the next edit (default 20)
    --burst K              after the sequential phase send K edits quickly (default 0 = skip)
    --burst-gap-ms MS      gap between burst edits (default 5); --quiet-ms MS end-of-burst quiet window (2000)
    --sync auto|full|incremental   override the sync kind (default auto = what the server says)
    --json-out PATH        write raw results as JSON;  --stderr PATH  server stderr (default /dev/null)
    --trace                print every message header line
  Example
    python3 lsp_latency.py --file doc.md --edits 50 --burst 20 \
        --config '{"harper-ls": {"maxFileLength": 100000000}}' -- harper-ls --stdio
"""
import argparse, json, os, queue, subprocess, sys, tempfile, threading, time


def gen_contract(size):
    """Deterministic contract-like markdown of about `size` bytes."""
    titles = ["Definitions", "Services", "Fees and Payment", "Term and Termination", "Confidentiality",
              "Intellectual Property", "Warranties", "Limitation of Liability", "Indemnification",
              "Governing Law", "Force Majeure", "Notices"]
    acts = ["deliver the Deliverables in accordance with the Statement of Work",
            "pay all undisputed invoices within thirty (30) days of receipt",
            "maintain the confidentiality of all Confidential Information",
            "provide written notice of any material breach", "comply with all applicable laws",
            "return or destroy all copies of the other Party\u2019s materials"]
    parties = ["The Client", "The Provider", "Each Party", "Either Party"]
    x, out, sec = 12345, ["# MASTER SERVICES AGREEMENT\n\n"], 0
    total = len(out[0])
    while total < size:
        sec += 1
        block = ["## %d. %s\n\n" % (sec, titles[(sec - 1) % len(titles)])]
        for j in range(1, 5):
            sents = []
            for _ in range(3):
                x = (x * 1103515245 + 12345) % 2**31
                sents.append('%s shall %s, as defined in **"%s"** (see [Schedule A](#schedule-a)).'
                             % (parties[x % 4], acts[x % 6], titles[x % 12]))
            block.append("%d.%d %s\n\n" % (sec, j, " ".join(sents)))
            if j == 2:
                block.append("- (a) the *Provider* shall not be liable for consequential damages;\n"
                             "- (b) governing law shall be the laws of England \u2014 see \u00a7 12.\n\n")
        s = "".join(block)
        out.append(s)
        total += len(s.encode())
    return "".join(out)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


class Conn:
    def __init__(self, cmd, stderr, config, trace):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        self.wlock = threading.Lock()
        self.next_id = 0
        self.pending = {}            # id -> queue for responses
        self.notes = queue.Queue()   # (t_recv, msg) for notifications
        self.config = config
        self.trace = trace
        self.server_requests = {}
        threading.Thread(target=self._reader, daemon=True).start()

    def _write(self, obj):
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self.wlock:
            t = time.perf_counter()
            self.p.stdin.write(data)
            self.p.stdin.flush()
        if self.trace:
            print(">>", obj.get("method", obj.get("id")), len(body), "bytes", file=sys.stderr)
        return t

    def _reader(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.notes.put((time.perf_counter(), None))
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v.strip())
            body = f.read(length)
            t = time.perf_counter()
            msg = json.loads(body)
            if self.trace:
                print("<<", msg.get("method", msg.get("id")), len(body), "bytes", file=sys.stderr)
            if "method" in msg and "id" in msg:      # server -> client request: answer now
                m = msg["method"]
                self.server_requests[m] = self.server_requests.get(m, 0) + 1
                result = None
                if m == "workspace/configuration":
                    result = [self.config for _ in msg.get("params", {}).get("items", [])]
                self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            elif "method" in msg:                     # notification
                self.notes.put((t, msg))
            else:                                     # response
                q = self.pending.pop(msg.get("id"), None)
                if q:
                    q.put((t, msg))

    def request(self, method, params, timeout=60):
        self.next_id += 1
        q = queue.Queue()
        self.pending[self.next_id] = q
        t0 = self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        t1, msg = q.get(timeout=timeout)
        return t1 - t0, msg

    def notify(self, method, params):
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diag(self, uri, deadline, min_version=None):
        """Next publishDiagnostics for uri (respecting version if the server sends one)."""
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None, None
            try:
                t, msg = self.notes.get(timeout=left)
            except queue.Empty:
                return None, None
            if msg is None:
                raise RuntimeError("server exited")
            if msg.get("method") != "textDocument/publishDiagnostics":
                continue
            prm = msg["params"]
            if prm.get("uri") != uri:
                continue
            v = prm.get("version")
            if min_version is not None and v is not None and v < min_version:
                continue
            return t, prm


def pct(v, p):
    s = sorted(v)
    return s[min(len(s) - 1, int(round((len(s) - 1) * p)))] if s else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file"); ap.add_argument("--size", type=int, default=100000)
    ap.add_argument("--edits", type=int, default=50); ap.add_argument("--language-id", default="markdown")
    ap.add_argument("--config", default="null"); ap.add_argument("--init-options")
    ap.add_argument("--root"); ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--pause-ms", type=float, default=20); ap.add_argument("--burst", type=int, default=0)
    ap.add_argument("--burst-gap-ms", type=float, default=5); ap.add_argument("--quiet-ms", type=float, default=2000)
    ap.add_argument("--sync", default="auto", choices=["auto", "full", "incremental"])
    ap.add_argument("--json-out"); ap.add_argument("--stderr"); ap.add_argument("--trace", action="store_true")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("server command missing (put it after --)")

    text = open(a.file, encoding="utf-8").read() if a.file else gen_contract(a.size)
    root = os.path.abspath(a.root or tempfile.mkdtemp(prefix="lsplat-"))
    path = os.path.join(root, os.path.basename(a.file) if a.file else "contract.md")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    uri = "file://" + path
    root_uri = "file://" + root
    stderr = open(a.stderr, "wb") if a.stderr else subprocess.DEVNULL
    c = Conn(cmd, stderr, json.loads(a.config), a.trace)
    res = {"server": cmd, "bytes": len(text.encode()), "lines": text.count("\n") + 1}

    t_start = time.perf_counter()
    init_s, init = c.request("initialize", {
        "processId": os.getpid(), "rootUri": root_uri, "rootPath": root,
        "workspaceFolders": [{"uri": root_uri, "name": "bench"}],
        "initializationOptions": json.loads(a.init_options) if a.init_options else None,
        "capabilities": {
            "workspace": {"configuration": True, "workspaceFolders": True,
                          "didChangeWatchedFiles": {"dynamicRegistration": True}},
            "textDocument": {"synchronization": {"dynamicRegistration": False, "didSave": True},
                             "publishDiagnostics": {"versionSupport": True, "relatedInformation": True}},
            "window": {"workDoneProgress": False}, "general": {"positionEncodings": ["utf-16"]}}},
        timeout=a.timeout)
    caps = init.get("result", {}).get("capabilities", {})
    tds = caps.get("textDocumentSync", 1)
    kind = tds.get("change", 0) if isinstance(tds, dict) else tds
    if a.sync != "auto":
        kind = 1 if a.sync == "full" else 2
    res["initialize_ms"] = init_s * 1e3
    res["sync_kind"] = {0: "none", 1: "full", 2: "incremental"}.get(kind, kind)
    enc = caps.get("positionEncoding", "utf-16")
    c.notify("initialized", {})
    time.sleep(0.2)

    version = 1
    t0 = c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": a.language_id, "version": version, "text": text}})
    t1, prm = c.wait_diag(uri, time.perf_counter() + a.timeout)
    res["first_diag_ms"] = (t1 - t0) * 1e3 if t1 else None
    res["first_diag_count"] = len(prm["diagnostics"]) if prm else None

    # edit location: middle of a long-enough line in the middle of the document
    lines = text.split("\n")
    line = len(lines) // 2
    while len(lines[line]) < 20:
        line += 1
    col_chars = len(lines[line]) // 2
    while col_chars > 0 and lines[line][col_chars - 1] != " ":
        col_chars -= 1
    word = "indemnification liability governing law notwithstanding " * 10
    line_starts = [0]
    for ln in lines[:-1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)

    def make_edit(i):
        nonlocal text, lines
        ch = word[i % len(word)]
        cur = lines[line]
        cc = col_chars + i
        col16 = utf16_len(cur[:cc]) if enc == "utf-16" else len(cur[:cc].encode()) if enc == "utf-8" else cc
        lines[line] = cur[:cc] + ch + cur[cc:]
        off = line_starts[line] + cc
        text = text[:off] + ch + text[off:]
        if kind == 2:
            pos = {"line": line, "character": col16}
            return [{"range": {"start": pos, "end": pos}, "text": ch}]
        return [{"text": text}]

    lat, missing, counts = [], 0, []
    for i in range(a.edits):
        changes = make_edit(i)
        version += 1
        body = {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}
        ts = c.notify("textDocument/didChange", body)
        tr, prm = c.wait_diag(uri, time.perf_counter() + a.timeout, min_version=version)
        if tr is None:
            missing += 1
            continue
        lat.append((tr - ts) * 1e3)
        counts.append(len(prm["diagnostics"]))
        if a.pause_ms:
            time.sleep(a.pause_ms / 1e3)
    res.update({"edits": a.edits, "timeouts": missing, "lat_ms": lat,
                "p50_ms": pct(lat, .5), "p95_ms": pct(lat, .95), "min_ms": min(lat) if lat else None,
                "max_ms": max(lat) if lat else None, "diag_count_last": counts[-1] if counts else None})

    if a.burst:
        time.sleep(0.5)
        while not c.notes.empty():
            c.notes.get_nowait()
        sends = []
        for i in range(a.burst):
            changes = make_edit(a.edits + i)
            version += 1
            sends.append(c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": changes}))
            time.sleep(a.burst_gap_ms / 1e3)
        got = []
        while True:
            tr, prm = c.wait_diag(uri, time.perf_counter() + a.quiet_ms / 1e3)
            if tr is None:
                break
            got.append(tr)
        res["burst"] = {"edits": a.burst, "gap_ms": a.burst_gap_ms, "publishes": len(got),
                        "last_publish_after_last_edit_ms": (got[-1] - sends[-1]) * 1e3 if got else None}

    try:
        c.request("shutdown", None, timeout=10)
        c.notify("exit", None)
        c.p.wait(timeout=5)
    except Exception:
        c.p.kill()
    res["server_requests"] = c.server_requests
    res["wall_s"] = time.perf_counter() - t_start
    rnd = lambda o: {k: rnd(v) for k, v in o.items()} if isinstance(o, dict) else round(o, 2) if isinstance(o, float) else o
    summary = {k: rnd(v) for k, v in res.items() if k != "lat_ms"}
    print(json.dumps(summary))
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
