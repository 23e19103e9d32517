/**
 * What the inspector shows of a decrypted plaintext (src/core/jwePlaintext.ts): UTF-8 with a
 * note for invalid bytes, JSON pretty-printed, huge text cut, a nested token read by the one
 * verdict, and `cty: JWT` over something that is not one said plainly.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describePlaintext, jwePlaintextTemplates, MAX_PLAINTEXT_SHOWN } from '../../../src/core/jwePlaintext';
import { rawToken } from '../../fixtures/tokens';

const NOW = Date.UTC(2026, 0, 1);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('core/jwePlaintext', () => {
  it('pretty-prints JSON and keeps plain text as it is', () => {
    const json = describePlaintext(bytes('{"sub":"alice","n":[1,2]}'), {}, NOW);
    assert.equal(json.json, true);
    assert.equal(json.text, '{\n  "sub": "alice",\n  "n": [\n    1,\n    2\n  ]\n}');
    const text = describePlaintext(bytes('hello <b>world</b>'), {}, NOW);
    assert.equal(text.json, false);
    assert.equal(text.text, 'hello <b>world</b>');
    assert.deepEqual(text.notes, []);
  });

  it('shows invalid UTF-8 as U+FFFD, with a note', () => {
    const view = describePlaintext(Uint8Array.of(0x61, 0xff, 0xfe, 0x62), {}, NOW);
    assert.equal(view.invalidUtf8, true);
    assert.equal(view.text, 'a\uFFFD\uFFFDb');
    assert.match(view.notes.join(' '), /not valid UTF-8/);
  });

  it('cuts a huge plaintext for display and says how much there was', () => {
    const view = describePlaintext(bytes('x'.repeat(MAX_PLAINTEXT_SHOWN + 10)), {}, NOW);
    assert.equal(view.truncated, true);
    assert.equal(view.text.length, MAX_PLAINTEXT_SHOWN);
    assert.match(view.notes.join(' '), new RegExp(`${MAX_PLAINTEXT_SHOWN + 10} bytes; the first ${MAX_PLAINTEXT_SHOWN} characters`));
  });

  it('reads a nested JWS with the one verdict (kind, alg, kid, time state)', () => {
    const inner = rawToken({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, { sub: 'alice', iss: 'https://issuer.test', exp: NOW / 1000 - 60 });
    const view = describePlaintext(bytes(`${inner}\n`), { cty: 'JWT' }, NOW);
    assert.equal(view.nested?.kind, 'jws');
    assert.equal(view.nested?.alg, 'RS256');
    assert.equal(view.nested?.kid, 'k1');
    assert.equal(view.nested?.sub, 'alice');
    assert.equal(view.nested?.stateLabel, 'Expired');
    assert.equal(view.json, false);
  });

  it('a JSON object holding a token is JSON, not a nested token', () => {
    const inner = rawToken({ alg: 'HS256' }, { sub: 'x' });
    const view = describePlaintext(bytes(JSON.stringify({ access_token: inner })), {}, NOW);
    assert.equal(view.nested, undefined);
    assert.equal(view.json, true);
  });

  it('says when cty names a JWT but the plaintext is not one', () => {
    const view = describePlaintext(bytes('just text'), { cty: 'JWT' }, NOW);
    assert.equal(view.nested, undefined);
    assert.match(view.notes.join(' '), /"cty": "JWT", but the plaintext is not a JWT/);
  });

  it('every sentence is in the English and Chinese runtime bundles', () => {
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    assert.deepEqual(
      jwePlaintextTemplates().filter((s) => !(s in en) || !(s in zh)),
      [],
    );
  });
});
