/**
 * The terminal link finder (src/core/terminalTokens.ts): tokens at the right offsets in the
 * shapes terminal output takes (plain, ANSI-coloured, `Authorization: Bearer`, JSON), malformed
 * tokens as links that say why, hostile claims as plain text, and a bounded cost per line.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blankEscapes } from '../../../src/core/ansiEscapes';
import { TERMINAL_LINE_BUDGET, terminalTokens, terminalTokenTemplates } from '../../../src/core/terminalTokens';
import { b64url, fakeJwe, rawToken } from '../../fixtures/tokens';
import { expressSessionCookie } from '../../fixtures/signedCookies';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const S = NOW / 1000;
/** A token for alice, 4 min 12 s left at NOW. */
const ALICE = rawToken({ alg: 'RS256', kid: 'k1' }, { sub: 'alice', iss: 'https://issuer.test', exp: S + 252, iat: S - 60 });
const EXPIRED = rawToken({ alg: 'HS256' }, { sub: 'bob', iss: 'https://issuer.test', exp: S - 3 * 3600 });

/** Offsets and lengths of the links on a line. */
function spans(line: string): [number, number][] {
  return terminalTokens(line, NOW).map((l) => [l.start, l.length]);
}

describe('core/terminalTokens', () => {
  it('finds a token printed on its own, by echo, at its exact offset', () => {
    assert.deepEqual(spans(ALICE), [[0, ALICE.length]]);
    const line = `$ echo ${ALICE}`;
    const [link] = terminalTokens(line, NOW);
    assert.equal(link?.start, 7);
    assert.equal(link?.length, ALICE.length);
    assert.equal(link?.token, ALICE);
    assert.equal(link?.kind, 'jws');
    assert.deepEqual(link?.stripped, []);
  });

  it('finds two tokens on one line, left to right', () => {
    const line = `access=${ALICE} id=${EXPIRED} done`;
    assert.deepEqual(spans(line), [
      [7, ALICE.length],
      [7 + ALICE.length + 4, EXPIRED.length],
    ]);
  });

  it('says sub, iss and time left in the tooltip, never the token', () => {
    const [link] = terminalTokens(ALICE, NOW);
    assert.equal(link?.tooltip, 'Inspect in AuthLens: JWT (signed) · sub: "alice" · iss: "https://issuer.test" · 4m 12s left · decoded, not verified');
    for (const part of ALICE.split('.')) assert.ok(!link.tooltip.includes(part), 'no part of the token');
    const [old] = terminalTokens(EXPIRED, NOW);
    assert.match(old!.tooltip, /sub: "bob" · iss: "https:\/\/issuer\.test" · expired 3h ago · /);
  });

  it('names what it cannot time: no exp, not yet valid', () => {
    const noExp = rawToken({ alg: 'HS256' }, { sub: 'svc' });
    assert.match(terminalTokens(noExp, NOW)[0]!.tooltip, /sub: "svc" · No expiry \(no "exp" claim\) · /);
    const later = rawToken({ alg: 'HS256' }, { sub: 'x', nbf: S + 600, exp: S + 3600 });
    assert.match(terminalTokens(later, NOW)[0]!.tooltip, / · Not yet valid · /);
  });

  it('reads through ANSI colours around the token, at the offsets of the raw line', () => {
    const line = `\x1b[1;32mtoken:\x1b[0m \x1b[33m${ALICE}\x1b[0m\x1b]8;;https://x.test/?t=${EXPIRED}\x1b\\link\x1b]8;;\x1b\\`;
    const links = terminalTokens(line, NOW);
    // The token inside the OSC 8 hyperlink's target is not shown text: no link for it.
    assert.equal(links.length, 1);
    const start = line.indexOf(ALICE);
    assert.deepEqual([links[0]?.start, links[0]?.length, links[0]?.token], [start, ALICE.length, ALICE]);
  });

  it('blanks escape sequences to spaces of the same length, leaving other text alone', () => {
    assert.equal(blankEscapes('\x1b[32mok\x1b[0m'), '     ok    ');
    assert.equal(blankEscapes('a\x1b]0;title\x07b'), `a${' '.repeat(10)}b`);
    assert.equal(blankEscapes('a\x1b(Bb'), 'a   b');
    assert.equal(blankEscapes('\x9b1mx'), '   x');
    const plain = 'no escapes here';
    assert.equal(blankEscapes(plain), plain);
    // An unterminated OSC runs to the end of the line.
    const open = '\x1b]8;;never ends';
    assert.equal(blankEscapes(`x${open}`), `x${' '.repeat(open.length)}`);
  });

  it('Authorization: Bearer … links the bare token and says the prefix was stripped', () => {
    const line = `> Authorization: Bearer ${ALICE}`;
    const [link] = terminalTokens(line, NOW);
    assert.equal(link?.start, line.indexOf(ALICE));
    assert.equal(link?.length, ALICE.length);
    assert.equal(link?.token, ALICE);
    assert.deepEqual(link?.stripped, ['bearer']);
  });

  it('JSON output (curl of a token endpoint): each token at its offset, named as JSON', () => {
    const line = `{"access_token":"${ALICE}","token_type":"Bearer","id_token":"${EXPIRED}","expires_in":300}`;
    const links = terminalTokens(line, NOW);
    assert.deepEqual(
      links.map((l) => [l.start, l.length, l.stripped]),
      [
        [line.indexOf(ALICE), ALICE.length, ['json']],
        [line.indexOf(EXPIRED), EXPIRED.length, ['json']],
      ],
    );
  });

  it('an encrypted token (JWE) is a link named as such, with nothing it cannot read', () => {
    const jwe = fakeJwe();
    const [link] = terminalTokens(`id_token=${jwe}`, NOW);
    assert.equal(link?.kind, 'jwe');
    assert.equal(link?.length, jwe.length);
    assert.equal(link?.tooltip, 'Inspect in AuthLens: Encrypted token (JWE)');
  });

  it('a malformed JWT is a link whose tooltip says what is wrong (the inspector shows the same)', () => {
    const broken = `${b64url({ alg: 'HS256' })}.bm90IGpzb24.c2ln`;
    const [link] = terminalTokens(`token ${broken}`, NOW);
    assert.equal(link?.kind, 'malformed');
    assert.equal(link?.start, 6);
    assert.equal(link?.tooltip, 'Inspect in AuthLens: Malformed JWT · The token payload is not JSON.');
  });

  it('prose, paths and base64 that are not JWTs are no links', () => {
    for (const line of ['eyes.open wide', 'see README.md and src/core/decode.ts', 'aGVsbG8gd29ybGQ=', 'eyJ without a dot', '']) {
      assert.deepEqual(spans(line), [], line);
    }
  });

  it('hostile claims stay plain text: no line breaks, invisible characters shown, no markdown link, cut short', () => {
    const evil = rawToken(
      { alg: 'HS256' },
      { sub: 'admin\u202egnp.exe\n[click](command:workbench.action.terminal.sendSequence)', iss: `https://${'a'.repeat(500)}.test`, exp: S + 60 },
    );
    const tip = terminalTokens(evil, NOW)[0]!.tooltip;
    assert.doesNotMatch(tip, /[\u202e\n\r]/);
    assert.ok(tip.includes('\\u{202e}'), tip);
    assert.ok(!tip.includes(']('), tip);
    assert.ok(!tip.includes('a'.repeat(61)), 'claims are cut');
    assert.ok(tip.length <= 401, `one short line (${tip.length})`);
  });

  it('reads only the budget of a long line: a token past it is not seen, one cut by it is left out', () => {
    const pad = 'x'.repeat(100);
    assert.equal(terminalTokens(`${pad} ${ALICE}`, NOW, { budget: 80 }).length, 0, 'past the budget');
    assert.equal(terminalTokens(`${pad} ${ALICE}`, NOW, { budget: 101 + ALICE.length - 10 }).length, 0, 'cut by the budget');
    assert.equal(terminalTokens(`${pad} ${ALICE} `, NOW, { budget: 102 + ALICE.length }).length, 1, 'whole within the budget');
    // A line that ends where the budget does is not cut.
    assert.equal(terminalTokens(`${pad} ${ALICE}`, NOW, { budget: 101 + ALICE.length }).length, 1);
  });

  it('a 4 MB line costs what its first budget of characters costs', () => {
    const time = (line: string): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        terminalTokens(line, NOW);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    // Every word is a candidate the finder must look at, and none is a token: the slowest prose.
    const words = 'eyes.open '.repeat((4 * 1024 * 1024) / 10);
    const a = time(words.slice(0, TERMINAL_LINE_BUDGET));
    const b = time(words);
    // Reading all 4 MB would cost ~128 times as much; the slack absorbs timer noise.
    assert.ok(b < a * 5 + 5, `4 MB line ${b.toFixed(2)} ms vs its first ${TERMINAL_LINE_BUDGET} characters ${a.toFixed(2)} ms`);
    // And a line full of tokens gives a bounded number of links, all within the budget.
    const tokens = `${ALICE} `.repeat(Math.ceil((4 * 1024 * 1024) / (ALICE.length + 1)));
    const links = terminalTokens(tokens, NOW);
    assert.equal(links.length, 20);
    assert.ok(
      links.every((l) => l.start + l.length <= TERMINAL_LINE_BUDGET),
      'nothing past the budget',
    );
  });

  it('localises through t(), and every template is in both runtime bundles', () => {
    const [link] = terminalTokens(ALICE, NOW, { t: (s) => `<${s}>` });
    assert.ok(link?.tooltip.startsWith('<Inspect in AuthLens: <JWT (signed)> · <sub: "alice"> · <iss: "https://issuer.test">'), link?.tooltip);
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    assert.deepEqual(
      terminalTokenTemplates().filter((s) => !(s in en) || !(s in zh)),
      [],
    );
    for (const s of terminalTokenTemplates()) assert.equal((zh[s]!.match(/\{\d+\}/g) ?? []).join(), (s.match(/\{\d+\}/g) ?? []).join(), s);
  });
});

describe('core/terminalTokens: signed session cookies', () => {
  it('a Set-Cookie line in curl -v output is a link whose tooltip names the format', () => {
    const value = expressSessionCookie();
    const line = `< Set-Cookie: connect.sid=${value}; Path=/; HttpOnly`;
    const [link, ...rest] = terminalTokens(line, NOW);
    assert.equal(rest.length, 0);
    assert.equal(line.slice(link!.start, link!.start + link!.length), value);
    assert.equal(link!.kind, 'signed-cookie');
    assert.deepEqual(link!.stripped, ['cookie']);
    assert.equal(link!.tooltip, 'Inspect in AuthLens: Signed session cookie · express-session cookie (cookie-signature, HMAC-SHA256) · decoded, not verified');
    assert.ok(!link!.tooltip.includes(value.slice(10, 30)), 'the tooltip never holds the value');
  });
});
