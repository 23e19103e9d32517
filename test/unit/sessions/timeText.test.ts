import * as assert from 'node:assert/strict';
import { effectiveExpiry, formatDuration, parseInstantMs, refreshIntervalMs, timeLeftText } from '../../../src/sessions/timeText';

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
    const zh = { expiresIn: '{0} 后过期', expiredAgo: '{0} 前已过期', idleExpiresIn: '{0} 后空闲过期', idleExpiredAgo: '{0} 前已空闲过期', noExpiry: '不过期' };
    assert.equal(timeLeftText({ at: now + 7_500_000, kind: 'absolute' }, now, zh), '2h 5m 后过期');
  });

  it('re-renders once a second only in the last minute', () => {
    assert.equal(refreshIntervalMs({ at: now + 30_000, kind: 'absolute' }, now), 1000);
    assert.equal(refreshIntervalMs({ at: now + 600_000, kind: 'absolute' }, now), 60_000);
    assert.equal(refreshIntervalMs({ at: now - 30_000, kind: 'absolute' }, now), 60_000);
    assert.equal(refreshIntervalMs(undefined, now), undefined);
  });
});
