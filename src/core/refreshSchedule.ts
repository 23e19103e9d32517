/**
 * Keep Fresh's decisions: when a kept-fresh provider's token sets need what. Pure: the sets come
 * in as facts, `now` is a parameter, and nothing here owns a timer (the VS Code adapter in
 * `src/sessions/keepFresh.ts` does, one per provider).
 */
import type { ErrorCode } from './errors';

/** Which stored set: the signed-in user's or the client's own (client credentials). */
export type FreshSlot = 'user' | 'service';

/** What the scheduler needs to know about one stored token set. All times epoch ms. */
export interface FreshSetFacts {
  readonly slot: FreshSlot;
  /** When the access token expires (JWT `exp`, else `expires_in`); undefined when unknown. */
  readonly accessExpiresAt?: number;
  /** A refresh token is stored and its grant was not revoked. */
  readonly hasRefreshToken: boolean;
  /** When the refresh token expires, when known (`refresh_expires_in`, a JWT's `exp`). */
  readonly refreshExpiresAt?: number;
  /** The set came from the client credentials grant. */
  readonly clientCredentials: boolean;
  /** When the set was obtained: a new set is a new identity (it clears "needs sign-in"). */
  readonly obtainedAt: number;
}

/** Why only the person can get a new token now. */
export type SignInReason = 'invalid-grant' | 'refresh-expired' | 'no-refresh-token';

/** The next thing to do for one set. */
export type FreshStep =
  /** Refresh grant with the stored refresh token at `at`. */
  | { readonly kind: 'refresh'; readonly slot: FreshSlot; readonly at: number }
  /** A new client credentials token at `at`. */
  | { readonly kind: 'client-credentials'; readonly slot: FreshSlot; readonly at: number }
  /** Tell the person once, at `at`, that they must sign in again; then nothing more for this set. */
  | { readonly kind: 'sign-in'; readonly slot: FreshSlot; readonly at: number; readonly reason: SignInReason }
  /** Nothing to schedule: the token has no known expiry, or this set is already settled. */
  | { readonly kind: 'idle'; readonly slot: FreshSlot; readonly reason: 'no-expiry' | 'stopped' };

/** Sets that must not be touched again (by slot → the `obtainedAt` of the set that stopped). */
export type StoppedSets = ReadonlyMap<FreshSlot, number>;

/** The refresh-ahead setting's bounds (`authlens.refreshAheadSeconds`). */
export const refreshAheadBounds = { min: 5, max: 3600, default: 60 } as const;

/**
 * The next step for one set: refresh `ahead` seconds before the access token expires (or before
 * the refresh token does, if that comes first), a new client-credentials token for a service set
 * without a refresh token, a one-time sign-in prompt for a user set that cannot be refreshed,
 * nothing when the token has no expiry. Steps already due get `at = now`.
 *
 * @example
 * nextStep({ slot: 'user', accessExpiresAt: 600_000, hasRefreshToken: true, clientCredentials: false, obtainedAt: 0 }, 60, 0, new Map())
 * // => { kind: 'refresh', slot: 'user', at: 540_000 }
 */
export function nextStep(set: FreshSetFacts, aheadSeconds: number, now: number, stopped: StoppedSets): FreshStep {
  const slot = set.slot;
  if (stopped.get(slot) === set.obtainedAt) return { kind: 'idle', slot, reason: 'stopped' };
  const ahead = aheadSeconds * 1000;
  const due = (expiry: number): number => Math.max(now, expiry - ahead);
  if (set.hasRefreshToken) {
    if (set.refreshExpiresAt !== undefined && set.refreshExpiresAt <= now) {
      // A client needs no person to get a new token: only a user set asks for a sign-in.
      return set.clientCredentials || slot === 'service'
        ? { kind: 'client-credentials', slot, at: now }
        : { kind: 'sign-in', slot, at: now, reason: 'refresh-expired' };
    }
    const expiries = [set.accessExpiresAt, set.refreshExpiresAt].filter((e): e is number => e !== undefined);
    if (expiries.length === 0) return { kind: 'idle', slot, reason: 'no-expiry' };
    return { kind: 'refresh', slot, at: due(Math.min(...expiries)) };
  }
  if (set.accessExpiresAt === undefined) return { kind: 'idle', slot, reason: 'no-expiry' };
  if (set.clientCredentials || slot === 'service') return { kind: 'client-credentials', slot, at: due(set.accessExpiresAt) };
  return { kind: 'sign-in', slot, at: due(set.accessExpiresAt), reason: 'no-refresh-token' };
}

