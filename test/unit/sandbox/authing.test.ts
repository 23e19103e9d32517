import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { AUTHING_COOKIE, AUTHING_SESSION, AUTHING_THIRD_PARTY, AUTHING_TOKEN_CLAIMS, AUTHING_USER_INFO, assertShape } from './shapes';
import { cred, form, useSandbox } from './helpers';

describe('sandbox: Authing (seed 001)', () => {
  const h = useSandbox();
  const base = (): string => h.sb.baseUrls.authing;
  const cookie = (): string => `authing_session=${cred(h.sb, 'sandbox-authing', 'cookie')}`;
  const casSession = async (headers: Record<string, string> = { cookie: cookie() }): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base()}/cas/session`, { headers });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return (await res.json()) as Record<string, unknown>;
  };
  const appId = (): string => {
    const id = h.sb.providerConfigs().find((p) => p.id === 'sandbox-authing')?.clientId;
    assert.ok(id);
    return id;
  };

  it('the cookie looks like the seed example (s%3A<sid>.<signature>)', () => {
    assert.match(cred(h.sb, 'sandbox-authing', 'cookie'), /^s%3A[A-Za-z0-9]{32}\.([A-Za-z0-9]|%2B|%2F){43}$/);
  });

  it('GET /cas/session answers exactly the seed shape, field by field, in order', async () => {
    const body = await casSession();
    assert.deepEqual(Object.keys(body), ['session', 'userInfo']);
    assertShape(body['session'], AUTHING_SESSION, '$.session');
    const session = body['session'] as Record<string, unknown>;
    assertShape(session['cookie'], AUTHING_COOKIE, '$.session.cookie');
    assert.deepEqual(
      { ...(session['cookie'] as object), originalMaxAge: 0, expires: '' },
      { originalMaxAge: 0, expires: '', secure: false, httpOnly: true, path: '/', sameSite: 'lax' },
    );
    assert.equal(session['type'], 'oidc');
    assert.equal(session['appId'], appId());
    assertShape(body['userInfo'], AUTHING_USER_INFO, '$.userInfo');
    const info = body['userInfo'] as Record<string, unknown>;
    assertShape(info['thirdPartyIdentity'], AUTHING_THIRD_PARTY, '$.userInfo.thirdPartyIdentity');
    assert.equal(info['id'], session['userId']);
    assert.equal(info['_id'], session['userId']);
    assert.match(String(info['password']), /^[0-9a-f]{32}$/, 'the leaked (fake) password hash');
    assert.match(String(info['salt']), /^[A-Za-z0-9]{30}$/, 'the leaked (fake) salt');
  });

  it('userInfo.token is an RS256 JWT signed by the sandbox, with the seed claims; tokenExpiredAt = exp', async () => {
    const info = (await casSession())['userInfo'] as Record<string, string>;
    const token = info['token'] ?? '';
    assert.equal(decodeProtectedHeader(token).alg, 'RS256');
    assert.deepEqual(Object.keys(decodeJwt(token)), AUTHING_TOKEN_CLAIMS);
    const jwks = createRemoteJWKSet(new URL(`${base()}/oidc/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, { issuer: `${base()}/oidc`, audience: appId() });
    assert.equal(payload.sub, info['id']);
    assert.equal(new Date((payload.exp ?? 0) * 1000).toISOString(), info['tokenExpiredAt']);
    assert.equal((payload['data'] as { appId: string }).appId, appId());
  });

  it('signed out, tampered or unknown cookie: 200 {"session": null}', async () => {
    const tampered = cred(h.sb, 'sandbox-authing', 'cookie').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const cases: Record<string, string>[] = [{}, { cookie: `authing_session=${tampered}` }, { cookie: 'authing_session=s%3Aunknown.sig' }];
    for (const headers of cases) {
      assert.deepEqual(await casSession(headers), { session: null });
    }
  });

  it('POST /oidc/token/revocation (RFC 7009) answers 200 and the session vanishes', async () => {
    const token = ((await casSession())['userInfo'] as { token: string }).token;
    const res = await fetch(`${base()}/oidc/token/revocation`, form({ token, client_id: appId() }));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    assert.deepEqual(await casSession(), { session: null });
    // Revoking again, or an unknown token: still 200.
    const again = await fetch(`${base()}/oidc/token/revocation`, form({ token, client_id: appId() }));
    assert.equal(again.status, 200);
  });

  it('revocation accepts the client secret; a wrong secret or client is 401 invalid_client', async () => {
    const token = ((await casSession())['userInfo'] as { token: string }).token;
    const wrong = await fetch(`${base()}/oidc/token/revocation`, form({ token, client_id: appId(), client_secret: 'nope' }));
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { error: 'invalid_client', error_description: 'client authentication failed' });
    const unknown = await fetch(`${base()}/oidc/token/revocation`, form({ token, client_id: '000000000000000000000000' }));
    assert.equal(unknown.status, 401);
    const ok = await fetch(
      `${base()}/oidc/token/revocation`,
      form({ token, client_id: appId(), client_secret: cred(h.sb, 'sandbox-authing', 'clientSecret') }),
    );
    assert.equal(ok.status, 200);
  });

  it('revocation without token or client, or with JSON, is 400 invalid_request', async () => {
    const noToken = await fetch(`${base()}/oidc/token/revocation`, form({ client_id: appId() }));
    assert.equal(noToken.status, 400);
    assert.equal(((await noToken.json()) as { error: string }).error, 'invalid_request');
    const noClient = await fetch(`${base()}/oidc/token/revocation`, form({ token: 'x' }));
    assert.equal(noClient.status, 400);
    const asJson = await fetch(`${base()}/oidc/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x', client_id: appId() }),
    });
    assert.equal(asJson.status, 400);
  });

  it('reset() restores a revoked session', async () => {
    const token = ((await casSession())['userInfo'] as { token: string }).token;
    await fetch(`${base()}/oidc/token/revocation`, form({ token, client_id: appId() }));
    h.sb.reset();
    assert.ok((await casSession())['session']);
  });
});
