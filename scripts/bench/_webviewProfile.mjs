#!/usr/bin/env node
// Where the inspector webview's time goes, without a workbench (a helper of the inspector bench,
// also run by hand): Chromium loads the inspector page, as `src/inspector/panelHtml.ts` writes
// it, from a local HTTP server with a stand-in for `acquireVsCodeApi`, then is sent the `init`
// and `content` messages the host would send for the bench's three inputs. Prints the page's
// own timings (script loaded and `ready`, `init` to `rendered`, `content` to `rendered`) and,
// with --profile, the functions that took the most self time (Chromium's CPU profiler through
// the DevTools protocol). Needs a build in dist/ (`node esbuild.mjs --production` for figures
// comparable with a user's).
//   node scripts/bench/_webviewProfile.mjs [--dist DIR] [--runs N] [--profile]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authingSource, hostile, loadModelBuilder, typical } from './_inputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : d;
};
const distDir = resolve(arg('--dist', join(root, 'dist')));
const runs = Number(arg('--runs', 5));
const profile = process.argv.includes('--profile');

// The model the host would send, built by the same code.
const buildInspectorModel = await loadModelBuilder(root, join(root, '.bench', 'webviewProfileModel.cjs'));
const cases = {
  typical: buildInspectorModel(typical, { now: Date.now() }).content,
  authing: buildInspectorModel(typical, { now: Date.now(), source: authingSource }).content,
  hostile: buildInspectorModel(hostile, { now: Date.now() }).content,
};

const page = (nonce) => `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:">
<script nonce="${nonce}">
  window.__posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push({ type: m.type, at: performance.now() }), getState: () => undefined, setState: () => undefined });
</script>
<link rel="stylesheet" href="/dist/codicons/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="/media/inspector.css">
</head><body><main id="app" aria-busy="true"></main>
<script type="module" nonce="${nonce}" src="/dist/webview.js"></script></body></html>`;
const types = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page('bench-nonce'));
    return;
  }
  const file = path.startsWith('/dist/') ? join(distDir, path.slice(6)) : join(root, path);
  let body;
  try {
    body = readFileSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

/* global window -- the evaluate() callbacks below run in the page */
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.AUTHLENS_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Posts `message` as the host would and resolves with ms until the page posts `rendered`. */
const send = (p, message) =>
  p.evaluate(async (m) => {
    const before = window.__posted.filter((x) => x.type === 'rendered').length;
    const t0 = performance.now();
    window.postMessage(m, '*');
    while (window.__posted.filter((x) => x.type === 'rendered').length === before) await new Promise((r) => setTimeout(r, 0));
    return window.__posted.filter((x) => x.type === 'rendered').at(-1).at - t0;
  }, message);

const figures = {};
for (const [name, content] of Object.entries(cases)) {
  const f = { ready: [], init: [], content: [] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    const cdp = profile && i === 0 ? await context.newCDPSession(p) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await p.goto(base);
    await p.waitForFunction(() => window.__posted.some((x) => x.type === 'ready'));
    f.ready.push(await p.evaluate(() => window.__posted.find((x) => x.type === 'ready').at));
    f.init.push(await send(p, { type: 'init', locale: 'en', panelKey: 'k'.repeat(24), version: 1, content }));
    f.content.push(await send(p, { type: 'content', version: 2, content }));
    if (cdp) printProfile(name, (await cdp.send('Profiler.stop')).profile);
    await context.close();
  }
  figures[name] = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, +median(v).toFixed(1)]));
}
await browser.close();
server.close();
console.log(`[webview] ${distDir}, median of ${runs} fresh pages (ms): ready = page start to "ready"; init/content = message to "rendered"`);
for (const [name, f] of Object.entries(figures))
  console.log(
    `  ${name.padEnd(8)} ready ${f.ready}  init ${f.init}  content ${f.content}  (init message ${(JSON.stringify(cases[name]).length / 1024).toFixed(0)} KB)`,
  );

function printProfile(name, prof) {
  const self = new Map();
  const dt = new Map();
  prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  for (const n of prof.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  const top = [...self]
    .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  console.log(`[webview] ${name}: top self time (ms)`);
  for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)}  ${k}`);
}
