import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { MAX_SIGNED_COOKIE_LENGTH, parseSignedCookie, type SignedCookie } from '../../../src/core/signedCookie';
import { cookieSignatureTexts, signedCookieTemplates, signedCookieWords } from '../../../src/core/signedCookieText';
import { tokenVerdict } from '../../../src/core/verdict';
import { verdictWords } from '../../../src/core/verdictText';
import { betterAuthCookie, cookieSignatureSign, expressSessionCookie, flaskCookie, sessionId } from '../../fixtures/signedCookies';
import { JWT_IO_DEFAULT } from '../../fixtures/tokens';
import en from '../../../l10n/bundle.l10n.json';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';

const SIGNED_AT = 1_780_000_000;

function roles(c: SignedCookie | undefined): string[] {
  return (c?.parts ?? []).map((p) => p.role);
}

describe('core/signedCookie', () => {
  describe('recognises each format, URL-encoded or not, bare or named', () => {
    const id = sessionId();
    const express = expressSessionCookie(id);
    const cases: Array<[string, string, SignedCookie['format'], string[], string | undefined]> = [
      ['express-session, URL-encoded', express, 'express-session', ['prefix', 'session-id', 'signature'], undefined],
      ['express-session, decoded', decodeURIComponent(express), 'express-session', ['prefix', 'session-id', 'signature'], undefined],
      ['express-session, name=', `connect.sid=${express}`, 'express-session', ['prefix', 'session-id', 'signature'], 'connect.sid'],
      [
        'express-session in a Cookie: header, second pair',
        `Cookie: theme=dark; authing_session=${express}; x=1`,
        'express-session',
        ['prefix', 'session-id', 'signature'],
        'authing_session',
      ],
      [
        'express-session in a Set-Cookie: line',
        `Set-Cookie: connect.sid=${express}; Path=/; HttpOnly`,
        'express-session',
        ['prefix', 'session-id', 'signature'],
        'connect.sid',
      ],
      ['cookie-signature without s:', cookieSignatureSign('user-42'), 'cookie-signature', ['value', 'signature'], undefined],
      ['Better Auth, URL-encoded', betterAuthCookie(), 'better-auth', ['token', 'signature'], undefined],
      ['Better Auth, decoded', decodeURIComponent(betterAuthCookie()), 'better-auth', ['token', 'signature'], undefined],
      [
        'Better Auth, __Secure- name',
        `__Secure-better-auth.session_token=${betterAuthCookie()}`,
        'better-auth',
        ['token', 'signature'],
        '__Secure-better-auth.session_token',
      ],
      ['Flask', flaskCookie({ user_id: 42 }, SIGNED_AT), 'itsdangerous', ['payload', 'timestamp', 'signature'], undefined],
      [
        'Flask, compressed',
        flaskCookie({ cart: 'x'.repeat(200) }, SIGNED_AT, undefined, true),
        'itsdangerous',
        ['prefix', 'payload', 'timestamp', 'signature'],
        undefined,
      ],
      ['Flask, name=', `session=${flaskCookie({ a: 1 }, SIGNED_AT)}`, 'itsdangerous', ['payload', 'timestamp', 'signature'], 'session'],
    ];
    for (const [name, text, format, expectedRoles, cookieName] of cases) {
      it(name, () => {
        const c = parseSignedCookie(text);
        assert.equal(c?.format, format);
        assert.deepEqual(roles(c), expectedRoles);
        assert.equal(c?.cookieName, cookieName);
        // The parts are slices of the decoded value at their offsets.
        for (const p of c.parts) assert.equal(c.value.slice(p.start, p.end), p.text);
      });
    }

    it('the signed value is exactly what the HMAC covers', () => {
      const c = parseSignedCookie(`connect.sid=${expressSessionCookie(id)}`)!;
      assert.equal(c.signedValue, id);
      assert.equal(c.urlDecoded, true);
      assert.equal(c.signatureEncoding, 'base64');
      assert.equal(c.algorithm, 'HMAC-SHA256');
      const ba = parseSignedCookie(betterAuthCookie('T'.repeat(32)))!;
      assert.equal(ba.signedValue, 'T'.repeat(32));
      assert.equal(ba.signatureEncoding, 'base64-padded');
      const flask = parseSignedCookie(flaskCookie({ user_id: 42 }, SIGNED_AT))!;
      assert.equal(flask.signedValue, flask.value.slice(0, flask.value.lastIndexOf('.')));
      assert.equal(flask.algorithm, 'HMAC-SHA1');
    });

    it('Flask: the payload as JSON and the timestamp as an instant; compressed is left to the host', () => {
      const flask = parseSignedCookie(flaskCookie({ user_id: 42, _fresh: true }, SIGNED_AT))!;
      assert.deepEqual(flask.payload?.json, { user_id: 42, _fresh: true });
      assert.equal(flask.issuedAt, SIGNED_AT);
      const packed = parseSignedCookie(flaskCookie({ a: 'y'.repeat(100) }, SIGNED_AT, undefined, true))!;
      assert.equal(packed.payload?.compressed, true);
      assert.equal(packed.payload?.json, undefined);
      assert.match(signedCookieWords(packed).notes.join('\n'), /zlib-compressed/);
    });

    it('the seed Authing example (seed 001) reads as express-session', () => {
      const c = parseSignedCookie('authing_session=s%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9.z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI');
      assert.equal(c?.format, 'express-session');
      assert.equal(c?.signedValue, '594D7KjGtUeudyZ6P06caxODTMBoYXE9');
    });
  });

  describe('refuses what is no signed cookie', () => {
    const express = decodeURIComponent(expressSessionCookie());
    const cases: Record<string, string> = {
      'a JWT (HS256: its signature is 43 characters too)': JWT_IO_DEFAULT,
      'two JWT-like parts': JWT_IO_DEFAULT.split('.').slice(0, 1).join('') + '.' + 'A'.repeat(43),
      'a truncated signature': express.slice(0, -1),
      'a signature one character too long': express + 'A',
      'a signature with non-zero spare bits': express.slice(0, -1) + 'B',
      'no signed part': 's:.' + 'A'.repeat(43),
      'a host name': 'www.example.com',
      'a URL': 'https://example.com/a/b.' + 'A'.repeat(43),
      'whitespace inside': `s:abc def.${'A'.repeat(43)}`,
      'invalid UTF-8 in the URL encoding': `s%3A%FFabc.${'A'.repeat(43)}`,
      'Flask with a timestamp before 2000': flaskCookie({ a: 1 }, 100_000),
      'Flask whose payload is not JSON': `${Buffer.from('not json').toString('base64url')}.${Buffer.from([0x6a, 0x1a, 0x2b, 0x3c]).toString('base64url')}.${'A'.repeat(27)}`,
      'too long': `s:${'a'.repeat(MAX_SIGNED_COOKIE_LENGTH)}.${'A'.repeat(43)}`,
      empty: '',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => assert.equal(parseSignedCookie(text), undefined));
    }
  });

  describe('hostile parts stay text', () => {
    it('HTML in the session id is kept verbatim, as a part, not interpreted', () => {
      const html = '<img/src=x/onerror=alert(1)><script>alert(2)</script>';
      const c = parseSignedCookie(encodeURIComponent(`s:${cookieSignatureSign(html)}`));
      assert.equal(c?.parts[1]?.text, html);
      assert.equal(c?.signedValue, html);
    });

    it('a Flask payload with invalid UTF-8 is shown with U+FFFD and says so', () => {
      const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const signed = `${bytes.toString('base64url')}.${Buffer.from([0x6a, 0x1a, 0x2b, 0x3c]).toString('base64url')}`;
      const key = createHmac('sha1', 'k').update('cookie-session').digest();
      const c = parseSignedCookie(`${signed}.${createHmac('sha1', key).update(signed).digest('base64url')}`);
      assert.equal(c?.payload?.invalidUtf8, true);
      assert.deepEqual(c?.payload?.json, { a: '\ufffd\ufffd' });
      assert.match(signedCookieWords(c).notes.join('\n'), /not valid UTF-8/);
    });
  });

  describe('the verdict', () => {
    it('a JWT stays a JWT', () => {
      assert.equal(tokenVerdict(JWT_IO_DEFAULT, 0).kind, 'jws');
      assert.equal(tokenVerdict(`session=${JWT_IO_DEFAULT}`, 0).kind, 'jws');
    });

    it('a signed cookie, with name= as a repair and the parts in words', () => {
      const v = tokenVerdict(`authing_session=${expressSessionCookie()}`, 0);
      assert.equal(v.kind, 'signed-cookie');
      assert.deepEqual(v.repairs, ['cookie']);
      assert.equal(v.cookie?.cookieName, 'authing_session');
      const words = verdictWords(v);
      assert.equal(words.kindLabel, 'Signed session cookie');
      assert.equal(words.cookie?.formatLabel, 'express-session cookie (cookie-signature, HMAC-SHA256)');
      assert.deepEqual(
        words.cookie?.parts.map((p) => p.label),
        ['Prefix', 'Session id', 'Signature'],
      );
      assert.ok(words.cookie?.parts.every((p) => p.explanation.length > 0));
    });

    it('a Cookie: header whose signed cookie is not the first pair', () => {
      const v = tokenVerdict(`Cookie: theme=dark; better-auth.session_token=${betterAuthCookie()}`, 0);
      assert.equal(v.kind, 'signed-cookie');
      assert.equal(v.cookie?.format, 'better-auth');
      assert.equal(v.cookie?.cookieName, 'better-auth.session_token');
    });

    it('a Better Auth value after Bearer is the signed token, not an opaque one', () => {
      const v = tokenVerdict(`Bearer ${decodeURIComponent(betterAuthCookie())}`, 0);
      assert.equal(v.kind, 'signed-cookie');
      assert.deepEqual(v.repairs, ['bearer']);
    });

    it('Flask: found in a document, the name before it is the cookie name', () => {
      const value = flaskCookie({ a: 1 }, SIGNED_AT);
      const v = tokenVerdict(value, 0, { context: { before: 'Cookie: session=', after: '' } });
      assert.equal(v.kind, 'signed-cookie');
      assert.equal(v.cookie?.cookieName, 'session');
    });
  });

  it('a Better Auth token that starts like a JSON header is still a cookie (its MAC shape is no JWT)', () => {
    // Alphanumeric, as better-auth's generateId makes them; `ewr4` and `IHsJ` decode to "{\n" and " {\t".
    for (const token of ['ewr41HRClOBXGQGY26FyWoSv7VlVxgc3', 'IHsJyLkSr1jPakFaxN2vrftxutxEVX6k', 'eyJ0b2tlbiI6IjEyMzQ1Njc4OTAxMiJ9']) {
      const cookie = parseSignedCookie(betterAuthCookie(token));
      assert.equal(cookie?.format, 'better-auth', token);
      assert.equal(cookie?.signedValue, token);
      assert.equal(tokenVerdict(`better-auth.session_token=${betterAuthCookie(token)}`, 0).kind, 'signed-cookie', token);
    }
  });

  it('every template is in the English and Chinese runtime bundles, with the same placeholders', () => {
    const bundles = [en as Record<string, string>, zh as Record<string, string>];
    const missing = signedCookieTemplates().filter((s) => bundles.some((b) => !(s in b)));
    assert.deepEqual(missing, []);
    for (const s of signedCookieTemplates()) assert.equal((zh as Record<string, string>)[s]!.match(/\{\d+\}/g)?.join(), s.match(/\{\d+\}/g)?.join(), s);
    assert.ok(Object.values(cookieSignatureTexts).every((s) => signedCookieTemplates().includes(s)));
  });

  it('words are translated', () => {
    const c = parseSignedCookie(betterAuthCookie())!;
    const w = signedCookieWords(c, (s) => `«${s}»`);
    assert.ok(w.formatLabel.startsWith('«') && w.notChecked.startsWith('«') && w.parts.every((p) => p.label.startsWith('«')));
  });
});
