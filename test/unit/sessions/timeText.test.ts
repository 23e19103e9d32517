import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDurationUnits, localiseStrings } from '../../../src/core/time';
import {
  effectiveExpiry,
  englishTimeLeft,
  formatDuration,
  parseInstantMs,
  refreshIntervalMs,
  timeLeftText,
  type TimeLeftStrings,
} from '../../../src/sessions/timeText';

/** The shipped Chinese bundle, as `vscode.l10n.t` reads it under `--locale zh-cn`. */
const zhBundle = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const zhT = (english: string): string => zhBundle[english] ?? english;
const zhUnits = localiseStrings(defaultDurationUnits, zhT);
const zhTimeLeft: TimeLeftStrings = {
  expiresIn: zhT(englishTimeLeft.expiresIn),
  expiredAgo: zhT(englishTimeLeft.expiredAgo),
  idleExpiresIn: zhT(englishTimeLeft.idleExpiresIn),
  idleExpiredAgo: zhT(englishTimeLeft.idleExpiredAgo),
  noExpiry: zhT(englishTimeLeft.noExpiry),
  units: zhUnits,
};

const now = Date.parse('2026-01-01T12:00:00Z');

describe('sessions/timeText', () => {
  it('formats durations compactly', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(45_000), '45s');
    assert.equal(formatDuration(252_000), '4m 12s');
    assert.equal(formatDuration(252_000, true), '4m');
    assert.equal(formatDuration(300_000), '5m');
    assert.equal(formatDuration(7_500_000), '2h 5m');
    assert.equal(formatDuration(7_200_000), '2h');
    assert.equal(formatDuration(3 * 86_400_000), '3d');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3d 4h');
    assert.equal(formatDuration(12 * 86_400_000 + 4 * 3_600_000), '12d');
    assert.equal(formatDuration(-5), '0s');
  });

  it('formats durations with the unit words of the UI language (Chinese: no English unit letters)', () => {
    assert.equal(formatDuration(45_000, false, zhUnits), '45秒');
    assert.equal(formatDuration(252_000, false, zhUnits), '4分钟12秒');
    assert.equal(formatDuration(252_000, true, zhUnits), '4分钟');
    assert.equal(formatDuration(7_500_000, false, zhUnits), '2小时5分钟');
    assert.equal(formatDuration(6 * 86_400_000 + 21 * 3_600_000, true, zhUnits), '6天21小时');
    assert.equal(formatDuration(12 * 86_400_000, false, zhUnits), '12天');
    assert.equal(formatDuration(6 * 86_400_000 + 21 * 3_600_000, true), '6d 21h');
  });

  it('parses ISO, epoch seconds and epoch milliseconds', () => {
    assert.equal(parseInstantMs('2026-01-01T12:00:00Z'), now);
    assert.equal(parseInstantMs(String(now / 1000)), now);
    assert.equal(parseInstantMs(now), now);
    assert.equal(parseInstantMs(now / 1000), now);
    assert.equal(parseInstantMs('not a date'), undefined);
    assert.equal(parseInstantMs(undefined), undefined);
  });

  it('takes the earlier of absolute and idle expiry', () => {
    assert.deepEqual(effectiveExpiry('2026-01-01T14:00:00Z', '2026-01-01T12:30:00Z'), { at: now + 1_800_000, kind: 'idle' });
    assert.deepEqual(effectiveExpiry('2026-01-01T14:00:00Z', undefined), { at: now + 7_200_000, kind: 'absolute' });
    assert.equal(effectiveExpiry(undefined, undefined), undefined);
  });

  it('says how long is left', () => {
    assert.equal(timeLeftText({ at: now + 7_500_000, kind: 'absolute' }, now), 'expires in 2h 5m');
    assert.equal(timeLeftText({ at: now - 3 * 86_400_000, kind: 'absolute' }, now), 'expired 3d ago');
    assert.equal(timeLeftText({ at: now + 250_000, kind: 'idle' }, now), 'idle expiry in 4m');
    assert.equal(timeLeftText({ at: now + 42_000, kind: 'absolute' }, now), 'expires in 42s');
    assert.equal(timeLeftText({ at: now - 60_000, kind: 'idle' }, now), 'idle-expired 1m ago');
    assert.equal(timeLeftText(undefined, now), 'no expiry');
  });

  it('says how long is left in Chinese with Chinese units', () => {
    assert.equal(timeLeftText({ at: now + 6 * 86_400_000 + 21 * 3_600_000, kind: 'absolute' }, now, zhTimeLeft), '6天21小时后过期');
    assert.equal(timeLeftText({ at: now + 7_500_000, kind: 'absolute' }, now, zhTimeLeft), '2小时5分钟后过期');
    assert.equal(timeLeftText({ at: now + 250_000, kind: 'idle' }, now, zhTimeLeft), '4分钟后空闲过期');
    assert.equal(timeLeftText({ at: now - 3 * 86_400_000, kind: 'absolute' }, now, zhTimeLeft), '3天前已过期');
    for (const text of [
      timeLeftText({ at: now + 42_000, kind: 'absolute' }, now, zhTimeLeft),
      timeLeftText({ at: now - 60_000, kind: 'idle' }, now, zhTimeLeft),
    ]) {
      assert.doesNotMatch(text, /[A-Za-z]/, text);
    }
  });

  it('re-renders once a second only in the last minute', () => {
    assert.equal(refreshIntervalMs({ at: now + 30_000, kind: 'absolute' }, now), 1000);
    assert.equal(refreshIntervalMs({ at: now + 600_000, kind: 'absolute' }, now), 60_000);
    assert.equal(refreshIntervalMs({ at: now - 30_000, kind: 'absolute' }, now), 60_000);
    assert.equal(refreshIntervalMs(undefined, now), undefined);
  });
});
