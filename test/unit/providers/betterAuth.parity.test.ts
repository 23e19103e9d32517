/**
 * Parity: the sandbox's Better Auth answers have the same keys and value types as a real
 * Better Auth 1.7 server's, so the sandbox cannot drift from the real thing.
 *
 * Allowed differences, each for a stated reason:
 * - keys the sandbox sends that seed 000 documents but this real setup lacks (the seed's
 *   deployment has stripe and custom user fields; the memory adapter omits never-set fields);
 * - `null` on one side where the other has a value (never-set optional fields: SQL gives null).
 */
import * as assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { call, signIn, signUp, spawnBetterAuth, type BetterAuthChild, type SignedIn } from '../../fixtures/betterAuthClient';
import { BA_SESSION, BA_USER } from '../sandbox/shapes';

/** `components.schemas` of seed 000. */
const SEED_SESSION_KEYS = Object.keys(BA_SESSION);
const SEED_USER_KEYS = Object.keys(BA_USER);

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined';
const kindOf = (v: unknown): Kind => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind));

/** Differences between two objects' keys and value kinds, minus the allowed ones. */
function diff(where: string, real: Record<string, unknown>, sandbox: Record<string, unknown>, seedKeys: readonly string[]): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(real)) {
    if (!(key in sandbox)) {
      problems.push(`${where}.${key}: the real server sends it, the sandbox does not`);
      continue;
    }
    const r = kindOf(real[key]);
    const s = kindOf(sandbox[key]);
    if (r !== s && r !== 'null' && s !== 'null') problems.push(`${where}.${key}: real ${r}, sandbox ${s}`);
  }
  for (const key of Object.keys(sandbox)) {
    if (key in real) continue;
    if (!seedKeys.includes(key)) problems.push(`${where}.${key}: only the sandbox sends it, and seed 000 does not document it`);
  }
  return problems;
}

