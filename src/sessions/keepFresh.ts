import * as vscode from 'vscode';
import { isAuthLensError } from '../core/errors';
import { afterFailure, planFresh, type FreshPlan, type FreshSetFacts, type FreshSlot, type PendingRetry, type SignInReason } from '../core/refreshSchedule';
import type { ConfiguredProvider } from '../plumbing/config';
import { Disposable, toDisposable } from '../plumbing/lifecycle';

/** What Keep Fresh asks of the window: settings, the token store, the provider calls, the UI. */
export interface FreshHost {
  /** The provider entry, or undefined once it was removed from the settings. */
  provider(providerId: string): ConfiguredProvider | undefined;
  /** The entry's stored sets it may renew (its own issuer and client, not revoked). */
  readSets(config: ConfiguredProvider): Promise<FreshSetFacts[]>;
  /** A refresh grant or a client-credentials grant for one slot; the new set is stored by the provider. Returns a log line (redacted). */
  renew(config: ConfiguredProvider, kind: 'refresh' | 'client-credentials', slot: FreshSlot, signal: AbortSignal): Promise<string>;
  /** The provider's tokens changed: re-list it in the tree. */
  changed(providerId: string): void;
  /** `authlens.refreshAheadSeconds`. */
  aheadSeconds(): number;
  /** One notification offering to sign in again. */
  askToSignIn(config: ConfiguredProvider, slot: FreshSlot, reason: SignInReason): void;
  /** One notification: renewing failed and Keep Fresh stopped trying for this set. */
  reportGaveUp(config: ConfiguredProvider, slot: FreshSlot, code: string): void;
  readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'debug'>;
}

/** What the tree and the status bar read of Keep Fresh. */
export type KeptFreshView = Pick<KeepFresh, 'isKeptFresh' | 'onDidChangeKept'>;

/** The clock and timer functions (tests pass fakes; nothing waits for real time there). */
export interface FreshClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: FreshClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Longest single wait: Node's timers overflow past 2^31 ms, and a day-long wait is re-planned anyway. */
const maxWaitMs = 6 * 3_600_000;

interface Kept {
  timer?: unknown;
  abort?: AbortController;
  busy: boolean;
  /** Sets Keep Fresh is done with (sign-in asked, or given up), by slot → their `obtainedAt`. */
  readonly stopped: Map<FreshSlot, number>;
  /** A failed renewal waiting to be retried, by slot. */
  readonly retries: Map<FreshSlot, PendingRetry & { attempt: number }>;
}

/**
 * "Keep Fresh": for each `oidc` provider the person turned it on for, one timer that renews its
 * tokens ahead of expiry (the decisions are `src/core/refreshSchedule.ts`'s). In memory only: it
 * stops when the window closes, and with nothing kept fresh nothing is scheduled. Fires
 * {@link onDidRefresh} after each renewal (the terminal export follows it).
 */
export class KeepFresh extends Disposable {
  private readonly kept = new Map<string, Kept>();
  private readonly refreshed = this.register(new vscode.EventEmitter<string>());
  /** Fires with the provider id after Keep Fresh stored new tokens for it. */
  readonly onDidRefresh = this.refreshed.event;
  private readonly keptChanged = this.register(new vscode.EventEmitter<string>());
  /** Fires with the provider id when Keep Fresh was turned on or off for it. */
  readonly onDidChangeKept = this.keptChanged.event;

  constructor(
    private readonly host: FreshHost,
    private readonly clock: FreshClock = realClock,
  ) {
    super();
    this.register(
      toDisposable(() => {
        for (const k of this.kept.values()) this.halt(k);
        this.kept.clear();
      }),
    );
  }

  isKeptFresh(providerId: string): boolean {
    return this.kept.has(providerId);
  }

  /** The providers kept fresh now. */
  get providerIds(): readonly string[] {
    return [...this.kept.keys()];
  }

  /** Turns Keep Fresh on for a provider and plans its first step (at once if a token is already due). */
  async start(providerId: string): Promise<void> {
    if (this.isDisposed || this.kept.has(providerId) || !this.host.provider(providerId)) return;
    this.kept.set(providerId, { busy: false, stopped: new Map(), retries: new Map() });
    this.host.log.info(`[${providerId}] keep fresh: on (${this.host.aheadSeconds()} s ahead of expiry)`);
    this.keptChanged.fire(providerId);
    await this.replan(providerId);
  }

  /** Turns it off: the timer goes, a renewal in flight is cancelled. */
  stop(providerId: string): void {
    const k = this.kept.get(providerId);
    if (!k) return;
    this.halt(k);
    this.kept.delete(providerId);
    this.host.log.info(`[${providerId}] keep fresh: off`);
    this.keptChanged.fire(providerId);
  }

