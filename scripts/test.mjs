#!/usr/bin/env node
// `npm test`: sets everything up and runs every test layer, ending with ONE summary line.
//   1. npm ci / npm install when node_modules is missing or older than package-lock.json
//   2. Debian packages + code-server 4.100.3 (scripts/setupVscode.mjs; skipped when present)
//   3. build: node esbuild.mjs, node scripts/buildTests.mjs; type check (counts as one test)
//   4. layers in order: lint -> unit -> vscode -> ui -> package
//      (lint: ESLint and `prettier --check`, each counts as one test like the type check)
//
// Usage: node scripts/test.mjs [--only lint,unit,vscode,ui,package] [--grep text] [--no-typecheck]
//        (`--only` may repeat; `--grep` is passed to every layer's mocha.)
// Exit code: 0 only when every selected layer started, ran at least one test, and nothing failed.
// A layer that could not start or ran 0 tests counts as one failure in the summary line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDeps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const started = Date.now();

const LAYERS = ['lint', 'unit', 'vscode', 'ui', 'package'];
const args = process.argv.slice(2);
const only = [];
let grep;
let typecheck = true;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--only') only.push(...(args[++i] ?? '').split(','));
  else if (args[i]?.startsWith('--only=')) only.push(...args[i].slice(7).split(','));
  else if (args[i] === '--grep') grep = args[++i];
  else if (args[i] === '--no-typecheck') typecheck = false;
  else {
    console.error(`unknown argument ${args[i]}`);
    process.exit(2);
  }
}
for (const l of only) {
  if (!LAYERS.includes(l)) {
    console.error(`unknown layer "${l}" (layers: ${LAYERS.join(', ')})`);
    process.exit(2);
  }
}
const selected = only.length ? LAYERS.filter((l) => only.includes(l)) : LAYERS;
const needsVscode = selected.some((l) => l !== 'unit' && l !== 'lint');

