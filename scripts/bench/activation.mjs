#!/usr/bin/env node
// Start-up cost of AuthLens for people who never hover a token (issue 7): the size of the
// production activation bundle `dist/extension.js` (the shell: src/extension.ts), the time to
// `require` it and to run `activate()`, and, for contrast, the time to `require` the lazily loaded
// `dist/features.js` (everything the shell's stand-ins load on first use) and `dist/providers.js`
// (undici, jose, providers). Each figure is the median of fresh Node processes. The floor, in the
// same run: `scripts/bench/floorExtension/` (registers one command and nothing else), required and
// activated the same way; AuthLens's require + activate() is reported as a ratio to it (issue 17:
// goal <= 1.2x). The real host's figures (its own performance marks) come from inspector.mjs.
//
// The production bundles are built into `.bench/dist/` with the same esbuild options as
// `node esbuild.mjs --production` (so `dist/` and other people's dev builds are left alone).
// `vscode` is a stub injected through Module._resolveFilename: every API call returns another
// stub, which is enough for `activate()` to wire everything (the real host does more work, e.g.
// IPC per registration, so this is a lower bound of the real activation time).
//   node scripts/bench/activation.mjs [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { vscodeOnce } from '../esbuildVscodeOnce.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, '.bench', 'dist');
mkdirSync(outDir, { recursive: true });
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

await esbuild.build({
  entryPoints: { extension: join(root, 'src/extension.ts'), features: join(root, 'src/features.ts'), providers: join(root, 'src/providers/index.ts') },
  outdir: outDir,
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['./features.js', './providers.js', './sandbox.js', 'node:sqlite'],
  plugins: [vscodeOnce],
  logLevel: 'silent',
});

// The child: hooks `vscode`, requires a bundle, optionally activates it, prints timings as JSON.
const child = join(root, '.bench', 'activationChild.cjs');
writeFileSync(
  child,
  String.raw`
const Module = require('node:module');
const path = require('node:path');
// A stub for any vscode API: callable, constructible, every property another stub.
function stub(name) {
  const fn = function () {};
  const assigned = new Map();
  return new Proxy(fn, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then' || prop === Symbol.iterator || prop === Symbol.asyncIterator) return undefined;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      return stub(name + '.' + String(prop));
    },
    apply(_t, _this, args) {
      if (name.endsWith('.l10n.t')) return String(args[0]);
      if (name.endsWith('getConfiguration')) return { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined };
      if (name.endsWith('.get')) return undefined;
      return stub(name + '()');
    },
    construct() {
      return stub(name + '#new');
    },
  });
}
// The top level must be a plain object with the real API's names: esbuild's ESM interop copies
// own properties. The names come from @types/vscode (namespaces, classes, enums).
const dts = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.cwd()] }), 'utf8');
const vscodeStub = {};
for (const m of dts.matchAll(/^\s*export (?:namespace|class|enum|const) (\w+)/gm)) vscodeStub[m[1]] = stub('vscode.' + m[1]);
vscodeStub.version = '1.100.0';
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return origResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };

const [file, mode] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const mod = require(file);
const t1 = process.hrtime.bigint();
let activateMs;
if (mode === 'activate') {
  const memento = { get: (_k, d) => d, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
  const context = {
    subscriptions: [],
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    globalState: memento,
    workspaceState: memento,
    extensionUri: stub('extensionUri'),
    extensionPath: path.dirname(file),
    globalStorageUri: stub('globalStorageUri'),
    logUri: stub('logUri'),
    extensionMode: 1,
    environmentVariableCollection: stub('environmentVariableCollection'),
    asAbsolutePath: (p) => path.join(path.dirname(file), p),
  };
  const a0 = process.hrtime.bigint();
  mod.activate(context);
  activateMs = Number(process.hrtime.bigint() - a0) / 1e6;
}
const loaded = Object.keys(require.cache).filter((k) => k !== 'vscode' && k !== file && k !== __filename);
process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, activateMs, otherModules: loaded.map((k) => path.basename(k)) }));
`,
);

function measure(file, mode) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [child, file, mode], { encoding: 'utf8', cwd: root });
    if (r.status !== 0) throw new Error(`${file} ${mode} failed:\n${r.stderr}`);
    samples.push(JSON.parse(r.stdout));
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    requireMs: median(samples.map((s) => s.requireMs)),
    activateMs: mode === 'activate' ? median(samples.map((s) => s.activateMs)) : undefined,
    otherModules: samples[0].otherModules,
  };
}

const extFile = join(outDir, 'extension.js');
const provFile = join(outDir, 'providers.js');
const featuresFile = join(outDir, 'features.js');
const extSource = readFileSync(extFile);
const ext = measure(extFile, 'activate');
const floorFile = join(root, 'scripts', 'bench', 'floorExtension', 'extension.js');
const floor = measure(floorFile, 'activate');
const prov = measure(provFile, 'require');
const feat = measure(featuresFile, 'require');
// What must never be on the activation path.
// Markers that survive minification: undici's error codes, jose's error classes.
const markers = { undici: 'UND_ERR_', jose: 'JOSEError' };
const extText = extSource.toString('utf8');
const forbidden = Object.entries(markers)
  .filter(([, marker]) => extText.includes(marker))
  .map(([name]) => name);

const result = {
  extensionBytes: statSync(extFile).size,
  extensionGzipBytes: gzipSync(extSource).length,
  extensionRequireMs: ext.requireMs,
  activateMs: ext.activateMs,
  modulesLoadedByActivate: ext.otherModules,
  featuresBytes: statSync(featuresFile).size,
  featuresRequireMs: feat.requireMs,
  providersBytes: statSync(provFile).size,
  providersRequireMs: prov.requireMs,
  forbiddenInActivationBundle: forbidden,
  floorRequireMs: floor.requireMs,
  floorActivateMs: floor.activateMs,
  ratioToFloor: (ext.requireMs + ext.activateMs) / (floor.requireMs + floor.activateMs),
  runs: RUNS,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`[bench:activation] production build, median of ${RUNS} fresh processes, vscode stubbed`);
  console.log(`  dist/extension.js   ${kb(result.extensionBytes)} (${kb(result.extensionGzipBytes)} gzipped)`);
  console.log(`  require()           ${result.extensionRequireMs.toFixed(2)} ms`);
  console.log(`  activate()          ${result.activateMs.toFixed(2)} ms`);
  console.log(`  modules loaded      ${result.modulesLoadedByActivate.length ? result.modulesLoadedByActivate.join(', ') : 'none besides the bundle'}`);
  console.log(`  dist/features.js    ${kb(result.featuresBytes)}, require() ${result.featuresRequireMs.toFixed(2)} ms (lazy: first command, hover, view)`);
  console.log(`  dist/providers.js   ${kb(result.providersBytes)}, require() ${result.providersRequireMs.toFixed(2)} ms (lazy: not on the activation path)`);
  console.log(
    `  one-command floor   require() ${result.floorRequireMs.toFixed(2)} ms, activate() ${result.floorActivateMs.toFixed(2)} ms: AuthLens is ${result.ratioToFloor.toFixed(2)}x (goal <= 1.2x)`,
  );
  console.log(`  undici/jose in the activation bundle: ${forbidden.length ? `YES (${forbidden.join(', ')})` : 'no'}`);
}
