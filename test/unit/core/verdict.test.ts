import * as assert from 'node:assert/strict';
import { MAX_TOKEN_LENGTH } from '../../../src/core/decode';
import type { JsonObject } from '../../../src/core/json';
import { readNumericDate, timeStateAt, tokenTimes } from '../../../src/core/tokenTime';
import { foundWrapping, stripWrapping, tokenVerdict } from '../../../src/core/verdict';
import { verdictWords } from '../../../src/core/verdictText';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const nowS = NOW / 1000;
const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');
const TOKEN = `${b64({ alg: 'HS256' })}.${b64({ sub: 'v', exp: nowS + 3600 })}.${b64('sig')}`;

describe('core/verdict', () => {
  describe('repairs: what was stripped is said', () => {
    const cases: Array<[string, string, string[]]> = [
      ['bare', TOKEN, []],
      ['surrounding whitespace only', `  ${TOKEN}\n`, []],
      ['Authorization header', `Authorization: Bearer ${TOKEN}`, ['bearer']],
      ['quotes', `'${TOKEN}'`, ['quotes']],
      ['Bearer and quotes', `Bearer "${TOKEN}"`, ['bearer', 'quotes']],
      ['a cookie', `theme=dark; session=${TOKEN}; Path=/`, ['cookie']],
      ['a JSON object', JSON.stringify({ token_type: 'Bearer', access_token: TOKEN }), ['json']],
      ['a wrapped line', `${TOKEN.slice(0, 20)}\n  ${TOKEN.slice(20)}`, ['whitespace']],
      ['a trailing dot', `${TOKEN}.`, ['trailing-part']],
    ];
    for (const [name, input, repairs] of cases) {
      it(name, () => {
        const v = tokenVerdict(input, NOW);
        assert.equal(v.kind, 'jws', verdictWords(v).reason);
        assert.equal(v.token, TOKEN);
        assert.deepEqual(v.repairs, repairs);
        const words = verdictWords(v);
        assert.equal(words.repaired === undefined, repairs.length === 0);
      });
    }

    it('wrappers removed before the view (commands) are still listed, first', () => {
      assert.deepEqual(stripWrapping(`  Bearer '${TOKEN}'\n`), { token: TOKEN, stripped: ['bearer', 'quotes'] });
      const text = `{"access_token": "${TOKEN}"}`;
      const start = text.indexOf(TOKEN);
      assert.deepEqual(foundWrapping(text, start, start + TOKEN.length), ['json']);
      const v = tokenVerdict(`${TOKEN}.`, NOW, { stripped: ['bearer'] });
      assert.deepEqual(v.repairs, ['bearer', 'trailing-part']);
      assert.equal(verdictWords(v).repaired, 'Read after removing the "Bearer" prefix, an empty part after the last dot.');
    });

    it('context: wrappers glued to a token found in a document, the same names', () => {
      assert.deepEqual(tokenVerdict(TOKEN, NOW, { context: { before: 'Authorization: Bearer ', after: '' } }).repairs, ['bearer']);
      assert.deepEqual(tokenVerdict(TOKEN, NOW, { context: { before: 'x = "', after: '";' } }).repairs, ['quotes']);
      assert.deepEqual(tokenVerdict(TOKEN, NOW, { context: { before: '{"access_token": "', after: '"}' } }).repairs, ['json']);
      assert.deepEqual(tokenVerdict(TOKEN, NOW, { context: { before: 'Cookie: a=1; s=', after: ';' } }).repairs, ['cookie']);
      assert.deepEqual(tokenVerdict(TOKEN, NOW, { context: { before: 'see ', after: ' here' } }).repairs, []);
    });
  });

  it('kinds: unsecured, opaque after Bearer, too large', () => {
    assert.equal(tokenVerdict(`${b64({ alg: 'none' })}.${b64({ sub: 'u' })}.`, NOW).kind, 'unsecured');
    const opaque = tokenVerdict('Bearer opaque-value-made-by-this-test-0123456789', NOW);
    assert.equal(opaque.kind, 'opaque');
    assert.deepEqual(opaque.repairs, ['bearer']);
    const big = tokenVerdict('e'.repeat(MAX_TOKEN_LENGTH * 3), NOW);
    assert.equal(big.kind, 'malformed');
    assert.equal(big.error?.code, 'token-too-large');
  });

  describe('time', () => {
    it('reads NumericDates strictly', () => {
      assert.deepEqual(readNumericDate(nowS), { status: 'ok', ms: NOW });
      assert.deepEqual(readNumericDate('1700000000'), { status: 'not-numeric' });
      assert.deepEqual(readNumericDate(-5), { status: 'implausible', why: 'negative' });
      assert.deepEqual(readNumericDate(NOW), { status: 'implausible', why: 'milliseconds' });
      assert.deepEqual(readNumericDate(1e300), { status: 'implausible', why: 'after-9999' });
    });

    it('exp now or past is expired; the skew is a note; nbf in the future is not yet valid', () => {
      assert.equal(tokenTimes({ exp: nowS }, NOW).state, 'expired');
      assert.equal(tokenTimes({ exp: nowS }, NOW).withinSkewMs, 60_000);
      assert.equal(tokenTimes({ exp: nowS - 61 }, NOW).withinSkewMs, undefined);
      assert.equal(tokenTimes({ nbf: nowS + 10, exp: nowS + 600 }, NOW).state, 'not-yet-valid');
      assert.equal(tokenTimes({ exp: nowS + 100 }, NOW).state, 'expiring');
      assert.equal(tokenTimes({ exp: -1 }, NOW).state, 'unknown');
      // Expired, full stop: an unreadable or future nbf does not hide a past exp.
      assert.equal(tokenTimes({ exp: nowS - 20, nbf: 'x' }, NOW).state, 'expired');
      assert.equal(tokenTimes({ exp: nowS - 20, nbf: nowS + 20 }, NOW).state, 'expired');
      assert.equal(tokenTimes({ exp: nowS + 20, nbf: 'x' }, NOW).state, 'unknown');
      assert.equal(tokenTimes({}, NOW).state, 'no-expiry');
      const words = verdictWords(tokenVerdict(`${b64({ alg: 'HS256' })}.${b64({ exp: nowS - 5 })}.${b64('s')}`, NOW));
      assert.equal(words.stateLabel, 'Expired');
      assert.equal(words.skewNote, 'Still accepted by servers that allow 60 s of clock skew.');
    });

    it('the live state from epoch-ms facts matches the verdict at the same instant', () => {
      const payloads: JsonObject[] = [
        { exp: nowS - 20, nbf: nowS + 20 },
        { exp: nowS },
        { exp: nowS + 3600 },
        { nbf: nowS - 1, exp: nowS + 3600 },
        { nbf: nowS + 5 },
        { exp: nowS + 60 },
        {},
      ];
      for (const payload of payloads) {
        const t = tokenTimes(payload, NOW);
        const ms = (c: 'exp' | 'nbf') => {
          const r = t.claims[c];
          return r?.status === 'ok' ? r.ms : undefined;
        };
        const facts = { ...(ms('exp') !== undefined ? { exp: ms('exp')! } : {}), ...(ms('nbf') !== undefined ? { nbf: ms('nbf')! } : {}) };
        assert.equal(timeStateAt(facts, NOW), t.state, JSON.stringify(payload));
      }
    });
  });
});

