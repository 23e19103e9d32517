import * as assert from 'node:assert/strict';
import { MAX_TOKEN_LENGTH } from '../../../src/core/decode';
import { findTokens, tokenAtOffset } from '../../../src/core/tokenFinder';
import { tokenVerdict } from '../../../src/core/verdict';
import { b64url, fakeJwe, JWT_IO_DEFAULT, rawToken, RFC7519_EXAMPLE } from '../../fixtures/tokens';
import { betterAuthCookie, expressSessionCookie, flaskCookie } from '../../fixtures/signedCookies';

const T = JWT_IO_DEFAULT;

/** Where the token sits in each context (prefix, suffix). */
const contexts: Record<string, [string, string]> = {
  bare: ['', ''],
  bearer: ['Authorization: Bearer ', '\r\n'],
  'double quotes': ['const t = "', '";'],
  'single quotes': ["token = '", "'"],
  backticks: ['`', '`'],
  'JSON string': ['{"access_token":"', '","token_type":"Bearer"}'],
  cookie: ['Cookie: theme=dark; session=', '; lang=zh'],
  'set-cookie': ['Set-Cookie: better-auth.session_token=', '; Path=/; HttpOnly'],
  '.env line': ['API_URL=http://x\nJWT_TOKEN=', '\nOTHER=1'],
  '.env quoted': ['ID_TOKEN="', '"\n'],
  'URL query': ['https://app.example.com/cb?token=', '&state=abc'],
  'URL fragment': ['https://app.example.com/cb#id_token=', '&session_state=xyz'],
  'URL path end': ['GET https://h/verify/', ' HTTP/1.1'],
  'log line': ['2026-01-01T00:00:00Z INFO issued token=', ' for user 42'],
  'sentence end': ['The token is ', '.'],
  parentheses: ['(', ')'],
  'markdown code': ['`', '`'],
  'YAML value': ['auth:\n  token: ', '\n'],
};

