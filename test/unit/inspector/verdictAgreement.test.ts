/**
 * One verdict per token, the same in every view: the hover, the inspector model and the JSON
 * document are fed the same text and must say the same kind, reason, repairs and time state,
 * and each must be what the verdict says. Tokens are made here (unsigned test values).
 */
import * as assert from 'node:assert/strict';
import { timeStateAt } from '../../../src/core/tokenTime';
import { tokenVerdict } from '../../../src/core/verdict';
import { verdictWords, type VerdictWords } from '../../../src/core/verdictText';
import { decodedDocumentFor } from '../../../src/core/decodedJson';
import { tokenHoverOnLine } from '../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../src/editor/hover/hoverTokenStore';
import { buildInspectorModel } from '../../../src/inspector/viewModel';
import { renderedText } from '../editor/hover/markdownRender';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const nowS = NOW / 1000;

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
}
const SIG = b64('not-a-real-signature');
const jwt = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }): string => `${b64(header)}.${b64(payload)}.${SIG}`;
const valid = jwt({ sub: 'agree-1', exp: nowS + 3600 });
const [h, p] = valid.split('.') as [string, string];

/** Pads each base64url segment to a multiple of 4 with `=`, as standard base64 tools do. */
function padded(token: string): string {
  return token
    .split('.')
    .map((s) => s + '='.repeat((4 - (s.length % 4)) % 4))
    .join('.');
}
const paddedInput = padded(jwt({ sub: 'pad', exp: nowS + 3600, x: 'ab' }, { alg: 'HS256', k: 'a' }));

const invalidUtf8 = `${Buffer.concat([Buffer.from('{"alg":"HS256","n":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]).toString('base64url')}.${b64({ sub: 'u', exp: nowS + 3600 })}.${SIG}`;
const jwe = [b64({ alg: 'dir', enc: 'A256GCM', kid: 'enc-1', cty: 'JWT' }), '', b64('iv-bytes-12'), b64('ciphertext-bytes'), b64('tag-bytes-16')].join('.');

interface Row {
  readonly name: string;
  readonly input: string;
  /** What the verdict must say (checked before the views are compared with it). */
  readonly kind: string;
  readonly state?: string;
  readonly reason?: RegExp;
  readonly repairs?: readonly string[];
  readonly problem?: RegExp;
  readonly skew?: boolean;
}

