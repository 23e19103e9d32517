/**
 * Worker side of the adversarial layer: builds each case's input, measures a linear baseline and
 * the function on that input, and reports each result as it goes (a `start` first, so the main
 * thread knows which case spun if the worker goes silent).
 */
import { isAuthLensError } from '../../../src/core/errors';
import { budgetFor, timeOnce } from './budget';
import type { AdversarialSuite, CaseMessage } from './harness';

export function runCases(suite: AdversarialSuite, ids: readonly string[], post: (m: CaseMessage) => void): void {
  // Inputs and budgets of the current pattern, by input builder (functions share builders).
  let cachedPattern: string | undefined;
  const cache = new Map<(unit: string) => string, { input: string; allowedMs: number }>();
  for (const id of ids) {
    const [fn, pattern] = id.split('\u0000') as [string, string];
    post({ type: 'start', id });
    const entry = suite.functions[fn];
    const unit = suite.patterns[pattern];
    if (!entry || unit === undefined) {
      post({ type: 'result', id, elapsedMs: 0, allowedMs: 0, problem: 'unknown case' });
      continue;
    }
    if (pattern !== cachedPattern) {
      cache.clear();
      cachedPattern = pattern;
    }
    let built = cache.get(entry.input);
    if (!built) {
      const input = entry.input(unit);
      built = { input, allowedMs: budgetFor(input) };
      cache.set(entry.input, built);
    }
    const { input, allowedMs } = built;
    let problem: string | undefined;
    const run = (): void => {
      try {
        entry.run(input);
      } catch (err) {
        // Refusing hostile input with our own error is fine; anything else is a crash.
        if (!isAuthLensError(err)) problem = `threw ${err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err).slice(0, 200)}`;
      }
    };
    let elapsedMs = timeOnce(run);
    // Best of two, so one GC pause cannot fail a linear function; a quadratic one fails both.
    if (elapsedMs > allowedMs) elapsedMs = Math.min(elapsedMs, timeOnce(run));
    post({ type: 'result', id, elapsedMs, allowedMs, size: input.length, ...(problem !== undefined ? { problem } : {}) });
  }
}
