import * as assert from 'node:assert/strict';
import { findTokenOnLine, HOVER_WINDOW, opaqueTokenAt, tokenHoverOnLine, type LineSliceReader } from '../../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../../src/editor/hover/hoverTokenStore';
import { fakeJwe, fakeJwt } from '../../../fixtures/hoverTokens';
import { fences, linkTargets, renderedText } from './markdownRender';
import { betterAuthCookie, cookieSignatureSign, flaskCookie } from '../../../fixtures/signedCookies';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const JWT = fakeJwt({ iss: 'https://issuer.test', sub: 'user-1', exp: Math.floor(NOW / 1000) + 720 });

/** A reader over a line that records how much it was asked to read. */
function reader(line: string): LineSliceReader & { read: number } {
  const f = ((from: number, to: number): string => {
    const s = line.slice(from, Math.min(to, line.length));
    f.read += s.length;
    return s;
  }) as LineSliceReader & { read: number };
  f.read = 0;
  return f;
}

const contexts: Array<[string, (t: string) => string]> = [
  ['Bearer header', (t) => `Authorization: Bearer ${t}`],
  ['double quotes', (t) => `const token = "${t}";`],
  ['single quotes', (t) => `token = '${t}'`],
  ['JSON string', (t) => `{"access_token":"${t}","token_type":"Bearer"}`],
  ['cookie', (t) => `Cookie: theme=dark; session=${t}; path=/`],
  ['.env line', (t) => `ID_TOKEN=${t}`],
  ['query string', (t) => `https://app.test/cb?token=${t}&state=xyz`],
  ['fragment', (t) => `https://app.test/cb#id_token=${t}&state=xyz`],
  ['log line', (t) => `2025-06-01T12:00:00Z INFO auth ok token=${t} user=1`],
];

