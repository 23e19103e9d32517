/**
 * Faults that used to hide their cause, each against a real server started here: a self-signed
 * https issuer (oidc-provider 9 behind an https listener) with and without the TLS opt-out,
 * through listing and through Verify's key fetch; an unknown certificate authority; a server
 * that never answers (the limit is named); a discovery that fails everywhere with problem
 * details, OAuth errors and request ids (every URL tried is listed with its answer).
 */
import * as assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { errorMessage } from '../../../src/core/errorMessages';
import { isAuthLensError, type AuthLensError } from '../../../src/core/errors';
import { keyFetchTlsOptOut } from '../../../src/inspector/keySource';
import { HttpClient } from '../../../src/providers/http';
import { verifyWithKeyUrl } from '../../../src/providers/keyUrlVerify';
import { OidcProvider } from '../../../src/providers/oidc';
import { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig } from '../../../src/providers/types';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { makeTestCertificates, type TestCertificates } from '../../fixtures/testCertificates';
import { browserFor, loadFixture, type Fixture } from './oidcHelpers';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http${'cert' in server ? 's' : ''}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function failureOf(p: Promise<unknown>): Promise<AuthLensError> {
  try {
    await p;
  } catch (err) {
    if (isAuthLensError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('faults: a self-signed https issuer (real oidc-provider 9), with and without the TLS opt-out', function () {
  this.timeout(30_000);
  let certs: TestCertificates;
  let fixture: Fixture;
  let server: OidcTestServer;
  const providers: OidcProvider[] = [];

  const config = (allowInsecureTls: boolean): ProviderConfig => ({
    id: allowInsecureTls ? 'dev-idp-optout' : 'dev-idp',
    kind: 'oidc',
    label: 'Dev IdP',
    baseUrl: server.issuer,
    issuer: server.issuer,
    clientId: server.clients.service.clientId,
    resource: server.jwtResource,
    scopes: ['api:read'],
    timeoutMs: 5_000,
    ...(allowInsecureTls ? { allowInsecureTls } : {}),
  });
  const provider = (c: ProviderConfig): OidcProvider => {
    const p = new OidcProvider(c);
    providers.push(p);
    return p;
  };
  const ctx = () => ({ credentials: { clientSecret: server.clients.service.clientSecret }, tokens: new MemoryTokenStore() });

  before(async () => {
    certs = makeTestCertificates();
    fixture = await loadFixture();
    server = await fixture.startOidcServer({ server: createHttpsServer(certs.selfSigned), scheme: 'https' });
    assert.match(server.issuer, /^https:\/\/127\.0\.0\.1:\d+$/);
  });
  after(async () => {
    await Promise.all(providers.map((p) => p.close()));
    await server?.close();
    certs?.cleanup();
  });

  it('without the opt-out, listing fails with net-tls naming self-signed and the setting with this provider id', async () => {
    const err = await failureOf(provider(config(false)).listSessions(ctx()));
    assert.equal(err.code, 'net-tls');
    assert.equal(err.details.tlsCause, 'self-signed');
    const message = errorMessage(err);
    assert.match(message, /self-signed/);
    assert.match(message, /add "dev-idp" to the user setting authlens\.insecureTlsProviders/);
  });

  it('without the opt-out, Verify (key fetch from discovery) fails with the same explanation', async () => {
    const outcome = await verifyWithKeyUrl('eyJhbGciOiJSUzI1NiJ9.e30.c2ln', `${server.issuer}/.well-known/openid-configuration`, {
      timeoutMs: 5_000,
      tlsOptOut: keyFetchTlsOptOut(config(false)),
    });
    assert.equal(outcome.valid, false);
    assert.equal(outcome.failure?.code, 'jwks-fetch-failed');
    assert.match(outcome.failure?.message ?? '', /self-signed/);
    assert.match(outcome.failure?.message ?? '', /"dev-idp" to the user setting authlens\.insecureTlsProviders/);
  });

  it('sign-in: refused before any browser without the opt-out; with it, the code exchange and ID token check go through', async () => {
    const web = { clientId: server.clients.web.clientId, scopes: ['openid', 'offline_access'] };
    const webCtx = () => ({ credentials: { clientSecret: server.clients.web.clientSecret }, tokens: new MemoryTokenStore() });
    let opened = 0;
    const refused = await failureOf(
      provider({ ...config(false), ...web }).signIn(webCtx(), {
        openBrowser: async () => {
          opened++;
          return true;
        },
      }),
    );
    assert.equal(refused.code, 'net-tls');
    assert.match(errorMessage(refused), /self-signed.*"dev-idp"/);
    assert.equal(opened, 0, 'no browser before the issuer is reachable');

    // The test's browser trusts the self-signed page as a person clicking through would; the
    // global dispatcher is put back afterwards.
    const previous = getGlobalDispatcher();
    const lenient = new Agent({ connect: { rejectUnauthorized: false } });
    setGlobalDispatcher(lenient);
    try {
      const set = await provider({ ...config(true), ...web }).signIn(webCtx(), { openBrowser: browserFor(fixture).openBrowser, timeoutMs: 10_000 });
      assert.ok(set.idToken, 'an ID token, checked against the self-signed issuer keys');
      assert.ok(set.refreshToken);
    } finally {
      setGlobalDispatcher(previous);
      await lenient.close();
    }
  });

  it('with the opt-out, listing and Verify both work, and Verify follows it only on the provider origins', async () => {
    const c = config(true);
    const p = provider(c);
    const context = ctx();
    const set = await p.getServiceToken(context);
    assert.equal(set.accessToken.split('.').length, 3, 'a JWT for the API');
    const page = await p.listSessions(context);
    assert.equal(page.state, 'ok');
    assert.equal(page.sessions[0]?.status, 'active');

    const outcome = await verifyWithKeyUrl(set.accessToken, `${server.issuer}/.well-known/openid-configuration`, {
      timeoutMs: 5_000,
      tlsOptOut: keyFetchTlsOptOut(c),
    });
    assert.equal(outcome.valid, true, outcome.failure?.message);
    assert.equal(outcome.alg, 'RS256');

    // The opt-out of a provider on another origin does not reach this server.
    const elsewhere = await verifyWithKeyUrl(set.accessToken, `${server.issuer}/jwks`, {
      timeoutMs: 5_000,
      tlsOptOut: keyFetchTlsOptOut({ ...c, baseUrl: 'https://127.0.0.2:1', issuer: 'https://127.0.0.2:1' }),
    });
    assert.equal(elsewhere.failure?.code, 'jwks-fetch-failed');
    assert.doesNotMatch(elsewhere.failure?.message ?? '', /insecureTlsProviders/);
  });
});

describe('faults: TLS from an unknown certificate authority, and timeouts', function () {
  this.timeout(15_000);
  let certs: TestCertificates;
  let tlsServer: Server | undefined;
  let silent: Server | undefined;

  before(() => {
    certs = makeTestCertificates();
  });
  after(async () => {
    await close(tlsServer);
    await close(silent);
    certs?.cleanup();
  });

  it('a certificate from an untrusted CA: net-tls says unknown issuer and names the setting', async () => {
    tlsServer = createHttpsServer({ key: certs.caSigned.key, cert: certs.caSigned.cert }, (_req, res) => res.end('{}'));
    const url = await listen(tlsServer);
    const client = new HttpClient({ baseUrl: url, tlsOptOutId: 'corp-idp', timeoutMs: 3_000 });
    try {
      const err = await failureOf(client.send({ method: 'GET', url: `${url}/x` }));
      assert.equal(err.code, 'net-tls');
      assert.equal(err.details.tlsCause, 'unknown-issuer');
      assert.match(errorMessage(err), /issuer this machine does not trust.*"corp-idp".*authlens\.insecureTlsProviders/);
      // With the opt-out on, the same server answers, and nothing suggests the setting again.
      const insecure = new HttpClient({ baseUrl: url, tlsOptOutId: 'corp-idp', allowInsecureTls: true, timeoutMs: 3_000 });
      assert.deepEqual((await insecure.send({ method: 'GET', url: `${url}/x` })).json, {});
      await insecure.close();
    } finally {
      await client.close();
    }
  });

  it('a server that never answers: the timeout names its limit', async () => {
    silent = createHttpServer(() => undefined);
    const url = await listen(silent);
    const client = new HttpClient({ baseUrl: url, timeoutMs: 2_000, deadlineMs: 8_000 });
    try {
      const err = await failureOf(client.send({ method: 'GET', url: `${url}/slow` }));
      assert.equal(err.code, 'net-timeout');
      assert.equal(err.details.timeoutPhase, 'headers');
      assert.match(errorMessage(err), /The server sent no answer within 2 s\./);
    } finally {
      await client.close();
    }
    const deadline = new HttpClient({ baseUrl: url, timeoutMs: 5_000, deadlineMs: 1_000 });
    try {
      const err = await failureOf(deadline.send({ method: 'GET', url: `${url}/slow` }));
      assert.equal(err.details.timeoutPhase, 'total');
      assert.match(errorMessage(err), /within 1 s/);
    } finally {
      await deadline.close();
    }
  });
});

describe('faults: discovery that fails everywhere keeps what each URL answered', function () {
  this.timeout(15_000);
  let server: Server | undefined;
  const seen: string[] = [];

  before(async () => {
    server = createHttpServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/tenants/acme/.well-known/openid-configuration') {
        res.writeHead(404, {
          'content-type': 'application/problem+json',
          'x-request-id': 'req-4711',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        });
        res.end(
          JSON.stringify({
            type: 'https://errors.example/tenant-unknown',
            title: 'Tenant not found',
            detail: 'No tenant named acme',
            instance: '/tenants/acme',
            errors: [{ pointer: '#/tenant', detail: 'unknown tenant' }],
          }),
        );
      } else if (req.url === '/.well-known/oauth-authorization-server/tenants/acme') {
        res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-requestid': 'amzn-0042' });
        res.end(JSON.stringify({ error: 'access_denied', error_description: 'metadata is not public' }));
      } else {
        res.writeHead(404, { 'cf-ray': '8f1e2d3c4b5a6978-FRA' });
        res.end();
      }
    });
  });
  after(async () => close(server));

  it('lists every URL tried with its status, problem details, OAuth error, field errors and request/trace ids', async () => {
    const origin = await listen(server!);
    const issuer = `${origin}/tenants/acme`;
    const p = new OidcProvider({ id: 'acme', kind: 'oidc', label: 'Acme', baseUrl: issuer, issuer, clientId: 'c', timeoutMs: 3_000 });
    try {
      const err = await failureOf(p.listSessions({ credentials: {}, tokens: new MemoryTokenStore() }));
      assert.equal(err.code, 'oidc-discovery-failed');
      assert.deepEqual(
        err.details.attempts?.map((a) => [a.url, a.details.status]),
        [
          [`${issuer}/.well-known/openid-configuration`, 404],
          [`${origin}/.well-known/oauth-authorization-server/tenants/acme`, 403],
          [`${issuer}/.well-known/oauth-authorization-server`, 404],
        ],
      );
      assert.equal(seen.length, 3);
      const message = errorMessage(err);
      for (const expected of [
        `Tried ${issuer}/.well-known/openid-configuration: Not found (404)`,
        'Server says: Tenant not found: No tenant named acme',
        'Problem type: https://errors.example/tenant-unknown.',
        'Problem instance: /tenants/acme.',
        'Field #/tenant: unknown tenant',
        'Request id: req-4711.',
        'Trace id: 4bf92f3577b34da6a3ce929d0e0e4736.',
        `Tried ${origin}/.well-known/oauth-authorization-server/tenants/acme:`,
        'metadata is not public',
        'Request id: amzn-0042.',
        `Tried ${issuer}/.well-known/oauth-authorization-server: Not found (404)`,
        'Request id: 8f1e2d3c4b5a6978-FRA.',
      ]) {
        assert.ok(message.includes(expected), `missing "${expected}" in: ${message}`);
      }
      assert.doesNotMatch(message, /[\n\r]/);
    } finally {
      await p.close();
    }
  });
});
