import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { secretsOfThisRun, secretsFile } from './secretsUsed';

/**
 * The log scan (issue 9, "secrets leak through side doors"): runs LAST in the in-host suite
 * (index.ts puts this file after all others), reads every AuthLens output channel log file of this code-server run
 * (`$AUTHLENS_TEST_USER_DATA_DIR/logs/**\/authlens.authlens/*.log`) and fails when any token or
 * secret that a test recorded in `test-results/secrets-used.txt` appears there: whole, URL-encoded,
 * or as any long dot-separated part (a JWT's payload or signature, a signed cookie's value).
 */

function logFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) logFiles(p, out);
    else if (entry.name.endsWith('.log') && /authlens/i.test(p.slice(dir.length))) out.push(p);
  }
  return out;
}

/** The strings whose presence in a log means the secret leaked. */
function needles(value: string): string[] {
  const out = new Set([value, encodeURIComponent(value)]);
  const parts = value.split('.');
  parts.forEach((part, i) => {
    // A JWT header (`eyJhbGciOi...`) is shared by many tokens and not secret; payloads and signatures are.
    if (part.length >= 24 && !(i === 0 && part.startsWith('eyJ') && parts.length >= 3)) out.add(part);
  });
  return [...out];
}

function totalSize(files: readonly string[]): number {
  return files.reduce((n, f) => n + statSync(f).size, 0);
}

describe('security: log scan (runs last)', () => {
  it('finds none of the secrets the tests used in the AuthLens logs', async function () {
    this.timeout(30_000);
    const root = process.env.AUTHLENS_TEST_USER_DATA_DIR;
    assert.ok(root && existsSync(root), 'AUTHLENS_TEST_USER_DATA_DIR is set by the test driver');
    const logsDir = join(root, 'logs');
    // Log lines are flushed asynchronously: wait until the files stop growing.
    let size = -1;
    for (let i = 0; i < 20; i++) {
      const now = totalSize(logFiles(logsDir));
      if (now === size) break;
      size = now;
      await new Promise((r) => setTimeout(r, 500));
    }
    const files = logFiles(logsDir);
    assert.ok(files.length > 0, `no AuthLens log file under ${logsDir}`);
    const secrets = secretsOfThisRun();
    assert.ok(secrets.length > 0, `no secrets recorded in ${secretsFile()}: the scan would prove nothing`);

    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      for (const s of secrets) {
        for (const needle of needles(s.value)) {
          const at = text.indexOf(needle);
          if (at < 0) continue;
          const line = text.slice(0, at).split('\n').length;
          // Never print the secret itself: the label, the file and the line number say enough.
          leaks.push(
            `${s.label} (${needle.length} chars) in ${file.slice(root.length)}:${line} "${(lines[line - 1] ?? '').slice(0, 60).replace(needle, '<secret>')}…"`,
          );
          break;
        }
      }
    }
    // What was scanned, for people reading test-results/ (never the secrets themselves).
    const levels = new Map<string, number>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^\S+ \S+ \[(\w+)\]/gm)) levels.set(m[1]!, (levels.get(m[1]!) ?? 0) + 1);
    }
    writeFileSync(
      join(dirname(secretsFile()), 'log-scan.txt'),
      [
        `log level of this window: ${vscode.LogLevel[vscode.env.logLevel]}`,
        `secrets: ${secrets.length} (${[...new Set(secrets.map((s) => s.label.replace(/\/[^/]*$/, '/…')))].length} kinds)`,
        ...files.map((f) => `file: ${f.slice(root.length)} (${statSync(f).size} bytes)`),
        `lines by level: ${[...levels].map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `leaks: ${leaks.length}`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(leaks, [], `secrets in the AuthLens log:\n${leaks.join('\n')}`);
  });
});
