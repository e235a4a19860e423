// Test-only probe extension. Opens $CLAUSEWISE_PROBE_FILE, waits for the
// clausewise diagnostics, exercises hover, code actions and the extension's
// commands, and writes what it saw as JSON to $CLAUSEWISE_PROBE_OUT.
// The shell test (editors/tests/vscode.sh) decides pass or fail.
const vscode = require('vscode');
const fs = require('fs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const codeOf = (d) => String(d.code && typeof d.code === 'object' ? d.code.value : d.code);

async function waitFor(fn, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) return v;
    await sleep(200);
  }
}

exports.activate = async function activate() {
  const out = process.env.CLAUSEWISE_PROBE_OUT;
  const file = process.env.CLAUSEWISE_PROBE_FILE;
  if (!out || !file) return;
  const result = { stage: 'start', errors: [] };
  const save = () => {
    fs.writeFileSync(out + '.tmp', JSON.stringify(result, null, 2));
    fs.renameSync(out + '.tmp', out);
  };
  try {
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension('clausewise.clausewise');
    result.extensionFound = !!ext;
    result.extensionActive = !!(await waitFor(() => ext && ext.isActive, 30000));

    // 1. Diagnostics.
    const clausewiseDiags = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'clausewise');
    await waitFor(() => {
      const codes = clausewiseDiags().map(codeOf);
      return codes.includes('liability.unlimited') && codes.includes('liability.cap');
    }, 60000);
    result.diagnostics = clausewiseDiags().map((d) => ({
      code: codeOf(d), line: d.range.start.line, severity: d.severity, message: d.message,
    }));
    result.lines = doc.getText().split(/\r?\n/);

    // 2. Hover on a glossary word.
    const lineNo = result.lines.findIndex((l) => l.includes('indemnification'));
    if (lineNo >= 0) {
      const pos = new vscode.Position(lineNo, result.lines[lineNo].indexOf('indemnification') + 3);
      const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos)) || [];
      result.hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    }

    // 3. Code actions on the title line.
    const actions = (await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), undefined, 10)) || [];
    result.codeActions = actions.map((a) => ({ title: a.title, kind: a.kind ? a.kind.value : null, hasEdit: !!a.edit }));

    // Pause (for the screenshot) with the diagnostics on screen.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc);
    result.stage = 'diagnostics';
    save();
    if (process.env.CLAUSEWISE_PROBE_PAUSE) await waitFor(() => fs.existsSync(out + '.continue'), 30000);

    // 4. The extension's own commands.
    const before = doc.lineCount;
    result.insertMissingReturned = await vscode.commands.executeCommand('clausewise.insertMissing');
    result.linesBefore = before;
    result.linesAfter = doc.lineCount;
    result.capAfterInsert = await waitFor(
      () => !clausewiseDiags().some((d) => codeOf(d) === 'liability.cap'), 15000)
      ? 'cleared' : 'still reported';

    await vscode.commands.executeCommand('clausewise.showRules');
    const rulesDoc = await waitFor(() => vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'clausewise' && d.uri.path === '/rules.txt' && d.getText().length > 0), 15000);
    result.rules = rulesDoc ? rulesDoc.getText() : null;

    await vscode.commands.executeCommand('clausewise.explainRule', 'liability.cap');
    const explainDoc = await waitFor(() => vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'clausewise' && d.uri.path.startsWith('/explain/') && d.getText().length > 0), 15000);
    result.explain = explainDoc ? explainDoc.getText().slice(0, 2000) : null;
  } catch (err) {
    result.errors.push(String((err && err.stack) || err));
  }
  result.stage = 'done';
  save();
};

exports.deactivate = function deactivate() {};
