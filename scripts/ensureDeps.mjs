// npm ci when node_modules is missing, npm install when package-lock.json is newer than it.
// Shared by scripts/test.mjs and scripts/demo.mjs (uses only node:* so it runs before npm ci).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Returns what it did; throws when npm fails. */
export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  let args;
  let what;
  if (!existsSync(marker)) {
    args = ['ci', '--no-audit', '--no-fund'];
    what = 'node_modules missing: npm ci';
  } else if (statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000) {
    args = ['install', '--no-audit', '--no-fund'];
    what = 'package-lock.json is newer than node_modules: npm install';
  } else {
    return 'node_modules up to date';
  }
  console.log(what);
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${args[0]} failed with exit code ${r.status}`);
  return what;
}
