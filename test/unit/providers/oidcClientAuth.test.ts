/**
 * Every client authentication method against the real oidc-provider 9: the server registers
 * each client with exactly one method, so a success proves the method AuthLens used.
 */
import * as assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { errorMessage } from '../../../src/core/errorMessages';
import { isAuthLensError } from '../../../src/core/errors';
import { OidcProvider } from '../../../src/providers/oidc';
import { clientAuthentication } from '../../../src/providers/oidc/clientAuth';
import { importClientPrivateKey, privateKeyProblem } from '../../../src/providers/oidc/clientPrivateKey';
import { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import type { Credentials, ProviderConfig, ProviderContext } from '../../../src/providers/types';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { browserFor, loadFixture, oidcConfig, type Fixture } from './oidcHelpers';

interface Seen {
  readonly path: string;
  readonly authorization: string;
  readonly contentType: string;
}

/** The koa surface of oidc-provider the test uses: a middleware that records each request. */
type KoaLike = { use(fn: (ctx: { path: string; method: string; get(h: string): string }, next: () => Promise<void>) => Promise<void>): void };

const POST_SECRET = 'post-secret-for-tests-only';
const JWT_SECRET = 'a-client-secret-of-at-least-32-bytes-for-hs256';
const service = { grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: 'api:read' };

async function keyPair(kid: string): Promise<{ pem: string; privateJwk: string; publicJwk: Record<string, unknown> }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    pem: await exportPKCS8(privateKey),
    privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid }),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

