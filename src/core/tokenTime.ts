/**
 * The time part of a token's verdict: how each time claim reads and what state the token is in.
 * One function, so the hover, the inspector and the JSON document cannot disagree about it.
 * Pure; the clock is a parameter.
 */
import type { Json, JsonObject } from './json';
import { DEFAULT_SKEW_MS, DEFAULT_SOON_MS } from './time';

/** The time claims a verdict reads, in display order. */
export const TOKEN_TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;
export type TokenTimeClaim = (typeof TOKEN_TIME_CLAIMS)[number];

/**
 * How one claim reads. `not-numeric`: not a finite JSON number (a string, NaN, Infinity...).
 * `implausible`: a number no issuer means as seconds: negative, after 9999-12-31, or a value
 * that only makes sense as milliseconds (we never guess the date it would then be).
 */
export type ClaimTime =
  | { readonly status: 'ok'; readonly ms: number }
  | { readonly status: 'not-numeric' }
  | { readonly status: 'implausible'; readonly why: 'negative' | 'after-9999' | 'milliseconds' };

/**
 * The token's state. `expired`: `exp` is now or past, with no allowance. `not-yet-valid`: `nbf`
 * is in the future (and exp is not past). `not-expired` / `within-validity` (when `nbf` was also checked), `expiring`
 * (less than `soonMs` left), `no-expiry` (no `exp`), `unknown` (an `exp` or `nbf` that cannot be read).
 */
export type TokenTimeStateName = 'expired' | 'not-yet-valid' | 'expiring' | 'not-expired' | 'within-validity' | 'no-expiry' | 'unknown';

export interface TokenTimes {
  readonly claims: Partial<Record<TokenTimeClaim, ClaimTime>>;
  readonly state: TokenTimeStateName;
  /**
   * Set when the token is expired or not yet valid by less than the skew allowance: servers
   * that allow `skewMs` of clock skew still accept it. A note beside the state, never instead of it.
   */
  readonly withinSkewMs?: number;
  /** Milliseconds until `exp` (negative once passed), when `exp` reads. */
  readonly msLeft?: number;
  /** Milliseconds until `nbf`, when it is in the future. */
  readonly msUntilValid?: number;
}

/** Largest NumericDate accepted: 9999-12-31T23:59:59Z. */
const MAX_SECONDS = 253_402_300_799;

/** Reads one claim value as an RFC 7519 NumericDate (seconds since 1970). */
export function readNumericDate(value: Json | undefined): ClaimTime | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return { status: 'not-numeric' };
  if (value < 0) return { status: 'implausible', why: 'negative' };
  if (value > MAX_SECONDS) {
    // Read as milliseconds it would be a date before 9999: an issuer that wrote Date.now().
    return { status: 'implausible', why: value / 1000 <= MAX_SECONDS ? 'milliseconds' : 'after-9999' };
  }
  return { status: 'ok', ms: value * 1000 };
}

/**
 * The time verdict of a payload at `now` (epoch ms). `exp <= now` is expired and `nbf > now`
 * not yet valid, whatever the skew; the skew only adds {@link TokenTimes.withinSkewMs}.
 *
 * @example
 * tokenTimes({ exp: 1_700_000_000 }, 1_700_000_030_000).state // 'expired', withinSkewMs: 60000
 */
export function tokenTimes(payload: JsonObject, now: number, opts?: { skewMs?: number; soonMs?: number }): TokenTimes {
  const skew = Math.max(0, opts?.skewMs ?? DEFAULT_SKEW_MS);
  const soon = Math.max(0, opts?.soonMs ?? DEFAULT_SOON_MS);
  const claims: Partial<Record<TokenTimeClaim, ClaimTime>> = {};
  for (const claim of TOKEN_TIME_CLAIMS) {
    const read = readNumericDate(Object.prototype.hasOwnProperty.call(payload, claim) ? payload[claim] : undefined);
    if (read) claims[claim] = read;
  }
  const exp = claims.exp;
  const nbf = claims.nbf;
  const msLeft = exp?.status === 'ok' ? exp.ms - now : undefined;
  const withLeft = msLeft !== undefined ? { msLeft } : {};
  // Expired first: whatever else the token says, an exp now or past is the end of it.
  if (msLeft !== undefined && msLeft <= 0) return { claims, state: 'expired', msLeft, ...(msLeft + skew > 0 ? { withinSkewMs: skew } : {}) };
  if (nbf?.status === 'ok' && nbf.ms > now) {
    const msUntilValid = nbf.ms - now;
    return { claims, state: 'not-yet-valid', msUntilValid, ...withLeft, ...(msUntilValid <= skew ? { withinSkewMs: skew } : {}) };
  }
  if (exp !== undefined && exp.status !== 'ok') return { claims, state: 'unknown' };
  if (nbf !== undefined && nbf.status !== 'ok') return { claims, state: 'unknown', ...withLeft };
  if (msLeft === undefined) return { claims, state: 'no-expiry' };
  if (msLeft < soon) return { claims, state: 'expiring', msLeft };
  return { claims, state: nbf?.status === 'ok' ? 'within-validity' : 'not-expired', msLeft };
}

/** Epoch-ms facts as the webview keeps them (see `TimeFacts`). */
export interface TimeFactsAt {
  readonly exp?: number;
  readonly nbf?: number;
  /** True when `exp` or `nbf` is present but unreadable. */
  readonly unreadable?: boolean;
}

/**
 * The same state as {@link tokenTimes}, recomputed from epoch-ms facts at a later `now` (the
 * inspector's live badge ticks every second).
 */
export function timeStateAt(facts: TimeFactsAt, now: number, soonMs: number = DEFAULT_SOON_MS): TokenTimeStateName {
  if (facts.exp !== undefined && facts.exp <= now) return 'expired';
  if (facts.nbf !== undefined && facts.nbf > now) return 'not-yet-valid';
  if (facts.unreadable) return 'unknown';
  if (facts.exp === undefined) return 'no-expiry';
  const left = facts.exp - now;
  if (left < soonMs) return 'expiring';
  return facts.nbf !== undefined ? 'within-validity' : 'not-expired';
}