describe('core/tokenFinder', () => {
  describe('tokenAtOffset in every context', () => {
    for (const [name, [before, after]] of Object.entries(contexts)) {
      it(name, () => {
        const text = before + T + after;
        const start = before.length;
        const end = start + T.length;
        for (const offset of [start, start + 10, start + 36, end - 1]) {
          const found = tokenAtOffset(text, offset);
          assert.ok(found, `offset ${offset}`);
          assert.equal(found.shape, 'jws');
          assert.equal(found.start, start);
          assert.equal(found.end, end);
          assert.equal(found.text, T);
          assert.equal(found.decoded?.payload['sub'], '1234567890');
        }
        // One character outside, on either side: nothing.
        if (start > 0) assert.equal(tokenAtOffset(text, start - 1), undefined, 'before');
        if (end < text.length) assert.equal(tokenAtOffset(text, end), undefined, 'after');
      });
    }
  });

  it('finds the RFC 7519 example (header with CRLF) and an unsecured token with its trailing dot', () => {
    assert.equal(tokenAtOffset(`x ${RFC7519_EXAMPLE} y`, 2)?.text, RFC7519_EXAMPLE);
    const none = `${b64url({ alg: 'none' })}.${b64url({ sub: '1' })}.`;
    const found = tokenAtOffset(`t=${none}&x`, 3);
    assert.equal(found?.shape, 'jws');
    assert.equal(found?.text, none);
    // ...and a sentence dot after it is not part of it.
    assert.equal(tokenAtOffset(`see ${T}. Next`, 4)?.text, T);
    assert.equal(tokenAtOffset(`see ${T}... Next`, 4)?.text, T);
  });

  it('recognises a JWE by its five segments and header', () => {
    const jwe = fakeJwe();
    const found = tokenAtOffset(`enc=${jwe};`, 10);
    assert.equal(found?.shape, 'jwe');
    assert.equal(found?.text, jwe);
    assert.equal(found?.header?.['enc'], 'A256GCM');
  });

  it('reports JWT-looking strings that fail validation as malformed, with a one-line reason', () => {
    const [h, p, s] = T.split('.') as [string, string, string];
    const cases: [string, RegExp][] = [
      [`${h}.${p}`, /3 parts/],
      [`${h}.${p}.${s}.${s}`, /3 parts.*has 4/],
      [`${h}.${b64url('nope')}.${s}`, /payload is not JSON/],
      [rawToken({ typ: 'JWT' }, { sub: 1 }), /alg/],
      [rawToken({ alg: 'HS256' }, '[1,2]'), /payload is JSON but not an object/],
      [`${h}.${p}.${s.slice(0, 5)}+${s.slice(6)}`, /signature.*standard base64/],
      [`${h}.${p}.${s}=`, /signature.*standard base64/],
      [`${h}.${p}.${s}==`, /signature.*standard base64/],
      [`${h.slice(0, 8)}+${h.slice(9)}.${p}.${s}`, /header.*standard base64/],
    ];
    for (const [bad, reason] of cases) {
      for (const offset of [0, bad.length - 1, 12]) {
        const found = tokenAtOffset(`token=${bad};`, 6 + offset);
        assert.equal(found?.shape, 'malformed', `${bad} @${offset}`);
        assert.equal(found.start, 6);
        assert.equal(found.text, bad);
        assert.match(found.reason ?? '', reason);
        assert.ok(!found.reason!.includes('\n'));
        assert.ok(found.error);
      }
    }
  });

  it('finds a token whose header starts with whitespace (CR LF tab, spaces), as the inspector decodes it', () => {
    const [, p, sig] = T.split('.') as [string, string, string];
    for (const lead of ['\r\n\t', ' ', '  ', '\t', '\n', '\r\n', ' \n', '\r']) {
      const header = b64url(`${lead}{"alg":"HS256"}`);
      const token = `${header}.${p}.${sig}`;
      const text = `Authorization: Bearer ${token}\n`;
      const found = tokenAtOffset(text, 'Authorization: Bearer '.length + 3);
      assert.equal(found?.shape, 'jws', JSON.stringify(lead));
      assert.equal(found.text, token);
      assert.deepEqual(
        findTokens(text).map((f) => f.text),
        [token],
        JSON.stringify(lead),
      );
      // ...and the verdict every view renders agrees (after `Bearer ` it was called opaque).
      const context = { before: text.slice(0, found.start), after: text.slice(found.end) };
      assert.equal(tokenVerdict(found.text, Date.now(), { context }).kind, 'jws', JSON.stringify(lead));
      assert.equal(tokenVerdict(found.text, Date.now(), { opaqueContext: true }).kind, 'jws', JSON.stringify(lead));
    }
    // The brief's example: base64 of CR LF tab.
    assert.ok(b64url('\r\n\t{"alg":"HS256"}').startsWith('DQoJ'));
    // Whitespace-looking starts that are not a JSON object stay silent.
    assert.equal(tokenAtOffset(`x ${b64url('  nope')}.${p}.${sig} y`, 3), undefined);
    assert.deepEqual(findTokens(`CSS.foo ICON.bar DQ.x ${b64url(' [1]')}.${p}.${sig}`), []);
  });

  it("reports strings whose first part starts like a JSON header but not as eyJ, with the verdict's reason", () => {
    const p = b64url({ sub: 'finder' });
    const sig = b64url('finder-signature');
    // [header text, parts]: each fails, and none starts with `eyJ` (the only starts reported before).
    const cases: [string, number][] = [
      ['{ alg: "HS256" }', 3],
      ['{\n  "typ": "JWT"\n}', 3],
      ['{\t"typ":"JWT"}', 3],
      ['{\r\n"alg":"HS256"', 3],
      ['["HS256","JWT"]', 3],
      ['[ {"alg":"HS256"} ]', 3],
      ['"HS256-JWT"', 3],
      ['\r\n\t{"typ":"JWT"}', 3],
      ['  {"typ":"JWT"}', 3],
      ['{\n"alg":"HS256"}', 2],
      [' {"alg":"HS256"}', 4],
      ['{\n  "alg": "HS256"\n}', 5],
    ];
    for (const [header, parts] of cases) {
      const h = b64url(header);
      assert.ok(!h.startsWith('eyJ'), h);
      const token = [h, p, sig, sig, sig].slice(0, parts).join('.');
      const line = `Authorization: Bearer ${token}\n`;
      const at = 'Authorization: Bearer '.length;
      const label = `${JSON.stringify(header)} in ${parts} parts`;
      const found = tokenAtOffset(line, at + 2);
      assert.equal(found?.shape, 'malformed', label);
      assert.equal(found.text, token, label);
      // The finder's reason is the one the inspector gives for the same text.
      const verdict = tokenVerdict(token, Date.now());
      assert.equal(verdict.kind, 'malformed', label);
      assert.equal(found.error?.code, verdict.error?.code, label);
      assert.match(found.reason ?? '', /header|parts separated by dots/, label);
      assert.deepEqual(
        findTokens(`a ${line} b`).map((f) => [f.shape, f.text]),
        [['malformed', token]],
        label,
      );
    }
  });

  it('finds nothing in ordinary prose and code, even where words start like a JSON header', () => {
    const text = [
      'The eyes.open() call and eyebrow.style are set; ewe.js loads, key.eyJhbGci stays put.',
      'Wyoming.state, Index.html, Implementation.method, Interface.getValue(), InvalidArgument.create',
      'IllegalStateException.class, Immutable.List.of(x), ImageData.prototype, Inline.style, Items.list',
      'e30.x W10.x WyJ.x ICAg.x CQkJ.x ewok.x eyAx.y "Important.note" ["a"].map(f) {"b":1}.c',
      'const eyeColor = person.eyes.left; ewoks.forEach(e => e.run()); if (eyelid.open) close();',
      'https://example.com/eyes.are/watching?ewe=lamb.wool#Wyatt.Earp v1.2.3 a.b.c.d.e',
    ].join('\n');
    assert.deepEqual(findTokens(text), []);
    const hits: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const found = tokenAtOffset(text, i);
      if (found) hits.push(`${i}: ${found.text}`);
    }
    assert.deepEqual(hits, []);
  });

  it('ignores text that does not look like a JWT', () => {
    for (const text of [
      'package.json',
      'www.example.com',
      'a.b.c',
      'foo.bar.baz.qux.quux',
      'eyJhbGciOiJIUzI1NiJ9',
      'v1.2.3',
      'eyJ',
      'x.eyJhbGciOi.eyJzdWIi.sig',
    ]) {
      assert.equal(tokenAtOffset(text, 1), undefined, text);
    }
    assert.equal(tokenAtOffset(T, -1), undefined);
    assert.equal(tokenAtOffset(T, T.length), undefined);
    assert.equal(tokenAtOffset('', 0), undefined);
    // A base64url blob with dots whose first segment is not JSON: silent.
    assert.equal(tokenAtOffset('ewZZZZ.abc.def', 1), undefined);
  });

  it('never scans beyond the window', () => {
    const blob = 'A'.repeat(100_000);
    const text = `${blob}${T}${blob}`;
    // The token itself is within the window around an offset inside it.
    const glued = tokenAtOffset(text, 100_010, { window: 1000 });
    assert.equal(glued?.shape, 'malformed', 'glued to a blob: no delimiter in sight');
    assert.match(glued.reason ?? '', /too long/);
    assert.ok(glued.end - glued.start <= 2001);
    const spaced = `${blob} ${T} ${blob}`;
    assert.equal(tokenAtOffset(spaced, 100_010, { window: 1000 })?.text, T);
    // An eyJ… run longer than the window is reported, not silently cut.
    const long = rawToken({ alg: 'HS256' }, { pad: 'x'.repeat(50_000) });
    const found = tokenAtOffset(` ${long} `, 100);
    assert.equal(found?.shape, 'malformed');
    assert.match(found.reason ?? '', /too long/);
    assert.equal(tokenAtOffset(` ${long} `, 40_000, { window: MAX_TOKEN_LENGTH })?.shape, 'jws');
  });

  it('finds a token in a 10 MB single line quickly', () => {
    const chunk = 'function f(a,b){return a.b+b.c||"x=y";}var q=[1,2,3];';
    const half = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
    const line = `${half}const token="${T}";${half}`;
    assert.ok(line.length > 10_000_000);
    const start = half.length + 'const token="'.length;
    const blob = Buffer.alloc(10_000_000, 'A').toString();
    // Like an editor's line text, the string is flat before anyone hovers (a concatenation is a
    // rope until first read); and the JIT is warm. Best of five rounds, so a GC pause or a busy
    // machine cannot fail the test, while a scan of the whole line (tens of ms) still would.
    tokenAtOffset(line, 0);
    for (let i = 0; i < 20; i++) if (tokenAtOffset(`x ${T} ${'A'.repeat(40_000)}`, 2 + i)) tokenAtOffset('A'.repeat(40_000), 20_000);
    let found: ReturnType<typeof tokenAtOffset>;
    let offToken: ReturnType<typeof tokenAtOffset>;
    let inBlob: ReturnType<typeof tokenAtOffset>;
    let elapsed = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      found = tokenAtOffset(line, start + 50 + round);
      offToken = tokenAtOffset(line, 1_000_000 + round);
      inBlob = tokenAtOffset(blob, 5_000_000 + round);
      elapsed = Math.min(elapsed, performance.now() - t0);
    }
    assert.equal(found?.text, T);
    assert.equal(found.start, start);
    assert.equal(offToken, undefined);
    assert.equal(inBlob, undefined);
    assert.ok(elapsed < 50, `${elapsed} ms`);
  });

  describe('findTokens', () => {
    it('finds every token in order, with their shapes', () => {
      const [h, p] = T.split('.') as [string, string];
      const jwe = fakeJwe();
      const text = [
        `Authorization: Bearer ${T}`,
        `{"id_token":"${RFC7519_EXAMPLE}"}`,
        `JWE=${jwe}`,
        `broken=${h}.${p}`,
        'nothing.here.at.all eyJ but no dots',
        `again ${T}.`,
      ].join('\n');
      const found = findTokens(text);
      assert.deepEqual(
        found.map((f) => [f.shape, f.text]),
        [
          ['jws', T],
          ['jws', RFC7519_EXAMPLE],
          ['jwe', jwe],
          ['malformed', `${h}.${p}`],
          ['jws', T],
        ],
      );
      for (const f of found) assert.equal(text.slice(f.start, f.end), f.text);
      assert.equal(findTokens(text, { limit: 2 }).length, 2);
      assert.deepEqual(findTokens('no tokens here, just eyJ words and ey.yo'), []);
    });

    it('walks runs of `eyJ+` once: 1 MiB in linear time, not one rescan per match', function () {
      // Before: 16 KiB took 0.4 s, 64 KiB 7.5 s (quadratic), so 1 MiB would take half an hour.
      this.timeout(20_000);
      const time = (text: string): number => {
        const t0 = performance.now();
        findTokens(text);
        return performance.now() - t0;
      };
      for (const unit of ['eyJ+', 'eyJ=', '=eyJ.+', 'eyJ+.', `${T}+`]) {
        const small = unit.repeat(Math.ceil((64 * 1024) / unit.length));
        const big = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
        time(small);
        const tSmall = Math.max(time(small), 1);
        // Best of three: one GC pause or a busy core must not look like a rescan.
        const tBig = Math.min(time(big), time(big), time(big));
        // 16x the input: linear gives ~16x; allow 64x plus slack for a loaded machine (the old
        // quadratic walk took minutes on 1 MiB, so the slack costs the test no power).
        assert.ok(tBig < 64 * tSmall + 1000 && tBig < 3000, `${unit}: 64 KiB ${tSmall.toFixed(1)} ms, 1 MiB ${tBig.toFixed(1)} ms`);
      }
    });

    it('stops at its work budget with the tokens found so far', () => {
      const text = `${T} ${T} ${T}`;
      assert.equal(findTokens(text).length, 3);
      // Each token costs its length; a budget of one token and a bit finds one or two, never all.
      const some = findTokens(text, { budget: T.length + 1 });
      assert.ok(some.length >= 1 && some.length < 3, `${some.length}`);
      assert.deepEqual(findTokens(text, { budget: 0 }).length, 1);
    });

    it('scans a 10 MB line in reasonable time', () => {
      const chunk = 'var ey=a.b,ew=c;key=eyJnope;';
      const filler = chunk.repeat(Math.ceil(2_500_000 / chunk.length));
      const line = `${filler}"${T}"${filler}"${T}"${filler}"${T}"${filler}`;
      assert.ok(line.length > 10_000_000);
      const t0 = performance.now();
      const found = findTokens(line);
      const elapsed = performance.now() - t0;
      assert.equal(found.length, 3);
      assert.ok(elapsed < 2000, `${elapsed} ms`);
    });
  });
});

