// VS Code client for the clausewise language server.
//
// Starts `clausewise --stdio` for Markdown documents, passes the
// `clausewise.config` setting through (initializationOptions and
// workspace/configuration), and adds four commands: restart the server,
// show the rule list, explain a rule, insert all missing protections.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const SECTION = 'clausewise';
const INSERT_MISSING_KIND = vscode.CodeActionKind.Source.append('clausewise').append('insertMissing');
const DOC_SCHEME = 'clausewise';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
const virtualDocs = new Map<string, string>();
const virtualDocsChanged = new vscode.EventEmitter<vscode.Uri>();

/** The rule settings object (same keys as clausewise.toml). */
function ruleConfig(): Record<string, unknown> {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('config');
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Resolve clausewise.serverPath (or PATH); undefined plus a reason when missing. */
function resolveServer(): { path?: string; problem?: string } {
  const setting = (vscode.workspace.getConfiguration(SECTION).get<string>('serverPath') ?? '').trim();
  if (!setting) {
    const found = findOnPath('clausewise');
    return found
      ? { path: found }
      : { problem: 'The clausewise server was not found on your PATH. Install it (cargo install --path . in the clausewise repository) or set "clausewise.serverPath".' };
  }
  let p = setting;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (p.startsWith('~')) p = path.join(os.homedir(), p.slice(1));
  if (folder) p = p.replace(/\$\{workspaceFolder\}/g, folder);
  if (!path.isAbsolute(p) && folder) p = path.join(folder, p);
  return isExecutable(p)
    ? { path: p }
    : { problem: `The clausewise server was not found at "${p}" (setting "clausewise.serverPath"), or it is not executable.` };
}

async function reportMissing(problem: string): Promise<void> {
  output.appendLine(problem);
  const choice = await vscode.window.showErrorMessage(problem, 'Open Settings');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'clausewise.serverPath');
  }
}

async function startClient(): Promise<void> {
  const server = resolveServer();
  if (!server.path) {
    // Not awaited: activation must not wait for the user to dismiss the message.
    void reportMissing(server.problem!);
    return;
  }
  output.appendLine(`Starting ${server.path} --stdio`);

  // TransportKind.stdio makes the client add `--stdio` to the arguments.
  const serverOptions: ServerOptions = {
    run: { command: server.path, args: [], transport: TransportKind.stdio },
    debug: { command: server.path, args: [], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    initializationOptions: ruleConfig(),
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer section "clausewise" with the rule settings object itself,
        // not with the whole VS Code section (serverPath, trace, ...).
        configuration: async (params, token, next) => {
          const fallback = await next(params, token);
          if (!Array.isArray(fallback)) return fallback;
          return params.items.map((item, i) =>
            item.section === SECTION ? ruleConfig() : fallback[i],
          );
        },
      },
    },
  };
  // The id 'clausewise' makes the client honour `clausewise.trace.server`.
  client = new LanguageClient('clausewise', 'clausewise', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output.appendLine(`clausewise failed to start: ${message}`);
    void vscode.window.showErrorMessage(`clausewise failed to start: ${message}`);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (err) {
      output.appendLine(`Error while stopping clausewise: ${String(err)}`);
    }
  }
}

async function restartServer(): Promise<void> {
  await stopClient();
  await startClient();
}

/** Run the CLI (`clausewise rules`, `clausewise explain ID`) and return stdout. */
function runCli(args: string[]): Promise<string> {
  const server = resolveServer();
  if (!server.path) {
    void reportMissing(server.problem!);
    return Promise.reject(new Error(server.problem));
  }
  return new Promise((resolve, reject) => {
    execFile(server.path!, args, { maxBuffer: 8 * 1024 * 1024, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`clausewise ${args.join(' ')}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

async function showVirtualDoc(name: string, content: string, language: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: DOC_SCHEME, path: '/' + name });
  virtualDocs.set(uri.toString(), content);
  virtualDocsChanged.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, language);
  return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

async function showRules(): Promise<void> {
  try {
    await showVirtualDoc('rules.txt', await runCli(['rules']), 'plaintext');
  } catch (err) {
    void vscode.window.showErrorMessage(String(err instanceof Error ? err.message : err));
  }
}

/** Rule ids look like `area.name`; take the first such word on each line. */
function parseRuleIds(listing: string): string[] {
  const ids = new Set<string>();
  for (const line of listing.split(/\r?\n/)) {
    const m = /^\s*[-*|]?\s*`?([a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*)/.exec(line);
    if (m) ids.add(m[1]);
  }
  return [...ids];
}

async function explainRule(ruleArg?: unknown): Promise<void> {
  try {
    let rule = typeof ruleArg === 'string' ? ruleArg : undefined;
    if (!rule) {
      // Offer the rule under the cursor first, then all rules.
      const editor = vscode.window.activeTextEditor;
      const here = editor
        ? vscode.languages
            .getDiagnostics(editor.document.uri)
            .filter((d) => d.source === 'clausewise' && d.range.contains(editor.selection.active))
            .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
        : [];
      const all = parseRuleIds(await runCli(['rules']));
      const items = [...new Set([...here, ...all])];
      rule = items.length
        ? await vscode.window.showQuickPick(items, { placeHolder: 'Rule to explain' })
        : await vscode.window.showInputBox({ prompt: 'Rule id, e.g. liability.cap' });
    }
    if (!rule) return;
    await showVirtualDoc(`explain/${rule}.md`, await runCli(['explain', rule]), 'markdown');
  } catch (err) {
    void vscode.window.showErrorMessage(String(err instanceof Error ? err.message : err));
  }
}

/** Ask the server for the source.clausewise.insertMissing action and apply it. */
async function insertMissing(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('Open a Markdown contract first.');
    return false;
  }
  if (!client) {
    void vscode.window.showWarningMessage('The clausewise server is not running.');
    return false;
  }
  const doc = editor.document;
  const range = new vscode.Range(0, 0, 0, doc.lineAt(0).text.length);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      INSERT_MISSING_KIND.value,
      10,
    )) ?? [];
  const action = actions.find(
    (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && INSERT_MISSING_KIND.contains(a.kind),
  );
  if (!action) {
    void vscode.window.showInformationMessage('clausewise: no missing protections to insert.');
    return false;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage('clausewise: the edit could not be applied.');
    return false;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  return true;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('clausewise', { log: true });
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, {
      onDidChange: virtualDocsChanged.event,
      provideTextDocumentContent: (uri) => virtualDocs.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('clausewise.restartServer', restartServer),
    vscode.commands.registerCommand('clausewise.showRules', showRules),
    vscode.commands.registerCommand('clausewise.explainRule', explainRule),
    vscode.commands.registerCommand('clausewise.insertMissing', insertMissing),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('clausewise.serverPath')) {
        await restartServer();
      } else if (e.affectsConfiguration('clausewise.config') && client) {
        // Push the new settings; servers may also re-pull workspace/configuration.
        await client.sendNotification('workspace/didChangeConfiguration', {
          settings: { [SECTION]: ruleConfig() },
        });
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
