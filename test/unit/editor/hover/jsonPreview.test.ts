import * as assert from 'node:assert/strict';
import type { Json } from '../../../../src/core/json';
import { formatJsonPreview } from '../../../../src/editor/hover/jsonPreview';

describe('formatJsonPreview', () => {
  it('keeps short containers on one line', () => {
    assert.equal(formatJsonPreview({ sub: 'u1', aud: ['a', 'b'] }), '{ "sub": "u1", "aud": ["a", "b"] }');
  });

  it('trims long strings, long arrays and deep nesting, and caps the size', () => {
    const deep: Json = JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as Json;
    const out = formatJsonPreview({
      long: 'x'.repeat(5000),
      list: Array.from({ length: 100 }, (_, i) => `item-${i}-${'z'.repeat(20)}`),
      deep,
      wide: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'v'.repeat(60)])),
    });
    assert.ok(out.includes('…(5000 chars)'));
    assert.ok(out.includes('… 60 more'));
    assert.ok(out.includes('[…]'));
    assert.ok(out.length <= 3100, `size ${out.length}`);
    assert.ok(out.endsWith('…'));
  });

  it('shows invisible and bidi characters as escapes', () => {
    const out = formatJsonPreview({ name: 'admin\u202e\u200b' });
    assert.ok(!/[\u202e\u200b]/.test(out));
    assert.ok(out.includes('\\u{202e}') && out.includes('\\u{200b}'));
  });

  it('cuts a long string without splitting an emoji into a lone surrogate', () => {
    // 94 characters then an emoji: the cut at 95 would fall between its two halves.
    const out = formatJsonPreview({ name: `${'a'.repeat(94)}\u{1F600}${'b'.repeat(10)}` });
    assert.ok(out.includes(`"${'a'.repeat(94)}…(106 chars)"`), out);
    assert.doesNotMatch(out, /\\ud83d/i, 'no escaped half of the emoji');
  });

  it('prints a __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__": {"admin": true}, "a": 1}') as Json;
    assert.equal(formatJsonPreview(value), '{ "__proto__": { "admin": true }, "a": 1 }');
  });
});