describe('core/tokenFinder: signed session cookies (the cookie path)', () => {
  const express = expressSessionCookie();
  const contexts: Array<[string, string, string]> = [
    ['bare', '', ''],
    ['Cookie header', 'Cookie: theme=dark; connect.sid=', '; lang=zh'],
    ['Set-Cookie', 'Set-Cookie: connect.sid=', '; Path=/; HttpOnly'],
    ['JSON string', '{"authing_session":"', '"}'],
    ['sentence end', 'The cookie is ', '.'],
  ];
  for (const [name, before, after] of contexts) {
    it(`tokenAtOffset and findTokens in context: ${name}`, () => {
      const text = before + express + after;
      const found = tokenAtOffset(text, before.length + 5);
      assert.equal(found?.shape, 'signed-cookie');
      assert.equal(found?.text, express);
      assert.equal(found?.start, before.length);
      assert.deepEqual(
        findTokens(text).map((f) => [f.shape, f.start, f.end]),
        [['signed-cookie', before.length, before.length + express.length]],
      );
    });
  }

  it('a JWT stays a JWT; a JWT and cookies on one line come in order', () => {
    const ba = betterAuthCookie();
    const flask = flaskCookie({ a: 1 }, 1_780_000_000);
    const line = `a=${JWT_IO_DEFAULT} b=${ba} c=${flask}`;
    assert.deepEqual(
      findTokens(line).map((f) => f.shape),
      ['jws', 'signed-cookie', 'signed-cookie'],
    );
    assert.equal(tokenAtOffset(line, 5)?.shape, 'jws');
  });

  it('a Flask cookie, which reads as a malformed JWT, is a cookie', () => {
    const flask = flaskCookie({ user: 'x' }, 1_780_000_000);
    assert.equal(tokenVerdict(flask, 0).kind, 'signed-cookie');
    assert.equal(tokenAtOffset(flask, 3)?.shape, 'signed-cookie');
  });

  it('a run longer than the window is not read as a cookie', () => {
    const text = 'A'.repeat(40_000) + express;
    assert.equal(tokenAtOffset(text, 40_005, { window: 1024 }), undefined);
  });
});
