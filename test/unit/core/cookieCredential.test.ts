import * as assert from 'node:assert/strict';
import { baseCookieName, cookieValueFrom, encodeCookieValue, parseCookieCredential, sessionCookies } from '../../../src/core/cookieCredential';

describe('core/cookieCredential', () => {
  it('reads a whole Cookie header, name=value, and a Set-Cookie line without its attributes', () => {
    assert.deepEqual(parseCookieCredential('Cookie: theme=dark; myapp.session_token=abc.def%3D'), {
      kind: 'pairs',
      pairs: [
        { name: 'theme', value: 'dark' },
        { name: 'myapp.session_token', value: 'abc.def%3D' },
      ],
    });
    assert.deepEqual(parseCookieCredential('  __Secure-better-auth.session_token=v1  '), {
      kind: 'pairs',
      pairs: [{ name: '__Secure-better-auth.session_token', value: 'v1' }],
    });
    assert.deepEqual(parseCookieCredential('Set-Cookie: myapp.session_token=v2; Path=/; HttpOnly; SameSite=Lax'), {
      kind: 'pairs',
      pairs: [{ name: 'myapp.session_token', value: 'v2' }],
    });
    assert.deepEqual(parseCookieCredential('myapp.session_token=v3; Path=/; Max-Age=604800'), {
      kind: 'pairs',
      pairs: [{ name: 'myapp.session_token', value: 'v3' }],
    });
  });

  it('keeps a bare value whole, also a URL-decoded signed value ending in "=" or holding "/" and "+"', () => {
    for (const bare of ['abcdef0123', 'tok.sig+/x=', 'tok.c2lnbmF0dXJl=']) {
      assert.deepEqual(parseCookieCredential(bare), { kind: 'bare', value: bare }, bare);
    }
    assert.deepEqual(parseCookieCredential('Cookie: '), { kind: 'bare', value: '' });
    assert.deepEqual(parseCookieCredential('x=1; not a pair'), { kind: 'bare', value: 'x=1; not a pair' });
  });

  it('picks the session cookie: the configured name (prefix aside), else another *.session_token, else all', () => {
    const pasted = [
      { name: 'theme', value: 'dark' },
      { name: 'myapp.session_token', value: 'v' },
    ];
    assert.deepEqual(sessionCookies(pasted, 'better-auth.session_token'), [{ name: 'myapp.session_token', value: 'v' }]);
    assert.deepEqual(sessionCookies([{ name: '__Secure-myapp.session_token', value: 'w' }, ...pasted], 'myapp.session_token'), [
      { name: '__Secure-myapp.session_token', value: 'w' },
      { name: 'myapp.session_token', value: 'v' },
    ]);
    assert.deepEqual(sessionCookies([{ name: 'sid', value: 'z' }], 'better-auth.session_token'), [{ name: 'sid', value: 'z' }]);
  });

  it('names, values and encoding', () => {
    assert.equal(baseCookieName('__Host-x'), 'x');
    assert.equal(baseCookieName('__Secure-better-auth.session_token'), 'better-auth.session_token');
    assert.equal(cookieValueFrom('a=1; __Secure-better-auth.session_token=v3', 'better-auth.session_token'), 'v3');
    assert.equal(cookieValueFrom('plain', 'better-auth.session_token'), 'plain');
    assert.equal(encodeCookieValue('abc.def='), 'abc.def%3D');
    assert.equal(encodeCookieValue('abc.def%3D'), 'abc.def%3D');
  });
});
