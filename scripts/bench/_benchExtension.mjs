// Helper of scripts/bench/inspector.mjs (not a benchmark itself): a private copy of the extension
// to measure, so the workbench run never sees a `dist/` that someone else's build rewrites
// half-way (the worktree is shared). Copies what the extension is made of from `srcRoot` (the
// working tree, or an exported commit for a "before" figure) into `outDir`, builds it there with
// that tree's own `esbuild.mjs --production`, and bundles the in-host open-speed test beside it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** What the extension is built from and what a packaged extension holds (besides dist/). */
const parts = [
  'src',
  'webview',
  'media',
  'l10n',
  'esbuild.mjs',
  'scripts/esbuildVscodeOnce.mjs',
  'scripts/codiconSubset.mjs',
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'tsconfig.json',
];

/**
 * Builds the extension of `srcRoot` into `outDir` and the open-speed test into `outDir/tests`.
 * @param {{ srcRoot: string, testsRoot: string, outDir: string, quiet?: boolean }} o
 * @returns {Promise<{ extensionPath: string, testsEntry: string }>}
 */
export async function prepareBenchExtension(o) {
  rmSync(o.outDir, { recursive: true, force: true });
  mkdirSync(o.outDir, { recursive: true });
  for (const p of parts) if (existsSync(join(o.srcRoot, p))) cpSync(join(o.srcRoot, p), join(o.outDir, p), { recursive: true });
  symlinkSync(join(o.testsRoot, 'node_modules'), join(o.outDir, 'node_modules'));
  const built = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: o.outDir, stdio: o.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`the production build in ${o.outDir} failed`);
  // The same hrtime wrapper as the floor's (`floorExtension/timed.js`) becomes this copy's main.
  cpSync(join(o.testsRoot, 'scripts', 'bench', 'floorExtension', 'timed.js'), join(o.outDir, 'timed.js'));
  const manifest = JSON.parse(readFileSync(join(o.outDir, 'package.json'), 'utf8'));
  writeFileSync(join(o.outDir, 'package.json'), JSON.stringify({ ...manifest, main: './timed.js', benchMain: manifest.main }, null, 2));
  const testsDir = join(o.outDir, 'tests');
  const srcDir = join(o.testsRoot, 'test', 'vscode');
  await esbuild.build({
    entryPoints: [join(srcDir, 'index.ts'), join(srcDir, 'openSpeed.test.ts')],
    outbase: srcDir,
    outdir: testsDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { extensionPath: o.outDir, testsEntry: join(testsDir, 'index.js') };
}
