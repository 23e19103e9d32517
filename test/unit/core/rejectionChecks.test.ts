/** "Why would a server reject this token?": each check's verdict from facts, table-driven. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inferTokenUse, rejectionCheckTemplates, rejectionChecks } from '../../../src/core/rejectionChecks';
import type { JsonObject } from '../../../src/core/json';
import type { RejectionCheckId, RejectionFacts, RejectionVerdict } from '../../../src/core/rejectionTypes';
import { REJECTION_CHECK_IDS } from '../../../src/core/rejectionTypes';

const NOW = Date.UTC(2026, 0, 1, 12);
const S = NOW / 1000;
const ISSUER = 'https://id.example';
const API = 'urn:example:api';
const CLIENT = 'client-1';
const rsaKey: JsonObject = { kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'x', e: 'AQAB' };

/** A valid RFC 9068 access token's facts, with every check passing. */
function accessFacts(): RejectionFacts {
  return {
    header: { alg: 'RS256', typ: 'at+jwt', kid: 'k1' },
    payload: { iss: ISSUER, sub: 'u1', aud: API, client_id: CLIENT, iat: S - 10, exp: S + 600, jti: 'j1' },
    now: NOW,
    skewMs: 60_000,
    tokenUse: 'access',
    provider: { expected: { issuer: ISSUER, audience: API, clientId: CLIENT } },
    keys: { kind: 'set', url: `${ISSUER}/jwks`, keys: [rsaKey] },
    discovery: { issuer: ISSUER, idTokenAlgs: ['RS256'] },
    signature: { valid: true, message: 'key RSA, kid=k1' },
  };
}

function verdicts(f: RejectionFacts): Record<RejectionCheckId, RejectionVerdict> {
  return Object.fromEntries(rejectionChecks(f).map((c) => [c.id, c.verdict])) as Record<RejectionCheckId, RejectionVerdict>;
}

/** The checks that are not `pass`, as `id:verdict`. */
function notPassing(f: RejectionFacts): string[] {
  return Object.entries(verdicts(f))
    .filter(([, v]) => v !== 'pass')
    .map(([id, v]) => `${id}:${v}`);
}

const edit = (over: Partial<RejectionFacts>, payload: JsonObject = {}, header: JsonObject = {}): RejectionFacts => {
  const base = accessFacts();
  return { ...base, ...over, payload: { ...base.payload, ...payload }, header: { ...base.header, ...header } };
};