function step(msg) {
  console.log(`\n=== ${msg}`);
}
function secs(t0) {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

/** Runs a command, inheriting stdio; resolves with its exit code. Kills its group on timeout. */
function run(cmd, cmdArgs, { env = {}, timeoutMs = 20 * 60_000 } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
    const timer = setTimeout(() => {
      console.error(`\n[test] ${cmd} ${cmdArgs.join(' ')} timed out after ${timeoutMs / 1000} s`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    const stopChild = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    };
    process.once('SIGINT', stopChild);
    process.once('SIGTERM', stopChild);
    child.on('error', (err) => {
      console.error(`[test] could not start ${cmd}: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', stopChild);
      process.off('SIGTERM', stopChild);
      resolveRun(code ?? (signal ? 128 : 1));
    });
  });
}

const node = process.execPath;
const mochaBin = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

// ---------- set-up ----------
const setupProblems = [];

step('dependencies');
{
  const t0 = Date.now();
  try {
    console.log(`${ensureDependencies(root)} (${secs(t0)})`);
  } catch (err) {
    setupProblems.push(err instanceof Error ? err.message : String(err));
  }
}

if (needsVscode && setupProblems.length === 0) {
  step('test VS Code (code-server + Chromium)');
  if ((await run(node, ['scripts/setupVscode.mjs'])) !== 0) setupProblems.push('setupVscode failed');
}

let buildOk = false;
if (setupProblems.length === 0) {
  step('build');
  const t0 = Date.now();
  buildOk = (await run(node, ['esbuild.mjs'])) === 0;
  if (!buildOk) setupProblems.push('node esbuild.mjs failed');
  if (buildOk && selected.includes('vscode')) {
    if ((await run(node, ['scripts/buildTests.mjs'])) !== 0) {
      setupProblems.push('node scripts/buildTests.mjs failed');
      buildOk = false;
    }
  }
  console.log(`(${secs(t0)})`);
}

/** @type {{ name: string; passed: number; failed: number; pending: number; problem?: string; time: string }[]} */
const results = [];

if (typecheck && setupProblems.length === 0) {
  step('typecheck (tsc --noEmit, extension + webview)');
  const t0 = Date.now();
  const ok = (await run('npm', ['run', '--silent', 'typecheck'])) === 0;
  results.push({ name: 'typecheck', passed: ok ? 1 : 0, failed: ok ? 0 : 1, pending: 0, time: secs(t0) });
}

// ---------- layers ----------
function readResults(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function mochaLayer(name, pattern, extra = []) {
  const file = join(tmpdir(), `authlens-${name}-${process.pid}.json`);
  rmSync(file, { force: true });
  const code = await run(
    node,
    [mochaBin, '--import=tsx', '--reporter', join(root, 'scripts', 'mochaReporter.cjs'), ...extra, ...(grep ? ['--grep', grep] : []), pattern],
    { env: { AUTHLENS_MOCHA_RESULTS: file } },
  );
  const r = readResults(file);
  rmSync(file, { force: true });
  if (!r) return { problem: `mocha exited with ${code} before reporting (no test files, or a file failed to load)` };
  return { passed: r.passes.length, failed: r.failures.length, pending: r.pending.length, code };
}

async function vscodeLayer() {
  const file = join(tmpdir(), `authlens-vscode-${process.pid}.json`);
  rmSync(file, { force: true });
  const code = await run(node, ['--import', 'tsx', 'test/vscode/runInCodeServer.ts', '--json', file, ...(grep ? ['--grep', grep] : [])]);
  const r = readResults(file);
  rmSync(file, { force: true });
  if (!r) return { problem: `in-host driver exited with ${code} without results` };
  return {
    passed: r.passes.length,
    failed: r.failures.length + (r.fatal ? 1 : 0),
    pending: r.pending.length,
    ...(r.fatal ? { problem: `run() failed: ${r.fatal.split('\n')[0]}` } : {}),
  };
}

/** ESLint, then Prettier's check; each is one test (passed or failed), like the type check. */
async function lintLayer() {
  const checks = [
    ['node_modules/eslint/bin/eslint.js', []],
    ['node_modules/prettier/bin/prettier.cjs', ['--check', '.']],
  ];
  let passed = 0;
  for (const [bin, binArgs] of checks) if ((await run(node, [join(root, bin), ...binArgs])) === 0) passed++;
  return { passed, failed: checks.length - passed, pending: 0 };
}

const layerRunners = {
  lint: () => lintLayer(),
  unit: () => mochaLayer('unit', 'test/unit/**/*.test.ts'),
  vscode: () => vscodeLayer(),
  ui: () => mochaLayer('ui', 'test/ui/**/*.test.ts', ['--timeout', '120000']),
  package: () => mochaLayer('package', 'test/package/**/*.test.ts', ['--timeout', '180000']),
};

for (const name of selected) {
  step(`layer: ${name}`);
  const t0 = Date.now();
  let r;
  if (setupProblems.length > 0 || !buildOk) {
    r = { problem: `not started: ${setupProblems.join('; ') || 'build failed'}` };
  } else {
    try {
      r = await layerRunners[name]();
    } catch (err) {
      r = { problem: err instanceof Error ? err.message : String(err) };
    }
  }
  const entry = { name, passed: r.passed ?? 0, failed: r.failed ?? 0, pending: r.pending ?? 0, time: secs(t0) };
  if (r.problem) entry.problem = r.problem;
  else if (entry.passed + entry.failed === 0) entry.problem = 'ran 0 tests';
  results.push(entry);
}

// ---------- summary ----------
console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  const extra = r.problem ? ` (FAILED TO RUN: ${r.problem})` : '';
  console.log(`${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''} in ${r.time}${extra}`);
  passed += r.passed;
  failed += r.failed + (r.problem && r.failed === 0 ? 1 : 0);
}
for (const p of setupProblems) console.log(`set-up problem: ${p}`);
if (results.length === 0) failed += 1;
console.log(`total time ${secs(started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
