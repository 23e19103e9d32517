/**
 * The activation bundle as esbuild.mjs builds it: the host's `vscode` API is required once and
 * shared by every file (scripts/esbuildVscodeOnce.mjs), not converted to a namespace per file
 * during activation; every API name a file uses exists in the shared module; the bundle loads.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import * as esbuild from 'esbuild';
import { vscodeOnce } from '../../scripts/esbuildVscodeOnce.mjs';
import { ROOT } from './importGraph';

describe('activation bundle (esbuild.mjs)', function () {
  this.timeout(60_000);
  let code = '';
  let warnings: esbuild.Message[] = [];

  before(async () => {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, 'src', 'extension.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['./providers.js', './sandbox.js', 'node:sqlite'],
      plugins: [vscodeOnce],
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]!.text;
    warnings = result.warnings;
  });

  it('requires the vscode API exactly once, with no per-file namespace copy', () => {
    assert.equal(code.match(/require\("vscode"\)/g)?.length, 1);
  });

  it('builds without warnings (an API name missing from the shared module would be one)', () => {
    assert.deepEqual(
      warnings.map((w) => w.text),
      [],
    );
  });

  it('loads, exporting activate()', () => {
    // What the bundle's top level reads from the API: classes it extends or constructs.
    const stub = (): unknown => function () {};
    const exportsOf: { exports: Record<string, unknown> } = { exports: {} };
    const load = compileFunction(code, ['module', 'exports', 'require']) as (m: unknown, e: unknown, r: (id: string) => unknown) => void;
    const required: string[] = [];
    load(exportsOf, exportsOf.exports, (id) => {
      required.push(id);
      if (id === 'vscode') return new Proxy({}, { get: stub });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(id) as unknown;
    });
    assert.equal(typeof exportsOf.exports['activate'], 'function');
    assert.equal(required.filter((id) => id === 'vscode').length, 1);
  });
});
