/**
 * The Edit tab's date inputs: a NumericDate to a `datetime-local` value in local time and back,
 * and setting a time claim in place. (webview/timeInput.ts; the rows are DOM, in editTimes.ts.)
 */
import * as assert from 'node:assert/strict';
import { fromLocalInput, toLocalInput, withTimeClaim } from '../../../webview/timeInput';

describe('webview/timeInput', () => {
  it('round-trips a NumericDate through the local-time input value, to the second', () => {
    for (const seconds of [0, 1_767_225_600, 1_767_225_661, 2_000_000_000, 253_402_300_799 - 86_400]) {
      const value = toLocalInput(seconds);
      assert.ok(value !== undefined && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(value), String(value));
      assert.equal(fromLocalInput(value), seconds);
    }
    const d = new Date(2026, 0, 2, 3, 4, 5);
    assert.equal(toLocalInput(d.getTime() / 1000), '2026-01-02T03:04:05');
    assert.equal(fromLocalInput('2026-01-02T03:04'), new Date(2026, 0, 2, 3, 4, 0).getTime() / 1000);
    assert.equal(toLocalInput(1.9), toLocalInput(1));
  });

  it('refuses what a date input cannot hold', () => {
    for (const v of ['1e20', 'now', Number.NaN, Infinity, 1e15, undefined]) assert.equal(toLocalInput(v), undefined, String(v));
    for (const v of ['', '2026-13-01T00:00', '2026-02-30T00:00', '2026-01-01T24:00', 'x2026-01-01T00:00', '2026-01-01 00:00'])
      assert.equal(fromLocalInput(v), undefined, v);
  });

  it('sets a claim in place, adds it at the end, or removes it', () => {
    const payload = { sub: 'a', exp: 1, aud: 'x' };
    assert.deepEqual(Object.entries(withTimeClaim(payload, 'exp', 5)), [
      ['sub', 'a'],
      ['exp', 5],
      ['aud', 'x'],
    ]);
    assert.deepEqual(Object.keys(withTimeClaim(payload, 'nbf', 5)), ['sub', 'exp', 'aud', 'nbf']);
    assert.deepEqual(withTimeClaim(payload, 'exp', undefined), { sub: 'a', aud: 'x' });
    assert.deepEqual(payload, { sub: 'a', exp: 1, aud: 'x' }, 'the input is not changed');
  });
});