describe('core/verdict: adversarial inputs finish in time', () => {
  // Worst patterns for the unwrapping and repair steps: runs of one character, repeated
  // prefixes, whitespace, nested brackets, padding runs. Just under and over the 512 KiB input cap.
  const patterns: Record<string, (n: number) => string> = {
    dots: (n) => '.'.repeat(n),
    'repeated eyJ': (n) => 'eyJ'.repeat(Math.ceil(n / 3)),
    'eyJ. runs': (n) => 'eyJ.'.repeat(Math.ceil(n / 4)),
    whitespace: (n) => `Bearer${' '.repeat(n)}x`,
    'nested brackets': (n) => '{'.repeat(n),
    quotes: (n) => '"'.repeat(n),
    'cookie pairs': (n) => 'a=b;'.repeat(Math.ceil(n / 4)),
    'padding runs': (n) => 'A=.'.repeat(Math.ceil(n / 3)),
    'wrapped lines': (n) => 'eyJ \n'.repeat(Math.ceil(n / 5)),
  };
  for (const [name, make] of Object.entries(patterns)) {
    it(name, () => {
      for (const size of [MAX_TOKEN_LENGTH * 2 - 16, 1024 * 1024]) {
        const input = make(size);
        const started = performance.now();
        const v = tokenVerdict(input, NOW);
        verdictWords(v);
        const ms = performance.now() - started;
        // ~50 ms measured on an idle core; the budget leaves room for a loaded machine.
        assert.ok(ms < 1500, `${name} (${input.length} chars) took ${ms.toFixed(0)} ms`);
        assert.equal(v.kind, 'malformed');
      }
    });
  }
});
