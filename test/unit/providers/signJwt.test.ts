/**
 * The Edit tab's signer: every alg round-trips (jose verifies with the public key the test made),
 * a key that cannot sign the header's alg is refused with what it is, bad keys get the reader's
 * reasons, and the real oidc-provider accepts client assertions made by `signJwt`.
 */
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { compactVerify, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { decodeJwt } from '../../../src/core/decode';
import { encodeSegment } from '../../../src/core/jwtCompose';
import { signJwt, signingAlgorithms, type SignResult } from '../../../src/providers/signJwt';
import { realOidcServer } from './oidcHelpers';

const payload = { sub: 'user-1', iss: 'https://issuer.test', aud: 'api', z: 1, a: 'last-but-one', n: { deep: [1, 2] } };

async function keys(alg: string, opts: Record<string, unknown> = {}): Promise<{ pem: string; jwk: string; publicKey: CryptoKey }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...opts });
  return { pem: await exportPKCS8(privateKey), jwk: JSON.stringify(await exportJWK(privateKey)), publicKey };
}

function token(result: SignResult): string {
  assert.ok(result.ok, `not signed: ${JSON.stringify(!result.ok && result.problem)}`);
  return result.token;
}

function problem(result: SignResult): Record<string, unknown> {
  assert.ok(!result.ok, 'signed, but a refusal was expected');
  return result.problem;
}

