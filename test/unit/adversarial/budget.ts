/**
 * The time budget of the adversarial layer. Every function that reads text from a document, a
 * token or a server runs in the extension host, shared with every other extension: it must be
 * linear (or close) in its input. On 1 MB a super-linear function takes seconds to hours and a
 * linear one milliseconds, so the budget can be generous and still tell them apart:
 *
 *   allowed = min(CEILING_MS, max(FLOOR_MS, FACTOR × baseline))
 *
 * where `baseline` is a plain linear pass over the same input (`JSON.stringify` plus a character
 * loop) measured in the same run: a loaded 2-core machine slows both alike, so the ratio holds,
 * and the ceiling keeps any single call under 4 s whatever the machine (a quadratic one takes
 * minutes on 1 MB, so the margin costs no power).
 */

export const MB = 1024 * 1024;

/** Baseline passes a function may cost: linear escapers cost up to ~400 (a callback per character). */
const FACTOR = 1000;
/** Below this nothing is measurable on a busy machine (GC pauses, JIT). */
const FLOOR_MS = 300;
/** No single call may block the host longer than this. */
export const CEILING_MS = 4000;

/** `unit` repeated to `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function linearPass(input: string): number {
  let sum = JSON.stringify(input).length;
  for (let i = 0; i < input.length; i++) sum = (sum + input.charCodeAt(i)) | 0;
  return sum;
}

/** Milliseconds `f` took. */
export function timeOnce(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** The budget in ms for a function reading `input` (baseline: best of 3 linear passes). */
export function budgetFor(input: string): number {
  let base = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++)
    base = Math.min(
      base,
      timeOnce(() => void linearPass(input)),
    );
  return Math.min(CEILING_MS, Math.max(FLOOR_MS, FACTOR * base));
}
