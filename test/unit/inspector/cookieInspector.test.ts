/**
 * A signed session cookie in the inspector: the model (`cookieModel.ts` through the real
 * `buildShown`) and the `verifyCookie` request, with cookies the running sandbox sets (Better
 * Auth, Authing's express-session), one signed by the real `better-call` package (Better Auth's
 * signer) and Flask cookies made by `signCookieValue`. Secrets never reach the log or a reply.
 */
import * as assert from 'node:assert/strict';
import { serializeSignedCookie } from 'better-call';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { createProvider } from '../../../src/providers/index';
import { signCookieValue } from '../../../src/providers/cookieSignature';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { SessionInfo } from '../../../src/providers/types';
import type { InspectorModel } from '../../../src/shared/inspectorModel';
import type { CookieModel } from '../../../src/shared/inspectorCookie';
import { cookieSecretKey } from '../../../src/secrets/keys';
import { parseWebviewMessage, type RequestOf } from '../../../src/shared/inspectorProtocol';
import { parseSignedCookie } from '../../../src/core/signedCookie';
import { english } from '../../../src/core/template';
import { cookieModelOf } from '../../../src/inspector/cookieModel';
import { SESSION_COOKIE_LABEL, withSessionCookie } from '../../../src/sessions/cookieLink';
import { cookieHarness, type CookieHarness } from './cookieHarness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { storedSecretKeyOf } = require('../../../src/inspector/storedSecretKey') as typeof import('../../../src/inspector/storedSecretKey');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withStoredSecret } = require('../../../src/inspector/viewModel') as typeof import('../../../src/inspector/viewModel');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyCookieRequest } = require('../../../src/inspector/requests/verifyCookie') as typeof import('../../../src/inspector/requests/verifyCookie');

function modelOf(h: CookieHarness): InspectorModel {
  const content = h.shown().built.content;
  assert.equal(content.kind, 'token', JSON.stringify(content).slice(0, 300));
  return (content as { model: InspectorModel }).model;
}

function cookieOf(h: CookieHarness): CookieModel {
  const cookie = modelOf(h).cookie;
  assert.ok(cookie, 'no cookie in the model');
  return cookie;
}

async function verify(h: CookieHarness, key: RequestOf<'verifyCookie'>['key']) {
  const reply = await verifyCookieRequest({ type: 'verifyCookie', seq: 1, key }, { deps: h.deps, panel: h.panel });
  assert.equal(reply.kind, 'cookieVerified', JSON.stringify(reply));
  return (reply as { outcome: { valid: boolean; code: string; message: string; remembered?: boolean } }).outcome;
}

