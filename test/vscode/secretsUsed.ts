/**
 * The secrets the in-host tests used, for the log scan (`logScan.test.ts`, the last file of
 * the run): every test that handles a credential or token can call {@link recordSecret}; the
 * scan then fails if any of them appears in an AuthLens log file.
 *
 * File: `<repo>/test-results/secrets-used.txt` (git-ignored), one JSON line per secret:
 * `{"run": "<run id>", "label": "...", "value": "..."}`. The run id is the code-server
 * user-data dir of this run, so lines of older runs are ignored (and pruned by the scan).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'authlens.authlens';

/** Secrets shorter than this are not scanned for: they would match by chance. */
export const MIN_SECRET_LENGTH = 12;

export function runId(): string {
  return process.env.AUTHLENS_TEST_USER_DATA_DIR ?? 'local';
}

export function secretsFile(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return join(ext.extensionPath, 'test-results', 'secrets-used.txt');
}

const recorded = new Set<string>();

/** Notes a secret the test used (values shorter than {@link MIN_SECRET_LENGTH} are skipped). */
export function recordSecret(label: string, value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH || recorded.has(value)) return;
  recorded.add(value);
  const file = secretsFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ run: runId(), label, value })}\n`);
}

export interface UsedSecret {
  readonly label: string;
  readonly value: string;
}

/** The secrets recorded in this run; lines of other runs are dropped from the file. */
export function secretsOfThisRun(): UsedSecret[] {
  const file = secretsFile();
  if (!existsSync(file)) return [];
  const mine: UsedSecret[] = [];
  const keep: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { run?: unknown; label?: unknown; value?: unknown };
      if (entry.run === runId() && typeof entry.value === 'string' && typeof entry.label === 'string') {
        mine.push({ label: entry.label, value: entry.value });
        keep.push(line);
      }
    } catch {
      // A torn line from an interrupted run: drop it.
    }
  }
  writeFileSync(file, keep.length > 0 ? `${keep.join('\n')}\n` : '');
  return mine;
}
