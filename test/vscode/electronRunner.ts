/**
 * Runs the same in-host suite in a desktop VS Code downloaded by @vscode/test-electron
 * (for machines that can reach Microsoft's update server; these CI machines cannot, so
 * `npm test` uses code-server instead). Usage after `node scripts/buildTests.mjs`:
 *   node out/test/vscode/electronRunner.js [vscodeVersion]
 */
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { RESULTS_ENV } from './results';

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const version = process.argv[2] ?? '1.100.3';
  await runTests({
    version,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(__dirname, 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: {
      [RESULTS_ENV]: join(__dirname, 'results-electron.json'),
      AUTHLENS_TEST_USER_DATA_DIR: join(repoRoot, '.vscode-test', 'user-data'),
    },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
