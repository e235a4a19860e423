"""Protocol-level tests of the real clausewise binary with pytest-lsp.

Each test runs twice, once with the client capabilities that Neovim 0.11
announces and once with those of VS Code (pytest-lsp's saved capability
sets), so a reply that one of these editors cannot take fails here.
The binary is $CLAUSEWISE_BIN (editors/tests/protocol.sh sets it).
"""

import asyncio
import os
import pathlib
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BIN = os.environ.get("CLAUSEWISE_BIN", "clausewise")
FIXTURE = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "contract.md"
TEXT = FIXTURE.read_text()
LINES = TEXT.splitlines()
CLIENTS = ["neovim@v0.11.0", "visual_studio_code"]
CONFIG = {"severity": {"liability.cap": "error"}}
WAIT = 20.0


def line_of(needle: str) -> int:
    return next(i for i, line in enumerate(LINES) if needle in line)


async def start(lsp_client: LanguageClient, spec: str, init_options, tmp_path):
    uri = FIXTURE.parent.as_uri()
    lsp_client.init_result = await asyncio.wait_for(
        lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(spec),
                initialization_options=init_options,
                root_uri=uri,
                workspace_folders=[types.WorkspaceFolder(uri=uri, name="fixtures")],
            )
        ),
        WAIT,
    )


async def stop(lsp_client: LanguageClient):
    """shutdown + exit; the exit itself is checked by test_exit_ends_the_process,
    so a server that lingers here is killed (pytest-lsp would wait for ever)."""
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 5)
    except asyncio.TimeoutError:
        server = getattr(lsp_client, "_server", None)
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()


def open_doc(client: LanguageClient, uri: str, text: str = TEXT, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )


async def current_diags(client: LanguageClient, uri: str):
    """Pushed diagnostics, or pulled ones when the server offers pull
    (textDocument/diagnostic) to a client that supports it, as Neovim 0.11 does."""
    if client.init_result.capabilities.diagnostic_provider is None:
        return list(client.diagnostics.get(uri, []))
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    return list(getattr(report, "items", None) or [])


async def wait_diags(client: LanguageClient, uri: str, pred, what: str):
    deadline = asyncio.get_running_loop().time() + WAIT
    got = []
    while asyncio.get_running_loop().time() < deadline:
        got = await current_diags(client, uri)
        diags = [d for d in got if d.source == "clausewise"]
        if pred(diags):
            return diags
        await asyncio.sleep(0.1)
    got = [(d.code, d.range.start.line, d.severity) for d in got]
    pytest.fail(f"timed out waiting for {what}; last diagnostics: {got}")


def by_code(diags):
    return {d.code: d for d in diags}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "--stdio"]), params=CLIENTS)
async def client(request, lsp_client: LanguageClient, tmp_path):
    """Config passed as initializationOptions."""
    await start(lsp_client, request.param, CONFIG, tmp_path)
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]), params=CLIENTS)
async def pull_client(request, lsp_client: LanguageClient, tmp_path):
    """Config only answered through workspace/configuration (section "clausewise")."""
    lsp_client.set_configuration(CONFIG, section="clausewise")
    await start(lsp_client, request.param, None, tmp_path)
    yield
    await stop(lsp_client)


URI = FIXTURE.as_uri()


async def test_diagnostics(client: LanguageClient):
    open_doc(client, URI)
    diags = await wait_diags(
        client, URI, lambda ds: {"liability.unlimited", "liability.cap"} <= set(by_code(ds)), "clausewise diagnostics"
    )
    d = by_code(diags)
    assert d["liability.unlimited"].range.start.line == line_of("unlimited liability")
    assert d["liability.cap"].range.start.line == 0
    assert d["liability.cap"].message.startswith("No cap on")
    assert d["liability.cap"].severity == types.DiagnosticSeverity.Error, "initializationOptions not applied"


async def test_workspace_configuration(pull_client: LanguageClient):
    open_doc(pull_client, URI)
    await wait_diags(
        pull_client,
        URI,
        lambda ds: any(
            d.code == "liability.cap" and d.severity == types.DiagnosticSeverity.Error for d in ds
        ),
        "liability.cap as an error from workspace/configuration",
    )


async def test_hover_glossary(client: LanguageClient):
    open_doc(client, URI)
    line = line_of("indemnification so")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=types.Position(line=line, character=LINES[line].index("indemnification") + 4),
        )
    )
    assert hover is not None, "no hover on a glossary word"
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert len(hover.contents.value) > 20


async def test_code_actions(client: LanguageClient):
    open_doc(client, URI)
    diags = await wait_diags(client, URI, lambda ds: "liability.cap" in by_code(ds), "liability.cap")
    title_range = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=title_range,
            context=types.CodeActionContext(diagnostics=[d for d in diags if d.range.start.line == 0]),
        )
    )
    actions = [a for a in actions or [] if isinstance(a, types.CodeAction)]
    cap = next((a for a in actions if a.title == "Insert liability cap clause"), None)
    assert cap is not None, f"no cap quick fix in {[a.title for a in actions]}"
    assert cap.kind is not None and str(cap.kind).startswith("quickfix")
    if cap.edit is None:
        cap = await client.code_action_resolve_async(cap)
    assert cap.edit is not None, "quick fix carries no WorkspaceEdit"
    edits = list((cap.edit.changes or {}).get(URI, []))
    for dc in cap.edit.document_changes or []:
        if isinstance(dc, types.TextDocumentEdit) and dc.text_document.uri == URI:
            edits.extend(dc.edits)
    assert edits and any("liab" in e.new_text.lower() for e in edits)

    source = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=title_range,
            context=types.CodeActionContext(diagnostics=[], only=["source.clausewise.insertMissing"]),
        )
    )
    source = [a for a in source or [] if isinstance(a, types.CodeAction)]
    assert any(
        a.kind == "source.clausewise.insertMissing" and a.title == "Insert all missing protections" for a in source
    ), f"got {[(a.title, a.kind) for a in source]}"


def test_cli_rules_and_explain():
    rules = subprocess.run([BIN, "rules"], capture_output=True, text=True, timeout=30)
    assert rules.returncode == 0, rules.stderr
    assert "liability.cap" in rules.stdout and "liability.unlimited" in rules.stdout
    explain = subprocess.run([BIN, "explain", "liability.cap"], capture_output=True, text=True, timeout=30)
    assert explain.returncode == 0, explain.stderr
    assert len(explain.stdout.strip()) > 20


def test_unknown_flag_is_a_usage_error():
    r = subprocess.run([BIN, "--no-such-flag"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode != 0, "an unknown flag must not be ignored"


def test_exit_ends_the_process():
    """LSP: after shutdown + exit the server process ends, with stdin still open."""
    import json as _json

    def frame(obj):
        body = _json.dumps(obj).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    proc = subprocess.Popen([BIN, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": None, "capabilities": {}}}))
        proc.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}))
        proc.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
