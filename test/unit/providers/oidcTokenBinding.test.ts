/**
 * Issue 12, section 2: stored OIDC tokens are bound to the exact issuer and client id they were
 * issued for, not just to the issuer's origin. A workspace entry that reuses a user provider's
 * id with another issuer path on the same origin must not get the stored refresh token sent
 * anywhere (its discovery document would choose the token endpoint), by Refresh Tokens, Revoke
 * or introspection. Two recording servers stand in for the identity provider and the attacker.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAuthLensError } from '../../../src/core/errors';
import { OidcProvider, tokenBindingRefusal } from '../../../src/providers/oidc';
import { MemoryTokenStore, type StoredTokenSet, type TokenStore } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig, SessionInfo } from '../../../src/providers/types';
import { FakeSecrets, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { oidcTokenStoreFor, foreignTokenBinding } = require('../../../src/secrets/oidcTokenStore') as typeof import('../../../src/secrets/oidcTokenStore');

interface Recorded {
  readonly path: string;
  readonly body: string;
  readonly authorization: string | undefined;
}

/**
 * Serves `<realm>/.well-known/openid-configuration` for any realm path, with its token,
 * introspection and revocation endpoints at `endpointsAt(realm)`; records every request.
 */
async function startIdp(endpointsAt: (realm: string, self: string) => string): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  let self = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push({ path, body: Buffer.concat(chunks).toString('utf8'), authorization: req.headers.authorization });
      const well = path.indexOf('/.well-known/openid-configuration');
      res.setHeader('content-type', 'application/json');
      res.setHeader('connection', 'close');
      if (well >= 0) {
        const realm = path.slice(0, well);
        const at = endpointsAt(realm, self);
        res.end(
          JSON.stringify({
            issuer: `${self}${realm}`,
            token_endpoint: `${at}/token`,
            introspection_endpoint: `${at}/introspect`,
            revocation_endpoint: `${at}/revoke`,
          }),
        );
      } else if (path.endsWith('/token')) {
        res.end(JSON.stringify({ access_token: 'fresh-access-token-from-test', token_type: 'Bearer', expires_in: 300 }));
      } else if (path.endsWith('/introspect')) {
        res.end(JSON.stringify({ active: true }));
      } else {
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const REFRESH = `refresh-${Math.random().toString(36).slice(2)}-opaque-value`;
const ACCESS = `access-${Math.random().toString(36).slice(2)}-opaque-value`;

describe('providers/oidc: stored tokens are bound to the exact issuer and client id', function () {
  this.timeout(10_000);
  let evil: Awaited<ReturnType<typeof startIdp>>;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let n = 0;

  before(async () => {
    evil = await startIdp((realm, self) => `${self}${realm}`);
    // The real realm keeps its endpoints at home; the attacker's realm sends them to the attacker.
    idp = await startIdp((realm, self) => (realm === '/realms/evil' ? `${evil.url}/steal` : `${self}${realm}/protocol`));
  });
  after(async () => {
    await idp?.close();
    await evil?.close();
  });
  beforeEach(() => {
    idp.requests.length = 0;
    evil.requests.length = 0;
  });

  /** A user provider, the workspace entry that reuses its id, and a set issued to the user provider. */
  function scenario(): { user: ProviderConfig; hijack: ProviderConfig; set: StoredTokenSet } {
    // A fresh id per test: the discovery cache is keyed by id and issuer.
    const id = `corp-${++n}`;
    const user: ProviderConfig = {
      id,
      kind: 'oidc',
      label: 'Corp',
      baseUrl: `${idp.url}/realms/corp`,
      issuer: `${idp.url}/realms/corp`,
      clientId: 'app',
      timeoutMs: 2_000,
    };
    const hijack: ProviderConfig = { ...user, baseUrl: evil.url, issuer: `${idp.url}/realms/evil` };
    const set: StoredTokenSet = {
      accessToken: ACCESS,
      refreshToken: REFRESH,
      tokenType: 'Bearer',
      grant: 'authorization_code',
      obtainedAt: Date.now(),
      issuer: user.issuer!,
      clientId: 'app',
    };
    return { user, hijack, set };
  }

  function nothingSent(): void {
    for (const r of [...idp.requests, ...evil.requests]) {
      assert.ok(!r.body.includes(REFRESH) && !r.body.includes(encodeURIComponent(REFRESH)), `refresh token sent to ${r.path}`);
      assert.ok(!r.body.includes(ACCESS), `access token sent to ${r.path}`);
    }
    assert.deepEqual(
      evil.requests.filter((r) => r.path.startsWith('/steal')),
      [],
    );
  }

  async function withProvider<T>(config: ProviderConfig, run: (p: OidcProvider) => Promise<T>): Promise<T> {
    const provider = new OidcProvider(config);
    try {
      return await run(provider);
    } finally {
      await provider.close();
    }
  }

  it('SecretStorage does not hand the set to an entry naming another issuer path on the same origin, or another client', async () => {
    const { user, hijack, set } = scenario();
    const secrets = new FakeSecrets();
    await oidcTokenStoreFor(secrets, user)!.set('user', set);
    assert.equal((await oidcTokenStoreFor(secrets as never, user)!.get('user'))?.refreshToken, REFRESH);
    assert.equal(await oidcTokenStoreFor(secrets as never, hijack)!.get('user'), undefined);
    assert.equal(await oidcTokenStoreFor(secrets as never, { ...user, clientId: 'other' })!.get('user'), undefined);
    // A trailing slash on the issuer is the same issuer.
    assert.equal((await oidcTokenStoreFor(secrets as never, { ...user, issuer: `${user.issuer}/` })!.get('user'))?.refreshToken, REFRESH);
    // The refresh command can say why instead of "no refresh token".
    assert.deepEqual(await foreignTokenBinding(secrets as never, hijack, 'user'), { issuer: user.issuer, clientId: 'app' });
    assert.equal(await foreignTokenBinding(secrets as never, user, 'user'), undefined);
  });

  it('Refresh Tokens through SecretStorage sends nothing for the hijacking entry', async () => {
    const { user, hijack, set } = scenario();
    const secrets = new FakeSecrets();
    await oidcTokenStoreFor(secrets, user)!.set('user', set);
    const tokens = oidcTokenStoreFor(secrets, hijack)!;
    await assert.rejects(withProvider(hijack, (p) => p.refreshTokens({ credentials: {}, tokens }, 'user')));
    nothingSent();
  });

  it('Refresh Tokens refuses a set of another issuer or client even from a store that does not check, and says why', async () => {
    const { hijack, set } = scenario();
    const tokens: TokenStore = new MemoryTokenStore();
    await tokens.set('user', set);
    const err: unknown = await withProvider(hijack, (p) => p.refreshTokens({ credentials: {}, tokens }, 'user')).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isAuthLensError(err), String(err));
    assert.equal(err.code, 'origin-mismatch');
    assert.ok(!err.message.includes(REFRESH) && !err.message.includes(ACCESS));
    nothingSent();
    const otherClient = { ...scenario().user, clientId: 'other-client' };
    await assert.rejects(
      withProvider(otherClient, (p) => p.refreshTokens({ credentials: {}, tokens }, 'user')),
      (e: unknown) => isAuthLensError(e) && e.code === 'origin-mismatch',
    );
    nothingSent();
  });

  it('Revoke refuses a set of another issuer or client and explains, without sending it', async () => {
    const { hijack, set } = scenario();
    const tokens = new MemoryTokenStore();
    await tokens.set('user', set);
    const session = { id: 'user' } as SessionInfo;
    const outcome = await withProvider(hijack, (p) => p.revokeSession({ credentials: {}, tokens }, session));
    assert.deepEqual(outcome, { kind: 'not-revoked', reason: tokenBindingRefusal });
    nothingSent();
  });

  it('listing neither shows nor introspects a set of another issuer', async () => {
    const { hijack, set } = scenario();
    const tokens = new MemoryTokenStore();
    await tokens.set('user', set);
    const page = await withProvider(hijack, (p) => p.listSessions({ credentials: {}, tokens }));
    assert.equal(page.state, 'signed-out');
    nothingSent();
  });

  it('the entry the tokens were issued for still refreshes them at its own token endpoint', async () => {
    const { user, set } = scenario();
    const secrets = new FakeSecrets();
    await oidcTokenStoreFor(secrets, user)!.set('user', set);
    const tokens = oidcTokenStoreFor(secrets, user)!;
    const result = await withProvider(user, (p) => p.refreshTokens({ credentials: {}, tokens }, 'user'));
    assert.equal(result.tokens.accessToken, 'fresh-access-token-from-test');
    const tokenCalls = idp.requests.filter((r) => r.path === '/realms/corp/protocol/token');
    assert.equal(tokenCalls.length, 1);
    assert.ok(tokenCalls[0]!.body.includes(`refresh_token=${encodeURIComponent(REFRESH)}`));
    assert.deepEqual(evil.requests, []);
  });
});
