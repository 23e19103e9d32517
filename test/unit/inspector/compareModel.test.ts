import * as assert from 'node:assert/strict';
import { decodeJwt, type DecodedJwt } from '../../../src/core/decode';
import { compareTokens } from '../../../src/inspector/compareModel';
import { deepObject, unsignedJwt, wideObject } from '../../fixtures/inspectorTokens';

function decoded(payload: unknown, header?: Record<string, unknown>): DecodedJwt {
  const r = decodeJwt(unsignedJwt(payload, header));
  assert.ok(r.ok);
  return r.token;
}

describe('inspector comparison', () => {
  it('marks changed, added, removed and same leaves', () => {
    const a = decoded({ sub: 'alice', exp: 100, scope: 'read', roles: ['a', 'b'] });
    const b = decoded({ sub: 'alice', exp: 200, roles: ['a', 'c'], tenant: 't1' });
    const cmp = compareTokens(a, b, 'Pasted token');
    const by = new Map(cmp.rows.map((r) => [r.path, r]));
    assert.equal(by.get('payload.sub')?.change, 'same');
    assert.equal(by.get('payload.exp')?.change, 'changed');
    assert.equal(by.get('payload.exp')?.left, '100');
    assert.equal(by.get('payload.exp')?.right, '200');
    assert.equal(by.get('payload.scope')?.change, 'removed');
    assert.equal(by.get('payload.tenant')?.change, 'added');
    assert.equal(by.get('payload.roles[1]')?.change, 'changed');
    assert.equal(by.get('header.alg')?.change, 'same');
    assert.equal(cmp.differences, 4);
    assert.equal(cmp.rightLabel, 'Pasted token');
  });

  it('masks sensitive values but still sees that they differ', () => {
    const cmp = compareTokens(decoded({ password: 'one' }), decoded({ password: 'two' }), 'x');
    const row = cmp.rows.find((r) => r.path === 'payload.password');
    assert.equal(row?.change, 'changed');
    assert.equal(row?.left, '••••••');
    assert.ok(!JSON.stringify(cmp).includes('"one"'));
  });

  it('stays bounded on wide and deep tokens and escapes direction overrides', () => {
    const cmp = compareTokens(decoded({ ...wideObject(10_000), deep: deepObject(1000) }), decoded({ rtl: 'a\u202Eb' }), 'x');
    assert.ok(cmp.rows.length <= 1500);
    assert.equal(cmp.truncated, true);
    assert.ok(!JSON.stringify(cmp).includes('\u202E'));
  });
});
