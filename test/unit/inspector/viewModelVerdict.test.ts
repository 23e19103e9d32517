/**
 * The inspector model renders the token verdict: time words that name what was judged, JWE
 * protected headers, time claims read as the other views read them, and "Use stored secret"
 * offered only when a secret is stored.
 */
import * as assert from 'node:assert/strict';
import { buildInspectorModel, withStoredSecret, type BuiltInspector } from '../../../src/inspector/viewModel';
import type { FieldRow, InspectorModel } from '../../../src/shared/inspectorModel';

const NOW = Date.UTC(2026, 3, 16, 8, 0, 0);
const nowS = NOW / 1000;
const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');
const jwt = (payload: unknown, header: unknown = { alg: 'HS256' }): string => `${b64(header)}.${b64(payload)}.${b64('sig')}`;

function modelOf(built: BuiltInspector): InspectorModel {
  assert.equal(built.content.kind, 'token', JSON.stringify(built.content).slice(0, 300));
  return (built.content as { model: InspectorModel }).model;
}

function payloadRow(m: InspectorModel, name: string): FieldRow {
  const row = m.tables.find((t) => t.part === 'payload')?.rows.find((r) => r.name === name);
  assert.ok(row, `no payload row ${name}`);
  return row;
}

describe('inspector model: the verdict', () => {
  it('never says a bare "Valid": the time state names what was judged', () => {
    const onlyExp = modelOf(buildInspectorModel(jwt({ exp: nowS + 3600 }), { now: NOW }));
    assert.equal(onlyExp.verdict.stateLabel, 'Not expired');
    const window = modelOf(buildInspectorModel(jwt({ nbf: nowS - 60, exp: nowS + 3600 }), { now: NOW }));
    assert.equal(window.verdict.stateLabel, 'Within its validity period');
    const none = modelOf(buildInspectorModel(jwt({ sub: 'x' }), { now: NOW }));
    assert.equal(none.verdict.stateLabel, 'No expiry (no "exp" claim)');
    for (const m of [onlyExp, window, none]) assert.notEqual(m.verdict.stateLabel, 'Valid');
  });

  it('an exp of now is Expired, with the skew allowance as a separate note', () => {
    const m = modelOf(buildInspectorModel(jwt({ exp: nowS }), { now: NOW }));
    assert.equal(m.verdict.state, 'expired');
    assert.equal(m.verdict.stateLabel, 'Expired');
    assert.equal(m.verdict.skewNote, 'Still accepted by servers that allow 60 s of clock skew.');
  });

  it('reads exp in milliseconds as implausible, never as a guessed date', () => {
    const m = modelOf(buildInspectorModel(jwt({ exp: NOW + 3_600_000, iat: 'yesterday' }), { now: NOW }));
    const exp = payloadRow(m, 'exp');
    assert.equal(exp.time, undefined, 'no date guessed from milliseconds');
    assert.match(exp.timeProblem ?? '', /milliseconds/);
    assert.match(payloadRow(m, 'iat').timeProblem ?? '', /not a NumericDate/);
    assert.equal(m.times.exp, undefined);
    assert.equal(m.times.unreadable, true);
    assert.equal(m.verdict.state, 'unknown');
  });

  it('shows a JWE protected header (alg, enc, kid, cty), escaped', () => {
    const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'k\u202eyek', cty: 'JWT' };
    const jwe = [b64(header), b64('key'), b64('iv'), b64('ciphertext'), b64('tag')].join('.');
    const m = modelOf(buildInspectorModel(jwe, { now: NOW }));
    assert.equal(m.verdict.kind, 'jwe');
    assert.equal(m.summary.alg, 'RSA-OAEP-256');
    assert.equal(m.summary.enc, 'A256GCM');
    assert.equal(m.summary.cty, 'JWT');
    assert.equal(m.summary.kid, 'k\\u202Eyek', 'direction override shown as an escape');
    const names = m.tables.find((t) => t.part === 'header')?.rows.map((r) => r.name);
    assert.deepEqual(names, ['alg', 'enc', 'kid', 'cty']);
    assert.equal(m.verify.family, 'encrypted');
  });

  it('offers "Use stored secret" only once a secret is known to be stored, and only for HMAC', () => {
    const hs = buildInspectorModel(jwt({ iss: 'https://issuer.test', exp: nowS + 60 }), { now: NOW });
    assert.equal(modelOf(hs).verify.storedSecret, false, 'nothing stored: no button');
    assert.equal(modelOf(withStoredSecret(hs)).verify.storedSecret, true);
    const rs = buildInspectorModel(jwt({ iss: 'https://issuer.test' }, { alg: 'RS256' }), { now: NOW });
    assert.equal(modelOf(withStoredSecret(rs)).verify.storedSecret, false, 'an RSA token cannot use a shared secret');
    const flagged = buildInspectorModel(jwt({ iss: 'x' }, { alg: 'ES256' }), { now: NOW, storedSecret: true });
    assert.equal(modelOf(flagged).verify.storedSecret, false);
  });

  it('says what the command stripped before the token reached it', () => {
    const m = modelOf(buildInspectorModel(jwt({ exp: nowS + 60 }), { now: NOW, stripped: ['bearer', 'quotes'] }));
    assert.equal(m.verdict.repaired, 'Read after removing the "Bearer" prefix, the quotes around it.');
  });
});