describe('inspector: signed session cookies', () => {
  let sb: SandboxHandle;
  let providers: ConfiguredProvider[];
  let baSecret: string;
  let authingSecret: string;

  before(async function () {
    this.timeout(30_000);
    sb = await startSandbox();
    providers = sb.providerConfigs().map((p) => ({ ...p, level: 'user' as const }));
    baSecret = sb.serverSecrets.find((s) => s.use === 'better-auth-cookie')!.secret;
    authingSecret = sb.serverSecrets.find((s) => s.use === 'express-session-cookie')!.secret;
  });
  after(() => sb.close());

  async function listed(providerId: string): Promise<readonly SessionInfo[]> {
    const config = providers.find((p) => p.id === providerId)!;
    const provider = createProvider(config);
    try {
      return (await provider.listSessions({ credentials: sb.credentials[providerId] ?? {} })).sessions;
    } finally {
      await provider.close();
    }
  }

  it('shows a Better Auth cookie set by the sandbox: format, URL-decoded parts in order, its own Verify', () => {
    const cookie = sb.credentials['sandbox-better-auth']!.cookie!;
    const h = cookieHarness({ token: `better-auth.session_token=${cookie}` });
    const model = modelOf(h);
    assert.equal(model.verdict.kind, 'signed-cookie');
    const c = cookieOf(h);
    assert.equal(c.format, 'better-auth');
    assert.equal(c.name, 'better-auth.session_token');
    assert.equal(c.urlDecoded, true);
    assert.equal(c.algorithm, 'HMAC-SHA256');
    assert.deepEqual(
      c.parts.map((p) => p.role),
      ['token', 'separator', 'signature'],
    );
    assert.equal(c.parts.map((p) => p.text).join(''), decodeURIComponent(cookie));
    assert.ok(c.parts[0]!.explanation.length > 0 && c.parts[2]!.explanation.includes('BETTER_AUTH_SECRET'));
    assert.equal(c.verify.secretName, 'BETTER_AUTH_SECRET');
    // Pasted on its own: no provider to remember a secret for, no sandbox secret offered, no session named.
    assert.equal(c.verify.canRemember, false);
    assert.equal(c.verify.sandboxSecret, undefined);
    assert.equal(c.session, undefined);
    assert.equal(model.decodeError, undefined);
  });

  it('names the listed session a pasted cookie belongs to, and offers the sandbox secret then', async function () {
    this.timeout(10_000);
    const sessions = await listed('sandbox-better-auth');
    const h = cookieHarness(
      { token: sb.credentials['sandbox-better-auth']!.cookie! },
      { providers, listed: { 'sandbox-better-auth': sessions }, sandboxSecrets: sb.serverSecrets },
    );
    const c = cookieOf(h);
    const own = sessions.find((s) => s.raw.session['token'] === decodeURIComponent(sb.credentials['sandbox-better-auth']!.cookie!).split('.')[0]);
    assert.ok(own, 'the sandbox lists the cookie’s session');
    assert.equal(c.session?.providerId, 'sandbox-better-auth');
    assert.equal(c.session?.sessionId, own.id);
    assert.match(c.session?.text ?? '', new RegExp(`^Belongs to session ${own.id} of .+\\.$`));
    assert.equal(c.verify.sandboxSecret, 'BETTER_AUTH_SECRET');
    assert.equal(c.verify.canRemember, true);
  });

  it('opens the tree’s "Session cookie" row with its session as the source: summary and link name both', async function () {
    this.timeout(10_000);
    const ba = providers.find((p) => p.id === 'sandbox-better-auth')!;
    const rows = withSessionCookie(
      (await listed(ba.id)).map((session, i) => ({ key: `k${i}`, session })),
      sb.credentials[ba.id]!.cookie,
      ba,
    );
    const row = rows.find((r) => r.session.tokens.some((t) => t.label === SESSION_COOKIE_LABEL))!;
    const token = row.session.tokens.find((t) => t.label === SESSION_COOKIE_LABEL)!;
    const source = { providerId: ba.id, providerLabel: ba.label, providerKind: ba.kind, session: row.session, tokenKind: token.kind };
    const h = cookieHarness({ token: token.value, source }, { providers, sandboxSecrets: sb.serverSecrets });
    const model = modelOf(h);
    assert.equal(model.summary.session?.id, row.session.id);
    assert.equal(model.summary.providerLabel, ba.label);
    assert.equal(model.cookie?.session?.sessionId, row.session.id);
    assert.equal(model.cookie?.name, 'better-auth.session_token');
    assert.equal(model.times.sessionExpiresAt, Date.parse(row.session.expiresAt!));
    assert.ok(model.tables.some((t) => t.part === 'session'));
    assert.equal((await verify(h, { kind: 'sandboxSecret' })).valid, true);
  });

  it('reads an Authing express-session cookie as s: prefix, session id and signature, linked by session._id', async function () {
    this.timeout(10_000);
    const cookie = sb.credentials['sandbox-authing']!.cookie!;
    const sessions = await listed('sandbox-authing');
    const h = cookieHarness({ token: `authing_session=${cookie}` }, { providers, listed: { 'sandbox-authing': sessions } });
    const c = cookieOf(h);
    assert.equal(c.format, 'express-session');
    assert.deepEqual(
      c.parts.map((p) => p.role),
      ['prefix', 'session-id', 'separator', 'signature'],
    );
    assert.equal(c.parts[0]!.text, 's:');
    assert.equal(c.session?.sessionId, sessions[0]!.id);
    assert.equal(c.parts[1]!.text, sessions[0]!.id);
  });

  it('verifies a cookie signed by better-call with the right secret and says why a wrong one fails', async () => {
    const secret = 'better-call-test-secret-0123456789abcdef';
    const header = await serializeSignedCookie('better-auth.session_token', 'tokenAbc123XYZ', secret);
    const h = cookieHarness({ token: header.split(';')[0]! });
    assert.equal(cookieOf(h).format, 'better-auth');
    const good = await verify(h, { kind: 'secret', secret, remember: false });
    assert.deepEqual([good.valid, good.code], [true, 'valid']);
    const bad = await verify(h, { kind: 'secret', secret: 'not-the-secret', remember: true });
    assert.deepEqual([bad.valid, bad.code], [false, 'wrong-secret']);
    assert.match(bad.message, /HMAC-SHA256 .* another secret/);
    assert.equal(bad.remembered, undefined);
    // Neither secret reaches the log.
    const log = h.log.lines.join('\n');
    assert.ok(!log.includes(secret) && !log.includes('not-the-secret'), log);
    assert.ok(log.includes('better-auth cookie signature valid') && log.includes('invalid (wrong-secret)'), log);
  });

  it('remembers a right secret for the cookie’s provider only when asked, then offers and uses it', async () => {
    const cookie = sb.credentials['sandbox-authing']!.cookie!;
    const input = { token: cookie, source: { providerId: 'sandbox-authing', providerLabel: 'Authing (sandbox)', providerKind: 'authing' as const } };
    const h = cookieHarness(input, { providers });
    const key = cookieSecretKey({ providerId: 'sandbox-authing' });
    assert.equal((await verify(h, { kind: 'secret', secret: authingSecret, remember: false })).valid, true);
    assert.equal(h.secrets.map.has(key), false, 'not remembered without the tick');
    const none = await verify(h, { kind: 'storedSecret' });
    assert.deepEqual([none.valid, none.code], [false, 'no-secret']);
    const kept = await verify(h, { kind: 'secret', secret: authingSecret, remember: true });
    assert.equal(kept.remembered, true);
    assert.equal(h.secrets.map.get(key), authingSecret);
    assert.equal((await verify(h, { kind: 'storedSecret' })).valid, true);
  });

  it('checks a sandbox cookie with the sandbox’s secret, and refuses that for a cookie that is not the sandbox’s', async () => {
    const input = { token: sb.credentials['sandbox-better-auth']!.cookie!, source: { providerId: 'sandbox-better-auth', providerLabel: 'BA' } };
    const h = cookieHarness(input, { providers, sandboxSecrets: sb.serverSecrets });
    assert.equal(cookieOf(h).verify.sandboxSecret, 'BETTER_AUTH_SECRET');
    const ok = await verify(h, { kind: 'sandboxSecret' });
    assert.deepEqual([ok.valid, ok.code], [true, 'valid']);
    const foreign = cookieHarness({ token: signCookieValue('better-auth', 'someoneElsesToken', baSecret + 'x') }, { sandboxSecrets: sb.serverSecrets });
    const refused = await verify(foreign, { kind: 'sandboxSecret' });
    assert.deepEqual([refused.valid, refused.code], [false, 'no-sandbox']);
  });

  it('shows a Flask session cookie’s payload as a table, compressed or not, and verifies it with SECRET_KEY', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const compress of [false, true]) {
      const value = signCookieValue('itsdangerous', JSON.stringify({ user_id: 42, _fresh: true, csrf_token: 'c'.repeat(40) }), 'flask-secret', {
        now,
        compress,
      });
      const h = cookieHarness({ token: `session=${value}` });
      const c = cookieOf(h);
      assert.equal(c.format, 'itsdangerous');
      assert.equal(c.verify.secretName, 'SECRET_KEY');
      assert.deepEqual(
        c.parts.map((p) => p.role),
        compress ? ['prefix', 'payload', 'separator', 'timestamp', 'separator', 'signature'] : ['payload', 'separator', 'timestamp', 'separator', 'signature'],
      );
      const table = modelOf(h).tables.find((t) => t.part === 'payload');
      assert.deepEqual(
        table?.rows.map((r) => r.name),
        ['user_id', '_fresh', 'csrf_token'],
        `compress=${compress}`,
      );
      assert.equal((await verify(h, { kind: 'secret', secret: 'flask-secret', remember: false })).valid, true);
      assert.equal((await verify(h, { kind: 'secret', secret: 'other', remember: false })).code, 'wrong-secret');
    }
  });

  it('shows hostile parts as text: direction overrides made visible, long parts cut with their length', () => {
    const sid = `ab\u202Ecd${'x'.repeat(9000)}`;
    const value = signCookieValue('express-session', sid, 'secret');
    const h = cookieHarness({ token: value });
    const part = cookieOf(h).parts.find((p) => p.role === 'session-id')!;
    assert.ok(!part.text.includes('\u202E'), 'the override is escaped');
    assert.match(part.text, /\\u202e/i);
    assert.equal(part.length, sid.length);
    const parsed = parseSignedCookie(signCookieValue('better-auth', 't'.repeat(9000), 'secret'))!;
    const small = cookieModelOf(parsed, { t: english, limits: { maxSegment: 100 }, storedSecret: false });
    assert.deepEqual([small.parts[0]!.text.length, small.parts[0]!.length, small.parts[0]!.truncated], [100, 9000, true]);
    assert.equal(small.length, parsed.value.length);
  });

  it('looks for a remembered secret under the cookie’s provider, a JWT’s under its issuer; the model then offers it', () => {
    const input = { token: sb.credentials['sandbox-authing']!.cookie!, source: { providerId: 'sandbox-authing', providerLabel: 'A' } };
    const h = cookieHarness(input, { providers });
    assert.equal(storedSecretKeyOf(h.shown(), h.deps), cookieSecretKey({ providerId: 'sandbox-authing' }));
    assert.equal(storedSecretKeyOf(cookieHarness({ token: input.token }).shown(), h.deps), undefined, 'a pasted cookie has no provider');
    const offered = withStoredSecret(h.shown().built).content;
    assert.equal(offered.kind === 'token' && offered.model.cookie?.verify.storedSecret, true);
  });

  it('fails clearly when no cookie is shown, and the validator bounds what the webview sends', async () => {
    const h = cookieHarness({ token: 'not a cookie at all, just words' });
    const reply = await verifyCookieRequest({ type: 'verifyCookie', seq: 1, key: { kind: 'storedSecret' } }, { deps: h.deps, panel: h.panel });
    assert.deepEqual(reply, { kind: 'failed', message: 'No signed cookie is shown.' });
    assert.deepEqual(parseWebviewMessage({ type: 'verifyCookie', seq: 2, key: { kind: 'sandboxSecret', secret: 'x' } }), {
      type: 'verifyCookie',
      seq: 2,
      key: { kind: 'sandboxSecret' },
    });
    assert.equal(parseWebviewMessage({ type: 'verifyCookie', seq: 2, key: { kind: 'secret', secret: '', remember: false } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'verifyCookie', seq: 2, key: { kind: 'secret', secret: 's'.repeat(64 * 1024 + 1), remember: false } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'verifyCookie', seq: 2, key: { kind: 'secret', secret: 's', remember: 'yes' } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'verifyCookie', seq: 2, key: { kind: 'jwks', url: 'https://x' } }), undefined);
  });
});
