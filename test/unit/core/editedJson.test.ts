/**
 * The Edit tab's JSON reader and token assembly (pure core): where a syntax error is, what a
 * header and a payload must be, and the bytes of unsigned and original-signature tokens.
 */
import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { decodeJwt } from '../../../src/core/decode';
import { lineAndColumn, MAX_EDITED_JSON, parseEditedJson } from '../../../src/core/editedJson';
import { editedJsonMessage, editedJsonTemplates } from '../../../src/core/editedJsonText';
import { base64UrlOfText, encodeSegment, unsignedJwt, withOriginalSignature } from '../../../src/core/jwtCompose';
import { tokenVerdict } from '../../../src/core/verdict';
import bundleEn from '../../../l10n/bundle.l10n.json';
import bundleZh from '../../../l10n/bundle.l10n.zh-cn.json';

describe('core/editedJson and core/jwtCompose', () => {
  it('locates a syntax error by line and column', () => {
    const r = parseEditedJson('{\n  "sub": "a",\n  "exp": 12,\n}', 'payload');
    assert.deepEqual(r, { ok: false, problem: { code: 'syntax', line: 4, column: 1 } });
    const end = parseEditedJson('{"a": ', 'payload');
    assert.deepEqual(end, { ok: false, problem: { code: 'syntax', line: 1, column: 7 } });
    assert.deepEqual(lineAndColumn('ab\ncd\r\nef', 7), { line: 3, column: 1 });
    assert.deepEqual(lineAndColumn('abc', 99), { line: 1, column: 4 });
  });

  it('requires objects, a string alg in the header, and bounded size', () => {
    assert.deepEqual(parseEditedJson('[1]', 'payload'), { ok: false, problem: { code: 'not-object' } });
    assert.deepEqual(parseEditedJson('null', 'header'), { ok: false, problem: { code: 'not-object' } });
    assert.deepEqual(parseEditedJson('{"alg": 5}', 'header'), { ok: false, problem: { code: 'missing-alg' } });
    assert.deepEqual(parseEditedJson('{"alg": ""}', 'header'), { ok: false, problem: { code: 'missing-alg' } });
    assert.deepEqual(parseEditedJson('{}', 'payload'), { ok: true, value: {} });
    assert.deepEqual(parseEditedJson(' '.repeat(MAX_EDITED_JSON + 1), 'payload'), { ok: false, problem: { code: 'too-large', limit: 256 } });
    assert.deepEqual(parseEditedJson(`${'['.repeat(3000)}${']'.repeat(3000)}`.replace(/^\[/, '{"a":[').replace(/\]$/, ']}'), 'payload').ok, false);
  });

  it('words each problem, and every template is in both bundles', () => {
    assert.equal(editedJsonMessage('header', { code: 'syntax', line: 2, column: 5 }), 'Header: not valid JSON (line 2, column 5).');
    assert.equal(editedJsonMessage('payload', { code: 'syntax' }), 'Payload: not valid JSON.');
    assert.equal(editedJsonMessage('payload', { code: 'too-deep', limit: 2048 }), 'Payload: nested deeper than 2048 levels.');
    const en = bundleEn as Record<string, string>;
    const zh = bundleZh as Record<string, string>;
    for (const template of editedJsonTemplates) assert.ok(template in en && template in zh, template);
  });

  it('encodes UTF-8 as unpadded base64url, like Buffer', () => {
    for (const s of ['', 'a', 'ab', 'abc', '{"é":"€😀"}', '\uD800 lone', '<script>'])
      assert.equal(base64UrlOfText(s), Buffer.from(s, 'utf8').toString('base64url'));
    assert.equal(encodeSegment({ b: 1, a: 2 }), Buffer.from('{"b":1,"a":2}').toString('base64url'));
  });

  it('unsigned: alg none, empty signature, and the verdict says unsecured', () => {
    const token = unsignedJwt({ alg: 'RS256', kid: 'k' }, { sub: 'x' });
    assert.ok(token.endsWith('.'));
    const d = decodeJwt(token);
    assert.ok(d.ok);
    assert.deepEqual(d.token.header, { alg: 'none', kid: 'k' });
    assert.equal(d.token.signature, '');
    assert.equal(tokenVerdict(token, Date.now()).kind, 'unsecured');
  });

  it('original signature: unchanged parts keep their bytes, the signature is the original', async () => {
    const raw = await new SignJWT({ sub: 'a', n: 1 }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('k'.repeat(32)));
    const d = decodeJwt(raw);
    assert.ok(d.ok);
    const [h, p, s] = raw.split('.');
    assert.equal(withOriginalSignature(d.token, d.token.header, d.token.payload), raw);
    const changed = withOriginalSignature(d.token, d.token.header, { ...d.token.payload, n: 2 }).split('.');
    assert.deepEqual([changed[0], changed[2]], [h, s]);
    assert.notEqual(changed[1], p);
    const both = withOriginalSignature(d.token, { ...d.token.header, kid: 'x' }, d.token.payload).split('.');
    assert.deepEqual([both[1], both[2]], [p, s]);
    assert.notEqual(both[0], h);
  });
});
