/**
 * Every failure, for each of the three seed providers, against the sandbox told to misbehave:
 * timeout, 401/403/404/5xx, 429 short (retried once) and long, HTML, non-JSON, wrong shape,
 * a body over the cap, cancellation, connection refused; and no credential in any error.
 */
import * as assert from 'node:assert/strict';
import { isAuthLensError, type AuthLensError, type ErrorCode } from '../../../src/core/errors';
import type { Json } from '../../../src/core/json';
import { createProvider } from '../../../src/providers/index';
import type { Credentials, ProviderConfig, ProviderKind } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { freePort } from '../../fixtures/miniServer';

interface Case {
  readonly kind: ProviderKind;
  readonly id: string;
  /** Path prefix (from the sandbox root) of the provider's first request. */
  readonly listPath: string;
  /** Wrong-shape bodies and the field the error must name. */
  readonly shapes: readonly { body: Json; where: string }[];
}

const CASES: readonly Case[] = [
  {
    kind: 'better-auth',
    id: 'sandbox-better-auth',
    listPath: '/better-auth/get-session',
    shapes: [
      { body: ['not', 'an', 'object'], where: '/get-session' },
      { body: { session: 'oops', user: {} }, where: '/get-session: session' },
      { body: { session: { id: 'x', userId: 'u' }, user: {} }, where: '/get-session: session.token' },
      { body: { session: { id: 'x', token: 't', userId: 'u' }, user: 42 }, where: '/get-session: user' },
    ],
  },
  {
    kind: 'authing',
    id: 'sandbox-authing',
    listPath: '/authing/cas/session',
    shapes: [
      { body: { session: { _id: 5 } }, where: '/cas/session: session._id' },
      { body: { session: { _id: 'abc', cookie: { expires: 'not a date' } } }, where: '/cas/session: session.cookie.expires' },
      { body: { session: { _id: 'abc' }, userInfo: { token: ['x'] } }, where: '/cas/session: userInfo.token' },
    ],
  },
  {
    kind: 'authms',
    id: 'sandbox-authms',
    listPath: '/authms/sessions',
    shapes: [
      { body: { items: 'none' }, where: '/sessions: items' },
      { body: { items: [{ id: 7 }] }, where: '/sessions: items[0].id' },
      { body: { items: [{ id: 's1', expires_at: false }] }, where: '/sessions: items[0].expires_at' },
      { body: { items: [], pagination: { has_next: 'yes' } }, where: '/sessions: pagination.has_next' },
    ],
  },
];

describe('providers: every failure against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  const errors: { err: AuthLensError; creds: Credentials }[] = [];

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  for (const c of CASES) {
    describe(c.kind, () => {
      const config = (extra: Partial<ProviderConfig> = {}): ProviderConfig => {
        const base = sandbox.providerConfigs().find((p) => p.id === c.id);
        assert.ok(base);
        return { ...base, timeoutMs: 400, ...extra };
      };
      const creds = (): Credentials => sandbox.credentials[c.id] ?? {};
      const listFails = async (expected: ErrorCode, extra: Partial<ProviderConfig> = {}, signal?: AbortSignal): Promise<AuthLensError> => {
        const p = createProvider(config(extra));
        try {
          await p.listSessions({ credentials: creds(), ...(signal ? { signal } : {}) });
        } catch (err) {
          assert.ok(isAuthLensError(err), String(err));
          errors.push({ err, creds: creds() });
          assert.equal(err.code, expected, err.message);
          return err;
        } finally {
          await p.close();
        }
        assert.fail(`expected ${expected}`);
      };

      it('works when nothing misbehaves', async () => {
        const p = createProvider(config());
        const page = await p.listSessions({ credentials: creds() });
        assert.equal(page.state, 'ok');
        assert.ok(page.sessions.length > 0);
        await p.close();
      });

      it('slow server -> net-timeout', async () => {
        sandbox.misbehave({ kind: 'slow', ms: 2000, path: c.listPath });
        await listFails('net-timeout');
      });

      for (const [status, code] of [
        [401, 'http-unauthorized'],
        [403, 'http-forbidden'],
        [404, 'http-not-found'],
        [500, 'http-server'],
        [503, 'http-server'],
      ] as const) {
        it(`${status} -> ${code} with the status and the server's message`, async () => {
          sandbox.misbehave({ kind: 'status', status, path: c.listPath });
          const err = await listFails(code);
          assert.equal(err.details.status, status);
          assert.ok((err.details.serverMessage ?? '').length > 0, 'server message');
        });
      }

      it('429 with a short Retry-After: waited out and retried once', async () => {
        sandbox.misbehave({ kind: 'status', status: 429, retryAfter: 1, times: 1, path: c.listPath });
        const p = createProvider(config({ timeoutMs: 3000 }));
        const t0 = Date.now();
        const page = await p.listSessions({ credentials: creds() });
        assert.equal(page.state, 'ok');
        assert.ok(Date.now() - t0 >= 900);
        await p.close();
      });

      it('429 with a long Retry-After: error saying when to retry', async () => {
        sandbox.misbehave({ kind: 'status', status: 429, retryAfter: 90, path: c.listPath });
        const err = await listFails('http-rate-limited');
        assert.equal(err.details.retryAfterSeconds, 90);
      });

      it('HTML page -> response-html', async () => {
        sandbox.misbehave({ kind: 'html', path: c.listPath });
        await listFails('response-html');
      });

      it('not JSON -> response-not-json', async () => {
        sandbox.misbehave({ kind: 'not-json', path: c.listPath });
        await listFails('response-not-json');
      });

      for (const shape of c.shapes) {
        it(`wrong shape -> response-shape naming ${shape.where}`, async () => {
          sandbox.misbehave({ kind: 'status', status: 200, body: shape.body, path: c.listPath });
          const err = await listFails('response-shape');
          assert.equal(err.details.where, shape.where);
        });
      }

      it('body over the 5 MB cap -> response-too-large', async () => {
        sandbox.misbehave({ kind: 'status', status: 200, body: { pad: 'x'.repeat(5.5 * 1024 * 1024) }, path: c.listPath });
        await listFails('response-too-large', { timeoutMs: 5000 });
      });

      it('cancellation via AbortSignal -> cancelled, promptly', async () => {
        sandbox.misbehave({ kind: 'slow', ms: 3000, path: c.listPath });
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 100);
        const t0 = Date.now();
        await listFails('cancelled', { timeoutMs: 5000 }, ac.signal);
        assert.ok(Date.now() - t0 < 1000);
      });

      it('connection refused -> net-refused', async () => {
        const port = await freePort();
        const base = config();
        const url = new URL(base.baseUrl);
        url.port = String(port);
        await listFails('net-refused', { baseUrl: url.href.replace(/\/$/, '') });
      });
    });
  }

  // A suite of its own so it runs after the per-provider suites above.
  describe('credentials', () =>
    it('no credential appears in any of those errors', () => {
      assert.ok(errors.length >= 40, `${errors.length} errors`);
      for (const { err, creds } of errors) {
        const text = `${err.message}\n${JSON.stringify(err.details)}\n${err.stack ?? ''}`;
        for (const value of Object.values(creds)) {
          if (value === undefined) continue;
          for (const v of [value, safeDecode(value)]) assert.ok(!text.includes(v), `${err.code} leaks a credential: ${text}`);
        }
      }
    }));
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
