/**
 * The request the inspector copies a signed cookie for (`inspector/cookieCopy.ts`): the cookie's
 * own name or its provider's, the value as the browser sends it, the provider's session endpoint.
 */
import * as assert from 'node:assert/strict';
import { isHeaderSafe } from '../../../src/core/copyFormats';
import { parseSignedCookie } from '../../../src/core/signedCookie';
import { signCookieValue } from '../../../src/providers/cookieSignature';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import { cookieHarness } from './cookieHarness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cookieCopyRequest } = require('../../../src/inspector/cookieCopy') as typeof import('../../../src/inspector/cookieCopy');

describe('inspector/cookieCopy', () => {
  it('builds the request from the cookie and its provider', () => {
    const provider: ConfiguredProvider = { id: 'ba', kind: 'better-auth', label: 'BA', baseUrl: 'http://127.0.0.1:3000/api/auth/', level: 'user' };
    const value = signCookieValue('better-auth', 'tok123', 'secret');
    const fromTree = cookieHarness({ token: value, source: { providerId: 'ba', providerLabel: 'BA' } }, { providers: [provider] });
    const r = cookieCopyRequest(fromTree.shown().built.cookie!, fromTree.shown().input, fromTree.deps);
    assert.deepEqual(r, { name: 'better-auth.session_token', value, url: 'http://127.0.0.1:3000/api/auth/get-session' });
    // Pasted URL-decoded with its own name: sent encoded, under that name, to a placeholder URL.
    const pasted = cookieHarness({ token: `myapp.session_token=${decodeURIComponent(value)}` });
    const p = cookieCopyRequest(pasted.shown().built.cookie!, pasted.shown().input, pasted.deps);
    assert.deepEqual(p, { name: 'myapp.session_token', value, url: 'https://app.example.com/' });
    assert.ok(isHeaderSafe(p.value, { scheme: 'cookie', name: p.name }));
    const flask = parseSignedCookie(signCookieValue('itsdangerous', '{"a":1}', 's'))!;
    assert.equal(cookieCopyRequest(flask, { token: flask.raw }, pasted.deps).name, 'session');
  });
});
