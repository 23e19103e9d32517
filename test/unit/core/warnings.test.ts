import * as assert from 'node:assert/strict';
import { decodeJwt, type DecodedJwt } from '../../../src/core/decode';
import type { JsonObject } from '../../../src/core/json';
import { sensitiveFields, tokenWarnings, warningTexts, type WarningCode } from '../../../src/core/warnings';
import { authingExampleTokenClaims, authingSessionExample } from '../../fixtures/seedExamples';
import { makeToken, rawToken } from '../../fixtures/tokens';

const NOW = Date.UTC(2026, 3, 15, 8);
const nowS = NOW / 1000;

function decoded(header: JsonObject, payload: JsonObject): DecodedJwt {
  const r = decodeJwt(rawToken(header, payload));
  assert.ok(r.ok);
  return r.token;
}
function codes(d: DecodedJwt, opts?: Parameters<typeof tokenWarnings>[2]): WarningCode[] {
  return tokenWarnings(d, NOW, opts).map((w) => w.code);
}
const RS = { alg: 'RS256', typ: 'JWT' };
const fresh = { sub: 'u', iat: nowS - 60, exp: nowS + 600 };

describe('core/warnings', () => {
  it('a well-formed short-lived RS256 token has no warnings', async () => {
    const r = decodeJwt(await makeToken({ alg: 'RS256', claims: fresh }));
    assert.ok(r.ok);
    assert.deepEqual(tokenWarnings(r.token, NOW), []);
  });

  it('alg none is an error; HS* is noted', () => {
    const none = tokenWarnings(decoded({ alg: 'none' }, fresh), NOW);
    assert.equal(none[0]?.code, 'alg-none');
    assert.equal(none[0]?.severity, 'error');
    assert.match(none[0]?.hint ?? '', /RFC 8725/);
    const hs = tokenWarnings(decoded({ alg: 'HS256' }, fresh), NOW);
    assert.deepEqual(
      hs.map((w) => [w.code, w.severity]),
      [['alg-symmetric', 'info']],
    );
  });

  it('no exp, expired, expired within the skew', () => {
    assert.deepEqual(codes(decoded(RS, { sub: 'u' })), ['no-exp']);
    const expired = tokenWarnings(decoded(RS, { exp: nowS - 3600 }), NOW);
    assert.deepEqual(
      expired.map((w) => [w.code, w.severity, w.field]),
      [['expired', 'error', 'exp']],
    );
    assert.deepEqual(codes(decoded(RS, { exp: nowS - 10 })), ['expired-within-skew']);
    assert.deepEqual(codes(decoded(RS, { exp: nowS - 10 }), { skewMs: 0 }), ['expired']);
  });

  it('an exp of exactly now is expired; a non-numeric exp is not "no expiry"', () => {
    assert.deepEqual(codes(decoded(RS, { exp: nowS })), ['expired-within-skew']);
    assert.deepEqual(codes(decoded(RS, { exp: 'soon' })), []);
  });

  it('nbf in the future (even within the skew), iat in the future beyond the skew', () => {
    assert.deepEqual(codes(decoded(RS, { nbf: nowS + 600, exp: nowS + 3600 })), ['nbf-future']);
    // Not yet valid is not yet valid; the skew allowance is a note in the views, not a pardon.
    assert.deepEqual(codes(decoded(RS, { nbf: nowS + 30, exp: nowS + 3600 })), ['nbf-future']);
    assert.deepEqual(codes(decoded(RS, { iat: nowS + 600, exp: nowS + 3600 })), ['iat-future']);
  });

  it('exp before iat is an error', () => {
    const w = tokenWarnings(decoded(RS, { iat: nowS - 60, exp: nowS - 120 }), NOW);
    assert.deepEqual(
      w.map((x) => [x.code, x.severity]),
      [
        ['expired', 'error'],
        ['exp-before-iat', 'error'],
      ],
    );
  });

  it('access tokens living over 24 h (explicit kind, at+jwt, or scope/client_id)', () => {
    const long = { sub: 'u', iat: nowS - 60, exp: nowS + 48 * 3600 };
    assert.deepEqual(codes(decoded(RS, long)), [], 'a plain JWT: no lifetime opinion');
    assert.deepEqual(codes(decoded(RS, long), { kind: 'access-token' }), ['long-lifetime']);
    assert.deepEqual(codes(decoded({ alg: 'RS256', typ: 'at+jwt' }, long)), ['long-lifetime']);
    assert.deepEqual(codes(decoded(RS, { ...long, scope: 'openid', client_id: 'c' })), ['long-lifetime']);
    assert.deepEqual(codes(decoded(RS, { ...long, scope: 'openid', nonce: 'n' })), [], 'an ID token');
    assert.deepEqual(codes(decoded(RS, long), { kind: 'id-token' }), []);
    assert.deepEqual(codes(decoded(RS, { ...long, exp: nowS + 23 * 3600 }), { kind: 'access-token' }), []);
  });

  it('jku, x5u and jwk in the header are noted', () => {
    const w = tokenWarnings(decoded({ ...RS, jku: 'https://evil.example/jwks', x5u: 'https://evil.example/cert', jwk: { kty: 'oct' } }, fresh), NOW);
    assert.deepEqual(
      w.map((x) => [x.code, x.field, x.severity]),
      [
        ['key-url-header', 'jku', 'info'],
        ['key-url-header', 'x5u', 'info'],
        ['embedded-jwk', 'jwk', 'info'],
      ],
    );
    assert.match(w[0]!.message, /never follows/);
  });

  it('sensitive fields in the payload are errors, listed first', () => {
    const w = tokenWarnings(decoded({ alg: 'HS256' }, { ...fresh, user: { passwordHash: '$2b$10$abc', refresh_token: 'rt' }, salt: '' }), NOW);
    assert.deepEqual(
      w.map((x) => [x.code, x.field]),
      [
        ['sensitive-field', 'user.passwordHash'],
        ['sensitive-field', 'user.refresh_token'],
        ['alg-symmetric', 'alg'],
      ],
    );
  });

  it('every warning has a message and a hint; t() localises them', () => {
    for (const [code, w] of Object.entries(warningTexts)) {
      assert.ok(w.message.length > 15 && w.hint.length > 15, code);
    }
    const w = tokenWarnings(decoded({ alg: 'none' }, {}), NOW, { t: (s) => `«${s}»` });
    assert.ok(w.every((x) => x.message.startsWith('«') && x.hint?.startsWith('«')));
  });

  describe('sensitiveFields', () => {
    it('flags the Authing seed example: password and salt leak, empty ones are marked empty', () => {
      const found = sensitiveFields(authingSessionExample);
      const leaking = found.filter((f) => !f.empty).map((f) => [f.path, f.kind]);
      assert.deepEqual(leaking, [
        ['userInfo.password', 'password'],
        ['userInfo.salt', 'salt'],
      ]);
      const empty = found
        .filter((f) => f.empty)
        .map((f) => f.path)
        .sort();
      assert.deepEqual(empty, [
        'userInfo.encryptedPassword',
        'userInfo.secretInfo',
        'userInfo.thirdPartyIdentity.accessToken',
        'userInfo.thirdPartyIdentity.refreshToken',
      ]);
      // Look-alikes are not secrets.
      assert.ok(!found.some((f) => /passwordSecurityLevel|resetPasswordOnFirstLogin|token$/.test(f.path)));
      assert.deepEqual(sensitiveFields(authingExampleTokenClaims as JsonObject), []);
    });

    it('walks arrays and odd keys, with a path prefix', () => {
      const f = sensitiveFields({ items: [{ client_secret: 'x' }, { 'private-key': 'k' }], 'a.b': { OTP_SECRET: 's', apiKey: 'k' } }, 'body');
      // Breadth first: shallower findings come first.
      assert.deepEqual(
        f.map((x) => [x.path, x.kind]),
        [
          ['body["a.b"].OTP_SECRET', 'secret'],
          ['body["a.b"].apiKey', 'api-key'],
          ['body.items[0].client_secret', 'secret'],
          ['body.items[1]["private-key"]', 'private-key'],
        ],
      );
    });

    it('is depth-limited and copes with huge or deep input', () => {
      let deep: JsonObject = { password: 'deep' };
      for (let i = 0; i < 5000; i++) deep = { a: deep };
      assert.deepEqual(sensitiveFields(deep), []);
      const wide: JsonObject = {};
      for (let i = 0; i < 10_000; i++) wide[`k${i}`] = { v: i };
      wide['secret'] = 'x';
      assert.deepEqual(
        sensitiveFields(wide).map((x) => x.path),
        ['secret'],
      );
      assert.deepEqual(sensitiveFields('password'), []);
      assert.deepEqual(sensitiveFields(null), []);
    });
  });
});
