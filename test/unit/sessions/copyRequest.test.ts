import * as assert from 'node:assert/strict';
import { copyRequestFor } from '../../../src/sessions/copyRequest';

describe('sessions/copyRequest', () => {
  const token = { value: 'tok', kind: 'session-token' as const };
  it('targets each kind’s own endpoint', () => {
    assert.deepEqual(copyRequestFor({ id: 'a', kind: 'better-auth', label: 'a', baseUrl: 'http://h/api/auth' }, token), {
      token: 'tok',
      url: 'http://h/api/auth/get-session',
      auth: { scheme: 'bearer' },
      cookieName: 'better-auth.session_token',
    });
    assert.equal(
      copyRequestFor({ id: 'a', kind: 'authms', label: 'a', baseUrl: 'http://h/ms', authUserId: 'u 1' }, token).url,
      'http://h/ms/sessions?auth_user_id=u%201',
    );
    assert.equal(copyRequestFor({ id: 'a', kind: 'authing', label: 'a', baseUrl: 'http://h/a', appHost: 'http://app' }, token).url, 'http://app/oidc/me');
    const oidc = { id: 'a', kind: 'oidc', label: 'a', baseUrl: 'http://h/o', issuer: 'http://iss/' } as const;
    // The discovered userinfo endpoint, wherever the issuer puts it; no guessed path without it.
    assert.equal(
      copyRequestFor(oidc, token, { userinfoEndpoint: 'http://iss/protocol/openid-connect/userinfo' }).url,
      'http://iss/protocol/openid-connect/userinfo',
    );
    assert.equal(copyRequestFor(oidc, token).url, 'http://iss');
  });
});
