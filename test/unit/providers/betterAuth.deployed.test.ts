/**
 * Better Auth as it is deployed: `basePath: '/auth'` and `advanced.cookiePrefix: 'myapp'`, a
 * real 1.7 server (child process). A pasted `Cookie:` header lists sessions; a signed-out answer
 * with another cookie than configured says so; the jwt plugin's token verifies with the keys at
 * `{baseUrl}/jwks`, offered and fetched by the inspector's own code.
 */
import * as assert from 'node:assert/strict';
import { keyFetchTlsOptOut, keyProviderFor, keySourceOf } from '../../../src/inspector/keySource';
import { buildInspectorModel } from '../../../src/inspector/viewModel';
import { BetterAuthProvider } from '../../../src/providers/betterAuth';
import { verifyWithKeyUrl } from '../../../src/providers/keyUrlVerify';
import type { ProviderConfig } from '../../../src/providers/types';
import type { InspectorModel } from '../../../src/shared/inspectorModel';
import { call, signIn, signUp, spawnBetterAuth, type BetterAuthChild, type SignedIn } from '../../fixtures/betterAuthClient';

describe('providers/better-auth deployed with basePath /auth and cookiePrefix myapp (real server)', function () {
  this.timeout(30_000);
  let server: BetterAuthChild;
  let alice: SignedIn;
  const providers: BetterAuthProvider[] = [];

  const configOf = (extra: Partial<ProviderConfig> = {}): ProviderConfig => ({
    id: 'deployed-ba',
    kind: 'better-auth',
    label: 'Deployed Better Auth',
    baseUrl: server.baseUrl,
    ...extra,
  });
  const provider = (extra: Partial<ProviderConfig> = {}): BetterAuthProvider => {
    const p = new BetterAuthProvider(configOf(extra));
    providers.push(p);
    return p;
  };

  before(async () => {
    server = await spawnBetterAuth(['--base-path', '/auth', '--cookie-prefix', 'myapp']);
    alice = await signUp(server, 'alice@deployed.test', 'password-123456', 'Alice');
  });
  after(async () => {
    await Promise.all(providers.map((p) => p.close()));
    await server?.close();
  });

  it('the server really uses /auth and the myapp cookie', () => {
    assert.match(server.baseUrl, /\/auth$/);
    assert.equal(alice.cookieName, 'myapp.session_token');
    assert.equal(server.cookieName, 'myapp.session_token');
  });

  it('lists sessions with a pasted Cookie: header (default cookieName), its cookie name kept', async () => {
    const p = provider();
    for (const cookie of [`Cookie: theme=dark; myapp.session_token=${alice.cookie}`, `myapp.session_token=${alice.cookie}`]) {
      assert.equal(p.cookieHeader(cookie), `myapp.session_token=${alice.cookie}`, 'never better-auth.session_token=myapp.session_token=…');
      const page = await p.listSessions({ credentials: { cookie } });
      assert.equal(page.state, 'ok', cookie.slice(0, 30));
      assert.equal(page.sessions.find((s) => s.current === true)?.user.id, alice.userId);
    }
  });

  it('a bare value takes the configured cookieName: myapp.session_token works, the default is signed out without a cookie claim', async () => {
    const right = await provider({ cookieName: 'myapp.session_token' }).listSessions({ credentials: { cookie: alice.cookie } });
    assert.equal(right.state, 'ok');
    const wrong = await provider().listSessions({ credentials: { cookie: alice.cookie } });
    assert.equal(wrong.state, 'signed-out');
    assert.equal(wrong.cookieMismatch, undefined, 'a bare value names no cookie');
  });

  it('signed out while the pasted cookie is not the configured one: the page names both', async () => {
    const bob = await signUp(server, 'bob@deployed.test', 'password-123456', 'Bob');
    const revoked = await call(server, bob.signed, '/revoke-session', { token: bob.token });
    assert.equal(revoked.status, 200);
    const page = await provider().listSessions({ credentials: { cookie: `Cookie: myapp.session_token=${bob.cookie}` } });
    assert.equal(page.state, 'signed-out');
    assert.deepEqual(page.cookieMismatch, { sent: 'myapp.session_token', configured: 'better-auth.session_token' });
    // Configured right, the same answer is plain signed out.
    const same = await provider({ cookieName: 'myapp.session_token' }).listSessions({ credentials: { cookie: `myapp.session_token=${bob.cookie}` } });
    assert.equal(same.state, 'signed-out');
    assert.equal(same.cookieMismatch, undefined);
  });

  it('the jwt plugin token (/auth/token) verifies with {baseUrl}/jwks, offered for the provider and for a pasted token by its iss', async () => {
    const fresh = await signIn(server, 'alice@deployed.test');
    const jwt = ((await call(server, fresh.signed, '/token')).json as { token: string }).token;
    const config = configOf();
    const expected = `${server.baseUrl}/jwks`;

    // From the tree: the token's provider is the key source.
    const fromTree = buildInspectorModel(jwt, {
      now: Date.now(),
      source: { providerId: config.id, providerLabel: config.label, providerKind: 'better-auth', ...keySourceOf(config) },
    });
    // Pasted: iss (the server's origin) names the configured Better Auth server.
    const iss = (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { iss?: unknown }).iss;
    assert.equal(iss, server.url, 'the jwt plugin sets iss to the server origin');
    const owner = keyProviderFor(undefined, iss, [configOf({ id: 'other', baseUrl: 'http://127.0.0.1:1/api/auth' }), config]);
    assert.ok(owner);
    assert.equal(owner.id, config.id);
    assert.equal(keyProviderFor(undefined, `${server.url}/somewhere`, [config]), undefined, 'an iss with a path is not the jwt plugin shape');
    const pasted = buildInspectorModel(jwt, { now: Date.now(), keySource: keySourceOf(owner) });

    for (const built of [fromTree, pasted]) {
      const model = (built.content as { model: InspectorModel }).model;
      // Only the base URL's JWKS: Better Auth answers 404 at {iss}/.well-known/openid-configuration.
      assert.deepEqual(
        model.verify.jwksCandidates.map((c) => [c.source, c.url]),
        [['provider', expected]],
      );
      const candidate = model.verify.jwksCandidates[0];
      assert.ok(candidate?.allowed);
      // What the Verify button runs for that candidate.
      const outcome = await verifyWithKeyUrl(jwt, candidate.url, { timeoutMs: 5_000, tlsOptOut: keyFetchTlsOptOut(config) });
      assert.equal(outcome.valid, true, outcome.failure?.message);
      assert.equal(outcome.alg, 'EdDSA');
      assert.match(outcome.keyDescription ?? '', /\/auth\/jwks/);
    }
    // A token it did not sign fails at the signature, with the same keys.
    const [h, p] = jwt.split('.');
    const forged = `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`;
    const bad = await verifyWithKeyUrl(forged, expected, { timeoutMs: 5_000 });
    assert.equal(bad.valid, false);
    assert.equal(bad.failure?.code, 'bad-signature');
  });
});
