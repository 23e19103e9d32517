import * as assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader, MAX_TOKEN_LENGTH, stripTokenWrapping, type DecodeResult } from '../../../src/core/decode';
import { errorMessage } from '../../../src/core/errorMessages';
import type { ErrorCode } from '../../../src/core/errors';
import { b64url, fakeJwe, JWT_IO_DEFAULT, makeToken, rawToken, RFC7519_EXAMPLE, type TestAlg } from '../../fixtures/tokens';

function expectError(r: DecodeResult, code: ErrorCode, where?: string) {
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) return;
  assert.equal(r.error.code, code, errorMessage(r.error));
  if (where !== undefined) assert.equal(r.error.details.where, where);
  const msg = errorMessage(r.error);
  assert.ok(msg.length > 10 && !msg.includes('\n'), msg);
  return r.error;
}

describe('core/decode', () => {
  it('decodes the RFC 7519 §3.1 example', () => {
    const r = decodeJwt(RFC7519_EXAMPLE);
    assert.ok(r.ok);
    assert.deepEqual(r.token.header, { typ: 'JWT', alg: 'HS256' });
    assert.deepEqual(r.token.payload, { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    assert.equal(r.token.signature, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    assert.equal(r.token.verified, false);
  });

  it('decodes the jwt.io default token', () => {
    const r = decodeJwt(JWT_IO_DEFAULT);
    assert.ok(r.ok);
    assert.deepEqual(r.token.header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(r.token.payload, { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
    assert.equal(r.token.raw, JWT_IO_DEFAULT);
  });

  for (const alg of ['RS256', 'ES256', 'EdDSA', 'HS256'] as TestAlg[]) {
    it(`decodes a ${alg} token made with jose`, async () => {
      const raw = await makeToken({ alg, claims: { sub: 'user-1', iat: 1700000000, exp: 1700003600, name: '张三 🚀' } });
      const r = decodeJwt(raw);
      assert.ok(r.ok);
      assert.equal(r.token.header['alg'], alg);
      assert.equal(r.token.header['kid'], `test-${alg.toLowerCase()}`);
      assert.deepEqual(r.token.payload, { sub: 'user-1', iat: 1700000000, exp: 1700003600, name: '张三 🚀' });
      assert.ok(r.token.signature.length > 20);
    });
  }

  it('tolerates whitespace, a Bearer prefix and quotes', () => {
    assert.equal(stripTokenWrapping(`  Bearer "${JWT_IO_DEFAULT}"\n`), JWT_IO_DEFAULT);
    for (const input of [` ${JWT_IO_DEFAULT}\n`, `Bearer ${JWT_IO_DEFAULT}`, `bearer  ${JWT_IO_DEFAULT}`, `'${JWT_IO_DEFAULT}'`]) {
      const r = decodeJwt(input);
      assert.ok(r.ok, input);
      assert.equal(r.token.raw, JWT_IO_DEFAULT);
    }
  });

  it('accepts an unsecured token (alg none, empty signature)', () => {
    const r = decodeJwt(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`);
    assert.ok(r.ok);
    assert.equal(r.token.signature, '');
  });

  describe('malformed', () => {
    const [h, p, s] = JWT_IO_DEFAULT.split('.') as [string, string, string];

    it('empty', () => {
      expectError(decodeJwt(''), 'token-empty');
      expectError(decodeJwt('   \n'), 'token-empty');
      expectError(decodeJwt('Bearer '), 'token-empty');
    });

    it('oversized', () => {
      const big = rawToken({ alg: 'HS256' }, { pad: 'x'.repeat(MAX_TOKEN_LENGTH) });
      const e = expectError(decodeJwt(big), 'token-too-large');
      assert.match(errorMessage(e!), /256 KiB/);
      expectError(decodeJwt('e'.repeat(3 * MAX_TOKEN_LENGTH)), 'token-too-large');
    });

    it('2 and 4 segments, saying how many', () => {
      const two = expectError(decodeJwt(`${h}.${p}`), 'token-segment-count');
      assert.equal(two!.details.segmentCount, 2);
      assert.match(errorMessage(two!), /3 parts.*has 2/);
      const four = expectError(decodeJwt(`${h}.${p}.${s}.${s}`), 'token-segment-count');
      assert.equal(four!.details.segmentCount, 4);
      expectError(decodeJwt('eyJhbGciOiJIUzI1NiJ9'), 'token-segment-count');
    });

    it('5 segments without "enc" are not a JWE', () => {
      const noEnc = `${b64url({ alg: 'HS256' })}.${p}.${s}.${s}.${s}`;
      const e = expectError(decodeJwt(noEnc), 'token-segment-count');
      assert.equal(e!.details.segmentCount, 5);
      assert.doesNotMatch(errorMessage(e!), /^The token is encrypted/);
      assert.match(errorMessage(e!), /has 5.*no "enc"/);
    });

    it('a bad character is named with its 1-based position in the token', () => {
      const bad = `${h}.${p.slice(0, 4)}!${p.slice(5)}.${s}`;
      const e = expectError(decodeJwt(bad), 'token-bad-base64url', 'payload');
      assert.equal(e!.details.position, h.length + 1 + 5);
      assert.match(errorMessage(e!), new RegExp(`"!" \\(U\\+0021\\) at position ${h.length + 6}`));
    });

    it('invalid UTF-8 is shown as U+FFFD with a note, never re-read as Latin-1', () => {
      const bytes = Buffer.concat([Buffer.from('{"alg":"HS256","x":"'), Buffer.from([0xc3, 0x28, 0xe9]), Buffer.from('"}')]);
      const r = decodeJwt(`${bytes.toString('base64url')}.${p}.${s}`);
      assert.ok(r.ok);
      assert.equal(r.token.header['x'], '\ufffd(\ufffd');
      assert.deepEqual(r.token.invalidUtf8, ['header']);
      assert.equal(decodeJwt(JWT_IO_DEFAULT).ok && (decodeJwt(JWT_IO_DEFAULT) as { token: { invalidUtf8?: unknown } }).token.invalidUtf8, undefined);
    });

    it('5 segments: JWE, reported as encrypted', () => {
      const e = expectError(decodeJwt(fakeJwe()), 'token-encrypted');
      assert.match(errorMessage(e!), /encrypted/);
      const jwe = decodeProtectedHeader(fakeJwe());
      assert.ok(jwe.ok);
      assert.equal(jwe.header['enc'], 'A256GCM');
    });

    it('standard base64 characters and padding, naming the part', () => {
      const plus = expectError(decodeJwt(`${h}.${p}.${s.slice(0, 3) + '+' + s.slice(4)}`), 'token-bad-base64url', 'signature');
      assert.equal(plus!.details.character, '+');
      assert.match(errorMessage(plus!), /signature is not valid base64url.*"\+".*standard base64/);
      const slash = expectError(decodeJwt(`${h}.${p.slice(0, 10)}/${p.slice(11)}.${s}`), 'token-bad-base64url', 'payload');
      assert.equal(slash!.details.character, '/');
      const padded = expectError(decodeJwt(`${h}==.${p}.${s}`), 'token-bad-base64url', 'header');
      assert.equal(padded!.details.character, '=');
      const space = expectError(decodeJwt(`${h}.${p.slice(0, 5)} ${p.slice(5)}.${s}`), 'token-bad-base64url', 'payload');
      assert.match(errorMessage(space!), /U\+0020/);
      const odd = p + 'A'.repeat((5 - (p.length % 4)) % 4);
      assert.equal(odd.length % 4, 1);
      const len = expectError(decodeJwt(`${h}.${odd}.${s}`), 'token-bad-base64url', 'payload');
      assert.match(errorMessage(len!), /length/);
    });

    it('not JSON, naming the part', () => {
      expectError(decodeJwt(`${b64url('{"alg":"HS256"')}.${p}.${s}`), 'token-not-json', 'header');
      expectError(decodeJwt(`${h}.${b64url('not json at all')}.${s}`), 'token-not-json', 'payload');
    });

    it('an empty part, named as empty', () => {
      assert.match(errorMessage(expectError(decodeJwt(`.${p}.${s}`), 'token-empty-part', 'header')!), /header is empty/);
      assert.match(errorMessage(expectError(decodeJwt(`${h}..${s}`), 'token-empty-part', 'payload')!), /payload is empty/);
    });

    it('JSON array, number or string header or payload', () => {
      for (const v of [[1, 2], 42, 'text', null, true]) {
        expectError(decodeJwt(rawToken(JSON.stringify(v), { sub: 'x' })), 'token-not-object', 'header');
        expectError(decodeJwt(rawToken({ alg: 'HS256' }, JSON.stringify(v))), 'token-not-object', 'payload');
      }
    });

    it('header without alg (or a non-string alg)', () => {
      expectError(decodeJwt(rawToken({ typ: 'JWT' }, { sub: 'x' })), 'token-missing-alg', 'header');
      expectError(decodeJwt(rawToken({ alg: 256 }, { sub: 'x' })), 'token-missing-alg');
      expectError(decodeJwt(rawToken({ alg: '' }, { sub: 'x' })), 'token-missing-alg');
    });

    it('nesting deeper than the limit', () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      expectError(decodeJwt(`${h}.${b64url(`{"a":${deep}}`)}.${s}`), 'token-too-deep', 'payload');
    });
  });

  it('keeps __proto__ as a plain key and pollutes nothing', () => {
    const r = decodeJwt(`${h2()}.${b64url('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')}.c2ln`);
    assert.ok(r.ok);
    assert.equal(Object.getPrototypeOf(r.token.payload), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(r.token.payload, '__proto__'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('decodes large parts (fast path) exactly like small ones', () => {
    const claims = { sub: '张三 🚀', pad: 'é'.repeat(20_000), n: [1, 2.5, null, true] };
    const r = decodeJwt(rawToken({ alg: 'HS256', big: 'x'.repeat(20_000) }, claims));
    assert.ok(r.ok);
    assert.deepEqual(r.token.payload, claims);
    assert.equal((r.token.header['big'] as string).length, 20_000);
    expectError(decodeJwt(rawToken({ alg: 'HS256' }, `{"pad":"${'x'.repeat(20_000)}"`)), 'token-not-json', 'payload');
    expectError(decodeJwt(rawToken({ alg: 'HS256' }, JSON.stringify(['x'.repeat(20_000)]))), 'token-not-object', 'payload');
  });

  it('decodes a token just under the size limit', () => {
    const raw = rawToken({ alg: 'HS256' }, { pad: 'x'.repeat(180_000) });
    assert.ok(raw.length < MAX_TOKEN_LENGTH);
    const r = decodeJwt(raw);
    assert.ok(r.ok);
    assert.equal((r.token.payload['pad'] as string).length, 180_000);
  });
});

function h2() {
  return b64url({ alg: 'HS256' });
}
