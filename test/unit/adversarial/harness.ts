/**
 * Main-thread side of the adversarial layer: runs a suite's cases in a worker and stops it when
 * a case goes silent for longer than the ceiling allows (a spin), then goes on with the rest in
 * a fresh worker. Results come back per case, for one `it` per function.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CEILING_MS } from './budget';

/** A function under test: how to build its input from a pattern, and how to call it. */
export interface AdversarialFunction {
  readonly input: (unit: string) => string;
  readonly run: (input: string) => unknown;
}

export interface AdversarialSuite {
  /** Pattern name -> the unit repeated to build inputs. */
  readonly patterns: Readonly<Record<string, string>>;
  /** Function name (as the test titles show it) -> how to drive it. */
  readonly functions: Readonly<Record<string, AdversarialFunction>>;
}

export type CaseMessage =
  | { readonly type: 'start'; readonly id: string }
  | { readonly type: 'result'; readonly id: string; readonly elapsedMs: number; readonly allowedMs: number; readonly size?: number; readonly problem?: string };

export interface CaseResult {
  readonly fn: string;
  readonly pattern: string;
  readonly elapsedMs: number;
  readonly allowedMs: number;
  readonly size: number;
  /** Over budget, spinning, or a crash; undefined when fine. */
  readonly problem?: string;
}

/** Silence longer than this means the case is spinning (input building and two runs included). */
const STALL_MS = 4 * CEILING_MS + 4000;

export function caseId(fn: string, pattern: string): string {
  return `${fn}\u0000${pattern}`;
}

/** Runs every (function, pattern) case of the suite in `suiteFile`; resolves with all results. */
export async function runSuite(suiteFile: string, suite: AdversarialSuite): Promise<CaseResult[]> {
  // Pattern by pattern, so the worker builds each input (and measures its baseline) once.
  let pending = Object.keys(suite.patterns).flatMap((p) => Object.keys(suite.functions).map((fn) => caseId(fn, p)));
  const results: CaseResult[] = [];
  while (pending.length > 0) {
    const done = await runWorker(suiteFile, pending, (r) => results.push(r));
    pending = pending.slice(done);
  }
  return results;
}

function toResult(m: Extract<CaseMessage, { type: 'result' }>): CaseResult {
  const [fn, pattern] = m.id.split('\u0000') as [string, string];
  const over = m.elapsedMs > m.allowedMs ? `${m.elapsedMs.toFixed(0)} ms, budget ${m.allowedMs.toFixed(0)} ms` : undefined;
  const problem = [m.problem, over].filter((p) => p !== undefined).join('; ');
  return { fn, pattern, elapsedMs: m.elapsedMs, allowedMs: m.allowedMs, size: m.size ?? 0, ...(problem !== '' ? { problem } : {}) };
}

/** One worker over `ids`; resolves with how many cases it settled (a spinning one included). */
function runWorker(suiteFile: string, ids: readonly string[], onResult: (r: CaseResult) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'worker.mjs'), { workerData: { suiteFile, ids } });
    let settled = 0;
    let current: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (err?: Error): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve(Math.max(settled, 1));
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const [fn, pattern] = (current ?? ids[settled] ?? '').split('\u0000') as [string, string];
        onResult({ fn, pattern, elapsedMs: STALL_MS, allowedMs: CEILING_MS, size: 0, problem: `still running after ${STALL_MS} ms: stopped` });
        settled++;
        finish();
      }, STALL_MS);
    };
    arm();
    worker.on('message', (m: CaseMessage) => {
      arm();
      if (m.type === 'start') current = m.id;
      else {
        onResult(toResult(m));
        settled++;
        current = undefined;
        if (settled === ids.length) finish();
      }
    });
    // A crash inside a case (out of memory, a stack overflow outside its try) fails that case.
    const crashed = (why: string): void => {
      if (finished) return;
      if (current !== undefined) {
        const [fn, pattern] = current.split('\u0000') as [string, string];
        onResult({ fn, pattern, elapsedMs: 0, allowedMs: CEILING_MS, size: 0, problem: `the worker died: ${why}` });
        settled++;
      }
      finish(settled > 0 ? undefined : new Error(`adversarial worker failed before its first case: ${why}`));
    };
    worker.on('error', (err) => crashed(`${err.name}: ${err.message.slice(0, 200)}`));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
  });
}

/** The failures of one function, one line each, for an assertion message. */
export function problemsOf(results: readonly CaseResult[], fn: string): string[] {
  return results.filter((r) => r.fn === fn && r.problem !== undefined).map((r) => `${r.pattern}: ${r.problem ?? ''}`);
}

/**
 * Inside a `describe`: runs every case of `suite` (from `casesFile`, which the worker loads) once,
 * then one `it` per function, each checking that all its patterns ran and stayed within budget.
 */
export function itRunsEverySuiteCase(casesFile: string, suite: AdversarialSuite): void {
  let results: CaseResult[] = [];
  before(async function () {
    this.timeout(600_000);
    results = await runSuite(casesFile, suite);
  });
  for (const fn of Object.keys(suite.functions)) {
    it(`${fn}: every pattern within budget, no crash`, () => {
      assert.equal(results.filter((r) => r.fn === fn).length, Object.keys(suite.patterns).length, 'every case ran');
      assert.deepEqual(problemsOf(results, fn), []);
    });
  }
}
