/**
 * Time-left arithmetic and text for the Sessions view and the status bar. Pure (no vscode):
 * `now` is a parameter and localised templates are passed in by the caller.
 */
import { defaultDurationUnits, type DurationUnits } from '../core/time';
import { fillTemplate } from '../core/template';

/** The window in which a session counts as "expiring soon" (and the status bar turns amber). */
export const soonMs = 5 * 60_000;

/** Localised sentence templates; `{0}` is a duration like "2h 5m". English defaults below. */
export interface TimeLeftStrings {
  readonly expiresIn: string;
  readonly expiredAgo: string;
  readonly idleExpiresIn: string;
  readonly idleExpiredAgo: string;
  readonly noExpiry: string;
  /** The unit words of the duration in `{0}` ("2h 5m"; Chinese "2小时5分钟"). */
  readonly units: DurationUnits;
}

export const englishTimeLeft: TimeLeftStrings = {
  expiresIn: 'expires in {0}',
  expiredAgo: 'expired {0} ago',
  idleExpiresIn: 'idle expiry in {0}',
  idleExpiredAgo: 'idle-expired {0} ago',
  noExpiry: 'no expiry',
  units: defaultDurationUnits,
};

/**
 * A compact duration: "45s", "4m 12s", "2h 5m", "3d 4h", "12d". Never negative.
 * `coarse` drops the seconds above one minute (for text re-rendered only once a minute).
 * `units` are the unit words (localised by the caller: "3天4小时").
 *
 * @example
 * formatDuration(7_500_000) // => '2h 5m'
 */
export function formatDuration(ms: number, coarse = false, units: DurationUnits = defaultDurationUnits): string {
  const one = (template: string, n: number): string => fillTemplate(template, n);
  const two = (t1: string, n1: number, t2: string, n2: number): string => fillTemplate(units.pair, one(t1, n1), one(t2, n2));
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 60) return one(units.seconds, s);
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 || coarse ? one(units.minutes, m) : two(units.minutes, m, units.seconds, s % 60);
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? one(units.hours, h) : two(units.hours, h, units.minutes, m % 60);
  const d = Math.floor(h / 24);
  if (d >= 10 || h % 24 === 0) return one(units.days, d);
  return two(units.days, d, units.hours, h % 24);
}

/** Parses an instant as providers send it: ISO string, epoch seconds or epoch milliseconds. */
export function parseInstantMs(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    // Below 1e11 it can only be seconds (1e11 s is the year 5138; 1e11 ms is 1973).
    return n < 1e11 ? n * 1000 : n;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export type ExpiryKind = 'absolute' | 'idle';

/** When something stops being valid, and why. */
export interface Expiry {
  readonly at: number;
  readonly kind: ExpiryKind;
}

/** The earlier of the absolute and the idle expiry, if any. */
export function effectiveExpiry(expiresAt: string | undefined, idleExpiresAt: string | undefined): Expiry | undefined {
  const abs = parseInstantMs(expiresAt);
  const idle = parseInstantMs(idleExpiresAt);
  if (abs === undefined && idle === undefined) return undefined;
  if (idle !== undefined && (abs === undefined || idle < abs)) return { at: idle, kind: 'idle' };
  return { at: abs as number, kind: 'absolute' };
}

/**
 * "expires in 2h 5m", "expired 3d ago", "idle expiry in 4m", or "no expiry". Seconds show only
 * in the last minute, matching {@link refreshIntervalMs}.
 *
 * @example
 * timeLeftText({ at: 1_000 + 7_500_000, kind: 'absolute' }, 1_000) // => 'expires in 2h 5m'
 */
export function timeLeftText(expiry: Expiry | undefined, now: number, strings: TimeLeftStrings = englishTimeLeft): string {
  if (!expiry) return strings.noExpiry;
  const left = expiry.at - now;
  const template =
    left > 0 ? (expiry.kind === 'idle' ? strings.idleExpiresIn : strings.expiresIn) : expiry.kind === 'idle' ? strings.idleExpiredAgo : strings.expiredAgo;
  return template.replace('{0}', formatDuration(Math.abs(left), true, strings.units));
}

/**
 * How soon a description must be re-rendered so its text stays right: once a second in the
 * last minute (the seconds show), otherwise once a minute. `undefined` when it never changes.
 */
export function refreshIntervalMs(expiry: Expiry | undefined, now: number): number | undefined {
  if (!expiry) return undefined;
  const left = expiry.at - now;
  return left > 0 && left <= 60_000 ? 1000 : 60_000;
}
