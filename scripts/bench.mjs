#!/usr/bin/env node
// `npm run bench`: runs every `scripts/bench/*.mjs` in turn (alphabetical), each in its own
// Node process so one benchmark's heap and JIT state cannot colour the next. Helper processes
// that a benchmark starts itself (`_x.mjs`, `*Server.mjs`, `*Child.mjs`...) are skipped. Extra arguments
// are passed on (e.g. `npm run bench -- --json`). Exits non-zero if a benchmark crashed;
// benchmarks report figures, they do not fail on them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.env.AUTHLENS_BENCH; // e.g. AUTHLENS_BENCH=hover
/** Helper processes of a benchmark (e.g. `providersServer.mjs`), not benchmarks themselves. */
const isHelper = (f) => f.startsWith('_') || /(Server|Child|Worker|Helper)\.mjs$/.test(f);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !isHelper(f) && (!only || f.startsWith(only)))
  .sort();
let failed = 0;
for (const script of scripts) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(dir, script), ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(dir, '..', '..') });
  if (r.status !== 0) {
    failed++;
    console.error(`[bench] ${script} failed (exit ${r.status ?? r.signal})`);
  } else {
    console.log(`[bench] ${script} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
process.exit(failed ? 1 : 0);
