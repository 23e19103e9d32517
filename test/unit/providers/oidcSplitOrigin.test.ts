/**
 * Issue 14: an issuer whose token, introspection, revocation, userinfo and JWKS endpoints sit on
 * a second origin (real oidc-provider 9 behind a forwarding proxy that its discovery document
 * names). Client credentials, introspection, revocation and the sign-in code exchange work
 * through the proxy; an origin the document does not name, a plain-http endpoint on another
 * machine and a plain-http document from another machine get no credential, and the refusal
 * says which of these it was.
 */
import * as assert from 'node:assert/strict';
import { isAuthLensError, type AuthLensError } from '../../../src/core/errors';
import { errorMessage } from '../../../src/core/errorMessages';
import { HttpClient } from '../../../src/providers/http';
import { introspectToken } from '../../../src/providers/oidc/introspection';
import { trustDiscoveredOrigins } from '../../../src/providers/oidc/originTrust';
import { startRecorderServer, type RecorderServer } from '../../fixtures/recorderServer';
import { startSplitOriginOidc, type SplitOriginOidc } from '../../fixtures/splitOriginOidc';
import { browserFor, loadFixture, makeProvider, type Fixture } from './oidcHelpers';

async function codeOf(p: Promise<unknown>): Promise<AuthLensError> {
  try {
    await p;
  } catch (err) {
    if (isAuthLensError(err)) return err;
    throw err;
  }
  assert.fail('expected an AuthLensError');
}

/** The provider's own HTTP client, to try sending where the code never would. */
function httpOf(provider: unknown): HttpClient {
  return (provider as { http: HttpClient }).http;
}

describe('providers/oidc endpoints on another origin than the issuer (real oidc-provider behind a proxy)', function () {
  this.timeout(20_000);
  let fixture: Fixture;
  let split: SplitOriginOidc;
  let recorder: RecorderServer;

  before(async () => {
    fixture = await loadFixture();
    recorder = await startRecorderServer();
    // The recorder is named, but only as the end-session endpoint: never a credential's destination.
    split = await startSplitOriginOidc(fixture, { extra: { end_session_endpoint: `${recorder.url}/logout` } });
  });
  after(async () => {
    await split?.close();
    await recorder?.close();
  });

  it('discovers the second origin as a credential destination, and only it', async () => {
    const { provider } = makeProvider(split.server);
    const doc = await provider.discovery();
    assert.equal(doc.tokenEndpoint, `${split.endpointsOrigin}/token`);
    assert.deepEqual(await provider.credentialOrigins(), { trusted: [split.endpointsOrigin], refused: [] });
    await provider.close();
  });

  it('client credentials, introspection and revocation go through the second origin with the client secret', async () => {
    const secret = split.server.clients.service.clientSecret;
    const { provider, ctx } = makeProvider(split.server, {}, secret);
    const set = await provider.getServiceToken(ctx);
    const introspected = await provider.introspect(ctx, set.accessToken, 'access_token');
    assert.equal(introspected.kind === 'answered' && introspected.active, true);
    const revoked = await provider.revokeToken(ctx, set.accessToken, 'access_token');
    assert.equal(revoked.kind, 'revoked');
    const after = await provider.introspect(ctx, set.accessToken, 'access_token');
    assert.equal(after.kind === 'answered' && after.active, false, 'the server recalled it');

    const posts = split.proxied.filter((r) => r.method === 'POST').map((r) => r.path);
    for (const path of ['/token', '/token/introspection', '/token/revocation']) assert.ok(posts.includes(path), `${path} not proxied: ${posts.join(', ')}`);
    assert.ok(split.proxySaw(secret), 'the client secret went to the issuer’s token endpoint origin');
    assert.equal(recorder.requests.length, 0);
    await provider.close();
  });

  it('signs in with code + PKCE: the code exchange, the JWKS and userinfo go through the second origin', async () => {
    const web = split.server.clients.web;
    const { provider, ctx } = makeProvider(split.server, { clientId: web.clientId }, web.clientSecret);
    const before = split.proxied.length;
    const set = await provider.signIn(ctx, { openBrowser: browserFor(fixture, { login: 'carol' }).openBrowser, timeoutMs: 10_000 });
    assert.ok(set.idToken, 'the ID token verified against the JWKS on the second origin');
    const page = await provider.listSessions(ctx);
    assert.equal(page.sessions.find((s) => s.id === 'user')?.user.email, 'carol@example.test', 'userinfo on the second origin');

    const seen = split.proxied.slice(before);
    const exchange = seen.find((r) => r.method === 'POST' && r.path === '/token');
    assert.ok(exchange && /grant_type=authorization_code/.test(exchange.body) && /code_verifier=/.test(exchange.body));
    assert.ok(split.proxySaw(web.clientSecret));
    const jwks = seen.find((r) => r.path === '/jwks');
    assert.ok(jwks, 'keys fetched from the second origin');
    assert.equal(jwks.headers.authorization, undefined, 'no credential with the key fetch');
    assert.ok(seen.some((r) => r.path === '/me' && /^Bearer /.test(r.headers.authorization ?? '')));
    assert.equal(recorder.requests.length, 0);
    await provider.close();
  });

  it('an origin the document names only as end-session endpoint never receives a credential, and the refusal says why', async () => {
    const secret = split.server.clients.service.clientSecret;
    const { provider } = makeProvider(split.server, {}, secret);
    const doc = await provider.discovery();
    const err = await codeOf(
      introspectToken(
        httpOf(provider),
        { ...doc, introspectionEndpoint: `${recorder.url}/introspect` },
        { clientId: 'svc-client', clientSecret: secret },
        'tok',
      ),
    );
    assert.equal(err.code, 'origin-mismatch');
    assert.equal(err.details.originRefusal, 'not-in-discovery');
    assert.equal(err.details.where, recorder.url);
    const text = errorMessage(err);
    assert.match(text, /discovery document/);
    assert.ok(!/entered for another origin/.test(text), text);
    assert.ok(!text.includes(secret) && !err.message.includes(secret));
    assert.equal(recorder.requests.length, 0, 'nothing reached the third origin');
    await provider.close();
  });

  it('refuses a credential stored before discovery named the second origin (set aside, not sent)', async () => {
    const secret = split.server.clients.service.clientSecret;
    const { provider, ctx } = makeProvider(split.server, {}, secret);
    const before = split.proxied.length;
    const err = await codeOf(provider.getServiceToken({ ...ctx, credentialOrigins: [split.server.issuer] }));
    assert.equal(err.code, 'origin-mismatch');
    assert.deepEqual([err.details.originRefusal, err.details.where], ['added-since-stored', split.endpointsOrigin]);
    assert.match(errorMessage(err), /only since you stored the credential/);
    assert.ok(!split.proxied.slice(before).some((r) => r.method === 'POST'), 'no token request was made');
    // Bound to both origins, the same credential goes.
    const set = await provider.getServiceToken({ ...ctx, credentialOrigins: [split.server.issuer, split.endpointsOrigin] });
    assert.ok(set.accessToken);
    await provider.close();
  });
});

