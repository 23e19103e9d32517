/**
 * The Edit tab's `sign` request end to end on the host side: the message is validated, the
 * edited JSON checked, the token signed (or left unsigned, or given the original signature) and
 * shown as a derived token. The sandbox's AuthMS accepts a token re-signed with its HS256 key
 * and refuses the same change without re-signing. No secret, key or token reaches the log.
 */
import * as assert from 'node:assert/strict';
import { exportPKCS8, generateKeyPair } from 'jose';
import { tokenVerdict } from '../../../src/core/verdict';
import { hsSecretKey, signingKeyKey } from '../../../src/secrets/keys';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { parseWebviewMessage, type ReplyTo, type RequestOf } from '../../../src/shared/inspectorProtocol';
import { editHarness, type EditHarness } from './editHarness';
/* eslint-disable @typescript-eslint/no-require-imports */
const { signRequest } = require('../../../src/inspector/requests/sign') as typeof import('../../../src/inspector/requests/sign');
const { editableRequest } = require('../../../src/inspector/requests/editable') as typeof import('../../../src/inspector/requests/editable');
const { originalRequest } = require('../../../src/inspector/requests/original') as typeof import('../../../src/inspector/requests/original');
const { compareRequest } = require('../../../src/inspector/requests/compare') as typeof import('../../../src/inspector/requests/compare');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Sends a `sign` message as the webview would: through the validator first. */
async function sign(h: EditHarness, header: unknown, payload: unknown, key: unknown): Promise<ReplyTo<RequestOf<'sign'>>> {
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  const msg = parseWebviewMessage({ type: 'sign', seq: 1, header: text(header), payload: text(payload), key });
  assert.ok(msg && msg.type === 'sign', 'the validator refused a well-formed sign message');
  return signRequest(msg, { deps: h.deps, panel: h.panel });
}

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; segments: string[] } {
  const segments = token.split('.');
  const json = (s: string | undefined): Record<string, unknown> => JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(segments[0]), payload: json(segments[1]), segments };
}

