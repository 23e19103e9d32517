#!/usr/bin/env node
// Terminal link benchmark (issue 15). Runs the link provider's finder, `terminalTokens()` (what
// `provideTerminalLinks` calls for every line VS Code asks about: budget slice, escapes blanked,
// findTokens, one verdict per token, tooltip), bundled as the production build bundles it, on:
//   - a 1 MB line: minified-looking text with a few tokens, and the finder's worst prose (every
//     word a candidate, none a token);
//   - 10,000 lines of typical output: a coloured log where every 25th line carries a bearer
//     token, every 40th a JSON token response.
// Each figure is a ratio against baselines measured in the same run on the same lines: a
// do-nothing function, `String.prototype.includes('eyJ')` (the cheapest possible "is there a
// JWT?" scan) and a plain character loop. A loaded 2-core machine slows all alike, so the
// ratios hold where the milliseconds do not. Not a test: it prints, it does not fail.
//   node scripts/bench/terminalLinks.mjs [--json]
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, '.bench');
mkdirSync(outDir, { recursive: true });

const bundle = join(outDir, 'terminalLinksBench.cjs');
await esbuild.build({
  stdin: {
    contents: "export { terminalTokens, TERMINAL_LINE_BUDGET } from './src/core/terminalTokens';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'silent',
});
const require = createRequire(import.meta.url);
const { terminalTokens, TERMINAL_LINE_BUDGET } = require(bundle);

const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const nowS = Math.floor(Date.now() / 1000);
/** A realistic HS256 access token (about 600 characters), signed with a throwaway key. */
function makeToken(i) {
  const header = b64url({ alg: 'HS256', typ: 'JWT', kid: `bench-key-${i % 3}` });
  const payload = b64url({
    iss: 'https://auth.bench.test',
    sub: `user-${i}`,
    aud: ['api', 'web'],
    exp: nowS + (i % 2 ? 3600 : -7200),
    iat: nowS - 600,
    scope: 'openid profile email offline_access read:orders write:orders',
    sid: `session-${i}-${'x'.repeat(32)}`,
    email: `user${i}@bench.test`,
  });
  const sig = createHmac('sha256', 'bench-secret-not-real').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** 1 MB of minified-looking code with a token every 100 KB. */
function minifiedLine() {
  const chunks = ['function a(b,c){return b+c}', 'var d=document.querySelector("#app");', 'const g={h:1,i:"two",j:[3,4,5]};', 'if(k&&l.m){n(o)}'];
  const parts = [];
  let size = 0;
  let next = 20_000;
  for (let i = 0; size < 1024 * 1024; i++) {
    const part = size >= next ? `"${makeToken(i)}",` : chunks[i % chunks.length];
    if (size >= next) next += 100_000;
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, 1024 * 1024);
}

/** 10,000 lines of a coloured request log. */
function logLines() {
  const lines = [];
  for (let i = 0; i < 10_000; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1, 12) + i * 37).toISOString();
    if (i % 25 === 0) lines.push(`\x1b[2m${ts}\x1b[0m \x1b[36mDEBUG\x1b[0m > Authorization: Bearer ${makeToken(i)}`);
    else if (i % 40 === 0) lines.push(`{"access_token":"${makeToken(i)}","token_type":"Bearer","expires_in":3600}`);
    else lines.push(`\x1b[2m${ts}\x1b[0m \x1b[32mINFO\x1b[0m  GET /api/orders/${i % 977}?page=${i % 9} 200 ${i % 250}ms`);
  }
  return lines;
}

const now = Date.now();
const noop = () => undefined;
const includes = (line) => line.includes('eyJ');
const charLoop = (line) => {
  let sum = 0;
  for (let i = 0; i < line.length; i++) sum = (sum + line.charCodeAt(i)) | 0;
  return sum;
};
const finder = (line) => terminalTokens(line, now);

/** Milliseconds for `f` over every line, best of `reps` passes (the slowest measure the GC). */
function time(lines, f, reps) {
  let best = Infinity;
  let result;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (const line of lines) result = f(line);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: best, result };
}

function bench(name, lines, reps) {
  for (const f of [noop, includes, charLoop, finder]) time(lines, f, 3); // warm up the JIT
  const links = lines.reduce((n, line) => n + terminalTokens(line, now).length, 0);
  const base = { noop: time(lines, noop, reps).ms, includes: time(lines, includes, reps).ms, charLoop: time(lines, charLoop, reps).ms };
  const ms = time(lines, finder, reps).ms;
  return {
    input: name,
    lines: lines.length,
    characters: lines.reduce((n, l) => n + l.length, 0),
    links,
    finderMs: ms,
    perLineUs: (ms * 1000) / lines.length,
    baselineMs: base,
    vsIncludes: ms / base.includes,
    vsCharLoop: ms / base.charLoop,
    vsNoop: ms / Math.max(base.noop, 1e-6),
  };
}

const t0 = Date.now();
const minified = minifiedLine();
const prose = 'eyes.open '.repeat((1024 * 1024) / 10);
const log = logLines();
const built = Date.now() - t0;
const results = [
  bench('1 MB line, minified code with tokens', [minified], 20),
  bench('1 MB line, worst prose (every word a candidate)', [prose], 20),
  bench('10,000 lines of coloured log output', log, 10),
];

const fmt = (ms) => (ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(3)} ms`);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(
    `[bench:terminalLinks] inputs generated in ${built} ms; per-line budget ${TERMINAL_LINE_BUDGET} characters; best of 10-20 passes; Node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
  );
  for (const r of results) {
    console.log(`[bench:terminalLinks] ${r.input}: ${r.lines} line(s), ${r.characters} characters, ${r.links} links`);
    console.log(`  finder          ${fmt(r.finderMs)} (${r.perLineUs.toFixed(2)} µs per line)`);
    console.log(
      `  baselines       do-nothing ${fmt(r.baselineMs.noop)}   includes('eyJ') ${fmt(r.baselineMs.includes)}   character loop ${fmt(r.baselineMs.charLoop)}`,
    );
    console.log(
      `  ratios          finder / includes ${r.vsIncludes.toFixed(1)}x   finder / character loop ${r.vsCharLoop.toFixed(1)}x   finder / do-nothing ${r.vsNoop.toFixed(0)}x`,
    );
  }
}
