import * as assert from 'node:assert/strict';
import type { SessionInfo, TokenInfo } from '../../../src/providers/types';
import { loadMoreLabel, sessionDescription, sessionLabel, sessionLook, tokenSummary } from '../../../src/sessions/describe';

const now = Date.parse('2026-01-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

function session(over: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id: 's1',
    user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' },
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    ip: '203.0.113.7',
    expiresAt: iso(now + 7_500_000),
    status: 'active',
    tokens: [],
    raw: { session: {} },
    ...over,
  };
}

function jwt(header: object, payload: object): string {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b(header)}.${b(payload)}.c2ln`;
}

describe('sessions/describe', () => {
  it('labels a session by name, then email, then id', () => {
    assert.equal(sessionLabel(session()), 'Ada Lovelace');
    assert.equal(sessionLabel(session({ user: { email: 'ada@example.com' } })), 'ada@example.com');
    assert.equal(sessionLabel(session({ user: { id: 'u1' } })), 'u1');
    assert.equal(sessionLabel(session({ user: {} })), '(unknown user)');
    // Codicon syntax from a server does not become an icon.
    assert.equal(sessionLabel(session({ user: { name: '$(warning) admin' } })), '$ (warning) admin');
  });

  it('describes device, IP and time left', () => {
    assert.equal(sessionDescription(session(), now), 'Chrome 120 on macOS · 203.0.113.7 · expires in 2h 5m');
    assert.equal(sessionDescription(session({ current: true, ip: undefined }), now), 'this credential · Chrome 120 on macOS · expires in 2h 5m');
    assert.equal(sessionDescription(session({ expiresAt: iso(now - 3 * 86_400_000) }), now), 'Chrome 120 on macOS · 203.0.113.7 · expired 3d ago');
    assert.equal(sessionDescription(session({ idleExpiresAt: iso(now + 600_000) }), now), 'Chrome 120 on macOS · 203.0.113.7 · idle expiry in 10m');
    assert.equal(sessionDescription(session({ status: 'revoked' }), now), 'revoked · Chrome 120 on macOS · 203.0.113.7');
    assert.equal(sessionDescription(session({ impersonatedBy: 'admin1', userAgent: undefined }), now), 'impersonated · 203.0.113.7 · expires in 2h 5m');
  });

  it('chooses the icon class', () => {
    assert.equal(sessionLook(session(), now), 'active');
    assert.equal(sessionLook(session({ expiresAt: iso(now + 120_000) }), now), 'expiring');
    assert.equal(sessionLook(session({ expiresAt: iso(now - 1) }), now), 'expired');
    assert.equal(sessionLook(session({ status: 'idle-expired' }), now), 'expired');
    assert.equal(sessionLook(session({ status: 'revoked' }), now), 'revoked');
    assert.equal(sessionLook(session({ impersonatedBy: 'admin1' }), now), 'impersonated');
    assert.equal(sessionLook(session({ status: 'unknown', expiresAt: undefined }), now), 'unknown');
  });

  it('summarises JWT and opaque tokens', () => {
    const t: TokenInfo = { kind: 'jwt', label: 'JWT', value: jwt({ alg: 'RS256', typ: 'JWT' }, { sub: 'u1', exp: now / 1000 + 240 }), opaque: false };
    const s = tokenSummary(t, now);
    assert.equal(s.description, 'JWT · RS256 · expires in 4m');
    assert.equal(s.alg, 'RS256');
    assert.equal(s.expiresAt, now + 240_000);
    assert.deepEqual(
      s.claims.map((c) => c.label),
      ['sub', 'exp'],
    );
    const opaque: TokenInfo = { kind: 'session-token', label: 'Session token', value: 'abcdef', opaque: true, expiresAt: iso(now + 3_600_000) };
    assert.equal(tokenSummary(opaque, now).description, 'opaque · expires in 1h');
    const sessionToken: TokenInfo = { kind: 'session-token', label: 'Session token', value: 'abcdef', opaque: true };
    assert.equal(tokenSummary(sessionToken, now, undefined, iso(now + 7_200_000)).description, 'opaque · expires in 2h');
    // A refresh token nobody stated an expiry for may still expire (issue 15): not "no expiry".
    const unknown: TokenInfo = { kind: 'refresh-token', label: 'Refresh', value: 'r', opaque: true };
    assert.equal(tokenSummary(unknown, now).description, 'opaque · lifetime unknown');
    const broken: TokenInfo = { kind: 'jwt', label: 'JWT', value: 'not.a.jwt', opaque: false };
    assert.equal(tokenSummary(broken, now).description, 'JWT · no expiry');
  });

  it('labels the paging row', () => {
    assert.equal(loadMoreLabel(100, 250), 'Load more (100 of 250)');
    assert.equal(loadMoreLabel(100, undefined), 'Load more (100 loaded)');
  });
});
