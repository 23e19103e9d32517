#!/usr/bin/env node
// Token inspector benchmark (issue 6). Two figures:
//  1. Model build in the extension host (`buildInspectorModel`: decode, rows, explanations,
//     warnings, JSON views), bundled as the production build does, on a typical 1 KB token, an
//     Authing session with its user object, and a 150 KB hostile token. p50/p99 of 200 runs.
//  2. Panel open time from the command's call until the webview has rendered, as a ratio to a
//     floor measured in the SAME code-server run (`_openSpeed.mjs`, `floorExtension/`): a minimal
//     webview panel under the same kind of nonce CSP. Cold = the first panel of a fresh window
//     (several windows; the floor and the inspector take turns being first), fresh = a panel
//     closed and opened again, warm = the panel reused; the typical token, an Authing session
//     with its user object, and the 150 KB hostile token (its first paint). Same run: AuthLens's
//     activation (require + activate(), from the extension host's own marks) against the floor
//     extension, which registers one command and nothing else. Starts code-server + Chromium
//     under /tmp/authlens-heavy.lock; skip it with AUTHLENS_BENCH_NO_WORKBENCH=1; more windows
//     with AUTHLENS_BENCH_WINDOWS=N (default 4). Reports, never fails on a figure.
//   node scripts/bench/inspector.mjs [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authingSource, hostile, loadModelBuilder, typical } from './_inputs.mjs';
import { reportLines } from './_openSpeed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });
const json = process.argv.includes('--json');

const buildInspectorModel = await loadModelBuilder(root, join(outDir, 'inspectorBench.cjs'));

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
  measure('Authing-like session + user', typical, { source: authingSource }),
  measure('hostile token (150 KB, 2,000 keys)', hostile, {}),
];

let open;
if (process.env.AUTHLENS_BENCH_NO_WORKBENCH !== '1') {
  const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: json ? 'ignore' : 'inherit' });
  const figures = join(outDir, 'openSpeed.json');
  rmSync(figures, { force: true });
  const windows = Number(process.env.AUTHLENS_BENCH_WINDOWS ?? 4);
  const t0 = Date.now();
  // AUTHLENS_BENCH_REV=<commit> measures that commit's extension instead (a "before" figure).
  const rev = process.env.AUTHLENS_BENCH_REV ? [process.env.AUTHLENS_BENCH_REV] : [];
  run('flock', ['/tmp/authlens-heavy.lock', process.execPath, join(root, 'scripts', 'bench', '_openSpeedRun.mjs'), String(windows), figures, ...rev]);
  open = existsSync(figures) ? JSON.parse(readFileSync(figures, 'utf8')) : { error: 'no figures (the workbench run failed; see above)' };
  open.seconds = Math.round((Date.now() - t0) / 1000);
  open.finishedAt = new Date().toISOString();
}

if (json) {
  console.log(JSON.stringify({ modelBuildMs: results, panelOpen: open }));
} else {
  console.log('[inspector] model build in the host (ms):');
  for (const r of results) console.log(`  ${r.name.padEnd(38)} p50 ${r.p50}  p99 ${r.p99}`);
  if (open?.summary) {
    console.log(
      `[inspector] open time, command -> webview rendered, median over ${open.windows.length} fresh windows of one code-server run (${open.seconds} s):`,
    );
    for (const line of reportLines(open.summary)) console.log(line);
    const marks = open.webviewMarks[0];
    if (marks) console.log(`[inspector] inside the webview (last panel of window 1): ${JSON.stringify(marks)}`);
  } else if (open) console.log(`[inspector] ${open.error}`);
}
