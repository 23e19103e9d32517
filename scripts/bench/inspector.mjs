#!/usr/bin/env node
// Token inspector benchmark (issue 6). Two figures:
//  1. Model build in the extension host (`buildInspectorModel`: decode, rows, explanations,
//     warnings, JSON views), bundled as the production build does, on a typical 1 KB token, an
//     Authing session with its user object, and a 150 KB hostile token. p50/p99 of 200 runs.
//  2. Panel open time from the command to the webview's first render (< 300 ms goal), measured
//     in the real workbench by the in-host test `test/vscode/inspector.test.ts`, which writes
//     `test-results/inspector-open-ms.txt` (cold = first panel of the window, warm = the panel
//     exists). Starts code-server + Chromium under /tmp/authlens-heavy.lock; skip it with
//     AUTHLENS_BENCH_NO_WORKBENCH=1. Reports, never fails on a figure.
//   node scripts/bench/inspector.mjs [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const json = process.argv.includes('--json');

const bundle = join(outDir, 'inspectorBench.cjs');
await esbuild.build({
  stdin: { contents: "export { buildInspectorModel } from './src/inspector/viewModel';", resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'silent',
});
const { buildInspectorModel } = createRequire(import.meta.url)(bundle);

const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const nowS = Math.floor(Date.now() / 1000);
const jwt = (payload, header = { alg: 'RS256', typ: 'JWT', kid: 'bench' }) => `${b64url(header)}.${b64url(payload)}.${b64url('sig')}`;
const typical = jwt({
  iss: 'https://issuer.example',
  sub: 'user-1',
  aud: ['api'],
  iat: nowS,
  exp: nowS + 600,
  scope: 'openid profile email',
  email: 'a@example.com',
  address: { country: 'CN' },
  amr: ['pwd', 'mfa'],
});
const user = { id: 'u1', email: 'a@b.c', password: 'f'.repeat(32), salt: 's'.repeat(30), loginsCount: 3, metadata: { a: 1 }, identities: [{ provider: 'x' }] };
const session = {
  id: 's1',
  user: { name: 'A' },
  status: 'active',
  tokens: [{ kind: 'jwt', label: 'User token', value: typical, opaque: false }],
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  raw: { session: { _id: 's1', cookie: { expires: new Date().toISOString() } }, user },
};
const hostile = jwt({ sub: 'x', exp: nowS + 60, big: 'A'.repeat(150_000), wide: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) });

function measure(name, token, opts) {
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    buildInspectorModel(token, { now: Date.now(), ...opts });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))];
  return { name, p50: +q(0.5).toFixed(2), p99: +q(0.99).toFixed(2) };
}

const results = [
  measure('typical token (1 KB)', typical, {}),
  measure('Authing-like session + user', typical, { source: { providerId: 'a', providerLabel: 'A', providerKind: 'authing', session } }),
  measure('hostile token (150 KB, 2,000 keys)', hostile, {}),
];

let open;
if (process.env.AUTHLENS_BENCH_NO_WORKBENCH !== '1') {
  const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: json ? 'ignore' : 'inherit' });
  run(process.execPath, ['esbuild.mjs', '--production']);
  run(process.execPath, ['scripts/buildTests.mjs']);
  run('flock', ['/tmp/authlens-heavy.lock', process.execPath, '--import', 'tsx', 'test/vscode/runInCodeServer.ts', '--grep', 'opens from the command']);
  run(process.execPath, ['esbuild.mjs']);
  const file = join(root, 'test-results', 'inspector-open-ms.txt');
  open = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'no figure (in-host run failed)';
}

if (json) {
  console.log(JSON.stringify({ modelBuildMs: results, panelOpen: open }));
} else {
  console.log('[inspector] model build in the host (ms):');
  for (const r of results) console.log(`  ${r.name.padEnd(38)} p50 ${r.p50}  p99 ${r.p99}`);
  if (open) console.log(`[inspector] ${open} (goal < 300 ms)`);
}
