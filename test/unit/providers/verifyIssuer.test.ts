import * as assert from 'node:assert/strict';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { makeToken, testKeys } from '../../fixtures/tokens';
import { fetchKeySet, verifyJwt } from '../../../src/providers/verify';
import { loadFixture } from './oidcHelpers';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A JWT access token (RFC 9068) from the real server's token endpoint, client credentials. */
async function serviceToken(server: OidcTestServer): Promise<string> {
  const { clientId, clientSecret } = server.clients.service;
  const res = await fetch(`${server.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: server.jwtResource, scope: 'api:read' }).toString(),
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { access_token: string };
  assert.equal(body.access_token.split('.').length, 3, 'a JWT access token');
  return body.access_token;
}

describe('providers/verify: the issuer beside the signature', function () {
  this.timeout(20_000);
  let server: OidcTestServer;
  let token: string;

  before(async () => {
    server = await (await loadFixture()).startOidcServer();
    token = await serviceToken(server);
  });
  after(async () => server?.close());

  it("checks iss against the discovery document's issuer of a real server (oidc-provider)", async () => {
    const fetched = await fetchKeySet(`${server.issuer}/.well-known/openid-configuration`);
    assert.equal(fetched.issuer, server.issuer, 'the key fetch returns the discovery issuer');
    const r = await verifyJwt(token, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url }, { issuer: server.issuer });
    assert.equal(r.valid, true);
    assert.equal(r.issuer?.matches, true);
    assert.equal(r.issuer?.quirk, undefined);

    const slash = await verifyJwt(token, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url }, { issuer: `${server.issuer}/` });
    assert.equal(slash.valid, true, 'the signature keeps its own verdict');
    assert.equal(slash.issuer?.matches, false);
    assert.equal(slash.issuer?.quirk, 'trailing-slash');
    assert.match(slash.issuer?.message ?? '', /differ only by a trailing slash/);

    const other = await verifyJwt(token, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url }, { issuer: `http://localhost:${server.port}` });
    assert.equal(other.issuer?.matches, false);
    assert.equal(other.issuer?.quirk, undefined, 'another host is no quirk without a realm path');

    const none = await verifyJwt(token, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url });
    assert.equal(none.issuer, undefined, 'no expected issuer, no issuer check');
  });

  it('names the quirk when a provider-shaped token fails the issuer check (keys made by the test)', async () => {
    const { publicJwk } = await testKeys('RS256');
    const key = { kind: 'publicKey', text: JSON.stringify(publicJwk) } as const;
    const v1 = await makeToken({ claims: { iss: `https://sts.windows.net/${TID}/`, tid: TID, ver: '1.0' } });
    const r = await verifyJwt(v1, key, { issuer: `https://login.microsoftonline.com/${TID}/v2.0` });
    assert.equal(r.valid, true);
    assert.equal(r.issuer?.quirk, 'entra-v1-token');

    const kc = await makeToken({ claims: { iss: 'http://keycloak:8080/realms/shop', typ: 'Bearer' } });
    const k = await verifyJwt(kc, key, { issuer: 'https://sso.example.com/realms/shop', t: (s) => `[${s}]` });
    assert.equal(k.issuer?.quirk, 'keycloak-hostname');
    assert.ok(k.issuer?.message.startsWith("[The token's issuer"), 'the translator is used');

    const cognito = await makeToken({
      claims: { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1', token_use: 'access', client_id: 'c1' },
    });
    const c = await verifyJwt(cognito, key, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1', tokenUse: 'id' });
    assert.equal(c.issuer?.matches, true);
    assert.equal(c.issuer?.quirk, 'cognito-token-use');
    assert.match(c.issuer?.message ?? '', /Cognito access token/);

    const bad = await verifyJwt(v1, { kind: 'secret', secret: 'x'.repeat(32) }, { issuer: `https://login.microsoftonline.com/${TID}/v2.0` });
    assert.equal(bad.valid, false);
    assert.equal(bad.issuer?.quirk, 'entra-v1-token', 'the issuer is reported even when the signature fails');
  });
});
