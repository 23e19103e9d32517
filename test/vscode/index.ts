/**
 * Entry point of the in-host suite (`extensionTestsPath`). VS Code calls `run()` inside the
 * extension host, with the extension under test loaded from `extensionDevelopmentPath`.
 * It runs every bundled `*.test.js` beside it with mocha and writes {@link TestResults} to
 * `$AUTHLENS_TEST_RESULTS` (or `results.json` next to this file): the host cannot report to
 * the browser that drives code-server, so the driver polls that file.
 */
import { readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { startSecretRecorder } from './secretRecorder';
import { GREP_ENV, RESULTS_ENV, type TestResult, type TestResults } from './results';

/** The log scan reads what every other test left in the logs, so it runs after them all. */
const LAST = 'logScan.test.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(a.endsWith(LAST)) - Number(b.endsWith(LAST)) || a.localeCompare(b))
    .map((f) => join(dir, f));
}

function writeResults(results: TestResults): void {
  const file = process.env[RESULTS_ENV] || join(__dirname, 'results.json');
  // Write then rename so the polling driver never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  renameSync(`${file}.tmp`, file);
}

function errorText(err: unknown): { error: string; stack?: string } {
  if (err instanceof Error) return { error: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { error: String(err) };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const passes: TestResult[] = [];
  const failures: TestResult[] = [];
  const pending: TestResult[] = [];
  try {
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: 20_000,
      reporter: 'spec',
      // Fixtures of the whole run, not tests: the SecretStorage recorder for the log scan.
      rootHooks: { beforeAll: [startSecretRecorder] },
    });
    const grep = process.env[GREP_ENV];
    if (grep) mocha.grep(grep);
    const files = testFiles(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
    for (const f of files) mocha.addFile(f);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => passes.push({ title: t.title, fullTitle: t.fullTitle(), durationMs: t.duration ?? 0 }));
      runner.on('fail', (t, err) => failures.push({ title: t.title, fullTitle: t.fullTitle(), ...errorText(err) }));
      runner.on('pending', (t) => pending.push({ title: t.title, fullTitle: t.fullTitle() }));
    });
    writeResults({ passes, failures, pending, vscodeVersion: vscode.version, durationMs: Date.now() - started });
  } catch (err) {
    writeResults({
      passes,
      failures,
      pending,
      vscodeVersion: vscode.version,
      durationMs: Date.now() - started,
      fatal: errorText(err).stack ?? errorText(err).error,
    });
  }
  // A desktop host (@vscode/test-electron) reads the outcome from run()'s promise.
  if (failures.length > 0) throw new Error(`${failures.length} in-host test(s) failed`);
}
