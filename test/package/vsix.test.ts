/**
 * The package layer: `npm run package` makes a small .vsix holding only the allow-listed files,
 * and that .vsix installs into code-server offline and decodes a token.
 * Starts code-server + Chromium: run by hand under `flock /tmp/authlens-heavy.lock`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { codeServerBin, repoRoot } from '../support/codeServer';
import { activeEditorText, runCommand, screenshot, selectors, setClipboard, startWorkbench } from '../ui/harness';

const vsix = join(repoRoot, 'authlens.vsix');
const vsceBin = join(repoRoot, 'node_modules', '.bin', 'vsce');

/** What may go into the package (mirrors the allow-list in .vscodeignore). */
const allowed = [
  /^dist\/(extension|features|providers|sandbox|webview)\.js$/,
  /^dist\/webview\.css$/,
  /^dist\/codicons\/codicon\.(css|ttf)$/,
  /^media\/[\w./-]+$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^package(\.nls(\.[\w-]+)?)?\.json$/,
  /^(README|CHANGELOG|SECURITY)\.md$/,
  /^LICENSE$/,
];
const required = [
  'dist/extension.js',
  'dist/features.js',
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'l10n/bundle.l10n.json',
  'l10n/bundle.l10n.zh-cn.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

function run(cmd: string, args: string[], timeout = 120_000): string {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', timeout });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('package: the .vsix', function () {
  this.timeout(180_000);
  let scratch: string | undefined;

  before(() => {
    rmSync(vsix, { force: true });
    run('npm', ['run', '--silent', 'package']);
    scratch = mkdtempSync(join(tmpdir(), 'authlens-vsix-'));
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    // Leave a development build (sourcemaps) for whoever runs tests next.
    run(process.execPath, ['esbuild.mjs']);
  });

  it('is under 1 MB', () => {
    const size = statSync(vsix).size;
    console.log(`      authlens.vsix: ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size < 1024 * 1024, `${size} bytes`);
  });

  it('holds only dist/, media/, l10n, README, CHANGELOG, SECURITY, LICENSE and package.json (+nls)', () => {
    const files = run(vsceBin, ['ls', '--no-dependencies'])
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(stray, [], `files outside the allow-list: ${stray.join(', ')}`);
    for (const f of required) assert.ok(files.includes(f), `${f} is packaged`);
    assert.ok(!files.some((f) => f.endsWith('.map')), 'no sourcemaps');
  });

  it('installs into code-server offline and decodes a token from the installed copy', async () => {
    const dir = scratch!;
    const extDir = join(dir, 'extensions');
    run(codeServerBin, ['--extensions-dir', extDir, '--user-data-dir', join(dir, 'user-data'), '--install-extension', vsix]);
    const installed = readdirSync(extDir).find((d) => d.startsWith('authlens.authlens-'));
    assert.ok(installed, `installed folder in ${readdirSync(extDir).join(', ')}`);
    assert.ok(existsSync(join(extDir, installed, 'dist', 'extension.js')));

    const secret = new TextEncoder().encode('package-test-secret-not-a-real-one-0123456789');
    const token = await new SignJWT({ sub: 'from-vsix' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(secret);
    const wb = await startWorkbench({ extensionDevelopmentPath: join(extDir, installed) });
    try {
      await setClipboard(wb.page, token);
      await runCommand(wb.page, 'AuthLens: Decode Token to JSON Document');
      await wb.page.locator(selectors.activeTab).filter({ hasText: 'Decoded token' }).waitFor({ timeout: 20_000 });
      const doc = JSON.parse(await activeEditorText(wb.page)) as { payload: { sub: string } };
      await screenshot(wb.page, 'package-vsix-decode');
      assert.equal(doc.payload.sub, 'from-vsix');
    } catch (err) {
      await screenshot(wb.page, 'package-vsix-decode-failure');
      throw err;
    } finally {
      await wb.close();
    }
  });
});
