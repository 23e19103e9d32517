/**
 * The Edit tab's time claims (`exp`, `nbf`, `iat`, `auth_time`) as `datetime-local` inputs in
 * local time, kept in sync with the payload JSON both ways, with "Now" and "+1 h" buttons.
 * The conversions are in `timeInput.ts` (pure, unit-tested); the rows here are DOM.
 */
import type { JsonObject } from '../src/core/json';
import { button, el } from './dom';
import { t } from './l10n';
import { editableTimeClaims, fromLocalInput, toLocalInput, type EditableTimeClaim } from './timeInput';

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
