import * as assert from 'node:assert/strict';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAuthLensError } from '../../../src/core/errors';
import { fetchKeySet, isFetchableKeyUrl, verifyJwt } from '../../../src/providers/verify';

describe('verifyJwt', () => {
  const secret = 'a-test-secret-that-is-long-enough-123456';
  let rsToken: string;
  let hsToken: string;
  let jwks: { keys: unknown[] };
  let pem: string;
  let otherPem: string;

  before(async function () {
    // RSA key generation competes for 2 shared cores; it once took over mocha's 2 s default here.
    this.timeout(15_000);
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const other = await generateKeyPair('RS256', { extractable: true });
    rsToken = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().sign(privateKey);
    hsToken = await new SignJWT({ sub: 'bob' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    const jwk = await exportJWK(publicKey);
    const otherJwk = await exportJWK(other.publicKey);
    jwks = {
      keys: [
        { ...otherJwk, kid: 'k0', use: 'sig' },
        { ...jwk, kid: 'k1', use: 'sig', alg: 'RS256' },
      ],
    };
    pem = await exportSPKI(publicKey);
    otherPem = await exportSPKI(other.publicKey);
  });

  it('verifies HS256 with the right secret and names alg and key', async () => {
    const r = await verifyJwt(hsToken, { kind: 'secret', secret });
    assert.equal(r.valid, true);
    assert.equal(r.alg, 'HS256');
    assert.match(r.keyDescription ?? '', /shared secret/);
  });

  it('fails HS256 with a wrong secret, saying why', async () => {
    const r = await verifyJwt(hsToken, { kind: 'secret', secret: 'wrong' });
    assert.equal(r.valid, false);
    assert.equal(r.failure?.code, 'bad-signature');
  });

  it('verifies RS256 against a JWKS by kid', async () => {
    const r = await verifyJwt(rsToken, { kind: 'jwks', jwks: jwks as never, url: 'https://issuer.test/jwks' });
    assert.equal(r.valid, true, r.failure?.message);
    assert.equal(r.kid, 'k1');
    assert.match(r.keyDescription ?? '', /kid=k1/);
  });

  it('reports a missing kid with the kids the JWKS has', async () => {
    const set = { keys: [jwks.keys[0]] };
    const r = await verifyJwt(rsToken, { kind: 'jwks', jwks: set as never, url: 'https://issuer.test/jwks' });
    assert.equal(r.valid, false);
    assert.equal(r.failure?.code, 'no-matching-key');
    assert.match(r.failure?.message ?? '', /kid "k1".*k0/);
  });

  it('verifies with a pasted PEM and fails with the wrong PEM', async () => {
    assert.equal((await verifyJwt(rsToken, { kind: 'publicKey', text: pem })).valid, true);
    const bad = await verifyJwt(rsToken, { kind: 'publicKey', text: otherPem });
    assert.equal(bad.valid, false);
    assert.equal(bad.failure?.code, 'bad-signature');
  });

  it('verifies with a pasted JWK', async () => {
    const r = await verifyJwt(rsToken, { kind: 'publicKey', text: JSON.stringify(jwks.keys[1]) });
    assert.equal(r.valid, true, r.failure?.message);
  });

  it('refuses algorithm confusion and alg none', async () => {
    const confused = await verifyJwt(hsToken, { kind: 'publicKey', text: pem });
    assert.equal(confused.failure?.code, 'alg-key-mismatch');
    const secretForRs = await verifyJwt(rsToken, { kind: 'secret', secret });
    assert.equal(secretForRs.failure?.code, 'alg-key-mismatch');
    const none = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    assert.equal((await verifyJwt(none, { kind: 'secret', secret })).failure?.code, 'alg-none');
  });

  it('refuses private keys', async () => {
    const r = await verifyJwt(rsToken, { kind: 'publicKey', text: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----' });
    assert.equal(r.failure?.code, 'bad-key');
  });

  it('only fetches https or loopback key URLs', () => {
    assert.equal(isFetchableKeyUrl('https://issuer.example/jwks'), true);
    assert.equal(isFetchableKeyUrl('http://127.0.0.1:4000/jwks'), true);
    assert.equal(isFetchableKeyUrl('http://localhost:4000/jwks'), true);
    assert.equal(isFetchableKeyUrl('http://evil.example/jwks'), false);
    assert.equal(isFetchableKeyUrl('file:///etc/passwd'), false);
    assert.equal(isFetchableKeyUrl('javascript:alert(1)'), false);
    assert.equal(isFetchableKeyUrl('https://user:pw@issuer.example/jwks'), false);
  });
});

/** A server that answers every GET with `body()` as JSON and counts requests. */
async function jsonServer(body: (origin: string) => unknown): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body(origin)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('fetchKeySet: a discovery document that names keys on another origin', () => {
  const keys = { keys: [{ kty: 'RSA', kid: 'k', n: 'AQAB', e: 'AQAB' }] };

  it('does not fetch the foreign jwks_uri unless the person confirms it, and asks with that URL', async () => {
    const keyHost = await jsonServer(() => keys);
    const issuer = await jsonServer((origin) => ({ issuer: origin, jwks_uri: `${keyHost.origin}/certs` }));
    const discovery = `${issuer.origin}/.well-known/openid-configuration`;
    try {
      const declined = (err: unknown): boolean => isAuthLensError(err) && err.code === 'cancelled' && err.details.where === `${keyHost.origin}/certs`;
      // No one to ask: not fetched.
      await assert.rejects(fetchKeySet(discovery), declined);
      // Asked, and declined: not fetched either.
      const asked: string[] = [];
      await assert.rejects(fetchKeySet(discovery, { confirmKeyUrl: async (u) => (asked.push(u), false) }), declined);
      assert.deepEqual(asked, [`${keyHost.origin}/certs`]);
      assert.deepEqual(keyHost.hits, [], 'the foreign key URL was fetched before the person agreed');
      // Agreed: fetched from there.
      const fetched = await fetchKeySet(discovery, { confirmKeyUrl: async () => true });
      assert.deepEqual(fetched, { jwks: keys, url: `${keyHost.origin}/certs`, issuer: issuer.origin });
      assert.deepEqual(keyHost.hits, ['/certs']);
    } finally {
      await Promise.all([keyHost.close(), issuer.close()]);
    }
  });

  it('fetches a same-origin jwks_uri without asking; never a non-https, non-loopback one', async () => {
    const issuer = await jsonServer((origin) => ({ issuer: origin, jwks_uri: `${origin}/jwks` }));
    const foreignHttp = await jsonServer(() => ({ issuer: 'x', jwks_uri: 'http://keys.example/jwks' }));
    try {
      let asked = 0;
      const confirm = async (): Promise<boolean> => (asked++, true);
      const same = await fetchKeySet(`${issuer.origin}/.well-known/openid-configuration`, { confirmKeyUrl: confirm });
      assert.deepEqual(same, { jwks: { issuer: issuer.origin, jwks_uri: `${issuer.origin}/jwks` }, url: `${issuer.origin}/jwks`, issuer: issuer.origin });
      assert.equal(asked, 0);
      await assert.rejects(
        fetchKeySet(`${foreignHttp.origin}/.well-known/openid-configuration`, { confirmKeyUrl: confirm }),
        (err) => isAuthLensError(err) && err.code === 'unsupported',
      );
      assert.equal(asked, 0, 'a URL that is never fetched is not offered');
    } finally {
      await Promise.all([issuer.close(), foreignHttp.close()]);
    }
  });
});
