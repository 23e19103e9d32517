/** A signed session cookie's copies (`formatCookieCopy`): the Cookie header and curl with `--cookie`. */
import * as assert from 'node:assert/strict';
import { formatCookieCopy } from '../../../src/core/copyFormats';

describe('core/copyFormats: signed cookies', () => {
  const req = { name: 'authing_session', value: 's%3Aabc.sig', url: 'https://a.test/cas/session' };

  it('formats the Cookie header and curl with --cookie, quoted for the shell', () => {
    assert.equal(formatCookieCopy('cookieHeader', req), 'Cookie: authing_session=s%3Aabc.sig');
    assert.equal(formatCookieCopy('curl', req), "curl 'https://a.test/cas/session' --cookie 'authing_session=s%3Aabc.sig'");
    assert.equal(formatCookieCopy('curl', { ...req, url: "https://a.test/'x" }), `curl 'https://a.test/'\\''x' --cookie 'authing_session=s%3Aabc.sig'`);
  });
});
