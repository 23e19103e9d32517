import * as assert from 'node:assert/strict';
import { availableFormats, formatCopy, isHeaderSafe, shellQuote, type CopyRequest } from '../../../src/core/copyFormats';

const bearer: CopyRequest = {
  token: 'abc.def',
  url: 'http://127.0.0.1:4000/api/auth/get-session',
  auth: { scheme: 'bearer' },
  cookieName: 'better-auth.session_token',
};
const cookie: CopyRequest = { token: 's3cr3t', url: 'https://sso.example.com/cas/session', auth: { scheme: 'cookie', name: 'authing_session' } };

describe('core/copyFormats', () => {
  it('formats every kind exactly (bearer request)', () => {
    assert.equal(formatCopy('raw', bearer), 'abc.def');
    assert.equal(formatCopy('bearerHeader', bearer), 'Authorization: Bearer abc.def');
    assert.equal(formatCopy('cookieHeader', bearer), 'Cookie: better-auth.session_token=abc.def');
    assert.equal(formatCopy('curl', bearer), "curl 'http://127.0.0.1:4000/api/auth/get-session' -H 'Authorization: Bearer abc.def'");
    assert.equal(
      formatCopy('fetch', bearer),
      [
        'const response = await fetch("http://127.0.0.1:4000/api/auth/get-session", {',
        '  method: "GET",',
        '  headers: { "Authorization": "Bearer abc.def" },',
        '});',
        'console.log(response.status, await response.text());',
      ].join('\n'),
    );
    assert.equal(formatCopy('httpie', bearer), "http GET 'http://127.0.0.1:4000/api/auth/get-session' 'Authorization:Bearer abc.def'");
    assert.equal(formatCopy('restClient', bearer), 'GET http://127.0.0.1:4000/api/auth/get-session\nAuthorization: Bearer abc.def\n');
  });

  it('formats a cookie request with the cookie everywhere', () => {
    assert.equal(formatCopy('cookieHeader', cookie), 'Cookie: authing_session=s3cr3t');
    assert.equal(formatCopy('curl', cookie), "curl 'https://sso.example.com/cas/session' -H 'Cookie: authing_session=s3cr3t'");
    assert.equal(formatCopy('httpie', cookie), "http GET 'https://sso.example.com/cas/session' 'Cookie:authing_session=s3cr3t'");
    assert.equal(formatCopy('restClient', cookie), 'GET https://sso.example.com/cas/session\nCookie: authing_session=s3cr3t\n');
  });

  it('uses -X for methods other than GET', () => {
    assert.equal(
      formatCopy('curl', { ...bearer, method: 'post' }),
      "curl -X POST 'http://127.0.0.1:4000/api/auth/get-session' -H 'Authorization: Bearer abc.def'",
    );
    assert.equal(
      formatCopy('curl', { ...bearer, method: 'GET; rm -rf /' }),
      "curl 'http://127.0.0.1:4000/api/auth/get-session' -H 'Authorization: Bearer abc.def'",
    );
  });

  it('quotes hostile values for the shell and for JavaScript', () => {
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    const evil: CopyRequest = { token: `x'; touch /tmp/pwned; echo '`, url: "http://h/p?a='b'", auth: { scheme: 'bearer' } };
    assert.equal(formatCopy('curl', evil), `curl 'http://h/p?a='\\''b'\\''' -H 'Authorization: Bearer x'\\''; touch /tmp/pwned; echo '\\'''`);
    const js: CopyRequest = { token: '"});alert(1);//\u2028', url: 'http://h/', auth: { scheme: 'bearer' } };
    const snippet = formatCopy('fetch', js);
    assert.ok(snippet.includes('"Bearer \\"});alert(1);//\\u2028"'), snippet);
  });

  it('offers the Cookie format only when a cookie name is known', () => {
    assert.deepEqual(availableFormats(bearer), ['raw', 'bearerHeader', 'cookieHeader', 'curl', 'fetch', 'httpie', 'restClient']);
    assert.deepEqual(availableFormats({ ...bearer, cookieName: undefined }), ['raw', 'bearerHeader', 'curl', 'fetch', 'httpie', 'restClient']);
  });

  it('refuses header-unsafe tokens', () => {
    assert.equal(isHeaderSafe('eyJ.abc-_~+/='), true);
    assert.equal(isHeaderSafe('a\r\nX-Evil: 1'), false);
    assert.equal(isHeaderSafe('has space'), false);
    assert.equal(isHeaderSafe('ünïcode'), false);
    assert.equal(isHeaderSafe('a;b', { scheme: 'cookie', name: 'c' }), false);
    assert.equal(isHeaderSafe('a;b', { scheme: 'bearer' }), true);
  });
});