describe('inspector/requests/sign (the Edit tab)', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  let hsToken: string;

  before(async () => {
    sandbox = await startSandbox();
    hsToken = sandbox.credentials['sandbox-authms']?.admin ?? '';
    assert.equal(parts(hsToken).header['alg'], 'HS256');
  });
  after(async () => sandbox.close());

  /** AuthMS `GET /sessions` for the token's own subject, with the token as Bearer. */
  async function sessionsWith(token: string): Promise<number> {
    const sub = encodeURIComponent(String(parts(token).payload['sub']));
    const res = await fetch(`${sandbox.baseUrls.authms}/sessions?auth_user_id=${sub}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    return res.status;
  }

  it("re-signed with the sandbox's HS256 key, the edited token is accepted by AuthMS (200); the same change with the original signature gets 401", async () => {
    const h = editHarness({ token: hsToken }, sandbox.serverSecrets);
    const editable = await editableRequest({ type: 'editable', seq: 1 }, { deps: h.deps, panel: h.panel });
    assert.equal(editable.kind, 'editable');
    assert.equal(editable.kind === 'editable' && editable.sandboxSecret, 'AuthMS HS256 key');
    const { header, payload } = parts(hsToken);
    const edited = { ...payload, jti: 'edited-by-the-test', exp: Math.floor(Date.now() / 1000) + 600 };

    assert.deepEqual(await sign(h, header, edited, { kind: 'sandboxSecret' }), { kind: 'signed', how: 'signed', alg: 'HS256' });
    const resigned = h.shownToken();
    assert.notEqual(resigned, hsToken);
    assert.equal(parts(resigned).payload['jti'], 'edited-by-the-test');
    assert.equal(h.panel.derivedFrom()?.original.token, hsToken);
    assert.deepEqual(h.panel.derivedFrom()?.derivation, { kind: 'edited', how: 'signed', alg: 'HS256' });
    assert.equal(await sessionsWith(resigned), 200);

    assert.deepEqual(await sign(h, header, edited, { kind: 'originalSignature' }), { kind: 'signed', how: 'original-signature', alg: 'HS256' });
    const unsignedChange = h.shownToken();
    assert.equal(h.panel.derivedFrom()?.original.token, hsToken, 'the original stays the server token after a second derivation');
    assert.equal(parts(unsignedChange).segments[2], parts(hsToken).segments[2], "the server's signature, not the re-signed token's");
    assert.equal(await sessionsWith(unsignedChange), 401);
    assert.equal(await sessionsWith(hsToken), 200);
    for (const line of h.log.lines) {
      for (const secret of [sandbox.serverSecrets.find((s) => s.use === 'jwt-hmac')?.secret ?? '?', hsToken, resigned, unsignedChange]) {
        assert.ok(!line.includes(secret), `the log holds a secret or a whole token: ${line}`);
      }
    }
  });

  it('keeps the original signature and the unchanged header bytes when only the payload changed', async () => {
    const h = editHarness({ token: hsToken });
    const { header, payload, segments } = parts(hsToken);
    await sign(h, header, { ...payload, roles: ['admin', 'root'] }, { kind: 'originalSignature' });
    const out = parts(h.shownToken()).segments;
    assert.equal(out[0], segments[0]);
    assert.equal(out[2], segments[2]);
    assert.notEqual(out[1], segments[1]);
    assert.deepEqual(parts(h.shownToken()).payload['roles'], ['admin', 'root']);
  });

  it('unsigned only after the warning was confirmed: header.payload. with alg none, and the verdict says unsecured', async () => {
    const h = editHarness({ token: hsToken });
    const { header, payload } = parts(hsToken);
    assert.equal(parseWebviewMessage({ type: 'sign', seq: 1, header: '{}', payload: '{}', key: { kind: 'none' } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'sign', seq: 1, header: '{}', payload: '{}', key: { kind: 'none', confirmed: 'yes' } }), undefined);
    assert.deepEqual(await sign(h, header, payload, { kind: 'none', confirmed: true }), { kind: 'signed', how: 'unsigned', alg: 'none' });
    const token = h.shownToken();
    assert.match(token, /^[\w-]+\.[\w-]+\.$/);
    assert.equal(parts(token).header['alg'], 'none');
    assert.equal(tokenVerdict(token, Date.now()).kind, 'unsecured');
    const content = h.panel.current()?.built.content;
    assert.equal(content?.kind === 'token' && content.model.verdict.kind, 'unsecured');
  });

  it('says exactly what is wrong with the JSON: where the syntax breaks, a non-object, a header without alg', async () => {
    const h = editHarness({ token: hsToken });
    const key = { kind: 'secret', secret: 'x', remember: false };
    assert.deepEqual(await sign(h, '{\n  "alg": "HS256",\n}', '{}', key), { kind: 'failed', message: 'Header: not valid JSON (line 3, column 1).' });
    assert.deepEqual(await sign(h, { alg: 'HS256' }, '[1, 2]', key), { kind: 'failed', message: 'Payload: must be a JSON object ({ … }).' });
    assert.deepEqual(await sign(h, { typ: 'JWT' }, {}, key), { kind: 'failed', message: 'Header: needs "alg" as a non-empty string.' });
    assert.equal(h.shownToken(), hsToken, 'a refused request changes nothing');
  });

  it('names the mismatch between alg and key, and never echoes the key', async () => {
    const h = editHarness({ token: hsToken });
    const { privateKey } = await generateKeyPair('ES384', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const reply = await sign(h, { alg: 'ES256' }, { sub: 'x' }, { kind: 'privateKey', text: pem, remember: true });
    assert.deepEqual(reply, {
      kind: 'failed',
      message: 'The header says ES256, but this is an EC P-384 key, which signs ES384. Change alg or use another key.',
    });
    assert.equal(await h.secrets.get(signingKeyKey('https://never')), undefined);
    assert.equal(h.secrets.map.size, 0, 'a key that did not sign is not remembered');
    const hs = await sign(h, { alg: 'HS256' }, { sub: 'x' }, { kind: 'privateKey', text: pem, remember: false });
    assert.equal(
      hs.kind === 'failed' && hs.message,
      'HS256 signs with a shared secret, not a private key. Enter the secret, or set alg to one this key signs.',
    );
    assert.ok(!h.log.lines.some((l) => l.includes('PRIVATE KEY') || l.includes(pem.slice(40, 80))));
  });

  it('remembers a secret or a private key for the issuer only when asked, and signs with them later', async () => {
    const h = editHarness({ token: hsToken });
    const iss = String(parts(hsToken).payload['iss']);
    const { header, payload } = parts(hsToken);
    await sign(h, header, payload, { kind: 'secret', secret: 'not-remembered', remember: false });
    assert.equal(h.secrets.map.size, 0);
    await sign(h, header, payload, { kind: 'secret', secret: 'remembered-secret', remember: true });
    assert.equal(await h.secrets.get(hsSecretKey(iss)), 'remembered-secret');
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    await sign(h, { alg: 'EdDSA' }, payload, { kind: 'privateKey', text: pem, remember: true });
    assert.equal(await h.secrets.get(signingKeyKey(iss)), pem);
    const editable = await editableRequest({ type: 'editable', seq: 1 }, { deps: h.deps, panel: h.panel });
    assert.deepEqual(editable.kind === 'editable' && [editable.storedSecret, editable.storedPrivateKey, editable.sandboxSecret], [true, true, undefined]);
    assert.deepEqual(await sign(h, { alg: 'HS512' }, payload, { kind: 'storedSecret' }), { kind: 'signed', how: 'signed', alg: 'HS512' });
    assert.deepEqual(await sign(h, { alg: 'EdDSA' }, payload, { kind: 'storedPrivateKey' }), { kind: 'signed', how: 'signed', alg: 'EdDSA' });
    assert.ok(!h.log.lines.some((l) => l.includes('remembered-secret') || l.includes('not-remembered')));
  });

  it("refuses the sandbox's secret for a token the sandbox did not issue", async () => {
    const h = editHarness({ token: hsToken });
    const reply = await sign(h, { alg: 'HS256' }, {}, { kind: 'sandboxSecret' });
    assert.deepEqual(reply, { kind: 'failed', message: 'This token was not issued by the running sandbox.' });
  });

  it('"Show the original" and "Compare with the original" work from a derived token only', async () => {
    const h = editHarness({ token: hsToken });
    assert.equal((await originalRequest({ type: 'original', seq: 1 }, { deps: h.deps, panel: h.panel })).kind, 'failed');
    const { header, payload } = parts(hsToken);
    await sign(h, header, { ...payload, roles: ['auditor'] }, { kind: 'none', confirmed: true });
    const cmp = await compareRequest({ type: 'compare', seq: 2, source: { kind: 'original' } }, { deps: h.deps, panel: h.panel });
    assert.equal(cmp.kind, 'compared');
    const changed = cmp.kind === 'compared' ? cmp.comparison.rows.filter((r) => r.change !== 'same').map((r) => r.path) : [];
    assert.deepEqual(changed, ['header.alg', 'payload.roles[0]']);
    assert.equal(cmp.kind === 'compared' && cmp.comparison.rightLabel, 'The original');
    assert.deepEqual(await originalRequest({ type: 'original', seq: 3 }, { deps: h.deps, panel: h.panel }), {
      kind: 'done',
      message: 'Showing the original token.',
    });
    assert.equal(h.shownToken(), hsToken);
    assert.equal(h.panel.derivedFrom(), undefined);
  });
});
