import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCodes, errorMessage } from '../../../src/core/errorMessages';
import { AuthLensError } from '../../../src/core/errors';
import { coreTemplates } from '../../../src/core/index';

describe('core/errorMessages', () => {
  it('has a one-line message for every code', () => {
    assert.ok(errorCodes.length >= 38);
    for (const code of errorCodes) {
      const msg = errorMessage(new AuthLensError(code));
      assert.ok(msg.length > 10, code);
      assert.ok(!/[\n{}]/.test(msg), `${code}: ${msg}`);
    }
  });

  it('mentions status, request id, trace id, retry-after and the server message', () => {
    const msg = errorMessage(
      new AuthLensError('http-rate-limited', {
        status: 429,
        requestId: 'req_550e8400',
        traceId: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        retryAfterSeconds: 30,
        serverMessage: 'slow\ndown',
      }),
    );
    assert.match(msg, /429/);
    assert.match(msg, /Retry after 30 s\./);
    assert.match(msg, /Request id: req_550e8400\./);
    assert.match(msg, /Trace id: 00-0af7/);
    assert.match(msg, /Server says: slow down/);
    assert.equal((msg.match(/429/g) ?? []).length, 1, 'status not repeated');
    assert.match(errorMessage(new AuthLensError('http-server', { status: 503 })), /HTTP status 503\./);
  });

  it('lists field violations and the part or setting concerned', () => {
    const msg = errorMessage(
      new AuthLensError('response-shape', { where: 'items[0].expires_at', fieldErrors: [{ field: 'page_size', description: 'must be <= 100' }] }),
    );
    assert.match(msg, /Where: items\[0\]\.expires_at\./);
    assert.match(msg, /Field page_size: must be <= 100/);
  });

  it('names the origin or setting for network, redirect, origin and configuration errors', () => {
    assert.match(errorMessage(new AuthLensError('net-refused', { where: 'http://127.0.0.1:9' })), /Where: http:\/\/127\.0\.0\.1:9\./);
    assert.match(errorMessage(new AuthLensError('origin-mismatch', { where: 'https://evil.example' })), /Where: https:\/\/evil\.example\./);
    assert.match(errorMessage(new AuthLensError('not-configured', { where: 'clientId' })), /Where: clientId\./);
    assert.doesNotMatch(errorMessage(new AuthLensError('http-server', { where: 'x', status: 500 })), /Where:/);
  });

  it('explains OAuth error codes with their RFC meaning', () => {
    const msg = errorMessage(new AuthLensError('oauth-error', { serverCode: 'invalid_grant', status: 400 }));
    assert.match(msg, /Error "invalid_grant" \(RFC 6749 §5\.2\)/);
    assert.match(errorMessage(new AuthLensError('oauth-error', { serverCode: 'made_up' })), /Server code: made_up\./);
  });

  it('never repeats a credential the server echoed', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const msg = errorMessage(new AuthLensError('http-unauthorized', { serverMessage: `token ${jwt} is invalid` }));
    assert.ok(!msg.includes(jwt));
  });

  it('names the token part and the offending character', () => {
    assert.equal(errorMessage(new AuthLensError('token-not-json', { where: 'payload' })), 'The token payload is not JSON.');
    assert.match(errorMessage(new AuthLensError('token-bad-base64url', { where: 'header', character: '\t' })), /header.*U\+0009/);
    assert.match(errorMessage(new AuthLensError('token-segment-count', { segmentCount: 4 })), /has 4/);
  });

  it('a timeout says how long was waited when the client set a limit (seconds), and stays generic without one', () => {
    const limit = 7 + Math.floor(Math.random() * 50);
    const withLimit = errorMessage(new AuthLensError('net-timeout', { where: 'https://idp.example', limit }));
    assert.match(withLimit, new RegExp(`within ${limit} s\\b`));
    assert.match(withLimit, /Where: https:\/\/idp\.example\./);
    assert.ok(!withLimit.includes('in time'), withLimit);
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    const localised = errorMessage(new AuthLensError('net-timeout', { limit }), (s) => zh[s] ?? `MISSING ${s}`);
    assert.ok(localised.includes(`${limit} 秒`) && !localised.includes('MISSING'), localised);
    // A fractional or nonsensical limit never leaks as "1.2 s", "NaN s" or "0 s".
    assert.match(errorMessage(new AuthLensError('net-timeout', { limit: 1.2 })), /within 2 s/);
    for (const bad of [Number.NaN, 0, -3, Number.POSITIVE_INFINITY]) {
      assert.equal(errorMessage(new AuthLensError('net-timeout', { limit: bad })), 'The server did not answer in time.', String(bad));
    }
    assert.equal(errorMessage(new AuthLensError('net-timeout')), 'The server did not answer in time.');
  });

  it('shows invisible characters of server text as escapes and breaks its link syntax (notifications render links)', () => {
    const msg = errorMessage(
      new AuthLensError('oauth-error', {
        serverCode: 'x\u202e',
        serverMessage: 'admin\u202egnp.exe\u2066 [run](command:workbench.action.terminal.new)',
        where: 'a\u200bb',
      }),
    );
    assert.doesNotMatch(msg, /[\u200b\u202e\u2066]/);
    assert.ok(!msg.includes(']('), msg);
    assert.match(msg, /Server says: admin\\u\{202e\}gnp\.exe\\u\{2066\} \[run\] \(command:/);
    assert.match(msg, /Where: a\\u\{200b\}b\./);
  });

  it('localises through t()', () => {
    const msg = errorMessage(new AuthLensError('net-timeout', { requestId: 'r1' }), (s) => `[${s}]`);
    assert.equal(msg, '[The server did not answer in time.] [Request id: r1.]');
  });

  it('every core text (errors, warnings, countdowns, claims) is in both runtime bundles', () => {
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    const missing = coreTemplates().filter((s) => !(s in en) || !(s in zh));
    assert.deepEqual(missing, []);
    // Placeholders survive translation.
    for (const s of coreTemplates()) {
      const ph = (x: string) => (x.match(/\{\d+\}/g) ?? []).sort().join();
      assert.equal(ph(zh[s]!), ph(s), s);
    }
  });
});