describe('providers/oidc endpoints discovery names but that get nothing', function () {
  this.timeout(20_000);

  it('a plain-http endpoint on another machine in the document: refused before any connection, and the message says why', async () => {
    const fixture = await loadFixture();
    const split = await startSplitOriginOidc(fixture, { extra: { revocation_endpoint: 'http://authlens-split-origin.invalid/revoke' } });
    try {
      const secret = split.server.clients.service.clientSecret;
      const { provider, ctx } = makeProvider(split.server, {}, secret);
      const origins = await provider.credentialOrigins();
      assert.deepEqual(origins.trusted, [split.endpointsOrigin]);
      assert.deepEqual(origins.refused, [{ origin: 'http://authlens-split-origin.invalid', fields: ['revocation_endpoint'], reason: 'endpoint-not-https' }]);
      const err = await codeOf(provider.revokeToken(ctx, 'some-token', 'access_token'));
      assert.equal(err.code, 'origin-mismatch', `${err.code}: ${err.message}`);
      assert.equal(err.details.originRefusal, 'endpoint-not-https');
      assert.match(errorMessage(err), /plain http endpoint on another machine.*Where: http:\/\/authlens-split-origin\.invalid/);
      await provider.close();
    } finally {
      await split.close();
    }
  });

  it('a plain-http document from another machine: the endpoints it names on other origins get nothing', async () => {
    const recorder = await startRecorderServer();
    const http = new HttpClient({ baseUrl: 'http://id.example.test' });
    try {
      const config = { id: 'x', kind: 'oidc', label: 'X', baseUrl: 'http://id.example.test', clientId: 'c' } as const;
      // Before any discovery (and for kinds without one) the settings' origins alone count.
      const before = await codeOf(
        http.send({ method: 'POST', url: `${recorder.url}/token`, form: { client_secret: 's3cr3t-value' }, secrets: ['s3cr3t-value'] }),
      );
      assert.equal(before.details.originRefusal, 'not-allowed');
      assert.match(
        errorMessage(before),
        /^AuthLens did not send the credential to this origin\. It is not one of the origins this provider’s credentials are bound to/,
      );
      const origins = trustDiscoveredOrigins(http, config, {
        url: 'http://id.example.test/.well-known/openid-configuration',
        raw: { issuer: 'http://id.example.test', token_endpoint: `${recorder.url}/token` },
      });
      assert.deepEqual(origins, { trusted: [], refused: [{ origin: recorder.url, fields: ['token_endpoint'], reason: 'discovery-not-https' }] });
      const err = await codeOf(http.send({ method: 'POST', url: `${recorder.url}/token`, form: { client_secret: 's3cr3t-value' }, secrets: ['s3cr3t-value'] }));
      assert.equal(err.details.originRefusal, 'discovery-not-https');
      assert.match(errorMessage(err), /came over plain http from another machine/);
      assert.equal(recorder.requests.length, 0);
      // An https document fetched with certificate checks off is no better.
      trustDiscoveredOrigins(
        http,
        { ...config, allowInsecureTls: true },
        { url: 'https://id.example.test/.well-known/openid-configuration', raw: { token_endpoint: `${recorder.url}/token` } },
      );
      const tlsOff = await codeOf(
        http.send({ method: 'POST', url: `${recorder.url}/token`, form: { client_secret: 's3cr3t-value' }, secrets: ['s3cr3t-value'] }),
      );
      assert.equal(tlsOff.details.originRefusal, 'discovery-tls-off');
      assert.match(errorMessage(tlsOff), /TLS certificate checks off for this provider \(authlens\.insecureTlsProviders\)/);
      assert.equal(recorder.requests.length, 0);
      // The same document from loopback is trusted: the request goes out.
      trustDiscoveredOrigins(http, config, { url: 'http://127.0.0.1:1/.well-known/openid-configuration', raw: { token_endpoint: `${recorder.url}/token` } });
      await http.send({
        method: 'POST',
        url: `${recorder.url}/token`,
        form: { client_secret: 's3cr3t-value' },
        secrets: ['s3cr3t-value'],
        expect: 'json-or-empty',
      });
      assert.ok(recorder.sawSecret('s3cr3t-value'));
    } finally {
      await http.close();
      await recorder.close();
    }
  });
});
