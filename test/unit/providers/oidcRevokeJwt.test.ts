/**
 * Revoking a user session whose access token is a JWT, against oidc-provider 9: the refresh
 * token is revoked (200), the JWT access token refused (400 unsupported_token_type). The outcome
 * says exactly that, and the listed session shows the grant gone while the token stays valid.
 */
import * as assert from 'node:assert/strict';
import { sessionRevocation } from '../../../src/providers/oidc/revocation';
import { browserFor, makeProvider, realOidcServer } from './oidcHelpers';

describe('providers/oidc revoke of a user session with a JWT access token (real oidc-provider 9)', function () {
  this.timeout(20_000);
  const real = realOidcServer();

  it('reports revoked: refresh token revoked, the JWT access token valid until its exp; the session shows the grant gone', async () => {
    const { provider, ctx } = makeProvider(
      real.server,
      { clientId: real.server.clients.web.clientId, resource: real.server.jwtResource, scopes: ['openid', 'offline_access', 'api:read'] },
      real.server.clients.web.clientSecret,
    );
    try {
      const set = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
      assert.equal(set.accessToken.split('.').length, 3, 'a JWT access token for the API');
      assert.ok(set.refreshToken, 'offline_access gave a refresh token');
      const exp = (JSON.parse(Buffer.from(set.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
      const expIso = new Date(exp * 1000).toISOString();

      const before = (await provider.listSessions(ctx)).sessions[0];
      assert.ok(before);
      assert.equal(before.status, 'active');
      const outcome = await provider.revokeSession(ctx, before);
      assert.equal(outcome.kind, 'revoked');
      assert.ok(
        outcome.kind === 'revoked' && outcome.note?.startsWith(`refresh token revoked; the JWT access token stays valid until ${expIso}`),
        JSON.stringify(outcome),
      );

      // What the real.server says now: the refresh token is dead, the access token cannot be recalled.
      const refresh = await provider.introspect(ctx, set.refreshToken ?? '', 'refresh_token');
      assert.ok(refresh.kind === 'answered' && !refresh.active, 'refresh token inactive');
      const recall = await provider.revokeToken(ctx, set.accessToken, 'access_token');
      assert.equal(recall.kind, 'refused');

      const after = (await provider.listSessions(ctx)).sessions[0];
      assert.equal(after?.status, 'revoked', 'the grant is gone');
      assert.equal(after?.raw.session['refresh_token'], 'revoked');
      assert.equal(after?.raw.session['access_token'], `JWT, valid until ${expIso} (cannot be recalled)`);
      const access = after?.tokens.find((t) => t.kind === 'access-token');
      assert.equal(access?.expiresAt, expIso);
      assert.equal(after?.tokens.find((t) => t.kind === 'refresh-token')?.label, 'Refresh token (revoked)');
    } finally {
      await provider.close();
    }
  });

  it('sessionRevocation: a refused access token without a revoked refresh token is not revoked', () => {
    const refused = { kind: 'refused', error: { error: 'unsupported_token_type' }, isJwt: true, expiresAt: Date.UTC(2030, 0, 1) } as const;
    const alone = sessionRevocation(undefined, refused);
    assert.equal(alone.outcome.kind, 'not-revoked');
    assert.equal(alone.grantRevoked, false);
    const withGrant = sessionRevocation({ kind: 'revoked', isJwt: false }, refused);
    assert.deepEqual([withGrant.outcome.kind, withGrant.grantRevoked, withGrant.accessRevoked], ['revoked', true, false]);
    assert.match(withGrant.outcome.kind === 'revoked' ? (withGrant.outcome.note ?? '') : '', /until 2030-01-01T00:00:00\.000Z/);
    const opaque = sessionRevocation({ kind: 'revoked', isJwt: false }, { kind: 'revoked', isJwt: false });
    assert.deepEqual(opaque, { outcome: { kind: 'revoked' }, accessRevoked: true, grantRevoked: true });
  });
});
