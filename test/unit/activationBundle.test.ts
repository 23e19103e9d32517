/**
 * The activation bundle as esbuild.mjs builds it: the host's `vscode` API is required once and
 * shared by every file (scripts/esbuildVscodeOnce.mjs), not converted to a namespace per file
 * during activation; every API name a file uses exists in the shared module; the bundle loads.
 * It is the shell only (issue 17): what it is built from is an allow-list, so a feature that
 * creeps back onto the activation path fails here, not in a benchmark weeks later.
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
  /** The files the bundle is built from, repo-relative (`node_modules/...` for packages). */
  let inputs: string[] = [];

  before(async () => {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, 'src', 'extension.ts')],
      // Metafile paths are relative to this: `src/...`, `node_modules/...`.
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['./features.js', './providers.js', './sandbox.js', 'node:sqlite'],
      plugins: [vscodeOnce],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]!.text;
    warnings = result.warnings;
    inputs = Object.keys(result.metafile.inputs);
  });

  it('is built from the shell only: src/extension.ts, src/shell/ and a few import-free leaves', () => {
    const allowed = [
      /^src\/extension\.ts$/,
      /^src\/shell\/\w+\.ts$/,
      /^src\/commands\/commandIds\.ts$/,
      /^src\/plumbing\/(viewIds|settingKeys|lifecycle)\.ts$/,
      /^src\/terminal\/tokenLinkRegistration\.ts$/,
      // The shared `vscode` module of scripts/esbuildVscodeOnce.mjs.
      /^authlens-vscode-api:vscode$/,
    ];
    assert.ok(inputs.includes('src/extension.ts'), `the metafile names the entry: ${inputs.join(', ')}`);
    assert.deepEqual(
      inputs.filter((f) => !allowed.some((re) => re.test(f))),
      [],
    );
  });

  it('holds none of the inspector, the Sessions view, the claim tables, the providers, jose, undici or jwt-decode', () => {
    const forbidden = /^src\/(inspector|sessions|providers|editor)\/|^src\/core\/claims|^src\/features\.ts$|node_modules\/(jose|undici|jwt-decode)\//;
    assert.deepEqual(
      inputs.filter((f) => forbidden.test(f)),
      [],
    );
    // The markers activation.mjs looks for: undici's error codes, jose's error classes.
    assert.doesNotMatch(code, /UND_ERR_|JOSEError/);
  });

  it('stays small (the features are in dist/features.js)', () => {
    assert.ok(code.length < 24 * 1024, `dist/extension.js is ${(code.length / 1024).toFixed(1)} KB minified`);
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
