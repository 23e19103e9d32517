import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { isAuthLensError } from '../../../src/core/errors';
import { describeOAuthError } from '../../../src/core/oauthErrors';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { loadFixture, makeProvider } from './oidcHelpers';

describe('providers/oidc service tokens (real oidc-provider)', function () {
  this.timeout(20_000);
  let server: OidcTestServer;
  let secret: string;

  before(async () => {
    server = await (await loadFixture()).startOidcServer();
    secret = server.clients.service.clientSecret;
  });
  after(async () => server?.close());

  it('gets a JWT access token for a resource (RFC 9068) that verifies against /jwks', async () => {
    const { provider, ctx } = makeProvider(server, { resource: server.jwtResource, scopes: ['api:read'] }, secret);
    const set = await provider.getServiceToken({ ...ctx, now: Date.now() });
    assert.equal(set.grant, 'client_credentials');
    assert.equal(set.resource, server.jwtResource);
    const header = decodeProtectedHeader(set.accessToken);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.alg, 'RS256');
    const jwksUri = await provider.jwksUri();
    assert.ok(jwksUri);
    const { payload } = await jwtVerify(set.accessToken, createRemoteJWKSet(new URL(jwksUri)), {
      issuer: server.issuer,
      audience: server.jwtResource,
      typ: 'at+jwt',
    });
    // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti (and scope).
    assert.equal(payload.sub, server.clients.service.clientId);
    assert.equal(payload['client_id'], server.clients.service.clientId);
    assert.equal(payload['scope'], 'api:read');
    for (const claim of ['exp', 'iat', 'jti'] as const) assert.ok(payload[claim] !== undefined, claim);

    const page = await provider.listSessions(ctx);
    assert.equal(page.state, 'ok');
    const [session] = page.sessions;
    assert.ok(session);
    assert.equal(session.id, 'service');
    assert.equal(session.status, 'active');
    assert.equal(session.user.id, server.clients.service.clientId);
    const access = session.tokens.find((t) => t.kind === 'access-token');
    assert.equal(access?.opaque, false);
    assert.equal(access?.introspection, undefined, 'a JWT is decoded, not introspected');
    assert.equal(access?.expiresAt, new Date((payload.exp ?? 0) * 1000).toISOString());
    await provider.close();
  });

  it('introspects an opaque token (RFC 7662) and shows the claims', async () => {
    const { provider, ctx } = makeProvider(server, {}, secret);
    const set = await provider.getServiceToken(ctx);
    assert.equal(set.accessToken.split('.').length, 1, 'opaque without a resource');
    const page = await provider.listSessions(ctx);
    const access = page.sessions[0]?.tokens.find((t) => t.kind === 'access-token');
    assert.equal(access?.opaque, true);
    const intro = access?.introspection;
    assert.ok(intro);
    assert.equal(intro['active'], true);
    assert.equal(intro['client_id'], server.clients.service.clientId);
    assert.equal(intro['iss'], server.issuer);
    assert.equal(typeof intro['exp'], 'number');
    assert.equal(intro['token_type'], 'Bearer');
    await provider.close();
  });

  it('revokes an opaque token (RFC 7009); introspection then says inactive', async () => {
    const { provider, ctx } = makeProvider(server, { resource: server.opaqueResource }, secret);
    const set = await provider.getServiceToken(ctx);
    const before = await provider.introspect(ctx, set.accessToken, 'access_token');
    assert.equal(before.kind === 'answered' && before.active, true);
    const page = await provider.listSessions(ctx);
    const session = page.sessions[0];
    assert.ok(session);
    const outcome = await provider.revokeSession(ctx, session);
    assert.deepEqual(outcome, { kind: 'revoked' });
    const after = await provider.introspect(ctx, set.accessToken, 'access_token');
    assert.deepEqual(after, { kind: 'answered', active: false, claims: { active: false } });
    const again = await provider.listSessions(ctx);
    assert.equal(again.sessions[0]?.status, 'revoked');
    assert.equal(again.sessions[0]?.tokens[0]?.introspection?.['active'], false);
    await provider.close();
  });

  it('explains the refusal to revoke a JWT (oidc-provider 9.x answers 400 unsupported_token_type)', async () => {
    const strict = await (await loadFixture()).startOidcServer();
    try {
      const { provider, ctx } = makeProvider(strict, { resource: strict.jwtResource }, secret);
      const set = await provider.getServiceToken(ctx);
      const exp = (JSON.parse(Buffer.from(set.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;

      const direct = await provider.revokeToken(ctx, set.accessToken, 'access_token');
      assert.ok(direct.kind === 'refused', direct.kind);
      assert.equal(direct.error.error, 'unsupported_token_type');
      assert.equal(direct.error.errorDescription, 'Structured JWT Tokens cannot be revoked via the revocation_endpoint');
      assert.equal(direct.isJwt, true);
      assert.equal(direct.expiresAt, exp * 1000);

      const session = (await provider.listSessions(ctx)).sessions[0];
      assert.ok(session);
      const outcome = await provider.revokeSession(ctx, session);
      assert.ok(outcome.kind === 'not-revoked', outcome.kind);
      assert.match(outcome.reason, /unsupported_token_type/);
      assert.ok(outcome.reason.includes(`stays valid until exp ${new Date(exp * 1000).toISOString()}`), outcome.reason);

      const intro = await provider.introspect(ctx, set.accessToken, 'access_token');
      assert.equal(intro.kind, 'refused');
      assert.equal((await provider.listSessions(ctx)).sessions[0]?.status, 'active', 'a refused revocation leaves the JWT active');
      // Opaque tokens still revoke normally on that server.
      const opaque = makeProvider(strict, {}, secret);
      const o = await opaque.provider.getServiceToken(opaque.ctx);
      assert.equal((await opaque.provider.revokeToken(opaque.ctx, o.accessToken, 'access_token')).kind, 'revoked');
      await provider.close();
      await opaque.provider.close();
    } finally {
      await strict.close();
    }
  });

  it('wrong secret: invalid_client (401) with its RFC meaning', async () => {
    const { provider, ctx } = makeProvider(server, {}, 'not-the-secret');
    await assert.rejects(provider.getServiceToken(ctx), (err) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'oauth-error');
      assert.equal(err.details.status, 401);
      assert.equal(err.details.serverCode, 'invalid_client');
      assert.ok(err.details.serverMessage);
      assert.ok(!err.message.includes('not-the-secret'), 'the secret is not in the message');
      assert.equal(describeOAuthError(err.details.serverCode ?? '')?.source, 'RFC 6749 §5.2');
      return true;
    });
    await provider.close();
  });

  it('unknown resource: invalid_target (RFC 8707)', async () => {
    const { provider, ctx } = makeProvider(server, { resource: 'urn:test:unknown' }, secret);
    await assert.rejects(
      provider.getServiceToken(ctx),
      (err) => isAuthLensError(err) && err.details.serverCode === 'invalid_target' && err.details.status === 400,
    );
    await provider.close();
  });

  it('a scope the client may not have: invalid_scope', async () => {
    const { provider, ctx } = makeProvider(server, { resource: server.jwtResource, scopes: ['api:admin'] }, secret);
    await assert.rejects(provider.getServiceToken(ctx), (err) => isAuthLensError(err) && err.details.serverCode === 'invalid_scope');
    await provider.close();
  });

  it('a client without the grant: oidc-provider says invalid_request (others say unauthorized_client)', async () => {
    const { provider, ctx } = makeProvider(server, { clientId: server.clients.web.clientId }, server.clients.web.clientSecret);
    await assert.rejects(
      provider.getServiceToken(ctx),
      (err) => isAuthLensError(err) && err.details.serverCode === 'invalid_request' && /grant type is not allowed/.test(err.details.serverMessage ?? ''),
    );
    await provider.close();
  });

  it('a missing client id is a configuration problem, not a request', async () => {
    const { provider, ctx } = makeProvider(server, { clientId: '' }, secret);
    await assert.rejects(provider.getServiceToken(ctx), (err) => isAuthLensError(err) && err.code === 'not-configured');
    await provider.close();
  });

  it('lists nothing as signed-out, and ignores sets of another client', async () => {
    const { provider, ctx, tokens } = makeProvider(server, {}, secret);
    assert.deepEqual(await provider.listSessions(ctx), { state: 'signed-out', sessions: [] });
    await provider.getServiceToken(ctx);
    const other = makeProvider(server, { clientId: 'someone-else' });
    assert.equal((await other.provider.listSessions({ ...other.ctx, tokens })).state, 'signed-out');
    await provider.close();
    await other.provider.close();
  });
});
