/**
 * "Why would a server reject this token?" against real servers: oidc-provider's own access token
 * (RFC 9068 `at+jwt`) and ID token pass every check; copies altered and re-signed fail exactly
 * the check that names the change. The fixture signs with a key this test holds, so an altered
 * copy can be re-signed as the server would.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { decodeJwt } from '../../../src/core/decode';
import type { JsonObject } from '../../../src/core/json';
import { rejectionChecks } from '../../../src/core/rejectionChecks';
import type { TokenUse } from '../../../src/core/rejectionTypes';
import { probeToken } from '../../../src/providers/probe';
import { gatherRejectionFacts } from '../../../src/providers/rejectionFacts';
import type { ProviderConfig } from '../../../src/providers/types';
import { browserFor, makeProvider, oidcConfig, realOidcServer } from './oidcHelpers';

/** The checks that did not pass for `token`, as `id:verdict`. */
async function notPassing(token: string, provider: ProviderConfig, tokenUse: TokenUse, now = Date.now()): Promise<string[]> {
  const d = decodeJwt(token);
  assert.ok(d.ok);
  const facts = await gatherRejectionFacts(token, provider, { now, timeoutMs: 5_000 });
  const checks = rejectionChecks({ header: d.token.header, payload: d.token.payload, now, skewMs: 60_000, tokenUse, provider: facts, ...facts });
  return checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}:${c.verdict}`);
}

const parts = (token: string): { header: JsonObject; payload: JsonObject } => {
  const d = decodeJwt(token);
  assert.ok(d.ok);
  return { header: d.token.header, payload: d.token.payload };
};

/** Re-signs `token` with `key` after `edit` changed its header or payload. */
async function resign(token: string, key: CryptoKey, edit: (p: { header: JsonObject; payload: JsonObject }) => void): Promise<string> {
  const p = parts(token);
  edit(p);
  return new SignJWT(p.payload).setProtectedHeader(p.header as { alg: string }).sign(key);
}

describe('providers/rejectionFacts (real oidc-provider)', function () {
  this.timeout(30_000);
  let serverKey: { privateKey: CryptoKey; jwk: JWK };
  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    serverKey = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.privateKey)), kid: 'test-rs', alg: 'RS256', use: 'sig' } };
  });
  const real = realOidcServer({ configure: (c) => Object.assign(c, { jwks: { keys: [serverKey.jwk] } }) });
  const tokens = { access: '', id: '' };
  let config: ProviderConfig;

  before(async () => {
    const over = { clientId: real.server.clients.web.clientId, resource: real.server.jwtResource, scopes: ['openid', 'api:read'] };
    const { provider, ctx } = makeProvider(real.server, over, real.server.clients.web.clientSecret);
    try {
      const set = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
      tokens.access = set.accessToken;
      tokens.id = set.idToken ?? '';
    } finally {
      await provider.close();
    }
    config = oidcConfig(real.server, over);
  });

  it("the server's own access token (at+jwt) passes every check", async () => {
    assert.equal(parts(tokens.access).header['typ'], 'at+jwt');
    assert.deepEqual(await notPassing(tokens.access, config, 'access'), []);
  });

  it("the server's own ID token passes every check", async () => {
    assert.deepEqual(await notPassing(tokens.id, config, 'id'), []);
  });

  it('re-signed with a foreign key: only the signature fails', async () => {
    const foreign = await generateKeyPair('RS256');
    const forged = await resign(tokens.access, foreign.privateKey, () => undefined);
    assert.deepEqual(await notPassing(forged, config, 'access'), ['signature:fail']);
  });

  it('kid removed: the kid check warns; a kid the set lacks fails kid and signature', async () => {
    const noKid = await resign(tokens.access, serverKey.privateKey, (p) => delete p.header['kid']);
    assert.deepEqual(await notPassing(noKid, config, 'access'), ['kid:warn']);
    const otherKid = await resign(tokens.access, serverKey.privateKey, (p) => (p.header['kid'] = 'rotated-away'));
    assert.deepEqual(await notPassing(otherKid, config, 'access'), ['signature:fail', 'kid:fail', 'alg:skipped']);
  });

  it('wrong aud: only aud fails', async () => {
    const token = await resign(tokens.access, serverKey.privateKey, (p) => (p.payload['aud'] = 'urn:someone:else'));
    assert.deepEqual(await notPassing(token, config, 'access'), ['aud:fail']);
  });

  it('expired beyond the skew: only exp fails; within it, exp warns', async () => {
    const exp = parts(tokens.access).payload['exp'] as number;
    const now = exp * 1000 + 120_000;
    const iatOk = await resign(tokens.access, serverKey.privateKey, () => undefined);
    assert.deepEqual(await notPassing(iatOk, config, 'access', now), ['exp:fail']);
    assert.deepEqual(await notPassing(iatOk, config, 'access', exp * 1000 + 30_000), ['exp:warn']);
  });

  it('typ JWT on an access token: only typ fails (RFC 9068)', async () => {
    const token = await resign(tokens.access, serverKey.privateKey, (p) => (p.header['typ'] = 'JWT'));
    assert.deepEqual(await notPassing(token, config, 'access'), ['typ:fail']);
  });

  it('an HS256 token for this RS256 issuer fails alg (algorithm confusion)', async () => {
    const token = await resign(tokens.access, new TextEncoder().encode('a-secret-of-32-bytes-for-hs256!!') as unknown as CryptoKey, (p) => {
      p.header['alg'] = 'HS256';
    });
    assert.deepEqual(await notPassing(token, config, 'access'), ['signature:skipped', 'kid:skipped', 'alg:fail']);
  });

  it("probe: userinfo accepts the server's own openid access token (200) and rejects the API's at+jwt (401 invalid_token)", async () => {
    const over = { clientId: real.server.clients.web.clientId, scopes: ['openid'] };
    const { provider, ctx } = makeProvider(real.server, over, real.server.clients.web.clientSecret);
    let openidToken = '';
    try {
      openidToken = (await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser })).accessToken;
    } finally {
      await provider.close();
    }
    const ok = await probeToken(openidToken, undefined, oidcConfig(real.server, over), { now: Date.now() });
    assert.deepEqual([ok.accepted, ok.status, ok.target], [true, 200, `${real.server.issuer}/me`]);
    const sub = String(parts(tokens.access).payload['sub']);
    const refused = await probeToken(tokens.access, sub, config, { now: Date.now() });
    assert.deepEqual([refused.accepted, refused.status, refused.serverCode], [false, 401, 'invalid_token']);
    assert.ok(!JSON.stringify(refused).includes(tokens.access.split('.')[2] ?? '-'));
  });

  it('keys that cannot be fetched: the signature is not checked, with the reason', async () => {
    const broken = { ...config, jwksUrl: `${real.server.issuer}/no-such-jwks` };
    const d = decodeJwt(tokens.access);
    assert.ok(d.ok);
    const facts = await gatherRejectionFacts(tokens.access, broken, { now: Date.now(), timeoutMs: 5_000 });
    assert.equal(facts.keys.kind, 'unavailable');
    const sig = rejectionChecks({
      header: d.token.header,
      payload: d.token.payload,
      now: Date.now(),
      skewMs: 0,
      tokenUse: 'access',
      provider: facts,
      ...facts,
    })[0];
    assert.equal(sig?.verdict, 'skipped');
    assert.match(sig?.message ?? '', /^Not checked: .*404|not found/i);
  });
});

describe('providers/rejectionFacts: a jwks_uri on another origin', function () {
  this.timeout(10_000);
  const servers: Server[] = [];
  const listen = async (handler: (path: string) => unknown): Promise<{ url: string; hits: string[] }> => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(handler(req.url ?? '')));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
  };
  after(() => servers.forEach((s) => s.close()));

  it('is fetched only when the person agrees; declined, nothing goes there and the keys say why', async () => {
    const keys = await listen(() => ({ keys: [] }));
    const issuer = await listen(() => ({ issuer: issuerUrl, jwks_uri: `${keys.url}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }));
    const issuerUrl = issuer.url;
    const provider: ProviderConfig = { id: 'o', kind: 'oidc', label: 'o', baseUrl: issuer.url, issuer: issuer.url };
    const token = `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`;
    const asked: string[] = [];
    const declined = await gatherRejectionFacts(token, provider, { now: Date.now(), confirmKeyUrl: async (u) => (asked.push(u), false) });
    assert.deepEqual(asked, [`${keys.url}/jwks`]);
    assert.deepEqual(keys.hits, []);
    assert.equal(declined.keys.kind, 'unavailable');
    assert.deepEqual(declined.discovery, { issuer: issuer.url, idTokenAlgs: ['RS256'] });
    const agreed = await gatherRejectionFacts(token, provider, { now: Date.now(), confirmKeyUrl: async () => true });
    assert.deepEqual(keys.hits, ['/jwks']);
    assert.equal(agreed.keys.kind, 'set');
  });
});