/** The provider's plan: every set's step, and the earliest one that needs a timer. */
export interface FreshPlan {
  readonly steps: readonly FreshStep[];
  readonly next?: Exclude<FreshStep, { kind: 'idle' }>;
}

/** A failed step waiting to be retried: not before `at`, for the set obtained at `obtainedAt`. */
export interface PendingRetry {
  readonly obtainedAt: number;
  readonly at: number;
}

/**
 * Plans a provider's sets together: one timer per provider, for the earliest step. A pending
 * retry moves its set's step to the retry time (a retry for a set since replaced is ignored).
 */
export function planFresh(
  sets: readonly FreshSetFacts[],
  aheadSeconds: number,
  now: number,
  stopped: StoppedSets,
  retries: ReadonlyMap<FreshSlot, PendingRetry> = new Map(),
): FreshPlan {
  const steps = sets.map((s): FreshStep => {
    const step = nextStep(s, aheadSeconds, now, stopped);
    const retry = retries.get(s.slot);
    return retry && retry.obtainedAt === s.obtainedAt && step.kind !== 'idle' ? { ...step, at: Math.max(step.at, retry.at) } : step;
  });
  let next: FreshPlan['next'];
  for (const step of steps) {
    if (step.kind === 'idle') continue;
    if (next === undefined || step.at < next.at) next = step;
  }
  return next ? { steps, next } : { steps };
}

/** What to do after a refresh or client-credentials call failed. */
export type FailureOutcome =
  /** The grant is gone (`invalid_grant`, no refresh token any more): one prompt, then stop. */
  | { readonly kind: 'sign-in'; readonly reason: SignInReason }
  /** Try again after `delayMs` (network, server error). */
  | { readonly kind: 'retry'; readonly delayMs: number }
  /** Retries used up, or an error retrying cannot fix: tell the person once, then stop. */
  | { readonly kind: 'give-up' };

/** Delays between retries of a failed refresh; after the last one Keep Fresh gives up on the set. */
export const retryDelaysMs: readonly number[] = [15_000, 30_000, 60_000, 120_000];

/** Error codes a later attempt can fix by itself (the network, the server's mood). */
const transientCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['net-timeout', 'net-dns', 'net-refused', 'net-other', 'http-server', 'http-rate-limited']);
/** OAuth `error` values that say "not now" rather than "never" (RFC 6749 §5.2, §4.1.2.1). */
const transientServerCodes: ReadonlySet<string> = new Set(['server_error', 'temporarily_unavailable']);

/**
 * Classifies a failure by the error's `code` and, for OAuth errors, the server's `error`:
 * `invalid_grant` (refresh token expired, revoked or reused) needs the person to sign in again;
 * network and 5xx failures are retried `retryDelaysMs.length` times (`attempt` counts from 0).
 */
export function afterFailure(code: ErrorCode | 'unknown', serverCode: string | undefined, slot: FreshSlot, attempt: number): FailureOutcome {
  if (code === 'oauth-error' && serverCode === 'invalid_grant') return slot === 'user' ? { kind: 'sign-in', reason: 'invalid-grant' } : { kind: 'give-up' };
  if (code === 'oidc-no-refresh-token') return { kind: 'sign-in', reason: 'no-refresh-token' };
  const delay = retryDelaysMs[attempt];
  const transient = code === 'oauth-error' ? transientServerCodes.has(serverCode ?? '') : code !== 'unknown' && transientCodes.has(code);
  if (transient && delay !== undefined) return { kind: 'retry', delayMs: delay };
  return { kind: 'give-up' };
}

/**
 * Whether the status bar's countdown should warn: the token is within the refresh window (or the
 * general "expiring soon" window) and nothing will renew it. A kept-fresh, renewable token does
 * not warn before it expires: Keep Fresh replaces it ahead of time.
 */
export function countdownLevel(leftMs: number, opts: { aheadSeconds: number; soonMs: number; renewable: boolean }): 'ok' | 'warning' | 'expired' {
  if (leftMs <= 0) return 'expired';
  if (opts.renewable) return 'ok';
  return leftMs <= Math.max(opts.soonMs, opts.aheadSeconds * 1000) ? 'warning' : 'ok';
}