  /** The settings changed: removed providers stop, the others are planned again (entry or lead time may differ). */
  async settingsChanged(): Promise<void> {
    for (const id of this.providerIds) {
      if (this.host.provider(id)?.kind === 'oidc') await this.replan(id);
      else this.stop(id);
    }
  }

  /** A provider's stored tokens changed (signed in, forgotten, renewed elsewhere): plan again. */
  async tokensChanged(providerId: string): Promise<void> {
    if (this.kept.has(providerId)) await this.replan(providerId);
  }

  /** Reads the sets and sets the one timer for the earliest step (none when nothing is due ever). */
  private async replan(providerId: string): Promise<void> {
    const k = this.kept.get(providerId);
    const config = this.host.provider(providerId);
    if (!k || !config || k.busy) return;
    const plan = await this.plan(k, config);
    // Turned off, disposed or busy while the sets were read.
    if (this.kept.get(providerId) !== k || k.busy) return;
    this.clearTimer(k);
    if (!plan.next) return;
    const wait = Math.min(maxWaitMs, Math.max(0, plan.next.at - this.clock.now()));
    k.timer = this.clock.setTimeout(() => {
      k.timer = undefined;
      void this.fire(providerId);
    }, wait);
  }

  private async plan(k: Kept, config: ConfiguredProvider): Promise<FreshPlan & { sets: readonly FreshSetFacts[] }> {
    const sets = await this.host.readSets(config);
    return { ...planFresh(sets, this.host.aheadSeconds(), this.clock.now(), k.stopped, k.retries), sets };
  }

  /** The timer fired: do the step if it is due (the sets may have changed meanwhile), then plan again. */
  private async fire(providerId: string): Promise<void> {
    const k = this.kept.get(providerId);
    const config = this.host.provider(providerId);
    if (!k || !config || k.busy) return;
    k.busy = true;
    try {
      await this.step(k, config);
    } finally {
      k.busy = false;
    }
    // Always planned again: an early wake-up (long waits are cut into pieces) or a changed set
    // needs its next timer as much as a renewal does.
    await this.replan(providerId);
  }

  /** Does the step that is due now, if one is. */
  private async step(k: Kept, config: ConfiguredProvider): Promise<void> {
    const { next, sets } = await this.plan(k, config);
    if (!next || next.at > this.clock.now() || this.kept.get(config.id) !== k) return;
    const set = sets.find((s) => s.slot === next.slot);
    if (!set) return;
    if (next.kind === 'sign-in') {
      k.stopped.set(next.slot, set.obtainedAt);
      this.host.log.warn(`[${config.id}] keep fresh: ${next.slot} tokens need a new sign-in (${next.reason})`);
      this.host.askToSignIn(config, next.slot, next.reason);
      return;
    }
    await this.renew(k, config, next.kind, set);
  }

  private async renew(k: Kept, config: ConfiguredProvider, kind: 'refresh' | 'client-credentials', set: FreshSetFacts): Promise<void> {
    const abort = new AbortController();
    k.abort = abort;
    try {
      const line = await this.host.renew(config, kind, set.slot, abort.signal);
      k.retries.delete(set.slot);
      if (abort.signal.aborted || this.kept.get(config.id) !== k) return;
      this.host.log.info(`[${config.id}] keep fresh: ${line}`);
      this.host.changed(config.id);
      this.refreshed.fire(config.id);
    } catch (err) {
      if (abort.signal.aborted || this.kept.get(config.id) !== k) return;
      const code = isAuthLensError(err) ? err.code : 'unknown';
      const serverCode = isAuthLensError(err) ? err.details.serverCode : undefined;
      const attempt = k.retries.get(set.slot)?.attempt ?? 0;
      const outcome = afterFailure(code, serverCode, set.slot, attempt);
      this.host.log.warn(`[${config.id}] keep fresh: ${kind} for ${set.slot} failed: ${code}${serverCode ? ` (${serverCode})` : ''}; ${outcome.kind}`);
      if (outcome.kind === 'retry') {
        k.retries.set(set.slot, { obtainedAt: set.obtainedAt, at: this.clock.now() + outcome.delayMs, attempt: attempt + 1 });
        return;
      }
      k.retries.delete(set.slot);
      k.stopped.set(set.slot, set.obtainedAt);
      if (outcome.kind === 'sign-in') this.host.askToSignIn(config, set.slot, outcome.reason);
      else this.host.reportGaveUp(config, set.slot, code);
    } finally {
      if (k.abort === abort) k.abort = undefined;
    }
  }

  private clearTimer(k: Kept): void {
    if (k.timer !== undefined) this.clock.clearTimeout(k.timer);
    k.timer = undefined;
  }

  private halt(k: Kept): void {
    this.clearTimer(k);
    k.abort?.abort();
    k.abort = undefined;
  }
}
