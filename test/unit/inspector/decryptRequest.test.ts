/**
 * The inspector's `decrypt` request (src/inspector/requests/decrypt.ts): a JWE shown in the
 * panel, decrypted with the key the webview sends; its nested JWT (signed with a key this test
 * makes) reads as `jws` by the one verdict and verifies with the test's public key; "Inspect the
 * inner token" shows it as a derived token with the JWE kept as the original. The key and the
 * plaintext never reach the log; the validator bounds what the webview may send.
 */
import * as assert from 'node:assert/strict';
import { CompactEncrypt, SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { DerivedFrom } from '../../../src/inspector/derivedToken';
import type { PanelAccess } from '../../../src/inspector/requests/context';
import type { Shown } from '../../../src/inspector/shown';
import type { InspectInput } from '../../../src/shared/inspectInput';
import { decryptLimits } from '../../../src/shared/decryptProtocol';
import { parseWebviewMessage, type RequestOf } from '../../../src/shared/inspectorProtocol';
import { verifyJwt } from '../../../src/providers/verify';
import { installProvidersBundle } from '../security/providersBundleStub';
import { FakeLog, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
installProvidersBundle();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { decryptRequest } = require('../../../src/inspector/requests/decrypt') as typeof import('../../../src/inspector/requests/decrypt');

/** A panel showing `token`, recording what the handler shows next. */
function fakePanel(token: string) {
  const input: InspectInput = { token };
  const shown = { input } as unknown as Shown;
  let derived: { input: InspectInput; from: DerivedFrom } | undefined;
  const panel: PanelAccess = {
    current: () => shown,
    show: () => assert.fail('decrypt never replaces the token without marking it derived'),
    showDerived: (next, from) => {
      derived = { input: next, from };
    },
    derivedFrom: () => undefined,
  };
  return { panel, input, derived: () => derived };
}

function request(text: string, kind: 'secret' | 'privateKey', inspectInner = false): RequestOf<'decrypt'> {
  return { type: 'decrypt', seq: 1, key: { kind, text }, inspectInner };
}

describe('inspector/requests/decrypt', () => {
  const fixture = {} as { jwe: string; pem: string; wrongPem: string; inner: string; signerPublicPem: string };

  before(async function () {
    // RSA key generation competes for 2 shared cores.
    this.timeout(30_000);
    const signer = await generateKeyPair('ES256', { extractable: true });
    fixture.inner = await new SignJWT({ sub: 'alice', iss: 'https://issuer.test' })
      .setProtectedHeader({ alg: 'ES256', kid: 'sig-1', typ: 'JWT' })
      .setIssuedAt()
      .sign(signer.privateKey);
    fixture.signerPublicPem = await exportSPKI(signer.publicKey);
    const recipient = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    const wrong = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    fixture.jwe = await new CompactEncrypt(new TextEncoder().encode(fixture.inner))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
      .encrypt(recipient.publicKey);
    fixture.pem = await exportPKCS8(recipient.privateKey);
    fixture.wrongPem = JSON.stringify(await exportJWK(wrong.privateKey));
  });

  it('decrypts a nested JWT: the inner verdict is jws, and it verifies with the signer public key', async () => {
    const { panel } = fakePanel(fixture.jwe);
    const log = new FakeLog();
    const reply = await decryptRequest(request(fixture.pem, 'privateKey'), { deps: { log } as never, panel });
    assert.equal(reply.kind, 'decrypted');
    const view = reply.kind === 'decrypted' ? reply.view : undefined;
    assert.ok(view?.ok, JSON.stringify(view));
    assert.equal(view.alg, 'RSA-OAEP-256');
    assert.equal(view.plaintext.text, fixture.inner);
    assert.equal(view.plaintext.nested?.kind, 'jws');
    assert.equal(view.plaintext.nested?.alg, 'ES256');
    assert.equal(view.plaintext.nested?.kid, 'sig-1');
    const verified = await verifyJwt(view.plaintext.text, { kind: 'publicKey', text: fixture.signerPublicPem });
    assert.equal(verified.valid, true, verified.failure?.message);
    assert.deepEqual(log.lines, [`Inspector: JWE decrypted, ${fixture.inner.length} bytes (alg=RSA-OAEP-256 enc=A256GCM)`]);
  });

  it('"Inspect the inner token" shows it as a decrypted derived token, the JWE kept as the original', async () => {
    const { panel, input, derived } = fakePanel(fixture.jwe);
    const log = new FakeLog();
    const reply = await decryptRequest(request(fixture.pem, 'privateKey', true), { deps: { log } as never, panel });
    assert.equal(reply.kind, 'done');
    const shown = derived();
    assert.equal(shown?.input.token, fixture.inner);
    assert.equal(shown?.from.original, input);
    assert.deepEqual(shown?.from.derivation, { kind: 'decrypted', alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    // The derived token is logged by its redacted prefix only.
    assert.ok(log.lines.every((l) => !l.includes(fixture.inner)));
  });

  it('a wrong key and a changed tag get their own codes; neither key nor plaintext reaches the log', async () => {
    const log = new FakeLog();
    const wrong = await decryptRequest(request(fixture.wrongPem, 'privateKey'), { deps: { log } as never, panel: fakePanel(fixture.jwe).panel });
    assert.equal(wrong.kind === 'decrypted' && !wrong.view.ok ? wrong.view.failure.code : wrong.kind, 'wrong-key');
    const parts = fixture.jwe.split('.');
    parts[4] = (parts[4]!.startsWith('A') ? 'B' : 'A') + parts[4]!.slice(1);
    const tampered = await decryptRequest(request(fixture.pem, 'privateKey'), { deps: { log } as never, panel: fakePanel(parts.join('.')).panel });
    assert.equal(tampered.kind === 'decrypted' && !tampered.view.ok ? tampered.view.failure.code : tampered.kind, 'tampered');
    assert.equal(log.lines.length, 2);
    assert.match(log.lines[0]!, /^Inspector: JWE not decrypted \(wrong-key\) alg=RSA-OAEP-256 enc=A256GCM$/);
    const keyMaterial = fixture.pem.split('\n')[5]!;
    assert.ok(log.lines.every((l) => !l.includes(keyMaterial) && !l.includes('alice')));
  });

  it('refuses when the shown token is not a JWE', async () => {
    const reply = await decryptRequest(request('k', 'secret'), { deps: { log: new FakeLog() } as never, panel: fakePanel(fixture.inner).panel });
    assert.equal(reply.kind, 'failed');
    assert.match(reply.kind === 'failed' ? reply.message : '', /not encrypted/);
  });

  it('the validator takes only a known key kind, a bounded key text and a boolean inspectInner', () => {
    const ok = { type: 'decrypt', seq: 4, key: { kind: 'privateKey', text: 'x', extra: 1 }, inspectInner: true, evil: 1 };
    assert.deepEqual(parseWebviewMessage(ok), { type: 'decrypt', seq: 4, key: { kind: 'privateKey', text: 'x' }, inspectInner: true });
    assert.equal(parseWebviewMessage({ ...ok, key: { kind: 'publicKey', text: 'x' } }), undefined);
    assert.equal(parseWebviewMessage({ ...ok, key: { kind: 'secret', text: '' } }), undefined);
    assert.equal(parseWebviewMessage({ ...ok, key: { kind: 'secret', text: 'x'.repeat(decryptLimits.key + 1) } }), undefined);
    assert.equal(parseWebviewMessage({ ...ok, inspectInner: 'yes' }), undefined);
    assert.equal(parseWebviewMessage({ ...ok, key: JSON.parse('{"__proto__":{"kind":"secret","text":"x"}}') as unknown }), undefined);
  });
});
