import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { isAuthLensError } from '../../../src/core/errors';
import { OidcProvider } from '../../../src/providers/oidc';
import { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig, ProviderContext } from '../../../src/providers/types';
import { JWT_RESOURCE, PUBLIC_CLIENT } from '../../../src/sandbox/data/oidc';
import { SANDBOX_PROVIDER_IDS, startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

/** The same `oidc` provider against the sandbox's own issuer (`/oidc`), as a user gets it out of the box. */
describe('providers/oidc against the sandbox issuer', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  let config: ProviderConfig;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    const found = sandbox.providerConfigs().find((c) => c.id === SANDBOX_PROVIDER_IDS.oidc);
    assert.ok(found);
    config = found;
  });
  after(async () => sandbox?.close());

  function setup(over: Partial<ProviderConfig> = {}, withSecret = true): { provider: OidcProvider; ctx: ProviderContext } {
    const provider = new OidcProvider({ ...config, ...over });
    const credentials = withSecret ? (sandbox.credentials[SANDBOX_PROVIDER_IDS.oidc] ?? {}) : {};
    return { provider, ctx: { credentials, tokens: new MemoryTokenStore() } };
  }

  /** The sandbox's /auth approves at once: following its redirect plays the browser. */
  const browser = async (url: string): Promise<boolean> => {
    void (async () => {
      const res = await fetch(url, { redirect: 'manual' });
      const location = res.headers.get('location');
      if (location) await (await fetch(location)).text();
    })();
    return true;
  };

  it('discovers the issuer; the jwks_uri matches the configured one', async () => {
    const { provider } = setup();
    const doc = await provider.discovery();
    assert.equal(doc.issuer, sandbox.baseUrls.oidc);
    assert.equal(doc.jwksUri, config.jwksUrl);
    assert.equal(await provider.jwksUri(), config.jwksUrl);
    await provider.close();
  });

  it('service token: opaque and introspected; as a JWT for the API it verifies and its revocation is refused and explained', async () => {
    const { provider, ctx } = setup();
    await provider.getServiceToken(ctx);
    const opaque = (await provider.listSessions(ctx)).sessions[0];
    assert.equal(opaque?.tokens[0]?.opaque, true);
    assert.equal(opaque?.tokens[0]?.introspection?.['active'], true);
    assert.deepEqual(await provider.revokeSession(ctx, opaque), { kind: 'revoked' });
    assert.equal((await provider.listSessions(ctx)).sessions[0]?.status, 'revoked');

    const api = setup({ resource: JWT_RESOURCE });
    const set = await api.provider.getServiceToken(api.ctx);
    assert.equal(decodeProtectedHeader(set.accessToken).typ, 'at+jwt');
    await jwtVerify(set.accessToken, createRemoteJWKSet(new URL((await api.provider.jwksUri()) ?? '')), {
      issuer: sandbox.baseUrls.oidc,
      audience: JWT_RESOURCE,
    });
    const session = (await api.provider.listSessions(api.ctx)).sessions[0];
    const outcome = await api.provider.revokeSession(api.ctx, session!);
    assert.ok(outcome.kind === 'not-revoked');
    assert.match(outcome.reason, /stays valid until exp \d{4}-/);
    await provider.close();
    await api.provider.close();
  });

  it('signs in the public PKCE client, shows the user, refresh rotates', async () => {
    const { provider, ctx } = setup({ clientId: PUBLIC_CLIENT }, false);
    const set = await provider.signIn(ctx, { openBrowser: browser });
    assert.ok(set.idToken && set.refreshToken);
    const session = (await provider.listSessions(ctx)).sessions.find((s) => s.id === 'user');
    assert.equal(session?.user.name, 'Alice Martin');
    assert.ok(session?.user.email);
    const refreshed = await provider.refreshTokens(ctx);
    assert.equal(refreshed.rotation, 'rotated');
    assert.equal(refreshed.oldRefreshTokenActive, false);
    await provider.close();
  });

  it('a wrong secret is invalid_client', async () => {
    const provider = new OidcProvider(config);
    await assert.rejects(
      provider.getServiceToken({ credentials: { clientSecret: 'wrong' }, tokens: new MemoryTokenStore() }),
      (err) => isAuthLensError(err) && err.details.serverCode === 'invalid_client',
    );
    await provider.close();
  });
});
