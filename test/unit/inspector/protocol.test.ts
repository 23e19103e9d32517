import * as assert from 'node:assert/strict';
import { parseWebviewMessage, parseWebviewState, type ReplyTo, type RequestOf, type WebviewRequest } from '../../../src/shared/inspectorProtocol';

/** One well-formed request of every type: the mapped type makes a request type without a sample a compile error. */
const sampleRequests: { readonly [T in WebviewRequest['type']]: RequestOf<T> } = {
  reveal: { type: 'reveal', seq: 1, fieldId: 'payload-0' },
  copy: { type: 'copy', seq: 2, what: 'raw' },
  verify: { type: 'verify', seq: 3, key: { kind: 'storedSecret' } },
  compare: { type: 'compare', seq: 4, source: { kind: 'paste', token: 'a.b.c' } },
  action: { type: 'action', seq: 5, action: 'refresh' },
  inspect: { type: 'inspect', seq: 6, token: 'a.b.c' },
  verifyCookie: { type: 'verifyCookie', seq: 7, key: { kind: 'sandboxSecret' } },
  sign: { type: 'sign', seq: 8, header: '{"alg":"HS256"}', payload: '{}', key: { kind: 'secret', secret: 's', remember: false } },
  editable: { type: 'editable', seq: 9 },
  original: { type: 'original', seq: 10 },
  diagnose: { type: 'diagnose', seq: 11, skewSeconds: 60, tokenUse: 'auto' },
  probe: { type: 'probe', seq: 12 },
  decrypt: { type: 'decrypt', seq: 13, key: { kind: 'secret', text: 'k' }, inspectInner: false },
};

describe('inspector protocol validation', () => {
  it('accepts each well-formed message and copies only known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'rendered', version: 2, extra: 1 }), { type: 'rendered', version: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', seq: 3, fieldId: 'user-7', evil: 'x' }), { type: 'reveal', seq: 3, fieldId: 'user-7' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', seq: 1, what: 'curl' }), { type: 'copy', seq: 1, what: 'curl' });
    assert.deepEqual(parseWebviewMessage({ type: 'verify', seq: 2, key: { kind: 'secret', secret: 's', remember: false } }), {
      type: 'verify',
      seq: 2,
      key: { kind: 'secret', secret: 's', remember: false },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'verify', seq: 2, key: { kind: 'jwks', url: 'https://x/jwks' } }), {
      type: 'verify',
      seq: 2,
      key: { kind: 'jwks', url: 'https://x/jwks' },
    });
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
      { type: 'rendered' },
      { type: 'rendered', version: -1 },
      { type: 'rendered', version: 1.5 },
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
      { type: 'diagnose', seq: 1, skewSeconds: -1, tokenUse: 'auto' },
      { type: 'diagnose', seq: 1, skewSeconds: 1.5, tokenUse: 'auto' },
      { type: 'diagnose', seq: 1, skewSeconds: 86_401, tokenUse: 'auto' },
      { type: 'diagnose', seq: 1, skewSeconds: '60', tokenUse: 'auto' },
      { type: 'diagnose', seq: 1, skewSeconds: 60, tokenUse: 'refresh' },
      { type: 'diagnose', seq: 1, skewSeconds: 60 },
    ];
    for (const m of junk) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('the validator accepts every request type of the union (each has a handler in the request table)', () => {
    for (const [type, request] of Object.entries(sampleRequests)) {
      assert.equal(request.type, type);
      assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(request))), request, type);
    }
  });

  it('pairs each request with its replies: a copy is answered with a copy reply or a failure, never another kind', () => {
    const copied: ReplyTo<RequestOf<'copy'>> = { kind: 'copied', what: 'raw' };
    const failed: ReplyTo<RequestOf<'copy'>> = { kind: 'failed', message: 'no' };
    // @ts-expect-error a reveal reply cannot answer a copy (checked by `tsc -p .`, which includes the tests)
    const wrong: ReplyTo<RequestOf<'copy'>> = { kind: 'revealed', fieldId: 'x', value: 'v', truncated: false };
    const cancelled: ReplyTo<RequestOf<'compare'>> = { kind: 'cancelled' };
    assert.deepEqual([copied.kind, failed.kind, wrong.kind, cancelled.kind], ['copied', 'failed', 'revealed', 'cancelled']);
  });

  it('keeps only a well-formed opaque key and UI preferences from restored state', () => {
    assert.deepEqual(parseWebviewState({ panelKey: 'abcDEF012_-xyz', dateMode: 'utc', tab: 'raw', token: 'eyJ...' }), {
      panelKey: 'abcDEF012_-xyz',
      dateMode: 'utc',
      tab: 'raw',
    });
    assert.deepEqual(parseWebviewState({ panelKey: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig' }), {});
    assert.deepEqual(parseWebviewState('nope'), {});
  });
});
