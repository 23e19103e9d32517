import * as assert from 'node:assert/strict';
import { defaultCountdownStrings, formatCountdown, formatRelative, localiseStrings, parseInstant, type CountdownStrings } from '../../../src/core/time';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('core/time', () => {
  describe('parseInstant', () => {
    it('epoch seconds, epoch milliseconds, numeric strings', () => {
      assert.equal(parseInstant(1516239022), 1516239022000);
      assert.equal(parseInstant(1516239022123), 1516239022123);
      assert.equal(parseInstant('1516239022'), 1516239022000);
      assert.equal(parseInstant(0), 0);
    });
    it('ISO strings from the seed APIs', () => {
      assert.equal(parseInstant('2022-01-20T08:08:30.408Z'), Date.UTC(2022, 0, 20, 8, 8, 30, 408));
      assert.equal(parseInstant('2026-04-16T08:00:00Z'), Date.UTC(2026, 3, 16, 8));
      assert.equal(parseInstant('2026-04-16T10:00:00+02:00'), Date.UTC(2026, 3, 16, 8));
      assert.equal(parseInstant('2026-04-16'), Date.UTC(2026, 3, 16));
    });
    it('rejects everything else', () => {
      for (const v of ['soon', '', '1e', 'Tue, 01 Jan 2030', '2026-13-45T99:99:99Z', null, true, [], {}, undefined, Number.NaN]) {
        assert.equal(parseInstant(v as never), undefined, String(v));
      }
    });
  });

  describe('formatCountdown', () => {
    it('future spans: two largest units', () => {
      assert.equal(formatCountdown(4 * M + 12 * S), '4m 12s left');
      assert.equal(formatCountdown(D + 2 * H), '1d 2h left');
      assert.equal(formatCountdown(D + 2 * H + 59 * M), '1d 2h left');
      assert.equal(formatCountdown(3 * D), '3d left');
      assert.equal(formatCountdown(45 * S), '45s left');
      assert.equal(formatCountdown(H + 5 * S), '1h left');
      assert.equal(formatCountdown(400 * D + H), '400d 1h left');
      // Rounded up: 0.3 s left is still "1s left", never "0s left".
      assert.equal(formatCountdown(300), '1s left');
      assert.equal(formatCountdown(4 * M + 11 * S + 1), '4m 12s left');
    });
    it('negative spans: the largest unit', () => {
      assert.equal(formatCountdown(-3 * H), 'expired 3h ago');
      assert.equal(formatCountdown(-3 * D - 5 * H), 'expired 3d ago');
      assert.equal(formatCountdown(-(4 * M + 12 * S)), 'expired 4m ago');
      assert.equal(formatCountdown(-12 * S), 'expired 12s ago');
      assert.equal(formatCountdown(0), 'expired just now');
      assert.equal(formatCountdown(-999), 'expired just now');
    });
    it('takes localised templates', () => {
      const zh: CountdownStrings = {
        left: '剩余 {0}',
        ago: '已于 {0}前过期',
        justNow: '刚刚过期',
        pair: '{0}{1}',
        days: '{0}天',
        hours: '{0}小时',
        minutes: '{0}分',
        seconds: '{0}秒',
      };
      assert.equal(formatCountdown(4 * M + 12 * S, zh), '剩余 4分12秒');
      assert.equal(formatCountdown(-3 * D, zh), '已于 3天前过期');
      const upper = localiseStrings(defaultCountdownStrings, (s) => s.toUpperCase());
      assert.equal(formatCountdown(D + 2 * H, upper), '1D 2H LEFT');
    });
  });

  it('formatRelative', () => {
    assert.equal(formatRelative(12 * M + 30 * S), 'in 12m');
    assert.equal(formatRelative(-2 * D - H), '2d ago');
    assert.equal(formatRelative(500), 'just now');
    assert.equal(formatRelative(-5 * S), '5s ago');
  });
});