async function getJson(url: string, bearer: string, init: RequestInit = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${bearer}`, ...(init.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers };
}

describe('sandbox parity with a real Better Auth server', function () {
  this.timeout(30_000);
  let real: BetterAuthChild;
  let sandbox: SandboxHandle;
  let user: SignedIn;
  let admin: SignedIn;
  let sbUser: string;
  let sbAdmin: string;

  before(async () => {
    [real, sandbox] = await Promise.all([spawnBetterAuth(), startSandbox()]);
    user = await signUp(real, 'parity@authlens.test', 'password-123456', 'Parity');
    admin = await signIn(real, real.admin.email, real.admin.password);
    // Give the real session the optional fields the sandbox seeds: an active organization and
    // an impersonated session.
    const org = await call(real, user.signed, '/organization/create', { name: 'Parity', slug: 'parity' });
    await call(real, user.signed, '/organization/set-active', { organizationId: (org.json as { id: string }).id });
    await call(real, admin.signed, '/admin/impersonate-user', { userId: user.userId });
    const creds = sandbox.credentials['sandbox-better-auth'] ?? {};
    sbUser = decodeURIComponent(creds.cookie ?? '');
    sbAdmin = decodeURIComponent(creds.admin ?? '');
  });
  after(async () => {
    await Promise.all([real?.close(), sandbox?.close()]);
  });

  it('the comparison itself catches drift (missing key, other type, undocumented key)', () => {
    assert.equal(diff('s', { a: 'x', b: 1 }, { b: 1 }, []).length, 1);
    assert.equal(diff('s', { a: 'x' }, { a: 5 }, []).length, 1);
    assert.equal(diff('s', { a: 'x' }, { a: null, z: 1 }, ['a']).length, 1);
    assert.deepEqual(diff('s', { a: 'x' }, { a: 'y', impersonatedBy: null }, SEED_SESSION_KEYS), []);
  });

  it('GET /get-session: {session, user} with the same keys and types, and a set-auth-jwt header', async () => {
    const r = await getJson(`${real.baseUrl}/get-session`, user.signed);
    const s = await getJson(`${sandbox.baseUrls.betterAuth}/get-session`, sbUser);
    assert.equal(r.status, 200);
    assert.equal(s.status, 200);
    const rj = r.json as Record<string, Record<string, unknown>>;
    const sj = s.json as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(sj).sort(), Object.keys(rj).sort());
    const problems = [...diff('session', rj['session']!, sj['session']!, SEED_SESSION_KEYS), ...diff('user', rj['user']!, sj['user']!, SEED_USER_KEYS)];
    assert.deepEqual(problems, []);
    assert.ok(r.headers.get('set-auth-jwt'));
    assert.ok(s.headers.get('set-auth-jwt'));
  });

  it('the jwt plugin JWT: same header alg, same claim names (user fields + iat/exp/iss/aud/sub)', async () => {
    const r = (await getJson(`${real.baseUrl}/get-session`, user.signed)).headers.get('set-auth-jwt') ?? '';
    const s = (await getJson(`${sandbox.baseUrls.betterAuth}/get-session`, sbUser)).headers.get('set-auth-jwt') ?? '';
    assert.equal(decodeProtectedHeader(s).alg, decodeProtectedHeader(r).alg);
    const problems = diff('jwt', decodeJwt(r), decodeJwt(s), SEED_USER_KEYS);
    assert.deepEqual(problems, []);
    const rt = (await getJson(`${real.baseUrl}/token`, user.signed)).json as Record<string, unknown>;
    const st = (await getJson(`${sandbox.baseUrls.betterAuth}/token`, sbUser)).json as Record<string, unknown>;
    assert.deepEqual(Object.keys(st), Object.keys(rt));
  });

  it('GET /list-sessions: an array of sessions with the same keys and types', async () => {
    const r = await getJson(`${real.baseUrl}/list-sessions`, user.signed);
    const s = await getJson(`${sandbox.baseUrls.betterAuth}/list-sessions`, sbUser);
    assert.ok(Array.isArray(r.json) && Array.isArray(s.json));
    const rs = r.json as Record<string, unknown>[];
    const ss = s.json as Record<string, unknown>[];
    assert.ok(rs.length > 0 && ss.length > 0);
    // Compare the richest real session (most keys) against every sandbox session.
    const richest = rs.reduce((a, b) => (Object.keys(b).length > Object.keys(a).length ? b : a));
    for (const [i, sb] of ss.entries()) assert.deepEqual(diff(`[${i}]`, richest, sb, SEED_SESSION_KEYS), []);
  });

  it('POST /admin/list-user-sessions: {sessions:[...]} with the same keys and types (impersonatedBy included)', async () => {
    const r = await getJson(`${real.baseUrl}/admin/list-user-sessions`, admin.signed, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.userId }),
    });
    const sbBob = ((await getJson(`${sandbox.baseUrls.betterAuth}/get-session`, sbUser)).json as { user: { id: string } }).user.id;
    const s = await getJson(`${sandbox.baseUrls.betterAuth}/admin/list-user-sessions`, sbAdmin, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: sbBob }),
    });
    assert.equal(r.status, 200);
    assert.equal(s.status, 200);
    const rs = (r.json as { sessions: Record<string, unknown>[] }).sessions;
    const ss = (s.json as { sessions: Record<string, unknown>[] }).sessions;
    assert.deepEqual(Object.keys(s.json as object), Object.keys(r.json as object));
    const impersonated = rs.find((x) => typeof x['impersonatedBy'] === 'string');
    assert.ok(impersonated, 'the real admin list shows the impersonated session');
    for (const [i, sb] of ss.entries()) assert.deepEqual(diff(`sessions[${i}]`, impersonated, sb, SEED_SESSION_KEYS), []);
  });

  it('signed out is 200 null on both; list-sessions and admin without a session answer alike', async () => {
    for (const base of [real.baseUrl, sandbox.baseUrls.betterAuth]) {
      const gs = await fetch(`${base}/get-session`);
      assert.equal(gs.status, 200);
      assert.equal(await gs.text(), 'null');
    }
    const rl = await fetch(`${real.baseUrl}/list-sessions`);
    const sl = await fetch(`${sandbox.baseUrls.betterAuth}/list-sessions`);
    assert.equal(sl.status, rl.status);
    assert.deepEqual(Object.keys((await sl.json()) as object).sort(), Object.keys((await rl.json()) as object).sort());
    const ra = await fetch(`${real.baseUrl}/admin/list-user-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: real.url },
      body: '{"userId":"x"}',
    });
    const sa = await fetch(`${sandbox.baseUrls.betterAuth}/admin/list-user-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: sandbox.url },
      body: '{"userId":"x"}',
    });
    assert.equal(sa.status, ra.status);
    assert.equal(await sa.text(), await ra.text());
  });

  it('revoke-session answers {"status":true} on both, even for a token that is not the caller’s', async () => {
    const r = await getJson(`${real.baseUrl}/revoke-session`, user.signed, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'not-a-real-token' }),
    });
    const s = await getJson(`${sandbox.baseUrls.betterAuth}/revoke-session`, sbUser, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'not-a-real-token' }),
    });
    assert.deepEqual(r.json, { status: true });
    assert.deepEqual(s.json, r.json);
  });
});
