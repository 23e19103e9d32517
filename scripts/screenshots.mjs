#!/usr/bin/env node
// npm run screenshots: refreshes the README's pictures in media/screenshots/ from a real
// workbench. Runs the UI test "UI: README screenshots" (test/ui/screenshots.test.ts) with
// AUTHLENS_WRITE_SCREENSHOTS=1 (without it, that test writes to test-results/ only), then lists
// the pictures and their sizes. Starts code-server and Chromium like `npm test`: on a shared
// machine, run it under the lock: flock /tmp/authlens-heavy.lock npm run screenshots
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'media', 'screenshots');
const run = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), '--only', 'ui', '--grep', 'UI: README screenshots'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AUTHLENS_WRITE_SCREENSHOTS: '1' },
});
if (run.status !== 0) {
  console.error('screenshots: the UI test failed; media/screenshots/ may be partly updated (git diff shows which).');
  process.exit(run.status ?? 1);
}
for (const name of readdirSync(dir).sort()) {
  console.log(`media/screenshots/${name}: ${(statSync(join(dir, name)).size / 1024).toFixed(1)} KB`);
}