describe('hover: finding the token on a line', () => {
  for (const [name, wrap] of contexts) {
    it(`finds it in a ${name}, at both ends, and not one character outside`, () => {
      const line = wrap(JWT);
      const start = line.indexOf(JWT);
      const end = start + JWT.length;
      for (const at of [start, end - 1, start + 10]) {
        const found = findTokenOnLine(reader(line), at);
        assert.equal(found?.text, JWT, `at ${at}`);
        assert.equal(found?.start, start);
        assert.equal(found?.end, end);
        assert.equal(found?.shape, 'jws');
      }
      for (const at of [start - 1, end]) {
        const found = findTokenOnLine(reader(line), at);
        assert.notEqual(found?.text, JWT, `one character outside (${at}) is not the token`);
      }
    });
  }

  it('reads only a bounded window of a 10 MB line', () => {
    const filler = 'x=1;'.repeat(2_500_000);
    const line = `${filler}a="${JWT}";${filler}`;
    const at = line.indexOf(JWT) + 5;
    const r = reader(line);
    const found = findTokenOnLine(r, at);
    assert.equal(found?.text, JWT);
    assert.ok(r.read <= 2 * HOVER_WINDOW + 1, `read ${r.read} chars`);
    const off = reader(line);
    assert.equal(findTokenOnLine(off, 1000), undefined);
    assert.ok(off.read <= 2 * HOVER_WINDOW + 1);
  });

  it('widens the window once for a token longer than it', () => {
    const big = fakeJwt({ sub: 'u', blob: 'B'.repeat(40_000) });
    const line = `pad ${'y '.repeat(20_000)}Bearer ${big} tail`;
    const at = line.indexOf(big) + big.length - 3;
    const found = findTokenOnLine(reader(line), at);
    assert.ok(found?.text === big, `found ${found?.shape} ${found?.text.length}`);
    assert.equal(found?.shape, 'jws');
  });

  it('gives a 1 MB token a one-line "too large" hover, reading at most the wide window', () => {
    const huge = fakeJwt({ sub: 'u', blob: 'C'.repeat(1_000_000) });
    const line = `Authorization: Bearer ${huge}`;
    const r = reader(line);
    // Within 260 KiB of its start the finder sees `eyJ…` and can say what is wrong; deeper inside
    // a run that long nothing marks it as a JWT (it could be a data: URI), so the hover stays quiet.
    const hover = tokenHoverOnLine(r, line.indexOf(huge) + 100_000, NOW, new HoverTokenStore());
    assert.ok(hover, 'a hover, not silence');
    assert.equal(hover.markdown.split('\n').length, 1);
    assert.match(renderedText(hover.markdown), /Malformed JWT: .*(large|scan)/i);
    assert.ok(r.read <= 2 * HOVER_WINDOW + 2 * 260 * 1024 + 2, `read ${r.read} chars`);
  });

  it('finds a JWE and names it', () => {
    const jwe = fakeJwe();
    const line = `Authorization: Bearer ${jwe}`;
    const hover = tokenHoverOnLine(reader(line), line.indexOf(jwe) + 3, NOW, new HoverTokenStore());
    assert.ok(hover);
    assert.ok(renderedText(hover.markdown).includes('Encrypted token (JWE)'));
    assert.ok(renderedText(hover.markdown).includes('A256GCM'));
  });

  it('finds opaque bearer values by their context only', () => {
    const opaque = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA';
    for (const line of [
      `Authorization: Bearer ${opaque}`,
      `access_token=${opaque}&x=1`,
      `{"refresh_token": "${opaque}"}`,
      `better-auth.session_token=${opaque}; Path=/`,
    ]) {
      const found = opaqueTokenAt(line, line.indexOf(opaque) + 2);
      assert.equal(found?.text, opaque, line);
    }
    assert.equal(opaqueTokenAt(`const value = "${opaque}"`, 17), undefined);
    assert.equal(opaqueTokenAt('Bearer short', 8), undefined);
    const hover = tokenHoverOnLine(reader(`Authorization: Bearer ${opaque}`), 25, NOW, new HoverTokenStore());
    assert.ok(hover && renderedText(hover.markdown).includes('Opaque token'));
    assert.ok(!hover?.markdown.includes(opaque), 'the opaque value itself is not shown');
  });

  it('gives a malformed JWT-like string a one-line reason', () => {
    const [h, , s] = JWT.split('.');
    const bad = `${h}.bm90IGpzb24.${s}`;
    const line = `token: ${bad}`;
    const hover = tokenHoverOnLine(reader(line), 10, NOW, new HoverTokenStore());
    assert.ok(hover, 'a hover, not silence');
    assert.equal(hover.markdown.split('\n').length, 1);
    assert.match(renderedText(hover.markdown).trim(), /^AuthLens · Malformed JWT: The token payload is not JSON\.$/);
    assert.deepEqual(hover.enabledCommands, []);
  });

  it('returns nothing off a token', () => {
    const line = `Authorization: Bearer ${JWT}`;
    assert.equal(tokenHoverOnLine(reader(line), 3, NOW, new HoverTokenStore()), undefined);
    assert.equal(tokenHoverOnLine(reader('plain words only here'), 5, NOW, new HoverTokenStore()), undefined);
  });

  it('puts the token in the store and only its id in the links', () => {
    const store = new HoverTokenStore();
    const line = `Bearer ${JWT}`;
    const hover = tokenHoverOnLine(reader(line), 10, NOW, store);
    assert.ok(hover);
    assert.ok(!hover.markdown.includes(JWT), 'the raw token is not in the markdown');
    const targets = linkTargets(hover.markdown);
    assert.equal(targets.length, 3);
    const [id] = JSON.parse(decodeURIComponent(targets[0]?.split('?')[1] as string)) as [string];
    assert.equal(store.get(id, NOW)?.token, JWT);
  });
});

describe('hover: links act on the token as read', () => {
  it('stores the repaired token and what was stripped, for the inspector to say the same', () => {
    const padded = JWT.split('.')
      .map((s) => s + '='.repeat((4 - (s.length % 4)) % 4))
      .join('.');
    assert.notEqual(padded, JWT, 'the fixture needs padding');
    const line = `Authorization: Bearer ${padded}`;
    const store = new HoverTokenStore({ newId: () => 'id-1' });
    const hover = tokenHoverOnLine(reader(line), line.indexOf('eyJ') + 4, NOW, store);
    assert.ok(hover);
    assert.match(renderedText(hover.markdown), /Read after removing the "Bearer" prefix, the "=" padding\./);
    assert.deepEqual(store.get('id-1', NOW), { token: JWT, kind: 'jws', stripped: ['bearer', 'padding'] });
  });
});

