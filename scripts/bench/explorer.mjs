#!/usr/bin/env node
// Sessions view with 250 AuthMS sessions (issue 5): how long from the response to the rows of
// the first page. Runs the real SessionsModel and SessionsTreeProvider against the in-process
// sandbox with the real providers bundle; `vscode` is a small stub (EventEmitter, TreeItem,
// ThemeIcon...) injected through Module._resolveFilename, so the figures are the extension's
// own work, not the workbench's painting.
//   node scripts/bench/explorer.mjs [--runs N] [--json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, '.bench', 'explorer');
mkdirSync(outDir, { recursive: true });
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const entry = `
export { SessionsModel } from './src/sessions/sessionsModel';
export { SessionsTreeProvider } from './src/sessions/sessionsTree';
`;
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'silent',
  external: ['vscode', './providers.js', './sandbox.js', 'node:sqlite'],
};
await esbuild.build({ ...common, stdin: { contents: entry, resolveDir: root, loader: 'ts' }, outfile: join(outDir, 'explorer.js') });
await esbuild.build({
  ...common,
  entryPoints: { providers: join(root, 'src/providers/index.ts'), sandbox: join(root, 'src/sandbox/index.ts') },
  outdir: outDir,
});

// The vscode stub: only what the model and the tree touch.
const stubFile = join(outDir, 'vscodeStub.cjs');
writeFileSync(
  stubFile,
  String.raw`
class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (l) => { this.listeners.add(l); return { dispose: () => this.listeners.delete(l) }; }; }
  fire(v) { for (const l of [...this.listeners]) l(v); }
  dispose() { this.listeners.clear(); }
}
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class ThemeColor { constructor(id) { this.id = id; } }
class TreeItem { constructor(label, state) { this.label = label; this.collapsibleState = state; } }
class MarkdownString { constructor(value) { this.value = value; } }
const fill = (s, args) => s.replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));
module.exports = {
  EventEmitter, ThemeIcon, ThemeColor, TreeItem, MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: { t: (s, ...args) => fill(s, args) },
  window: { showWarningMessage: async () => undefined, showErrorMessage: async () => undefined, showInformationMessage: async () => undefined },
  commands: { executeCommand: async () => undefined },
};
`,
);
const require = createRequire(import.meta.url);
const Module = require('node:module');
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubFile : origResolve.call(this, request, ...rest);
};

const { SessionsModel, SessionsTreeProvider } = require(join(outDir, 'explorer.js'));
const { startSandbox } = require(join(outDir, 'sandbox.js'));
const sandbox = await startSandbox();
const authms = sandbox.providerConfigs().find((c) => c.kind === 'authms');
const creds = sandbox.credentials[authms.id];
const credentials = { get: async () => ({ credentials: creds, setAside: [] }), onDidChange: () => ({ dispose() {} }), secrets: { get: async () => undefined } };
// The model logs "<id> ok: N session(s)" right after the response is parsed, before it updates
// its state: that instant is "the response arrived".
let responseAt = 0;
const log = {
  info(line) {
    if (/ ok: \d+ session/.test(line)) responseAt = performance.now();
  },
  warn() {},
  debug() {},
  error() {},
};
const config = {
  providers: [{ ...authms, level: 'workspace' }],
  problems: [],
  restricted: false,
  ignoredWorkspaceProviders: 0,
  autoRefreshSeconds: 0,
  refreshOnFocus: false,
  warnBeforeExpiry: true,
  warnBeforeExpiryMinutes: 5,
  sandboxAutoStart: false,
  proxy: { strictSSL: true },
  insecureTlsProviders: [],
};
const { createProvider } = require(join(outDir, 'providers.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const listMs = [];
const expandMs = [];
const renderMs = [];
const moreRenderMs = [];
const afterMs = [];
let rows = 0;
let label = '';
for (let i = 0; i < RUNS + 2; i++) {
  // The response alone: the provider's request and parsing of the first page.
  const p = createProvider(authms);
  let t = performance.now();
  await p.listSessions({ credentials: creds });
  const list = performance.now() - t;
  await p.close();

  const model = new SessionsModel(config, credentials, log, () => undefined);
  const tree = new SessionsTreeProvider(model);
  const [node] = await tree.getChildren();
  // Expanding the provider: request, parse, state, rows.
  t = performance.now();
  const children = await tree.getChildren(node);
  const items = children.map((c) => tree.getTreeItem(c));
  const done = performance.now();
  const expand = done - t;
  const afterResponse = done - responseAt;
  // Rows again from the loaded state (what a description refresh costs).
  t = performance.now();
  const again = (await tree.getChildren(node)).map((c) => tree.getTreeItem(c));
  const render = performance.now() - t;
  // The next page, then all 200 rows rendered.
  await model.loadMore(authms.id);
  t = performance.now();
  const more = (await tree.getChildren(node)).map((c) => tree.getTreeItem(c));
  const moreRender = performance.now() - t;
  rows = items.length;
  label = String(items.at(-1)?.label ?? '');
  if (again.length !== items.length || more.length <= items.length) throw new Error('unexpected row counts');
  tree.dispose();
  model.dispose();
  if (i < 2) continue; // warm-up
  listMs.push(list);
  expandMs.push(expand);
  renderMs.push(render);
  moreRenderMs.push(moreRender);
  afterMs.push(afterResponse);
}
await sandbox.close();

const result = {
  runs: RUNS,
  rowsFirstPage: rows,
  lastRow: label,
  responseMs: median(listMs),
  expandMs: median(expandMs),
  afterResponseMs: median(afterMs),
  rerenderFirstPageMs: median(renderMs),
  render200RowsMs: median(moreRenderMs),
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(`[bench:explorer] AuthMS provider with 250 sessions (sandbox), median of ${RUNS}, vscode stubbed`);
  console.log(`  response (request + parse of page 1)   ${result.responseMs.toFixed(2)} ms`);
  console.log(`  expand provider (response + rows)      ${result.expandMs.toFixed(2)} ms  -> ${rows} rows, last "${label}"`);
  console.log(`  first page after the response arrives  ${result.afterResponseMs.toFixed(2)} ms (target < 300 ms)`);
  console.log(`  re-render first page (timer tick)      ${result.rerenderFirstPageMs.toFixed(2)} ms`);
  console.log(`  render 200 rows after Load more        ${result.render200RowsMs.toFixed(2)} ms`);
}
