/** A fake clock for Keep Fresh: time moves only when a test says, timers run when it passes them. */
import type { FreshClock } from '../../../src/sessions/keepFresh';

export class FakeClock implements FreshClock {
  private seq = 0;
  readonly timers = new Map<number, { at: number; run: () => void }>();

  constructor(public current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const handle = ++this.seq;
    this.timers.set(handle, { at: this.current + ms, run });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** When the one pending timer fires, if there is exactly one. */
  get nextAt(): number | undefined {
    const all = [...this.timers.values()];
    return all.length === 1 ? all[0]?.at : undefined;
  }

  /** Moves time forward and runs the timers that came due, in order. */
  advance(ms: number): void {
    this.current += ms;
    for (const [handle, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.current) continue;
      this.timers.delete(handle);
      t.run();
    }
  }
}
