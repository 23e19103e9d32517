/**
 * Time maths for tokens and sessions. The clock is always a parameter (`now`, epoch ms).
 */
import type { Json } from './json';
import { english, fillTemplate, type Translate } from './template';

/** Default clock-skew tolerance: 60 s (RFC 7519 §4.1.4 allows "some small leeway"). */
export const DEFAULT_SKEW_MS = 60_000;
/** Default "expiring soon" threshold: 5 minutes. */
export const DEFAULT_SOON_MS = 5 * 60_000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A token's time state is decided in one place, `tokenTimes()` in `tokenTime.ts` (exp now or
// past is expired; the skew allowance is only a note), so that every view says the same.

/** Epoch values at or above this are milliseconds (1e11 s would be the year 5138). */
const MS_THRESHOLD = 1e11;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An instant from a claim or a session field, as epoch MILLISECONDS: epoch seconds (JWT
 * `exp`), epoch milliseconds, numeric strings, and ISO 8601 strings
 * (`2026-04-16T08:00:00Z`, Better Auth `expiresAt`, Authing `tokenExpiredAt`). Anything else:
 * undefined.
 *
 * @example
 * parseInstant(1516239022)                 // 1516239022000
 * parseInstant('2022-01-20T08:08:30.408Z') // 1642666110408
 * parseInstant('soon')                     // undefined
 */
export function parseInstant(value: Json | undefined): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.abs(value) >= MS_THRESHOLD ? value : value * SECOND;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length === 0 || s.length > 40) return undefined;
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return parseInstant(Number(s));
  if (!ISO_DATE.test(s)) return undefined;
  const ms = Date.parse(s.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Unit templates of a compact duration ("3d 4h"). The VS Code layer passes localised copies
 * (see {@link localiseStrings}): Chinese reads "3天4小时", not "3d 4h".
 */
export interface DurationUnits {
  /** Two units together: "{0} {1}". */
  readonly pair: string;
  readonly days: string;
  readonly hours: string;
  readonly minutes: string;
  readonly seconds: string;
}

export const defaultDurationUnits: DurationUnits = {
  pair: '{0} {1}',
  days: '{0}d',
  hours: '{0}h',
  minutes: '{0}m',
  seconds: '{0}s',
};

/** Countdown templates; the VS Code layer passes localised copies (see {@link localiseStrings}). */
export interface CountdownStrings extends DurationUnits {
  /** `{0}` = a duration: "4m 12s left". */
  readonly left: string;
  /** `{0}` = a duration: "expired 3h ago". */
  readonly ago: string;
  /** Less than a second after expiry. */
  readonly justNow: string;
}

export const defaultCountdownStrings: CountdownStrings = {
  left: '{0} left',
  ago: 'expired {0} ago',
  justNow: 'expired just now',
  ...defaultDurationUnits,
};

/** Templates for {@link formatRelative}. */
export interface RelativeStrings {
  /** `{0}` = a duration: "in 12m". */
  readonly future: string;
  /** `{0}` = a duration: "2d ago". */
  readonly past: string;
  readonly now: string;
  readonly days: string;
  readonly hours: string;
  readonly minutes: string;
  readonly seconds: string;
}

export const defaultRelativeStrings: RelativeStrings = {
  future: 'in {0}',
  past: '{0} ago',
  now: 'just now',
  days: '{0}d',
  hours: '{0}h',
  minutes: '{0}m',
  seconds: '{0}s',
};

/**
 * Passes every template of a string table through `t` (e.g. `(s) => vscode.l10n.t(s)`).
 *
 * @example
 * const zh = localiseStrings(defaultCountdownStrings, (s) => vscode.l10n.t(s));
 */
export function localiseStrings<T extends object>(strings: T, t: Translate = english): T {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(strings)) out[k] = t(String(v));
  return out as T;
}

type Units = Omit<DurationUnits, 'pair'>;

/** Splits a non-negative duration in whole seconds into its two largest non-zero units. */
function twoUnits(totalSeconds: number, u: Units, pair: string): string {
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const values: [number, string][] = [
    [d, u.days],
    [h, u.hours],
    [m, u.minutes],
    [s, u.seconds],
  ];
  const first = values.findIndex(([v]) => v > 0);
  if (first < 0) return fillTemplate(u.seconds, 0);
  const [v1, t1] = values[first]!;
  const next = values[first + 1];
  const a = fillTemplate(t1, v1);
  if (!next || next[0] === 0) return a;
  return fillTemplate(pair, a, fillTemplate(next[1], next[0]));
}

/** The single largest unit, floored: "3h", "2d". */
function oneUnit(ms: number, u: Units): string {
  if (ms >= DAY) return fillTemplate(u.days, Math.floor(ms / DAY));
  if (ms >= HOUR) return fillTemplate(u.hours, Math.floor(ms / HOUR));
  if (ms >= MINUTE) return fillTemplate(u.minutes, Math.floor(ms / MINUTE));
  return fillTemplate(u.seconds, Math.floor(ms / SECOND));
}

/**
 * Countdown text for a remaining time. Future: the two largest units, rounded up to the
 * second ("4m 12s left", "1d 2h left", "45s left"). Past: the largest unit ("expired 3h ago",
 * "expired 3d ago"). Correct across days and for negative spans.
 *
 * @example
 * formatCountdown(252_000)       // '4m 12s left'
 * formatCountdown(93_600_000)    // '1d 2h left'
 * formatCountdown(-10_800_000)   // 'expired 3h ago'
 * formatCountdown(60_000, localiseStrings(defaultCountdownStrings, (s) => vscode.l10n.t(s)))
 */
export function formatCountdown(msLeft: number, t: CountdownStrings = defaultCountdownStrings): string {
  if (!Number.isFinite(msLeft)) return fillTemplate(t.left, '∞');
  if (msLeft > 0) return fillTemplate(t.left, twoUnits(Math.ceil(msLeft / SECOND), t, t.pair));
  const ago = -msLeft;
  if (ago < SECOND) return t.justNow;
  return fillTemplate(t.ago, oneUnit(ago, t));
}

/**
 * A relative time for an instant `deltaMs` away from now (instant − now): "in 12m", "2d ago",
 * "just now" (under a second). One unit, floored.
 *
 * @example
 * formatRelative(12 * 60_000)        // 'in 12m'
 * formatRelative(-2 * 86_400_000)    // '2d ago'
 */
export function formatRelative(deltaMs: number, t: RelativeStrings = defaultRelativeStrings): string {
  if (!Number.isFinite(deltaMs)) return t.now;
  const abs = Math.abs(deltaMs);
  if (abs < SECOND) return t.now;
  return fillTemplate(deltaMs > 0 ? t.future : t.past, oneUnit(abs, t));
}

/** Every English template of this module, for the l10n bundles and their test. */
export function timeTemplates(): string[] {
  // `as`: Object.values types an interface's values as `any` (an interface has no index signature).
  return [...new Set([...(Object.values(defaultCountdownStrings) as string[]), ...(Object.values(defaultRelativeStrings) as string[])])];
}