describe('core/rejectionChecks', () => {
  it('lists every check once, in order, and a valid access token passes them all', () => {
    const checks = rejectionChecks(accessFacts());
    assert.deepEqual(
      checks.map((c) => c.id),
      [...REJECTION_CHECK_IDS],
    );
    assert.deepEqual(notPassing(accessFacts()), []);
  });

  const cases: { name: string; facts: RejectionFacts; expect: string[] }[] = [
    {
      name: 'a bad signature',
      facts: edit({ signature: { valid: false, message: 'The RS256 signature does not match this key' } }),
      expect: ['signature:fail'],
    },
    {
      name: 'a kid not in the set',
      facts: edit({ signature: { valid: false, message: 'no key' } }, {}, { kid: 'rotated' }),
      expect: ['signature:fail', 'kid:fail', 'alg:skipped'],
    },
    { name: 'no kid, one key', facts: edit({}, {}, { kid: undefined as unknown as string }), expect: ['kid:warn'] },
    { name: 'alg none', facts: edit({ signature: undefined }, {}, { alg: 'none' }), expect: ['signature:fail', 'kid:skipped', 'alg:fail'] },
    { name: 'HS256 from an RSA issuer', facts: edit({ signature: undefined }, {}, { alg: 'HS256' }), expect: ['signature:skipped', 'kid:skipped', 'alg:fail'] },
    {
      name: "HS256 verified with the server's own secret, beside RSA keys",
      facts: edit({ signature: { valid: true, message: 'HS256 shared secret (32 bytes)' } }, {}, { alg: 'HS256' }),
      expect: ['kid:skipped', 'alg:warn'],
    },
    {
      name: 'HS256 with a wrong secret and no provider',
      facts: edit({ provider: undefined, keys: undefined, discovery: undefined, signature: { valid: false, message: 'does not match' } }, {}, { alg: 'HS256' }),
      expect: ['signature:fail', 'kid:skipped', 'alg:skipped', 'iss:skipped', 'aud:skipped'],
    },
    { name: 'a key for another alg', facts: edit({}, {}, { alg: 'RS512' }), expect: ['alg:fail'] },
    { name: 'another issuer', facts: edit({}, { iss: 'https://evil.example' }), expect: ['iss:fail'] },
    { name: 'another audience', facts: edit({}, { aud: ['urn:other'] }), expect: ['aud:fail'] },
    { name: 'no aud', facts: edit({}, { aud: undefined as unknown as string }), expect: ['aud:fail', 'required:fail'] },
    { name: 'expired beyond the skew', facts: edit({}, { exp: S - 120 }), expect: ['exp:fail'] },
    { name: 'expired within the skew', facts: edit({}, { exp: S - 30 }), expect: ['exp:warn'] },
    { name: 'nbf beyond the skew', facts: edit({}, { nbf: S + 120 }), expect: ['nbf:fail'] },
    { name: 'nbf within the skew', facts: edit({}, { nbf: S + 30 }), expect: ['nbf:warn'] },
    { name: 'iat in the future', facts: edit({}, { iat: S + 3600 }), expect: ['iat:fail'] },
    { name: 'exp as a string', facts: edit({}, { exp: '1700000000' }), expect: ['exp:fail'] },
    { name: 'typ JWT on an access token', facts: edit({}, {}, { typ: 'JWT' }), expect: ['typ:fail'] },
    { name: 'no jti', facts: edit({}, { jti: undefined as unknown as string }), expect: ['required:fail'] },
    { name: 'a wider skew accepts an expired token as a warning', facts: edit({ skewMs: 600_000 }, { exp: S - 120 }), expect: ['exp:warn'] },
    {
      name: 'no provider: the checks that need one are skipped, the rest run',
      facts: edit({ provider: undefined, keys: undefined, signature: undefined, discovery: undefined }, { exp: S - 3600 }),
      expect: ['signature:skipped', 'kid:skipped', 'alg:skipped', 'iss:skipped', 'aud:skipped', 'exp:fail'],
    },
    {
      name: 'keys that could not be fetched',
      facts: edit({ keys: { kind: 'unavailable', reason: 'HTTP 500' }, signature: undefined }),
      expect: ['signature:skipped', 'kid:skipped', 'alg:skipped'],
    },
    { name: 'an unknown kind: typ and required are not checked', facts: edit({ tokenUse: 'unknown' }), expect: ['typ:skipped', 'required:skipped'] },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.expect.join(' ')}`, () => {
      const payload: JsonObject = Object.fromEntries(Object.entries(c.facts.payload).filter(([, v]) => v !== undefined));
      const header: JsonObject = Object.fromEntries(Object.entries(c.facts.header).filter(([, v]) => v !== undefined));
      assert.deepEqual(notPassing({ ...c.facts, payload, header }), c.expect);
    });
  }

  it('ID tokens: aud is the client id, azp is checked with several audiences, discovery algs count, typ at+jwt fails', () => {
    const id = (payload: JsonObject, header: JsonObject = {}): RejectionFacts => ({
      ...accessFacts(),
      tokenUse: 'id',
      header: { alg: 'RS256', kid: 'k1', ...header },
      payload: { iss: ISSUER, sub: 'u1', aud: CLIENT, iat: S, exp: S + 600, nonce: 'n', ...payload },
    });
    assert.deepEqual(notPassing(id({})), []);
    assert.deepEqual(notPassing(id({ aud: [CLIENT, 'other'], azp: 'other' })), ['aud:fail']);
    assert.deepEqual(notPassing(id({ aud: [CLIENT, 'other'] })), ['aud:warn']);
    assert.deepEqual(notPassing(id({}, { typ: 'at+jwt' })), ['typ:fail']);
    assert.deepEqual(notPassing({ ...id({}), discovery: { issuer: ISSUER, idTokenAlgs: ['ES256'] } }), ['alg:fail']);
    const { nonce: _nonce, ...withoutNonce } = id({}).payload;
    const required = rejectionChecks({ ...id({}), payload: withoutNonce }).find((c) => c.id === 'required');
    assert.match(required?.message ?? '', /No nonce/);
  });

  it('names expected and actual values, as bounded plain text', () => {
    const aud = rejectionChecks(edit({}, { aud: 'urn:other\u202e<b>x</b>' })).find((c) => c.id === 'aud');
    assert.equal(aud?.expected, API);
    assert.ok(aud?.actual !== undefined && !aud.actual.includes('\u202e'), aud?.actual);
    const kid = rejectionChecks(edit({ signature: undefined }, {}, { kid: 'gone' })).find((c) => c.id === 'kid');
    assert.equal(kid?.expected, 'k1');
    assert.equal(kid?.actual, 'gone');
    assert.match(kid?.message ?? '', /kid gone is not in the key set at https:\/\/id\.example\/jwks \(it has k1\)/);
  });

  it('1 MB values are cut: every message, expected and actual stays short', () => {
    const big = 'x'.repeat(1024 * 1024);
    const checks = rejectionChecks(
      edit(
        { keys: { kind: 'set', url: big, keys: [{ kty: 'RSA', kid: big }] }, signature: { valid: false, message: big } },
        { iss: big, aud: [big], sub: big },
        { kid: big, typ: big },
      ),
    );
    for (const c of checks) {
      assert.ok(c.message.length < 2000, `${c.id}: ${c.message.length}`);
      assert.ok((c.expected ?? '').length <= 201 && (c.actual ?? '').length <= 201, c.id);
    }
  });

  it('iss uses the known provider quirks (Auth0 trailing slash)', () => {
    const facts = edit({ discovery: undefined, provider: { expected: { issuer: 'https://t.auth0.com/', audience: API } } }, { iss: 'https://t.auth0.com' });
    const iss = rejectionChecks(facts).find((c) => c.id === 'iss');
    assert.equal(iss?.verdict, 'fail');
    assert.match(iss?.message ?? '', /slash/i);
  });

  it('inferTokenUse: the source first, else typ at+jwt', () => {
    assert.equal(inferTokenUse('id-token', { typ: 'at+jwt' }), 'id');
    assert.equal(inferTokenUse('access-token', {}), 'access');
    assert.equal(inferTokenUse(undefined, { typ: 'application/AT+JWT' }), 'access');
    assert.equal(inferTokenUse('session-token', { typ: 'JWT' }), 'unknown');
  });

  it('every text is in both runtime bundles with the same placeholders', () => {
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    for (const s of rejectionCheckTemplates()) {
      assert.ok(s in en && s in zh, s);
      assert.equal((zh[s]!.match(/\{\d+\}/g) ?? []).sort().join(), (s.match(/\{\d+\}/g) ?? []).sort().join(), s);
    }
  });
});
