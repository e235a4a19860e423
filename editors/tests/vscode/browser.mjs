// Opens a URL in Debian's headless Chromium (loopback only) and keeps it open
// until a JSON file reports stage "done"; optionally takes a PNG screenshot
// (over the DevTools protocol) when the file first reports stage "diagnostics".
// usage: node browser.mjs URL RESULT_JSON PROFILE_DIR [SCREENSHOT.png]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [url, resultFile, profile, shot] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const readResult = () => { try { return JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { return null; } };

fs.mkdirSync(profile, { recursive: true });
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--no-default-browser-check',
  `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
  '--window-size=1440,900', url,
], { stdio: ['ignore', 'ignore', 'pipe'] });
browser.stderr.on('data', (d) => { if (process.env.CLAUSEWISE_DEBUG) process.stderr.write(d); });
browser.on('exit', (code) => { console.error(`chromium exited (${code})`); process.exit(3); });

async function screenshot(file) {
  const portFile = path.join(profile, 'DevToolsActivePort');
  const port = fs.readFileSync(portFile, 'utf8').split('\n')[0];
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = targets.find((t) => t.type === 'page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  const data = await new Promise((res, rej) => {
    ws.onmessage = (m) => { const msg = JSON.parse(m.data); if (msg.id === 1) msg.error ? rej(new Error(msg.error.message)) : res(msg.result.data); };
    ws.send(JSON.stringify({ id: 1, method: 'Page.captureScreenshot', params: { format: 'png' } }));
  });
  ws.close();
  fs.writeFileSync(file, Buffer.from(data, 'base64'));
  console.error(`screenshot written: ${file}`);
}

let shotTaken = false;
for (;;) {
  const r = readResult();
  if (r && r.stage !== 'start' && !shotTaken) {
    shotTaken = true;
    if (shot) {
      await sleep(1500); // let the workbench paint squiggles and the Problems panel
      try { await screenshot(shot); } catch (e) { console.error(`screenshot failed: ${e}`); }
    }
    fs.writeFileSync(resultFile + '.continue', '');
  }
  if (r && r.stage === 'done') break;
  await sleep(200);
}
browser.kill('SIGTERM');
process.exit(0);
