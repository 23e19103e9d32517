#!/usr/bin/env node
// Bundles the in-host suite: test/vscode/**/*.test.ts, test/vscode/index.ts (run()) and
// test/vscode/electronRunner.ts -> out/test/vscode/ (CommonJS, Node; `vscode`, `mocha` and
// @vscode/test-electron stay external and resolve from the repo's node_modules).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'test', 'vscode');
const outDir = join(root, 'out', 'test', 'vscode');

export async function buildTests() {
  const tests = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(srcDir, f));
  rmSync(outDir, { recursive: true, force: true }); // no stale tests from deleted files
  await esbuild.build({
    entryPoints: [join(srcDir, 'index.ts'), join(srcDir, 'electronRunner.ts'), ...tests],
    outbase: srcDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
    logLevel: 'warning',
  });
  return tests.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = await buildTests();
  console.log(`[buildTests] bundled ${n} in-host test file(s) into out/test/vscode/`);
}
