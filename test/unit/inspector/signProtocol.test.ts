/**
 * The Edit tab's messages from the webview (hostile data): every key kind is accepted well
 * formed and copied field by field; unsigned needs `confirmed: true`; sizes are bounded.
 */
import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/inspectorProtocol';
import { signLimits } from '../../../src/shared/signProtocol';

const fields = { header: '{"alg":"HS256"}', payload: '{"sub":"a"}' };

describe('inspector protocol: sign, editable, original', () => {
  it('accepts each key kind and keeps only known fields', () => {
    const keys = [
      { kind: 'secret', secret: 's', remember: true },
      { kind: 'privateKey', text: '-----BEGIN PRIVATE KEY-----', remember: false },
      { kind: 'storedSecret' },
      { kind: 'storedPrivateKey' },
      { kind: 'sandboxSecret' },
      { kind: 'none', confirmed: true },
      { kind: 'originalSignature' },
    ];
    for (const key of keys) {
      assert.deepEqual(
        parseWebviewMessage({ type: 'sign', seq: 1, ...fields, key: { ...key, extra: 'x' }, extra: 1 }),
        { type: 'sign', seq: 1, ...fields, key },
        key.kind,
      );
    }
    assert.deepEqual(parseWebviewMessage({ type: 'editable', seq: 2, token: 'x' }), { type: 'editable', seq: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'original', seq: 3 }), { type: 'original', seq: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'compare', seq: 4, source: { kind: 'original' } }), { type: 'compare', seq: 4, source: { kind: 'original' } });
  });

  it('refuses junk: unconfirmed none, missing remember, empty or oversized secrets and JSON, unknown kinds, inherited fields', () => {
    const junk: unknown[] = [
      { type: 'sign', seq: 1, ...fields, key: { kind: 'none' } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'none', confirmed: 1 } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'secret', secret: 's' } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'secret', secret: '', remember: false } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'secret', secret: 'x'.repeat(signLimits.secret + 1), remember: false } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'privateKey', text: 'x'.repeat(signLimits.privateKey + 1), remember: false } },
      { type: 'sign', seq: 1, header: 'x'.repeat(signLimits.json + 1), payload: '{}', key: { kind: 'storedSecret' } },
      { type: 'sign', seq: 1, header: 5, payload: '{}', key: { kind: 'storedSecret' } },
      { type: 'sign', seq: 1, ...fields, key: { kind: 'jwks', url: 'https://evil' } },
      { type: 'sign', seq: 1, ...fields, key: Object.create({ kind: 'storedSecret' }) as unknown },
      { type: 'sign', seq: 1, ...fields },
      { type: 'sign', ...fields, key: { kind: 'storedSecret' } },
      { type: 'original' },
      { type: 'compare', seq: 1, source: { kind: 'originals' } },
    ];
    for (const m of junk) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m).slice(0, 120));
  });
});
