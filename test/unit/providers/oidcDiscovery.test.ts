import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAuthLensError } from '../../../src/core/errors';
import { DiscoveryCache, discoveryUrls } from '../../../src/providers/oidc/discovery';
import { jwksUriFor } from '../../../src/providers/oidc/jwksUri';
import { oidcConfig } from './oidcHelpers';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { loadFixture, makeProvider } from './oidcHelpers';

describe('providers/oidc discovery (real oidc-provider)', function () {
  this.timeout(20_000);
  let server: OidcTestServer;

  before(async () => {
    server = await (await loadFixture()).startOidcServer();
  });
  after(async () => server?.close());

  it('reads openid-configuration and every endpoint AuthLens uses', async () => {
    const { provider } = makeProvider(server, { id: 'disc-1' });
    const doc = await provider.discovery();
    assert.equal(doc.source, 'openid-configuration');
    assert.equal(doc.issuer, server.issuer);
    assert.equal(doc.tokenEndpoint, `${server.issuer}/token`);
    assert.equal(doc.authorizationEndpoint, `${server.issuer}/auth`);
    assert.equal(doc.userinfoEndpoint, `${server.issuer}/me`);
    assert.equal(doc.jwksUri, `${server.issuer}/jwks`);
    assert.equal(doc.introspectionEndpoint, `${server.issuer}/token/introspection`);
    assert.equal(doc.revocationEndpoint, `${server.issuer}/token/revocation`);
    assert.ok(doc.codeChallengeMethodsSupported?.includes('S256'));
    assert.equal(await provider.jwksUri(), `${server.issuer}/jwks`);
    await provider.close();
  });

  it('caches per provider and refreshes on request', async () => {
    const { provider } = makeProvider(server, { id: 'disc-2' });
    const first = await provider.discovery({ now: 1 });
    const again = await provider.discovery({ now: 2 });
    assert.equal(again, first, 'second call is served from the cache');
    const refreshed = await provider.discovery({ refresh: true, now: 3 });
    assert.notEqual(refreshed, first);
    assert.equal(refreshed.fetchedAt, 3);
    assert.equal(await provider.discovery(), refreshed);
    await provider.close();
  });

  it('falls back to oauth-authorization-server (RFC 8414) when openid-configuration is missing', async () => {
    const real = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    let issuer = '';
    const asked: string[] = [];
    const mini: Server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/tenant/.well-known/openid-configuration') {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>not here</html>');
      } else if (req.url === '/.well-known/oauth-authorization-server/tenant') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...real, issuer }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => mini.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(mini.address() as AddressInfo).port}/tenant`;
    const { provider } = makeProvider(server, { id: 'disc-3', baseUrl: issuer, issuer });
    const doc = await provider.discovery();
    assert.equal(doc.source, 'oauth-authorization-server');
    assert.equal(doc.tokenEndpoint, `${server.issuer}/token`);
    assert.deepEqual(asked, ['/tenant/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/tenant']);
    await provider.close();
    mini.close();
  });

  it('refuses a document naming another issuer, and reports a missing one', async () => {
    const wrongHost = server.issuer.replace('127.0.0.1', 'localhost');
    const { provider } = makeProvider(server, { id: 'disc-4', baseUrl: wrongHost, issuer: wrongHost });
    await assert.rejects(provider.discovery(), (err) => isAuthLensError(err) && err.code === 'oidc-issuer-mismatch');
    await provider.close();
    const { provider: missing } = makeProvider(server, { id: 'disc-5', issuer: `${server.issuer}/nowhere`, baseUrl: `${server.issuer}/nowhere` });
    await assert.rejects(missing.discovery(), (err) => isAuthLensError(err) && err.code === 'oidc-discovery-failed');
    await missing.close();
  });

  it('jwksUriFor: the configured jwksUrl, else the discovered jwks_uri for oidc providers', async () => {
    assert.equal(await jwksUriFor(oidcConfig(server, { id: 'disc-6' })), `${server.issuer}/jwks`);
    assert.equal(await jwksUriFor(oidcConfig(server, { jwksUrl: 'https://keys.example/jwks' })), 'https://keys.example/jwks');
    // Better Auth serves no discovery: its jwt plugin's keys are at {baseUrl}/jwks.
    assert.equal(await jwksUriFor({ ...oidcConfig(server), kind: 'better-auth' }), `${server.issuer}/jwks`);
    assert.equal(await jwksUriFor({ ...oidcConfig(server), kind: 'authms' }), undefined);
  });

  it('listing a signed-out provider fetches discovery without credentials, and SECURITY.md says so', async () => {
    const seen: { url: string; authorization?: string }[] = [];
    const real = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    let issuer = '';
    const mini: Server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...real, issuer }));
    });
    await new Promise<void>((r) => mini.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(mini.address() as AddressInfo).port}`;
    const { provider, ctx } = makeProvider(server, { id: 'disc-list', baseUrl: issuer, issuer }, 'client-secret-never-sent-to-discovery');
    try {
      const page = await provider.listSessions(ctx);
      assert.equal(page.state, 'signed-out');
      assert.deepEqual(seen, [{ url: '/.well-known/openid-configuration' }], 'one discovery request, no Authorization header');
    } finally {
      await provider.close();
      mini.close();
    }
    // The security model must not claim discovery waits for a click on Verify.
    const security = readFileSync(join(__dirname, '..', '..', '..', 'SECURITY.md'), 'utf8').replace(/\s+/g, ' ');
    assert.doesNotMatch(security, /\(JWKS, OpenID discovery\) are fetched \*\*only when you click\*\*/);
    assert.match(
      security,
      /discovery document .*is fetched through the provider's HTTP client, without credentials, whenever the provider is used: when the Sessions view lists it/,
    );
  });

  it('lists the well-known URLs in order, RFC 8414 inserting before the path', () => {
    assert.deepEqual(
      discoveryUrls('https://id.example.com/realms/dev/').map((u) => u.url),
      [
        'https://id.example.com/realms/dev/.well-known/openid-configuration',
        'https://id.example.com/.well-known/oauth-authorization-server/realms/dev',
        'https://id.example.com/realms/dev/.well-known/oauth-authorization-server',
      ],
    );
  });

  it('shares one request between concurrent callers and does not cache failures', async () => {
    const cache = new DiscoveryCache();
    let calls = 0;
    const load = async () => {
      calls++;
      throw new Error('down');
    };
    await Promise.allSettled([cache.get('k', load), cache.get('k', load)]);
    assert.equal(calls, 1);
    await Promise.allSettled([cache.get('k', load)]);
    assert.equal(calls, 2);
  });
});
