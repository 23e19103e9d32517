/**
 * The Edit tab's time claims (`exp`, `nbf`, `iat`, `auth_time`) as `datetime-local` inputs in
 * local time, kept in sync with the payload JSON both ways, with "Now" and "+1 h" buttons.
 * The conversions are pure (and unit-tested); the rows are DOM.
 */
import type { JsonObject } from '../src/core/json';
import { button, el } from './dom';
import { t } from './l10n';

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

export interface TimeRows {
  readonly element: HTMLElement;
  /** Shows the payload's time claims (after the person typed in the JSON). */
  show(payload: JsonObject | undefined): void;
}

/**
 * The rows. `change` gets the claim and its new NumericDate (undefined: remove it) and rewrites
 * the payload JSON; `now()` is the webview's clock, passed in for the quick buttons.
 */
export function timeRows(change: (claim: EditableTimeClaim, seconds: number | undefined) => void, now: () => number): TimeRows {
  const inputs = new Map<EditableTimeClaim, HTMLInputElement>();
  const rows = editableTimeClaims.map((claim) => {
    const input = el('input', { id: `edit-time-${claim}`, class: 'edit-time', attrs: { type: 'datetime-local', step: '1', 'aria-label': claim } });
    input.addEventListener('change', () => change(claim, input.value === '' ? undefined : fromLocalInput(input.value)));
    inputs.set(claim, input);
    const nowSeconds = (): number => Math.floor(now() / 1000);
    return el(
      'div',
      { class: 'edit-time-row', attrs: { 'data-claim': claim } },
      el('label', { attrs: { for: `edit-time-${claim}` } }, el('code', {}, claim)),
      input,
      button(t('Now'), () => change(claim, nowSeconds()), { secondary: true, id: `edit-time-${claim}-now` }),
      button(
        t('+1 h'),
        () => {
          const current = fromLocalInput(input.value);
          change(claim, (current ?? nowSeconds()) + 3600);
        },
        { secondary: true, id: `edit-time-${claim}-plus-hour` },
      ),
      button(t('Remove'), () => change(claim, undefined), { secondary: true, id: `edit-time-${claim}-remove` }),
    );
  });
  const element = el('div', { class: 'edit-times', id: 'edit-times' }, el('h3', {}, t('Times (local time)')), ...rows);
  return {
    element,
    show(payload) {
      for (const [claim, input] of inputs) {
        // Leave a row alone while the person is typing in it.
        if (document.activeElement === input) continue;
        input.value = payload ? (toLocalInput(payload[claim]) ?? '') : '';
        input.disabled = payload === undefined;
      }
    },
  };
}
