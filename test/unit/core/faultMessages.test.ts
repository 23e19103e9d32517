import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorMessage } from '../../../src/core/errorMessages';
import { AuthLensError, type ErrorAttempt } from '../../../src/core/errors';

const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
const chinese = (s: string): string => zh[s] ?? `MISSING ${s}`;

describe('core/errorMessages: faults that name their cause', () => {
  it('net-tls names each certificate cause, and the opt-out setting only with a provider id', () => {
    const causes = {
      'self-signed': /self-signed/,
      'unknown-issuer': /issuer this machine does not trust/,
      'hostname-mismatch': /another host name/,
      expired: /has expired/,
      'not-yet-valid': /not valid yet/,
    } as const;
    for (const [cause, pattern] of Object.entries(causes)) {
      const msg = errorMessage(new AuthLensError('net-tls', { where: 'https://127.0.0.1:8443', tlsCause: cause as keyof typeof causes, tlsOptOutId: 'dev' }));
      assert.match(msg, pattern, cause);
      assert.match(msg, /add "dev" to the user setting authlens\.insecureTlsProviders/);
    }
    const plain = errorMessage(new AuthLensError('net-tls', { tlsCause: 'self-signed' }));
    assert.doesNotMatch(plain, /insecureTlsProviders/);
    assert.equal(errorMessage(new AuthLensError('net-tls', {})), 'The secure connection failed (certificate or TLS problem).');
    const localised = errorMessage(new AuthLensError('net-tls', { tlsCause: 'self-signed', tlsOptOutId: 'dev' }), chinese);
    assert.ok(!localised.includes('MISSING') && localised.includes('"dev"') && localised.includes('自签名'), localised);
  });

  it('each timeout phase says what was waited for and for how long', () => {
    assert.equal(
      errorMessage(new AuthLensError('net-timeout', { limit: 10, timeoutPhase: 'connect' })),
      'The server did not accept the connection within 10 s.',
    );
    assert.equal(errorMessage(new AuthLensError('net-timeout', { limit: 10, timeoutPhase: 'headers' })), 'The server sent no answer within 10 s.');
    assert.match(errorMessage(new AuthLensError('net-timeout', { limit: 10, timeoutPhase: 'body' })), /nothing arrived for 10 s/);
    assert.match(errorMessage(new AuthLensError('net-timeout', { limit: 35, timeoutPhase: 'total' })), /complete answer within 35 s/);
    assert.ok(errorMessage(new AuthLensError('net-timeout', { limit: 10, timeoutPhase: 'headers' }), chinese).includes('10 秒'));
  });

  it('attempts: each URL with its answer, bounded, and hostile server text made plain', () => {
    const attempt = (i: number): ErrorAttempt => ({
      url: `https://idp.example/${i}/.well-known/openid-configuration`,
      code: 'http-not-found',
      details: { status: 404, serverMessage: `[click](command:evil) line\nbreak ${i}`, requestId: `r${i}` },
    });
    const msg = errorMessage(new AuthLensError('oidc-discovery-failed', { status: 404, attempts: [1, 2, 3, 4, 5, 6].map(attempt) }));
    assert.equal((msg.match(/Tried /g) ?? []).length, 4, 'at most four attempts shown');
    assert.match(msg, /Tried https:\/\/idp\.example\/1\/\.well-known\/openid-configuration: Not found \(404\)/);
    assert.match(msg, /Request id: r4\./);
    assert.doesNotMatch(msg, /\]\(|[\n\r]/);
    assert.doesNotMatch(msg, /HTTP status 404\./, 'the status is named per attempt');
  });
});
