import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { decodeJwt, type DecodedJwt } from '../../../src/core/decode';
import { tokenWarnings } from '../../../src/core/warnings';
import { decodedDocumentFor, decodedJson, decodedJsonStrings } from '../../../src/core/decodedJson';
import { cookieDocumentTemplates } from '../../../src/core/cookieDocument';
import { flaskCookie } from '../../fixtures/signedCookies';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const nowS = NOW / 1000;
const key = new TextEncoder().encode('unit-test-secret-not-a-real-one-0123456789');

function decode(token: string): DecodedJwt {
  const r = decodeJwt(token);
  if (!r.ok) throw new Error(r.error.code);
  return r.token;
}

describe('decodedJson (the decoded-token document)', () => {
  it('holds header, payload, times in words and warnings, but never the token or its signature', async () => {
    const token = await new SignJWT({ sub: 'u1', auth_time: nowS - 120 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(nowS - 3 * 3600)
      .setExpirationTime(nowS - 3600)
      .sign(key);
    const decoded = decode(token);
    const doc = decodedJson(decoded, tokenWarnings(decoded, NOW), NOW);
    const text = JSON.stringify(doc);
    assert.deepEqual(doc.header, { alg: 'HS256', typ: 'JWT' });
    assert.equal((doc.payload as { sub: string }).sub, 'u1');
    assert.equal(doc.status, decodedJsonStrings.notVerified);
    assert.equal(doc.signature, `${decoded.signature.length} characters, not verified`);
    assert.deepEqual(doc.times, {
      exp: '2025-01-15T11:00:00.000Z (expired 1h ago)',
      iat: '2025-01-15T09:00:00.000Z (3h ago)',
      auth_time: '2025-01-15T11:58:00.000Z (2m ago)',
    });
    const codes = (doc.warnings as { code: string }[]).map((w) => w.code);
    assert.ok(codes.includes('expired'));
    assert.ok(!text.includes(token));
    assert.ok(!text.includes(decoded.signature));
  });

  it('says so for an unsigned token and for a time claim that is not a number', () => {
    const token = new UnsecuredJWT({ sub: 'u2', exp: 'tomorrow' } as unknown as { exp: number }).encode();
    const decoded = decode(token);
    const doc = decodedJson(decoded, [], NOW);
    assert.equal(doc.signature, decodedJsonStrings.noSignature);
    assert.deepEqual(doc.times, { exp: decodedJsonStrings.notANumber });
    assert.deepEqual(doc.warnings, []);
  });

  it('passes every text through the translator', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(nowS + 90)
      .sign(key);
    const doc = decodedJson(decode(token), [], NOW, (s) => `«${s}»`);
    assert.equal(doc.status, `«${decodedJsonStrings.notVerified}»`);
    assert.match(String((doc.times as { exp: string }).exp), /^«.*»$/);
  });

  it('has every template in the English and Chinese runtime bundles', () => {
    const root = join(__dirname, '..', '..', '..');
    for (const file of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
      const bundle = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
      for (const s of Object.values(decodedJsonStrings)) assert.ok(bundle[s], `${file} lacks "${s}"`);
    }
  });
});

describe('decodedJson: a signed session cookie', () => {
  it('shows format, parts with their meaning and the Flask payload, never the signature', () => {
    const value = flaskCookie({ user_id: 42 }, 1_780_000_000);
    const doc = decodedDocumentFor(`session=${value}`, NOW);
    assert.ok(doc.ok);
    const json = doc.json;
    assert.equal(json.kind, 'Signed session cookie');
    assert.equal(json.format, 'Flask session cookie (itsdangerous, HMAC-SHA1)');
    assert.deepEqual(
      (json.parts as { part: string }[]).map((p) => p.part),
      ['Payload', 'Timestamp', 'Signature'],
    );
    assert.equal((json.parts as { value: string }[])[2]!.value, '27 characters, not checked');
    assert.deepEqual(json.payload, { user_id: 42 });
    assert.equal(json.issuedAt, '2026-05-28T20:26:40.000Z');
    assert.ok(!JSON.stringify(json).includes(value.slice(value.lastIndexOf('.') + 1)), 'no signature');
  });

  it('has its templates in both bundles', () => {
    for (const file of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
      const bundle = JSON.parse(readFileSync(join(__dirname, '../../..', file), 'utf8')) as Record<string, string>;
      assert.deepEqual(
        cookieDocumentTemplates().filter((s) => !(s in bundle)),
        [],
        file,
      );
    }
  });
});
