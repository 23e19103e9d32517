import * as assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { AUTHMS_FIELD_VIOLATION, AUTHMS_LIST, AUTHMS_PAGE_INFO, AUTHMS_PROBLEM_ALL, AUTHMS_PROBLEM_ALWAYS, AUTHMS_SESSION, assertShape } from './shapes';
import { startSandbox } from '../../../src/sandbox/index';
import { cred, useSandbox } from './helpers';

interface ListBody {
  code: number;
  items: Record<string, string>[];
  message: string;
  pagination: { page: number; page_size: number; total: number; total_pages: number; has_next: boolean; has_prev: boolean };
  timestamp: string;
  total: number;
}

describe('sandbox: AuthMS (seed 002)', () => {
  const h = useSandbox();
  const base = (): string => h.sb.baseUrls.authms;
  const userId = (): string => h.sb.providerConfigs().find((p) => p.id === 'sandbox-authms')?.authUserId ?? '';
  const list = (query: string, token = cred(h.sb, 'sandbox-authms', 'bearer')): Promise<Response> =>
    fetch(`${base()}/sessions?${query}`, { headers: { authorization: `Bearer ${token}` } });

  async function assertProblem(res: Response, status: number): Promise<Record<string, unknown>> {
    assert.equal(res.status, status);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    for (const field of AUTHMS_PROBLEM_ALWAYS) assert.ok(field in body, `dto.Problem.${field} present`);
    for (const field of Object.keys(body)) assert.ok(AUTHMS_PROBLEM_ALL.includes(field), `unexpected field ${field}`);
    assert.equal(body['status'], status);
    assert.ok(Number.isInteger(body['code']));
    assert.match(String(body['request_id']), /^req_[0-9a-f-]{36}$/);
    assert.match(String(body['trace_id']), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.match(String(body['span_id']), /^[0-9a-f]{16}$/);
    assert.match(String(body['timestamp']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(body['service'], 'auth-service');
    assert.match(String(body['type']), /^http:\/\/127\.0\.0\.1:\d+\/authms\/errors\//);
    assert.ok(String(body['instance']).startsWith('/authms/'));
    return body;
  }

  it('credentials: the user token is RS256, the admin token HS256, both verifiable', async () => {
    const bearer = cred(h.sb, 'sandbox-authms', 'bearer');
    assert.equal(decodeProtectedHeader(bearer).alg, 'RS256');
    assert.equal(decodeProtectedHeader(cred(h.sb, 'sandbox-authms', 'admin')).alg, 'HS256');
    const jwks = createRemoteJWKSet(new URL(`${base()}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(bearer, jwks, { issuer: base(), audience: 'authms' });
    assert.equal(payload.sub, userId());
  });

  it('GET /sessions answers dto.SessionListResponse with dto.SessionResponse items, field by field', async () => {
    const res = await list(`auth_user_id=${userId()}&page=1&page_size=20`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as ListBody;
    assertShape(body, AUTHMS_LIST);
    assertShape(body.pagination, AUTHMS_PAGE_INFO, '$.pagination');
    assert.equal(body.items.length, 20);
    for (const item of body.items) {
      assertShape(item, AUTHMS_SESSION, '$.items[]');
      assert.equal(item['user_id'], userId());
      assert.match(item['id'] ?? '', /^sess_/);
      assert.ok(['active', 'idle_expired', 'expired'].includes(item['status'] ?? ''));
    }
    assert.deepEqual(body.pagination, { has_next: true, has_prev: false, page: 1, page_size: 20, total: 250, total_pages: 13 });
    assert.equal(body.total, 250);
  });

  it('pages through all 250 sessions (default page size 20), no duplicates, realistic variety', async () => {
    const seen = new Set<string>();
    const statuses = new Set<string>();
    const devices = new Set<string>();
    let page = 1;
    for (;;) {
      const body = (await (await list(`auth_user_id=${userId()}&page=${page}`)).json()) as ListBody;
      assert.equal(body.pagination.page, page);
      for (const item of body.items) {
        assert.ok(!seen.has(item['id'] ?? ''), 'no duplicate across pages');
        seen.add(item['id'] ?? '');
        statuses.add(item['status'] ?? '');
        devices.add(item['device_type'] ?? '');
      }
      if (!body.pagination.has_next) break;
      page++;
    }
    assert.equal(page, 13);
    assert.equal(seen.size, 250);
    assert.deepEqual([...statuses].sort(), ['active', 'expired', 'idle_expired']);
    assert.ok(devices.has('desktop') && devices.has('mobile') && devices.has('cli'));
    const last = (await (await list(`auth_user_id=${userId()}&page=14`)).json()) as ListBody;
    assert.equal(last.items.length, 0);
    assert.equal(last.pagination.has_next, false);
  });

  it('page_size 100 gives 3 pages; bad page_size/page give 400 with dto.FieldViolation errors', async () => {
    const body = (await (await list(`auth_user_id=${userId()}&page=3&page_size=100`)).json()) as ListBody;
    assert.equal(body.items.length, 50);
    assert.equal(body.pagination.total_pages, 3);
    const bad = await assertProblem(await list(`auth_user_id=${userId()}&page=0&page_size=1000`), 400);
    const errors = bad['errors'] as Record<string, unknown>[];
    assert.deepEqual(errors.map((e) => e['field']).sort(), ['page', 'page_size']);
    for (const e of errors) {
      for (const key of Object.keys(e)) assert.ok(AUTHMS_FIELD_VIOLATION.includes(key));
      assert.equal(e['code'], 'range');
      assert.equal(typeof e['description'], 'string');
    }
    const notInt = await assertProblem(await list(`auth_user_id=${userId()}&page_size=abc`), 400);
    assert.equal((notInt['errors'] as { code: string }[])[0]?.code, 'format');
    const missing = await assertProblem(await list('page=1'), 400);
    assert.deepEqual(missing['errors'], [{ field: 'auth_user_id', code: 'required', description: 'auth_user_id is required' }]);
  });

  it("tenant isolation: a user asking for another user's sessions gets 403", async () => {
    const body = await assertProblem(await list('auth_user_id=usr_linus03'), 403);
    assert.equal(body['title'], 'Forbidden');
  });

  it("the tenant admin lists another user's sessions (one per state); another tenant's user is 403", async () => {
    const admin = cred(h.sb, 'sandbox-authms', 'admin');
    const body = (await (await list('auth_user_id=usr_linus03', admin)).json()) as ListBody;
    assert.equal(body.total, 4);
    const statuses = body.items.map((i) => i['status']);
    assert.ok(statuses.includes('active') && statuses.includes('idle_expired') && statuses.includes('expired'));
    assert.ok(
      body.items.some((i) => i['status'] === 'active' && Date.parse(i['expires_at'] ?? '') - Date.now() < 10 * 60_000),
      'one expiring within minutes',
    );
    await assertProblem(await list('auth_user_id=usr_hans04', admin), 403);
  });

  it('unknown user: 404 with i18n_args', async () => {
    const body = await assertProblem(await list('auth_user_id=usr_nobody', cred(h.sb, 'sandbox-authms', 'admin')), 404);
    assert.equal(body['i18n_key'], 'error.user_not_found');
    assert.deepEqual(body['i18n_args'], { user_id: 'usr_nobody' });
  });

  it('401 without a token, with a forged token, or a malformed one', async () => {
    await assertProblem(await fetch(`${base()}/sessions?auth_user_id=${userId()}`), 401);
    const bearer = cred(h.sb, 'sandbox-authms', 'bearer');
    const forged = `${bearer.slice(0, bearer.lastIndexOf('.'))}.AAAA`;
    const res = await list(`auth_user_id=${userId()}`, forged);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
    await assertProblem(res, 401);
    await assertProblem(await list(`auth_user_id=${userId()}`, 'not-a-jwt'), 401);
  });

  it('DELETE /sessions/{id} revokes (204) and the next list no longer has it; unknown id 404', async () => {
    const first = (await (await list(`auth_user_id=${userId()}`)).json()) as ListBody;
    const id = first.items[0]?.['id'] ?? '';
    const del = await fetch(`${base()}/sessions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${cred(h.sb, 'sandbox-authms', 'bearer')}` },
    });
    assert.equal(del.status, 204);
    const next = (await (await list(`auth_user_id=${userId()}`)).json()) as ListBody;
    assert.equal(next.total, 249);
    assert.ok(!next.items.some((i) => i['id'] === id));
    const again = await fetch(`${base()}/sessions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${cred(h.sb, 'sandbox-authms', 'bearer')}` },
    });
    await assertProblem(again, 404);
  });

  it("DELETE of another user's session: 403 for a user, 204 for the tenant admin", async () => {
    const admin = cred(h.sb, 'sandbox-authms', 'admin');
    const linus = (await (await list('auth_user_id=usr_linus03', admin)).json()) as ListBody;
    const id = linus.items[0]?.['id'] ?? '';
    const asUser = await fetch(`${base()}/sessions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${cred(h.sb, 'sandbox-authms', 'bearer')}` },
    });
    await assertProblem(asUser, 403);
    const asAdmin = await fetch(`${base()}/sessions/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(asAdmin.status, 204);
  });
});

describe('sandbox: AuthMS option authmsPagedSessions', () => {
  async function allOfAda(sb: Awaited<ReturnType<typeof startSandbox>>): Promise<ListBody['items']> {
    const bearer = cred(sb, 'sandbox-authms', 'bearer');
    const items: ListBody['items'] = [];
    for (let page = 1; ; page++) {
      const res = await fetch(`${sb.baseUrls.authms}/sessions?auth_user_id=usr_ada0250&page=${page}&page_size=100`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      const body = (await res.json()) as ListBody;
      items.push(...body.items);
      if (!body.pagination.has_next) return items;
    }
  }
  const counts = (items: ListBody['items']): Record<string, number> =>
    items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i['status'] ?? '']: (acc[i['status'] ?? ''] ?? 0) + 1 }), {});

  it('seeds that many sessions for usr_ada0250 (the first 20 special, the rest active); reset keeps the number', async function () {
    this.timeout(15_000);
    const sb = await startSandbox({ authmsPagedSessions: 1234 });
    try {
      const items = await allOfAda(sb);
      assert.equal(items.length, 1234);
      assert.equal(new Set(items.map((i) => i['id'])).size, 1234);
      assert.deepEqual(counts(items), { active: 1234 - 15, idle_expired: 10, expired: 5 });
      const soon = items.filter((i) => Date.parse(i['expires_at'] ?? '') - Date.now() < 10 * 60_000 && i['status'] === 'active');
      assert.equal(soon.length, 5, 'five expiring within minutes');
      sb.reset();
      assert.equal((await allOfAda(sb)).length, 1234);
      // Other users are unchanged.
      const linus = await fetch(`${sb.baseUrls.authms}/sessions?auth_user_id=usr_linus03`, {
        headers: { authorization: `Bearer ${cred(sb, 'sandbox-authms', 'admin')}` },
      });
      assert.equal(((await linus.json()) as ListBody).total, 4);
    } finally {
      await sb.close();
    }
  });

  it('the default 250 match the explicit 250 (same ids), and 0 gives an empty list', async function () {
    this.timeout(15_000);
    const [a, b, none] = await Promise.all([startSandbox(), startSandbox({ authmsPagedSessions: 250 }), startSandbox({ authmsPagedSessions: 0 })]);
    try {
      const [ia, ib, inone] = await Promise.all([allOfAda(a), allOfAda(b), allOfAda(none)]);
      assert.equal(ia.length, 250);
      assert.deepEqual(
        ia.map((i) => i['id']),
        ib.map((i) => i['id']),
      );
      assert.deepEqual(counts(ia), { active: 235, idle_expired: 10, expired: 5 });
      assert.equal(inone.length, 0);
    } finally {
      await Promise.all([a.close(), b.close(), none.close()]);
    }
  });

  it('refuses a count that is not a whole number from 0 to 100,000', async () => {
    for (const n of [-1, 2.5, Number.NaN, 100_001]) {
      await assert.rejects(startSandbox({ authmsPagedSessions: n }), RangeError);
    }
  });
});
