/**
 * The link between a signed session cookie and its session (`sessions/cookieLink.ts`), against
 * the sandbox's Better Auth and Authing servers: the stored cookie becomes a "Session cookie"
 * row of exactly the session it belongs to, and only then.
 */
import * as assert from 'node:assert/strict';
import { parseSignedCookie } from '../../../src/core/signedCookie';
import { createProvider } from '../../../src/providers/index';
import { signCookieValue } from '../../../src/providers/cookieSignature';
import type { ProviderConfig, SessionInfo } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { tokenSummary } from '../../../src/sessions/describe';
import { isCookieOfSession, SESSION_COOKIE_LABEL, sessionOfCookie, withSessionCookie } from '../../../src/sessions/cookieLink';

describe('sessions: the session cookie linked to its session', () => {
  let sb: SandboxHandle;
  const listed: Record<string, readonly SessionInfo[]> = {};
  const configs: Record<string, ProviderConfig> = {};

  before(async function () {
    this.timeout(30_000);
    sb = await startSandbox();
    for (const id of ['sandbox-better-auth', 'sandbox-authing']) {
      const config = sb.providerConfigs().find((c) => c.id === id)!;
      configs[id] = config;
      const provider = createProvider(config);
      try {
        listed[id] = (await provider.listSessions({ credentials: sb.credentials[id] ?? {} })).sessions;
      } finally {
        await provider.close();
      }
    }
  });
  after(() => sb.close());

  const keyed = (id: string) => listed[id]!.map((session, i) => ({ key: `k${i}`, session }));
  const cookieRows = (rows: { session: SessionInfo }[]) => rows.filter((r) => r.session.tokens.some((t) => t.label === SESSION_COOKIE_LABEL));

  it('adds the Better Auth cookie to the session whose token it signs, as the browser sends it', () => {
    const cookie = sb.credentials['sandbox-better-auth']!.cookie!;
    assert.ok(listed['sandbox-better-auth']!.length >= 1);
    const rows = withSessionCookie(keyed('sandbox-better-auth'), `better-auth.session_token=${cookie}`, configs['sandbox-better-auth']!);
    const linked = cookieRows(rows);
    assert.equal(linked.length, 1);
    const session = linked[0]!.session;
    assert.equal(session.raw.session['token'], decodeURIComponent(cookie).split('.')[0]);
    const token = session.tokens.at(-1)!;
    assert.deepEqual([token.kind, token.label, token.value, token.opaque], ['session-token', SESSION_COOKIE_LABEL, cookie, true]);
    // Its row says what it is and lives as long as its session.
    const sessionEnd = Date.parse(session.expiresAt ?? '');
    assert.match(tokenSummary(token, sessionEnd - 3_600_000, undefined, session.expiresAt).description, /^signed cookie · expires in (59m|1h)/);
    // The session's own token stays first (revoke, export and refresh pick it by kind).
    assert.equal(session.tokens[0]!.label, 'Session token');
    // A second listing of the same rows does not add it twice.
    assert.equal(cookieRows(withSessionCookie(rows, cookie, configs['sandbox-better-auth']!))[0]!.session.tokens.length, session.tokens.length);
  });

  it('adds Authing’s express-session cookie to the session whose _id it carries', () => {
    const cookie = sb.credentials['sandbox-authing']!.cookie!;
    const rows = withSessionCookie(keyed('sandbox-authing'), cookie, configs['sandbox-authing']!);
    const linked = cookieRows(rows);
    assert.equal(linked.length, 1);
    assert.equal(`s:${linked[0]!.session.id}`, decodeURIComponent(cookie).split('.')[0]);
  });

  it('links nothing for a bearer credential, another session’s cookie or another kind', () => {
    const ba = configs['sandbox-better-auth']!;
    assert.equal(cookieRows(withSessionCookie(keyed('sandbox-better-auth'), undefined, ba)).length, 0);
    const stranger = signCookieValue('better-auth', 'not-a-listed-token', 'any-secret');
    assert.equal(cookieRows(withSessionCookie(keyed('sandbox-better-auth'), stranger, ba)).length, 0);
    const authingCookie = sb.credentials['sandbox-authing']!.cookie!;
    assert.equal(cookieRows(withSessionCookie(keyed('sandbox-authing'), authingCookie, { ...ba, kind: 'authms' })).length, 0);
    // An express-session cookie never matches a Better Auth session, even with an equal id.
    const session = listed['sandbox-better-auth']![0]!;
    assert.equal(isCookieOfSession(parseSignedCookie(signCookieValue('express-session', session.id, 'x'))!, 'better-auth', session), false);
  });

  it('finds the provider and session of a pasted cookie among all listed ones', () => {
    const cookie = parseSignedCookie(sb.credentials['sandbox-authing']!.cookie!)!;
    const found = sessionOfCookie(cookie, [
      { id: 'sandbox-better-auth', label: 'BA', kind: 'better-auth', sessions: listed['sandbox-better-auth']! },
      { id: 'sandbox-authing', label: 'Authing', kind: 'authing', sessions: listed['sandbox-authing']! },
    ]);
    assert.equal(found?.provider.id, 'sandbox-authing');
    assert.equal(found?.session.id, cookie.signedValue);
  });
});
