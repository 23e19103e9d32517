/** The `authms` provider against the sandbox (250 sessions for one user, dto.Problem errors). */
import * as assert from 'node:assert/strict';
import { isAuthLensError, type AuthLensError } from '../../../src/core/errors';
import { AuthMsProvider } from '../../../src/providers/authms';
import type { Credentials, ProviderConfig, SessionInfo, SessionPage } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

describe('providers/authms (sandbox)', function () {
  this.timeout(15_000);
  let sandbox: SandboxHandle;
  let config: ProviderConfig;
  let creds: Credentials;
  const open: AuthMsProvider[] = [];
  const provider = (extra: Partial<ProviderConfig> = {}): AuthMsProvider => {
    const p = new AuthMsProvider({ ...config, ...extra });
    open.push(p);
    return p;
  };
  const userOnly = (): Credentials => ({ bearer: creds.bearer ?? '' });
  const all = async (p: AuthMsProvider, c: Credentials): Promise<{ pages: SessionPage[]; sessions: SessionInfo[] }> => {
    const pages: SessionPage[] = [];
    let cursor: string | undefined;
    do {
      const page = await p.listSessions({ credentials: c }, cursor);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return { pages, sessions: pages.flatMap((x) => x.sessions) };
  };
  const fails = async (p: Promise<unknown>): Promise<AuthLensError> => {
    const err = await p.then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(isAuthLensError(err));
    const text = `${err.message} ${JSON.stringify(err.details)}`;
    for (const v of Object.values(creds)) assert.ok(v === undefined || !text.includes(v));
    return err;
  };

  before(async () => {
    sandbox = await startSandbox();
    config = sandbox.providerConfigs().find((c) => c.kind === 'authms')!;
    creds = sandbox.credentials['sandbox-authms'] ?? {};
  });
  beforeEach(() => sandbox.reset());
  after(async () => {
    await Promise.all(open.map((p) => p.close()));
    await sandbox.close();
  });

  it('pages of 100 through 250 sessions: cursors 2, 3, then none; total 250', async () => {
    const { pages, sessions } = await all(provider(), userOnly());
    assert.deepEqual(
      pages.map((p) => [p.sessions.length, p.nextCursor, p.total]),
      [
        [100, '2', 250],
        [100, '3', 250],
        [50, undefined, 250],
      ],
    );
    assert.equal(new Set(sessions.map((s) => s.id)).size, 250);
    const states = new Set(sessions.map((s) => s.status));
    assert.ok(states.has('active') && states.has('expired') && states.has('idle-expired'), [...states].join());
    const s = sessions[0]!;
    assert.ok(s.tenantId && s.ip && s.userAgent && s.createdAt && s.expiresAt && s.idleExpiresAt && s.lastActiveAt);
    assert.deepEqual(s.tokens, []);
    assert.equal(typeof s.raw.session['amr'], 'string');
  });

  it('page_size follows the setting (50 -> 5 pages)', async () => {
    const { pages } = await all(provider({ pageSize: 50 }), userOnly());
    assert.equal(pages.length, 5);
  });

  it('without authUserId the bearer JWT’s sub is used', async () => {
    const page = await provider({ authUserId: undefined }).listSessions({ credentials: userOnly() });
    assert.equal(page.total, 250);
  });

  it('without authUserId and with an opaque token: not-configured naming authUserId', async () => {
    const err = await fails(provider({ authUserId: undefined }).listSessions({ credentials: { bearer: 'opaque-token-0123456789' } }));
    assert.equal(err.code, 'not-configured');
    assert.equal(err.details.where, 'authUserId');
  });

  it('another user’s sessions with a user token: 403 dto.Problem with title/detail, code, request and trace ids', async () => {
    const err = await fails(provider({ authUserId: 'usr_grace01' }).listSessions({ credentials: userOnly() }));
    assert.equal(err.code, 'http-forbidden');
    assert.equal(err.details.status, 403);
    assert.match(err.details.serverMessage ?? '', /^Forbidden: /);
    assert.match(err.details.serverCode ?? '', /^4030100\d$/);
    assert.match(err.details.requestId ?? '', /^req_/);
    assert.match(err.details.traceId ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('the admin credential lists other users (used when authUserId is not the bearer’s user)', async () => {
    const page = await provider().listSessions({ credentials: { admin: creds.admin ?? '' } });
    assert.equal(page.total, 250);
  });

  it('400 with field errors (page_size out of range)', async () => {
    const err = await fails(provider({ pageSize: 500 }).listSessions({ credentials: userOnly() }));
    assert.equal(err.code, 'http-other');
    assert.equal(err.details.status, 400);
    assert.equal(err.details.fieldErrors?.[0]?.field, 'page_size');
    assert.equal(err.details.fieldErrors?.[0]?.code, 'range');
  });

  it('404 for an unknown user (asked by an admin)', async () => {
    const err = await fails(provider({ authUserId: 'usr_nobody' }).listSessions({ credentials: creds }));
    assert.equal(err.code, 'http-not-found');
    assert.match(err.details.serverMessage ?? '', /usr_nobody/);
  });

  it('401 for a bad token (Problem with www-authenticate), no token in the error', async () => {
    const err = await fails(provider().listSessions({ credentials: { bearer: `${creds.bearer ?? ''}x` } }));
    assert.equal(err.code, 'http-unauthorized');
    assert.ok(!JSON.stringify(err.details).includes(creds.bearer ?? '-'));
  });

  it('429 with retry_after in the Problem: error with retryAfterSeconds', async () => {
    sandbox.misbehave({ kind: 'status', status: 429, retryAfter: 45, path: '/authms' });
    const err = await fails(provider().listSessions({ credentials: userOnly() }));
    assert.equal(err.code, 'http-rate-limited');
    assert.equal(err.details.retryAfterSeconds, 45);
  });

  it('revoke: DELETE /sessions/{id}, gone from the next list', async () => {
    const p = provider();
    const first = await p.listSessions({ credentials: userOnly() });
    const target = first.sessions[0]!;
    assert.deepEqual(await p.revokeSession({ credentials: userOnly() }, target), { kind: 'revoked' });
    const again = await p.listSessions({ credentials: userOnly() });
    assert.equal(again.total, 249);
    assert.ok(!again.sessions.some((s) => s.id === target.id));
  });

  it('revoke answered 404 or 405: unsupported', async () => {
    const p = provider();
    const first = await p.listSessions({ credentials: userOnly() });
    const ghost = { ...first.sessions[0]!, id: 'sess_does_not_exist' };
    const o404 = await p.revokeSession({ credentials: userOnly() }, ghost);
    assert.equal(o404.kind, 'unsupported');
    sandbox.misbehave({ kind: 'status', status: 405, path: '/authms/sessions/' });
    const o405 = await p.revokeSession({ credentials: userOnly() }, first.sessions[1]!);
    assert.equal(o405.kind, 'unsupported');
    assert.match(o405.kind === 'unsupported' ? o405.reason : '', /405/);
  });
});
