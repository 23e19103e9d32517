import * as assert from 'node:assert/strict';
import {
  authorizationScheme,
  defaultTokenVariable,
  exportedValues,
  exportNames,
  isExportableToken,
  isShellVariableName,
} from '../../../src/terminal/exportVariables';

describe('terminal/exportVariables: names and values of Export to Terminals', () => {
  it('accepts shell variable names only', () => {
    for (const ok of ['AUTHLENS_TOKEN', '_x', 'a1', 'T'.repeat(64)]) assert.equal(isShellVariableName(ok), true, ok);
    for (const bad of ['', '1TOKEN', 'MY-TOKEN', 'A B', 'A=B', '$A', 'Ä', 'A\nB', 'T'.repeat(65), 'A;rm -rf /']) {
      assert.equal(isShellVariableName(bad), false, JSON.stringify(bad));
    }
  });

  it('pairs the token variable with an authorization variable', () => {
    assert.deepEqual(exportNames(defaultTokenVariable), { token: 'AUTHLENS_TOKEN', authorization: 'AUTHLENS_AUTHORIZATION' });
    assert.deepEqual(exportNames('API'), { token: 'API', authorization: 'API_AUTHORIZATION' });
    // The pair never collides, whatever the person typed.
    assert.deepEqual(exportNames('my_token'), { token: 'my_token', authorization: 'my_AUTHORIZATION' });
    for (const name of ['_TOKEN', 'a_token', 'AUTHORIZATION', 'X_AUTHORIZATION', 'T'.repeat(64)]) {
      const n = exportNames(name);
      assert.notEqual(n.token, n.authorization);
      // A shell takes it (the 64-character cap is only on what a person types).
      assert.match(n.authorization, /^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });

  it('uses Bearer unless the token type names another valid scheme', () => {
    assert.equal(authorizationScheme(undefined), 'Bearer');
    assert.equal(authorizationScheme('bearer'), 'Bearer');
    assert.equal(authorizationScheme('BEARER'), 'Bearer');
    assert.equal(authorizationScheme('DPoP'), 'DPoP');
    // Server text that is not a scheme cannot smuggle anything into the header.
    assert.equal(authorizationScheme('Bearer\r\nX-Evil: 1'), 'Bearer');
    assert.equal(authorizationScheme('a b'), 'Bearer');
    assert.equal(authorizationScheme('x'.repeat(33)), 'Bearer');
  });

  it('exports visible ASCII tokens only, and both values', () => {
    assert.equal(isExportableToken('eyJhbGciOiJIUzI1NiJ9.e30.sig'), true);
    for (const bad of ['', 'a b', 'a\nb', 'tökén', 'a\u0000b']) assert.equal(isExportableToken(bad), false, JSON.stringify(bad));
    assert.deepEqual(exportedValues(exportNames('AUTHLENS_TOKEN'), 'abc', 'DPoP'), [
      ['AUTHLENS_TOKEN', 'abc'],
      ['AUTHLENS_AUTHORIZATION', 'DPoP abc'],
    ]);
  });
});