const rows: readonly Row[] = [
  { name: 'valid', input: valid, kind: 'jws', state: 'not-expired' },
  { name: 'expired', input: jwt({ sub: 'e', exp: nowS - 3600 }), kind: 'jws', state: 'expired', skew: false },
  { name: 'not yet valid', input: jwt({ sub: 'n', nbf: nowS + 600, exp: nowS + 7200 }), kind: 'jws', state: 'not-yet-valid' },
  { name: 'within the skew window', input: jwt({ sub: 's', exp: nowS - 30 }), kind: 'jws', state: 'expired', skew: true },
  { name: 'exp exactly now', input: jwt({ sub: 'z', exp: nowS }), kind: 'jws', state: 'expired', skew: true },
  { name: 'non-numeric exp', input: jwt({ sub: 'x', exp: 'tomorrow' }), kind: 'jws', state: 'unknown', problem: /not a NumericDate/ },
  { name: 'past exp beside a non-numeric nbf', input: jwt({ sub: 'b', exp: nowS - 20, nbf: 'soon' }), kind: 'jws', state: 'expired', skew: true },
  { name: 'exp in milliseconds', input: jwt({ sub: 'm', exp: NOW + 3_600_000 }), kind: 'jws', state: 'unknown', problem: /milliseconds/ },
  { name: 'empty payload part', input: `${h}..${SIG}`, kind: 'malformed', reason: /payload is empty/ },
  { name: 'empty header part', input: `.${p}.${SIG}`, kind: 'malformed', reason: /header is empty/ },
  { name: 'a bad character', input: `${h}.${p.slice(0, 6)}+${p.slice(7)}.${SIG}`, kind: 'malformed', reason: new RegExp(`"\\+" at position ${h.length + 8}`) },
  { name: '4 parts', input: `${valid}.${SIG}`, kind: 'malformed', reason: /has 4/ },
  { name: '5 parts without enc', input: `${valid}.${SIG}.${SIG}`, kind: 'malformed', reason: /has 5.*no "enc"/ },
  { name: 'JWE with a header', input: jwe, kind: 'jwe' },
  { name: 'Bearer-wrapped', input: `Bearer ${valid}`, kind: 'jws', state: 'not-expired', repairs: ['bearer'] },
  { name: 'quoted', input: `"${valid}"`, kind: 'jws', state: 'not-expired', repairs: ['quotes'] },
  { name: 'padded', input: paddedInput, kind: 'jws', state: 'not-expired', repairs: ['padding'] },
  { name: 'invalid UTF-8', input: invalidUtf8, kind: 'jws', state: 'not-expired' },
  { name: 'header starting with whitespace', input: jwt({ sub: 'w', exp: nowS + 3600 }, '\r\n\t{"alg":"HS256"}'), kind: 'jws', state: 'not-expired' },
  { name: 'alg missing', input: jwt({ sub: 'a' }, { typ: 'JWT' }), kind: 'malformed', reason: /no "alg"/ },
  { name: 'payload is an array', input: `${h}.${b64([1, 2])}.${SIG}`, kind: 'malformed', reason: /payload is JSON but not an object/ },
  // Headers that start like JSON but not as `eyJ`: the hover used to say nothing about them.
  { name: 'header "{ " that is not JSON', input: jwt({ sub: 'j' }, '{ alg: "HS256" }'), kind: 'malformed', reason: /header is not JSON/ },
  { name: 'header "{\\n" without alg', input: jwt({ sub: 'l' }, '{\n  "typ": "JWT"\n}'), kind: 'malformed', reason: /no "alg"/ },
  { name: 'header "{\\n" that is cut short', input: jwt({ sub: 'c' }, '{\n"alg":"HS256"'), kind: 'malformed', reason: /header is not JSON/ },
  { name: 'header that is an array', input: jwt({ sub: 'r' }, ['HS256', 'JWT']), kind: 'malformed', reason: /header is JSON but not an object/ },
  { name: 'header that is a string', input: jwt({ sub: 'q' }, '"HS256-JWT"'), kind: 'malformed', reason: /header is JSON but not an object/ },
  { name: 'header starting with whitespace, without alg', input: jwt({ sub: 'v' }, '\r\n\t{"typ":"JWT"}'), kind: 'malformed', reason: /no "alg"/ },
  { name: '2 parts with a "{\\n" header', input: `${b64('{\n"alg":"HS256"}')}.${p}`, kind: 'malformed', reason: /has 2/ },
  { name: '4 parts with a whitespace header', input: `${jwt({ sub: 'f' }, ' {"alg":"HS256"}')}.${SIG}`, kind: 'malformed', reason: /has 4/ },
];

/** Where to hover: inside the token, past any wrapper. */
function hoverOffset(input: string): number {
  const m = /[A-Za-z0-9_-]{8}/.exec(input.replace(/^Bearer /, '       '));
  return (m?.index ?? 0) + 3;
}

function hoverText(input: string): string {
  const hover = tokenHoverOnLine((from, to) => input.slice(from, Math.min(to, input.length)), hoverOffset(input), NOW, new HoverTokenStore());
  assert.ok(hover, 'the hover shows something');
  return renderedText(hover.markdown).replace(/\\/g, '');
}

/** The words every view must show, checked against the row's expectations first. */
function expectedWords(row: Row): VerdictWords {
  const v = tokenVerdict(row.input, NOW);
  const w = verdictWords(v);
  assert.equal(v.kind, row.kind, `verdict kind (${w.reason ?? ''})`);
  assert.equal(w.state, row.state, 'verdict time state');
  if (row.reason) assert.match(w.reason ?? '', row.reason);
  assert.deepEqual(v.repairs, row.repairs ?? [], 'verdict repairs');
  if (row.problem) assert.match(w.claimProblems.exp ?? '', row.problem);
  if (row.skew !== undefined) assert.equal(w.skewNote !== undefined, row.skew, 'skew note');
  if (row.name === 'invalid UTF-8')
    assert.ok(
      w.notes.some((n) => n.includes('U+FFFD')),
      'invalid UTF-8 note',
    );
  return w;
}