describe('providers/signJwt', function () {
  this.timeout(30_000);

  for (const alg of ['HS256', 'HS384', 'HS512']) {
    it(`${alg}: signs with the secret's bytes; jose verifies with the same secret and refuses another`, async () => {
      const secret = `a-secret-for-${alg}-that-is-long-enough-for-any-hmac-size-0123456789`;
      const jwt = token(await signJwt({ alg, typ: 'JWT' }, payload, { kind: 'secret', secret }));
      const { payload: verified, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode(secret), { algorithms: [alg] });
      assert.deepEqual(verified, payload);
      assert.equal(protectedHeader.alg, alg);
      await assert.rejects(jwtVerify(jwt, new TextEncoder().encode(`${secret}x`), { algorithms: [alg] }), /signature/i);
    });
  }

  for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']) {
    it(`${alg}: signs with a PKCS#8 PEM and with a private JWK; jose verifies with the test's public key`, async () => {
      const k = await keys(alg === 'EdDSA' ? 'Ed25519' : alg);
      for (const text of [k.pem, k.jwk]) {
        const jwt = token(await signJwt({ alg, kid: 'k1' }, payload, { kind: 'privateKey', text }));
        const { protectedHeader } = await compactVerify(jwt, k.publicKey, { algorithms: [alg] });
        assert.deepEqual(protectedHeader, { alg, kid: 'k1' });
        const decoded = decodeJwt(jwt);
        assert.deepEqual(decoded.ok ? decoded.token.payload : decoded.error.code, payload);
      }
    });
  }

  it('covers every alg it claims to sign', () => {
    assert.deepEqual([...signingAlgorithms].sort(), [
      'ES256',
      'ES384',
      'ES512',
      'Ed25519',
      'EdDSA',
      'HS256',
      'HS384',
      'HS512',
      'PS256',
      'PS384',
      'PS512',
      'RS256',
      'RS384',
      'RS512',
    ]);
  });

  it('serialises the payload as given: key order kept, the same bytes as encodeSegment', async () => {
    const jwt = token(await signJwt({ alg: 'HS256' }, payload, { kind: 'secret', secret: 's'.repeat(32) }));
    assert.equal(jwt.split('.')[1], encodeSegment(payload));
    assert.deepEqual(Object.keys(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as object), Object.keys(payload));
  });

  it('refuses a key of another type or curve, saying what the key is and what it signs', async () => {
    const p384 = await keys('ES384');
    assert.deepEqual(problem(await signJwt({ alg: 'ES256' }, payload, { kind: 'privateKey', text: p384.pem })), {
      code: 'alg-key-mismatch',
      alg: 'ES256',
      keyType: 'EC P-384',
      keyAlgs: ['ES384'],
    });
    const rsa = await keys('RS256');
    const mismatch = problem(await signJwt({ alg: 'EdDSA' }, payload, { kind: 'privateKey', text: rsa.jwk }));
    assert.equal(mismatch['code'], 'alg-key-mismatch');
    assert.equal(mismatch['keyType'], 'RSA 2048');
    assert.deepEqual(mismatch['keyAlgs'], ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);
    const ed = await keys('Ed25519');
    assert.deepEqual(problem(await signJwt({ alg: 'RS256' }, payload, { kind: 'privateKey', text: ed.pem })), {
      code: 'alg-key-mismatch',
      alg: 'RS256',
      keyType: 'Ed25519',
      keyAlgs: ['EdDSA', 'Ed25519'],
    });
  });

  it('refuses a secret for an asymmetric alg and a private key for HS*, and a JWK whose alg differs', async () => {
    assert.deepEqual(problem(await signJwt({ alg: 'RS256' }, payload, { kind: 'secret', secret: 'shh' })), { code: 'needs-private-key', alg: 'RS256' });
    const ec = await keys('ES256');
    assert.deepEqual(problem(await signJwt({ alg: 'HS256' }, payload, { kind: 'privateKey', text: ec.pem })), { code: 'needs-secret', alg: 'HS256' });
    const jwkWithAlg = JSON.stringify({ ...(JSON.parse(ec.jwk) as object), alg: 'ES256' });
    const rsa = await keys('RS256');
    const rsJwk = JSON.stringify({ ...(JSON.parse(rsa.jwk) as object), alg: 'PS256' });
    assert.deepEqual(problem(await signJwt({ alg: 'RS256' }, payload, { kind: 'privateKey', text: rsJwk })), {
      code: 'jwk-alg-mismatch',
      alg: 'RS256',
      jwkAlg: 'PS256',
    });
    assert.ok(token(await signJwt({ alg: 'ES256' }, payload, { kind: 'privateKey', text: jwkWithAlg })));
  });

  it('gives the key reader reasons: not a key, PKCS#1, a public key, a public JWK, a broken PEM, a short RSA key', async () => {
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pkcs1 = rsa1024.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    const ec = await keys('ES256');
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const cases: [string, Record<string, unknown>][] = [
      ['not a key at all', { code: 'key-unreadable', problem: 'not-pem-or-jwk' }],
      [pkcs1, { code: 'key-unreadable', problem: 'pkcs1' }],
      [await exportSPKI(publicKey), { code: 'key-unreadable', problem: 'public-key' }],
      [JSON.stringify(await exportJWK(publicKey)), { code: 'key-unreadable', problem: 'jwk-public' }],
      [ec.pem.replace(/[A-Za-z0-9+/]{20}\n/, 'AAAAAAAAAAAAAAAAAAAA\n'), { code: 'key-unreadable', problem: 'unreadable' }],
      ['{"kty": "EC", "d": ', { code: 'key-unreadable', problem: 'unreadable' }],
      [rsa1024.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { code: 'rsa-too-short', bits: 1024 }],
    ];
    for (const [text, expected] of cases) {
      const got = problem(await signJwt({ alg: 'RS256' }, payload, { kind: 'privateKey', text }));
      assert.deepEqual(got, expected, text.slice(0, 40));
      // A refusal never carries key text.
      const keyPart = text.slice(30, 60);
      assert.ok(!JSON.stringify(got).includes('PRIVATE') && (keyPart === '' || !JSON.stringify(got).includes(keyPart)));
    }
  });

  it('refuses alg none, algs it does not sign and an empty secret', async () => {
    assert.deepEqual(problem(await signJwt({ alg: 'none' }, payload, { kind: 'secret', secret: 's' })), { code: 'alg-none' });
    assert.deepEqual(problem(await signJwt({ alg: 'ES256K' }, payload, { kind: 'secret', secret: 's' })), { code: 'unsupported-alg', alg: 'ES256K' });
    assert.deepEqual(problem(await signJwt({ alg: 'HS256' }, payload, { kind: 'secret', secret: '' })), { code: 'secret-empty' });
  });

  describe('client assertions accepted by the real oidc-provider (client_credentials)', () => {
    const secret = 'a-client-secret-of-at-least-32-bytes-for-hs256';
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'edit-tab', alg: 'ES256', use: 'sig' };
    const service = { grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: 'api:read' };
    const real = realOidcServer({
      clients: [
        { ...service, client_id: 'jwt-client', client_secret: secret, token_endpoint_auth_method: 'client_secret_jwt' },
        {
          ...service,
          client_id: 'pk-client',
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'ES256',
          jwks: { keys: [publicJwk] },
        },
      ],
    });

    async function tokenRequest(clientId: string, assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`${real.server.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }).toString(),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    function claims(clientId: string): Record<string, string | number> {
      const now = Math.floor(Date.now() / 1000);
      return { iss: clientId, sub: clientId, aud: `${real.server.issuer}/token`, jti: randomUUID(), iat: now, exp: now + 60 };
    }

    it('client_secret_jwt: HS256 with the client secret gets an access token; a wrong secret gets invalid_client', async () => {
      const ok = await tokenRequest('jwt-client', token(await signJwt({ alg: 'HS256', typ: 'JWT' }, claims('jwt-client'), { kind: 'secret', secret })));
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(typeof ok.body['access_token'], 'string');
      const bad = await tokenRequest('jwt-client', token(await signJwt({ alg: 'HS256' }, claims('jwt-client'), { kind: 'secret', secret: `${secret}-not` })));
      assert.equal(bad.status, 401);
      assert.equal(bad.body['error'], 'invalid_client');
    });

    it('private_key_jwt: ES256 with the registered key (PKCS#8 PEM) gets an access token', async () => {
      const ok = await tokenRequest(
        'pk-client',
        token(await signJwt({ alg: 'ES256', kid: 'edit-tab' }, claims('pk-client'), { kind: 'privateKey', text: pem })),
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body['token_type'], 'Bearer');
    });
  });
});
