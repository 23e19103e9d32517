// Helper of scripts/bench/inspector.mjs, run under /tmp/authlens-heavy.lock:
//   node scripts/bench/_openSpeedRun.mjs WINDOWS OUT.json [GIT-REV]
// Builds a private copy of the extension (the working tree, or GIT-REV's tree for a "before"
// figure; `_benchExtension.mjs`), measures its open speed against the floor (`_openSpeed.mjs`)
// and writes every figure to OUT.json.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBenchExtension } from './_benchExtension.mjs';
import { measureOpenSpeed } from './_openSpeed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [windows = '4', out, rev] = process.argv.slice(2);
if (!out) throw new Error('usage: _openSpeedRun.mjs WINDOWS OUT.json [GIT-REV]');
let srcRoot = root;
if (rev) {
  srcRoot = join(root, '.bench', 'before-src');
  rmSync(srcRoot, { recursive: true, force: true });
  mkdirSync(srcRoot, { recursive: true });
  execSync(`git archive ${JSON.stringify(rev)} | tar -x -C ${JSON.stringify(srcRoot)}`, { cwd: root });
}
const ext = await prepareBenchExtension({ srcRoot, testsRoot: root, outDir: join(root, '.bench', rev ? 'ext-before' : 'ext') });
const result = await measureOpenSpeed({
  root,
  ...ext,
  windows: Number(windows),
  rounds: 2,
  warmRuns: 3,
  say: (m) => console.log(`[inspector] ${m}`),
});
writeFileSync(out, JSON.stringify({ ...result, built: rev ?? 'working tree' }, null, 2));