describe('one verdict in every view (hover, inspector, JSON document)', () => {
  for (const row of rows) {
    it(`${row.name}: the three views agree with the verdict`, () => {
      const w = expectedWords(row);

      // Hover.
      const hover = hoverText(row.input);
      assert.ok(hover.includes(w.kindLabel), `hover kind "${w.kindLabel}" in: ${hover.slice(0, 300)}`);
      if (w.reason) assert.ok(hover.includes(w.reason), `hover reason "${w.reason}" in: ${hover.slice(0, 300)}`);
      if (w.stateLabel) assert.ok(hover.includes(w.stateLabel), `hover state "${w.stateLabel}"`);
      if (w.repaired) assert.ok(hover.includes(w.repaired), `hover repairs "${w.repaired}" in: ${hover.slice(0, 300)}`);
      else assert.ok(!hover.includes('Read after removing'), 'hover claims a repair');
      if (w.skewNote) assert.ok(hover.includes(w.skewNote), 'hover skew note');
      for (const problem of Object.values(w.claimProblems)) assert.ok(hover.includes(problem), `hover claim problem "${problem}"`);
      for (const note of w.notes) assert.ok(hover.includes(note), `hover note "${note}"`);
      assert.ok(!/\bValid\b|Never expires|NaN|Infinity/.test(hover), 'hover words that claim too much');

      // Inspector.
      const content = buildInspectorModel(row.input, { now: NOW }).content;
      if (w.kind === 'malformed') {
        assert.equal(content.kind, 'error');
        if (content.kind !== 'error') return;
        assert.equal(content.message, w.reason);
        assert.equal(content.repaired, w.repaired);
      } else {
        assert.equal(content.kind, 'token');
        if (content.kind !== 'token') return;
        const m = content.model;
        assert.equal(m.verdict.kind, w.kind);
        assert.equal(m.verdict.kindLabel, w.kindLabel);
        assert.equal(m.verdict.repaired, w.repaired);
        assert.equal(m.verdict.stateLabel, w.stateLabel);
        assert.equal(m.verdict.skewNote, w.skewNote);
        assert.deepEqual(m.verdict.notes, w.notes);
        assert.deepEqual(m.verdict.claimProblems, w.claimProblems);
        // The live badge recomputes from the model's times: the same state at the same instant.
        if (w.state) assert.equal(timeStateAt(m.times, NOW, m.times.soonMs), w.state, 'inspector badge');
        if (w.kind === 'jwe') {
          assert.equal(m.summary.alg, 'dir');
          assert.equal(m.summary.enc, 'A256GCM');
          assert.equal(m.summary.kid, 'enc-1');
          assert.equal(m.summary.cty, 'JWT');
          assert.equal(m.verify.family, 'encrypted');
        }
      }

      // JSON document.
      const doc = decodedDocumentFor(row.input, NOW);
      if (w.kind === 'malformed') {
        assert.equal(doc.ok, false);
        if (doc.ok) return;
        assert.equal(doc.message, w.repaired ? `${w.reason} ${w.repaired}` : w.reason);
      } else {
        assert.equal(doc.ok, true);
        if (!doc.ok) return;
        assert.equal(doc.json.kind, w.kindLabel);
        assert.equal(doc.json.repaired, w.repaired);
        assert.equal(doc.json.state, w.stateLabel);
        assert.equal(doc.json.stateNote, w.skewNote);
        const times = (doc.json.times ?? {}) as Record<string, string>;
        for (const [claim, problem] of Object.entries(w.claimProblems)) assert.equal(times[claim], problem, `document ${claim}`);
        const text = JSON.stringify(doc.json);
        assert.ok(!/"Valid"|never expires|NaN|Infinity/i.test(text), 'document words that claim too much');
      }
    });
  }
});