describe('providers/oidc client authentication (real oidc-provider 9)', function () {
  this.timeout(20_000);
  let fixture: Fixture;
  let server: OidcTestServer;
  let registered: Awaited<ReturnType<typeof keyPair>>;
  const seen: Seen[] = [];

  before(async () => {
    fixture = await loadFixture();
    registered = await keyPair('test-key-1');
    server = await fixture.startOidcServer({
      clients: [
        { ...service, client_id: 'post-client', client_secret: POST_SECRET, token_endpoint_auth_method: 'client_secret_post' },
        { ...service, client_id: 'jwt-client', client_secret: JWT_SECRET, token_endpoint_auth_method: 'client_secret_jwt' },
        {
          ...service,
          client_id: 'pk-client',
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'ES256',
          jwks: { keys: [registered.publicJwk] },
        },
      ],
    });
    (server.provider as KoaLike).use(async (ctx, next) => {
      if (ctx.method === 'POST') seen.push({ path: ctx.path, authorization: ctx.get('authorization'), contentType: ctx.get('content-type') });
      await next();
    });
  });
  after(async () => server?.close());
  beforeEach(() => {
    seen.length = 0;
  });

  function provider(over: Partial<ProviderConfig>, credentials: Credentials): { p: OidcProvider; ctx: ProviderContext } {
    return { p: new OidcProvider(oidcConfig(server, over)), ctx: { credentials, tokens: new MemoryTokenStore() } };
  }

  async function serviceToken(over: Partial<ProviderConfig>, credentials: Credentials): Promise<string> {
    const { p, ctx } = provider(over, credentials);
    try {
      return (await p.getServiceToken(ctx)).accessToken;
    } finally {
      await p.close();
    }
  }

  it('client_secret_basic: an Authorization: Basic header (the default when the server lists it)', async () => {
    const token = await serviceToken({}, { clientSecret: server.clients.service.clientSecret });
    assert.ok(token.length > 10);
    assert.match(seen[0]?.authorization ?? '', /^Basic /);
  });

  it('client_secret_post: id and secret in the form, no Authorization header (setting)', async () => {
    const token = await serviceToken({ clientId: 'post-client', tokenEndpointAuthMethod: 'client_secret_post' }, { clientSecret: POST_SECRET });
    assert.ok(token.length > 10);
    assert.equal(seen[0]?.authorization, '');
    assert.match(seen[0]?.contentType ?? '', /^application\/x-www-form-urlencoded/);
    // Without the setting the server's list says basic first (oidc-provider takes either for a secret).
    assert.ok(await serviceToken({ clientId: 'post-client' }, { clientSecret: POST_SECRET }));
    assert.match(seen[1]?.authorization ?? '', /^Basic /);
  });

  it('client_secret_post is chosen alone when the server lists only post (no setting)', async () => {
    const postOnly = await fixture.startOidcServer({
      clients: [{ ...service, client_id: 'post-client', client_secret: POST_SECRET, token_endpoint_auth_method: 'client_secret_post' }],
      configure: (c) => {
        c['clientAuthMethods'] = ['client_secret_post', 'none'];
      },
    });
    const p = new OidcProvider(oidcConfig(postOnly, { clientId: 'post-client' }));
    try {
      const set = await p.getServiceToken({ credentials: { clientSecret: POST_SECRET }, tokens: new MemoryTokenStore() });
      assert.ok(set.accessToken);
    } finally {
      await p.close();
      await postOnly.close();
    }
  });

  it('client_secret_jwt: an HS256 assertion signed with the secret (setting)', async () => {
    const token = await serviceToken({ clientId: 'jwt-client', tokenEndpointAuthMethod: 'client_secret_jwt' }, { clientSecret: JWT_SECRET });
    assert.ok(token.length > 10);
    assert.equal(seen[0]?.authorization, '');
  });

  it('private_key_jwt: an ES256 assertion from a PKCS#8 PEM and from a private JWK (its kid in the header), chosen from the key', async () => {
    assert.ok(await serviceToken({ clientId: 'pk-client' }, { privateKey: registered.pem }));
    assert.ok(await serviceToken({ clientId: 'pk-client', tokenEndpointAuthMethod: 'private_key_jwt' }, { privateKey: registered.privateJwk }));
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ['', ''],
    );
  });

  it('private_key_jwt also authenticates introspection and revocation (aud = token endpoint)', async () => {
    const { p, ctx } = provider({ clientId: 'pk-client' }, { privateKey: registered.pem });
    try {
      const set = await p.getServiceToken(ctx);
      const before = await p.introspect(ctx, set.accessToken, 'access_token');
      assert.equal(before.kind === 'answered' && before.active, true);
      assert.equal((await p.revokeToken(ctx, set.accessToken, 'access_token')).kind, 'revoked');
      const after = await p.introspect(ctx, set.accessToken, 'access_token');
      assert.equal(after.kind === 'answered' && after.active, false);
      assert.deepEqual(
        seen.map((s) => s.path),
        ['/token', '/token/introspection', '/token/revocation', '/token/introspection'],
      );
    } finally {
      await p.close();
    }
  });

  it('the assertion: iss = sub = client id, aud = token endpoint, fresh jti, iat from the clock, exp 60 s later', async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const discovery = { tokenEndpointAuthMethodsSupported: ['private_key_jwt'], tokenEndpoint: `${server.issuer}/token`, raw: {} };
    const client = { clientId: 'pk-client', privateKey: registered.privateJwk, now };
    const a = await clientAuthentication(client, discovery);
    const b = await clientAuthentication(client, discovery);
    assert.equal(a.method, 'private_key_jwt');
    assert.deepEqual(a.headers, {});
    assert.equal(a.form['client_assertion_type'], 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = a.form['client_assertion'] ?? '';
    assert.ok(a.secrets.includes(assertion), 'the assertion is redacted like a secret');
    const claims = decodeJwt(assertion);
    assert.equal(claims.iss, 'pk-client');
    assert.equal(claims.sub, 'pk-client');
    assert.equal(claims.aud, `${server.issuer}/token`);
    assert.equal(claims.iat, now / 1000);
    assert.equal(claims.exp, now / 1000 + 60);
    assert.notEqual(claims.jti, decodeJwt(b.form['client_assertion'] ?? '').jti);
    assert.deepEqual(decodeProtectedHeader(assertion), { alg: 'ES256', typ: 'JWT', kid: 'test-key-1' });
  });

  it('private_key_jwt with another key: the server’s invalid_client, named with the method', async () => {
    const other = await keyPair('test-key-1');
    await assert.rejects(serviceToken({ clientId: 'pk-client' }, { privateKey: other.pem }), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'oauth-error');
      assert.equal(err.details.status, 401);
      const text = errorMessage(err);
      assert.match(text, /invalid_client/);
      assert.match(text, /token endpoint, client authentication private_key_jwt/);
      assert.ok(!text.includes(other.pem.split('\n')[1] ?? '-'), 'no key text');
      return true;
    });
  });

  it('a key that cannot sign is refused before any request, with what is wrong and no key text', async () => {
    const pkcs1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----';
    assert.equal(await privateKeyProblem(pkcs1), 'pkcs1');
    assert.equal(await privateKeyProblem(JSON.stringify(registered.publicJwk)), 'jwk-public');
    assert.equal(await privateKeyProblem('not a key'), 'not-pem-or-jwk');
    assert.equal(await privateKeyProblem(''), 'empty');
    assert.equal(await privateKeyProblem(registered.pem), undefined);
    // A PEM pasted into a one-line box (line breaks turned into spaces) still reads.
    assert.equal(await privateKeyProblem(registered.pem.replace(/\n/g, ' ')), undefined);
    assert.equal((await importClientPrivateKey(registered.pem, ['RS256', 'ES256'])).alg, 'ES256');
    await assert.rejects(serviceToken({ clientId: 'pk-client' }, { privateKey: pkcs1 }), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'config-invalid');
      assert.match(errorMessage(err), /PKCS#1/);
      assert.ok(!errorMessage(err).includes('MIIBOgIBAAJBAK'));
      return true;
    });
    assert.equal(seen.length, 0, 'nothing was sent');
  });

  it('reads RSA, P-384 and Ed25519 keys with an algorithm the server lists; a JWK’s own alg wins', async () => {
    const pemOf = async (alg: string): Promise<string> => exportPKCS8((await generateKeyPair(alg, { extractable: true })).privateKey);
    const rsa = await pemOf('RS256');
    assert.equal((await importClientPrivateKey(rsa)).alg, 'RS256');
    assert.equal((await importClientPrivateKey(rsa, ['HS256', 'PS256'])).alg, 'PS256');
    assert.equal((await importClientPrivateKey(await pemOf('ES384'), ['ES256', 'ES384'])).alg, 'ES384');
    const ed = await generateKeyPair('Ed25519', { extractable: true });
    const edJwk = JSON.stringify({ ...(await exportJWK(ed.privateKey)), kid: 'ed' });
    assert.equal((await importClientPrivateKey(edJwk, ['Ed25519'])).alg, 'Ed25519');
    assert.equal((await importClientPrivateKey(edJwk)).alg, 'EdDSA');
    const withAlg = JSON.stringify({ ...(await exportJWK(ed.privateKey)), alg: 'Ed25519' });
    assert.equal((await importClientPrivateKey(withAlg, ['EdDSA'])).alg, 'Ed25519');
    assert.equal((await importClientPrivateKey(JSON.stringify({ keys: [JSON.parse(edJwk)] }))).kid, 'ed', 'a JWK Set with one key');
  });

  it('a method the server does not list is refused with the method and the server’s list', async () => {
    await assert.rejects(
      serviceToken({ tokenEndpointAuthMethod: 'tls_client_auth', tlsClientCertificate: '/nonexistent/c.pem', tlsClientKey: '/nonexistent/k.pem' }, {}),
      (err: unknown) => {
        assert.ok(isAuthLensError(err));
        assert.equal(err.code, 'config-invalid');
        const text = errorMessage(err);
        assert.match(text, /tokenEndpointAuthMethod tls_client_auth/);
        assert.match(text, /token_endpoint_auth_methods_supported: client_secret_basic, client_secret_jwt, client_secret_post, private_key_jwt, none/);
        return true;
      },
    );
    assert.equal(seen.length, 0);
  });

  it('a public client (none) signs in with PKCE, refreshes, introspects and revokes without any Authorization header', async () => {
    const { p, ctx } = provider({ clientId: server.clients.native.clientId }, {});
    try {
      const browser = browserFor(fixture, { login: 'carol' });
      const first = await p.signIn(ctx, { openBrowser: browser.openBrowser, timeoutMs: 10_000 });
      assert.ok(first.refreshToken);
      const refreshed = await p.refreshTokens(ctx, 'user');
      assert.equal(refreshed.rotation, 'rotated');
      const page = await p.listSessions(ctx);
      const session = page.sessions.find((s) => s.id === 'user');
      assert.ok(session);
      assert.equal(session.tokens[0]?.introspection?.['active'], true, 'introspected as the public client');
      const outcome = await p.revokeSession(ctx, session);
      assert.equal(outcome.kind, 'revoked');
      const paths = seen.map((s) => s.path);
      for (const path of ['/token', '/token/introspection', '/token/revocation']) assert.ok(paths.includes(path), `${path} was called: ${paths.join(', ')}`);
      assert.deepEqual(
        seen.filter((s) => s.authorization !== ''),
        [],
        'no request carried an Authorization header',
      );
    } finally {
      await p.close();
    }
  });
});
