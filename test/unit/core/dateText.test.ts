import * as assert from 'node:assert/strict';
import { dateFormatter } from '../../../src/core/dateText';

const at = Date.UTC(2026, 11, 2, 8, 10, 5);

describe('core/dateText', () => {
  it('formats an instant in English, in the zone given', () => {
    assert.equal(dateFormatter('en', { timeZone: 'UTC' })(at), 'Dec 2, 2026, 8:10:05 AM');
    assert.equal(dateFormatter('en', { timeZone: 'UTC', style: 'time' })(at), '8:10:05 AM');
  });

  it('formats an instant in Chinese: no English month names, no ISO "T"', () => {
    assert.equal(dateFormatter('zh-cn', { timeZone: 'UTC' })(at), '2026年12月2日 08:10:05');
    assert.equal(dateFormatter('zh-cn', { timeZone: 'Asia/Shanghai' })(at), '2026年12月2日 16:10:05');
    assert.equal(dateFormatter('zh-cn', { timeZone: 'UTC', style: 'time' })(at), '08:10:05');
  });

  it('falls back to English for a locale or zone Intl rejects, and shows a non-date as its number', () => {
    assert.match(dateFormatter('not a locale!', { timeZone: 'UTC' })(at), /2026/);
    assert.match(dateFormatter('zh-cn', { timeZone: 'Nowhere/Atlantis' })(at), /2026/);
    assert.equal(dateFormatter('en')(Number.NaN), 'NaN');
    assert.equal(dateFormatter('en')(9e15), '9000000000000000');
  });
});
