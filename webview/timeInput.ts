/**
 * The Edit tab's time claims as values of a `datetime-local` input (local time) and back, and
 * setting one in a payload. Pure (no DOM): the rows are `editTimes.ts`; the unit tests import this.
 */
import type { JsonObject } from '../src/core/json';

export const editableTimeClaims = ['exp', 'nbf', 'iat', 'auth_time'] as const;
export type EditableTimeClaim = (typeof editableTimeClaims)[number];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A NumericDate (seconds) as a `datetime-local` value in local time, to the second; undefined
 * for values a date input cannot show (not a finite number, or outside years 1–9999).
 *
 * @example
 * toLocalInput(1767225600) // '2026-01-01T00:00:00' in UTC; the local wall time elsewhere
 */
export function toLocalInput(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const d = new Date(Math.floor(seconds) * 1000);
  const year = d.getFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) return undefined;
  return `${pad(year, 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A `datetime-local` value (local time, seconds optional) as a NumericDate; undefined when empty
 * or not a date.
 *
 * @example
 * fromLocalInput('2026-01-01T00:00') // 1767225600 in UTC
 */
export function fromLocalInput(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  // Component-wise, so the local time zone applies (a string parse would depend on its form).
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  date.setFullYear(y ?? 0);
  // The Date rolls an impossible day over (Feb 30 -> Mar 2): refuse it instead.
  const same = date.getMonth() === (mo ?? 1) - 1 && date.getDate() === d && date.getHours() === h && date.getMinutes() === mi;
  return Number.isNaN(date.getTime()) || !same ? undefined : Math.floor(date.getTime() / 1000);
}

/** The payload with `claim` set to `seconds` (kept in place when present, else added at the end), or removed. */
export function withTimeClaim(payload: JsonObject, claim: EditableTimeClaim, seconds: number | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(payload)) if (k !== claim || seconds !== undefined) out[k] = k === claim ? (seconds as number) : v;
  if (seconds !== undefined && !(claim in out)) out[claim] = seconds;
  return out;
}
