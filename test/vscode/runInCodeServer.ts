/**
 * Driver of the in-host layer on machines without a desktop VS Code: starts code-server,
 * opens the workbench in headless Chromium with `extensionDevelopmentPath` = the repo and
 * `extensionTestsPath` = `out/test/vscode/index.js`, then polls the results file that
 * `run()` writes. Runs in Node (tsx); not bundled into the host.
 *   node --import tsx test/vscode/runInCodeServer.ts [--grep text] [--json results.json]
 * Build first: `node esbuild.mjs && node scripts/buildTests.mjs`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, readJsonIfComplete, repoRoot, startCodeServer } from '../support/codeServer';
import { GREP_ENV, RESULTS_ENV, type TestResults } from './results';

export interface InHostOptions {
  /** Give up after this long without results (default 180 s). */
  readonly timeoutMs?: number;
  readonly grep?: string;
  /** Print progress lines (default true). */
  readonly verbose?: boolean;
}

const testsEntry = join(repoRoot, 'out', 'test', 'vscode', 'index.js');

/** Runs the bundled in-host suite in code-server and returns its results (throws if it could not start). */
export async function runInHostTests(opts: InHostOptions = {}): Promise<TestResults> {
  const say = (m: string): void => {
    if (opts.verbose !== false) console.log(`[vscode] ${m}`);
  };
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} missing: run node scripts/buildTests.mjs`);
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run node esbuild.mjs');
  const resultsFile = join(tmpdir(), `authlens-inhost-${process.pid}-${Date.now()}.json`);
  rmSync(resultsFile, { force: true });
  const started = Date.now();
  const server = await startCodeServer({
    // LOG_LEVEL reaches VS Code's server and extension host: AuthLens's debug lines (one per
    // HTTP request) are written too, so the log scan (logScan.test.ts) sees everything.
    env: { [RESULTS_ENV]: resultsFile, LOG_LEVEL: process.env.LOG_LEVEL ?? 'trace', ...(opts.grep ? { [GREP_ENV]: opts.grep } : {}) },
  });
  // A small workspace so tests have files to open.
  writeFileSync(join(server.workspaceDir, 'README.txt'), 'AuthLens in-host test workspace\n');
  say(`code-server up on ${server.baseUrl} (${Date.now() - started} ms)`);
  const session = await launchBrowser(server.baseUrl);
  try {
    await session.page.goto(server.workbenchUrl({ extensionDevelopmentPath: repoRoot, extensionTestsPath: testsEntry }));
    const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
    for (;;) {
      const results = readJsonIfComplete<TestResults>(resultsFile);
      if (results) {
        say(`results after ${((Date.now() - started) / 1000).toFixed(1)} s in VS Code ${results.vscodeVersion}`);
        return results;
      }
      if (Date.now() > deadline) {
        mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
        await session.page.screenshot({ path: join(repoRoot, 'test-results', 'vscode-timeout.png') }).catch(() => undefined);
        throw new Error(
          `no in-host results after ${(opts.timeoutMs ?? 180_000) / 1000} s (screenshot test-results/vscode-timeout.png)\n` +
            `browser errors:\n${session.consoleErrors.slice(-20).join('\n')}\ncode-server:\n${server.output().slice(-4000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await session.close();
    await server.stop();
    rmSync(resultsFile, { force: true });
  }
}

/** Prints results like mocha's spec reporter would. */
export function printResults(r: TestResults): void {
  for (const t of r.passes) console.log(`  ✔ ${t.fullTitle} (${t.durationMs ?? 0} ms)`);
  for (const t of r.pending) console.log(`  - ${t.fullTitle} (pending)`);
  r.failures.forEach((t, i) => {
    console.log(`  ${i + 1}) ${t.fullTitle}\n     ${t.error ?? ''}`);
    if (t.stack)
      console.log(
        t.stack
          .split('\n')
          .slice(1, 6)
          .map((l) => `     ${l}`)
          .join('\n'),
      );
  });
  if (r.fatal) console.log(`  in-host run() failed: ${r.fatal}`);
  console.log(`  ${r.passes.length} passing, ${r.failures.length} failing, ${r.pending.length} pending`);
}

if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const grep = arg('--grep');
  const json = arg('--json');
  runInHostTests(grep ? { grep } : {})
    .then((r) => {
      printResults(r);
      if (json) writeFileSync(json, JSON.stringify(r, null, 2));
      process.exit(r.failures.length > 0 || r.fatal || r.passes.length === 0 ? 1 : 0);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    });
}
