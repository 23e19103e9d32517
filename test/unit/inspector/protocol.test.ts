import * as assert from 'node:assert/strict';
import { parseWebviewMessage, parseWebviewState } from '../../../src/shared/inspectorProtocol';

describe('inspector protocol validation', () => {
  it('accepts each well-formed message and copies only known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', seq: 3, fieldId: 'user-7', evil: 'x' }), { type: 'reveal', seq: 3, fieldId: 'user-7' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', seq: 1, what: 'curl' }), { type: 'copy', seq: 1, what: 'curl' });
    assert.deepEqual(parseWebviewMessage({ type: 'verify', seq: 2, key: { kind: 'secret', secret: 's', remember: false } }), {
      type: 'verify',
      seq: 2,
      key: { kind: 'secret', secret: 's', remember: false },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'verify', seq: 2, key: { kind: 'jwks', url: 'https://x/jwks' } }), { type: 'verify', seq: 2, key: { kind: 'jwks', url: 'https://x/jwks' } });
    assert.deepEqual(parseWebviewMessage({ type: 'compare', seq: 4, source: { kind: 'pick' } }), { type: 'compare', seq: 4, source: { kind: 'pick' } });
    assert.deepEqual(parseWebviewMessage({ type: 'action', seq: 5, action: 'revoke' }), { type: 'action', seq: 5, action: 'revoke' });
    assert.deepEqual(parseWebviewMessage({ type: 'stateSaved', json: '{}' }), { type: 'stateSaved', json: '{}' });
  });

  it('rejects junk: wrong types, missing or bad seq, unknown enums, oversized strings, prototype tricks', () => {
    const junk: unknown[] = [
      undefined,
      null,
      'ready',
      [],
      { type: 'reveal', seq: '1', fieldId: 'a' },
      { type: 'reveal', seq: 2 ** 40, fieldId: 'a' },
      { type: 'reveal', seq: 1, fieldId: '' },
      { type: 'copy', seq: 1, what: 'toString' },
      { type: 'copy', seq: 1, what: '__proto__' },
      { type: 'verify', seq: 1, key: { kind: 'publicKey', text: 'x'.repeat(300 * 1024) } },
      { type: 'verify', seq: 1, key: null },
      { type: 'compare', seq: 1, source: { kind: 'url', url: 'https://evil' } },
      { type: 'inspect', seq: 1 },
      { type: 'constructor', seq: 1 },
      Object.create({ type: 'ready' }),
      JSON.parse('{"__proto__": {"type": "ready"}}'),
      { type: 'stateSaved', json: 'x'.repeat(5000) },
    ];
    for (const m of junk) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('keeps only a well-formed opaque key and UI preferences from restored state', () => {
    assert.deepEqual(parseWebviewState({ panelKey: 'abcDEF012_-xyz', dateMode: 'utc', tab: 'raw', token: 'eyJ...' }), { panelKey: 'abcDEF012_-xyz', dateMode: 'utc', tab: 'raw' });
    assert.deepEqual(parseWebviewState({ panelKey: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig' }), {});
    assert.deepEqual(parseWebviewState('nope'), {});
  });
});