describe('editor/hover/hoverModel: signed session cookies', () => {
  const SEED = 's%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9.z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI';

  it('the seed Authing cookie: format, parts with what each is, "not checked", and Inspect', () => {
    const line = `Cookie: authing_session=${SEED}; lang=zh`;
    const store = new HoverTokenStore({ newId: () => 'c-1' });
    const hover = tokenHoverOnLine(reader(line), line.indexOf('594D') + 3, NOW, store);
    assert.ok(hover);
    assert.equal(line.slice(hover.start, hover.end), SEED);
    const text = renderedText(hover.markdown);
    assert.match(text, /AuthLens · Signed session cookie · express-session cookie \(cookie-signature, HMAC-SHA256\)/);
    assert.match(text, /Cookie name: authing_session/);
    assert.match(text, /Session id 594D7KjGtUeudyZ6P06caxODTMBoYXE9 — The session id: the key of the session in the server's session store\./);
    assert.match(text, /Signature 43 characters, not checked — HMAC-SHA256/);
    assert.match(text, /Signature not checked \(Inspect to verify with the server's secret\)\./);
    assert.ok(!text.includes('z0nB110i75'), 'the signature is not shown');
    assert.deepEqual(linkTargets(hover.markdown), ['command:authlens.hoverAction?%5B%22c-1%22%2C%22inspect%22%5D']);
    assert.deepEqual(store.get('c-1', NOW), { token: SEED, kind: 'signed-cookie', stripped: ['cookie'] });
  });

  it('Better Auth in a Set-Cookie line, and the cursor on its name is no hover', () => {
    const value = betterAuthCookie();
    const line = `Set-Cookie: better-auth.session_token=${value}; Path=/; HttpOnly`;
    const hover = tokenHoverOnLine(reader(line), line.indexOf(value) + 5, NOW, new HoverTokenStore());
    assert.match(renderedText(hover!.markdown), /Better Auth session cookie \(HMAC-SHA256\)[\s\S]*Session token/);
    assert.equal(tokenHoverOnLine(reader(line), 14, NOW, new HoverTokenStore()), undefined);
  });

  it('a Flask cookie shows its payload as JSON', () => {
    const value = flaskCookie({ user_id: 42 }, 1_780_000_000);
    const hover = tokenHoverOnLine(reader(`session=${value}`), 12, NOW, new HoverTokenStore());
    const text = renderedText(hover!.markdown);
    assert.match(text, /Flask session cookie/);
    assert.match(text, /Signed at 2026-05-28T/);
    assert.deepEqual(JSON.parse(fences(hover!.markdown)[0]!.content), { user_id: 42 });
  });

  it('HTML in the session id is shown as text, and makes no link', () => {
    const html = '<a/href="command:x">y</a><img/src=x>';
    const value = encodeURIComponent(`s:${cookieSignatureSign(html)}`);
    const hover = tokenHoverOnLine(reader(`sid=${value}`), 8, NOW, new HoverTokenStore({ newId: () => 'h' }));
    assert.ok(renderedText(hover!.markdown).includes(html));
    assert.deepEqual(linkTargets(hover!.markdown), ['command:authlens.hoverAction?%5B%22h%22%2C%22inspect%22%5D']);
  });

  it('a cookie in a 1 MB line reads only a window around the cursor', () => {
    const pad = ' '.repeat(512 * 1024);
    const line = `${pad}sid=${encodeURIComponent(`s:${cookieSignatureSign('abc123')}`)}${pad}`;
    const r = reader(line);
    const hover = tokenHoverOnLine(r, pad.length + 8, NOW, new HoverTokenStore());
    assert.match(renderedText(hover!.markdown), /express-session/);
    assert.ok(r.read < 4 * HOVER_WINDOW, `read ${r.read}`);
  });
});
