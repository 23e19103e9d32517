import * as assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { cred, useSandbox } from './helpers';

describe('sandbox: misbehaviour', () => {
  const h = useSandbox();
  const baCookie = (): Record<string, string> => ({
    cookie: `better-auth.session_token=${cred(h.sb, 'sandbox-better-auth', 'cookie')}`,
  });
  const authms = (): Promise<Response> =>
    fetch(`${h.sb.baseUrls.authms}/sessions?auth_user_id=usr_ada0250`, {
      headers: { authorization: `Bearer ${cred(h.sb, 'sandbox-authms', 'bearer')}` },
    });

  it('slow: answers normally after the delay, only on the matching path', async () => {
    h.sb.misbehave({ kind: 'slow', ms: 300, path: '/authms' });
    let t = performance.now();
    const res = await authms();
    assert.equal(res.status, 200);
    assert.ok(performance.now() - t >= 290, 'delayed');
    t = performance.now();
    await fetch(`${h.sb.baseUrls.betterAuth}/get-session`);
    assert.ok(performance.now() - t < 250, 'other paths are not delayed');
  });

  it('slow: a client that gives up (AbortSignal.timeout) gets its timeout, and the sandbox keeps serving', async () => {
    h.sb.misbehave({ kind: 'slow', ms: 5_000, path: '/better-auth', times: 1 });
    await assert.rejects(fetch(`${h.sb.baseUrls.betterAuth}/get-session`, { signal: AbortSignal.timeout(100) }), /abort|timeout/i);
    assert.equal((await fetch(`${h.sb.baseUrls.betterAuth}/get-session`)).status, 200);
  });

  it('status 429 under Better Auth: the real body and x-retry-after', async () => {
    h.sb.misbehave({ kind: 'status', status: 429, retryAfter: 7, path: '/better-auth/get-session' });
    const res = await fetch(`${h.sb.baseUrls.betterAuth}/get-session`, { headers: baCookie() });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('x-retry-after'), '7');
    assert.equal(res.headers.get('retry-after'), null);
    assert.deepEqual(await res.json(), { message: 'Too many requests. Please try again later.' });
  });

  it('status 429 under AuthMS: a dto.Problem with retry_after and Retry-After', async () => {
    h.sb.misbehave({ kind: 'status', status: 429, retryAfter: 3, path: '/authms' });
    const res = await authms();
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body['retry_after'], 3);
    assert.equal(body['status'], 429);
  });

  it('status 500 and 401 take each API error shape; OIDC and Authing too', async () => {
    h.sb.misbehave({ kind: 'status', status: 500 });
    const ba = await fetch(`${h.sb.baseUrls.betterAuth}/get-session`);
    assert.equal(ba.status, 500);
    assert.deepEqual(Object.keys((await ba.json()) as object), ['message', 'code']);
    const oidc = await fetch(`${h.sb.baseUrls.oidc}/jwks`);
    assert.equal(oidc.status, 500);
    assert.equal(((await oidc.json()) as { error: string }).error, 'server_error');
    const authing = await fetch(`${h.sb.baseUrls.authing}/cas/session`);
    assert.deepEqual(await authing.json(), { code: 500, message: 'Internal Server Error' });
    h.sb.reset();
    h.sb.misbehave({ kind: 'status', status: 401, path: '/authms' });
    const am = await authms();
    assert.equal(am.status, 401);
    assert.equal(((await am.json()) as { title: string }).title, 'Unauthorized');
  });

  it('status with a custom body (JSON or text)', async () => {
    h.sb.misbehave({ kind: 'status', status: 503, body: { hello: 'world' }, times: 1 });
    const res = await fetch(`${h.sb.baseUrls.authing}/cas/session`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { hello: 'world' });
    h.sb.misbehave({ kind: 'status', status: 502, body: 'Bad gateway', times: 1 });
    const text = await fetch(`${h.sb.baseUrls.authing}/cas/session`);
    assert.equal(text.status, 502);
    assert.equal(await text.text(), 'Bad gateway');
  });

  it('times: applies to that many requests only', async () => {
    h.sb.misbehave({ kind: 'status', status: 500, times: 2, path: '/authms' });
    assert.equal((await authms()).status, 500);
    assert.equal((await authms()).status, 500);
    assert.equal((await authms()).status, 200);
  });

  it('html: a 200 login page in text/html', async () => {
    h.sb.misbehave({ kind: 'html', path: '/better-auth' });
    const res = await fetch(`${h.sb.baseUrls.betterAuth}/get-session`, { headers: baCookie() });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /^<!DOCTYPE html>/);
  });

  it('not-json: JSON content type, body that does not parse', async () => {
    h.sb.misbehave({ kind: 'not-json', path: '/authms' });
    const res = await authms();
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    await assert.rejects(res.json());
  });

  it('malformed-jwt: JWTs in body and set-auth-jwt get a payload that is not JSON', async () => {
    h.sb.misbehave({ kind: 'malformed-jwt' });
    const res = await fetch(`${h.sb.baseUrls.betterAuth}/get-session`, { headers: baCookie() });
    assert.equal(res.status, 200);
    const headerJwt = res.headers.get('set-auth-jwt') ?? '';
    assert.equal(headerJwt.split('.').length, 3);
    assert.throws(() => decodeJwt(headerJwt));
    const cas = await fetch(`${h.sb.baseUrls.authing}/cas/session`, {
      headers: { cookie: `authing_session=${cred(h.sb, 'sandbox-authing', 'cookie')}` },
    });
    const token = ((await cas.json()) as { userInfo: { token: string } }).userInfo.token;
    assert.throws(() => decodeJwt(token));
    // The opaque session token is left alone.
    const body = (await res.json()) as { session: { token: string } };
    assert.match(body.session.token, /^[A-Za-z0-9]{32}$/);
  });

  it('reset() clears every rule', async () => {
    h.sb.misbehave({ kind: 'status', status: 500 });
    h.sb.reset();
    assert.equal((await authms()).status, 200);
  });

  it('over HTTP: POST /__sandbox/misbehave and /__sandbox/reset (JSON only, bad rules 400)', async () => {
    const post = (path: string, body: unknown, type = 'application/json'): Promise<Response> =>
      fetch(`${h.sb.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    assert.equal((await post('/__sandbox/misbehave', { kind: 'status', status: 418, path: '/authms' })).status, 204);
    assert.equal((await authms()).status, 418);
    assert.equal((await post('/__sandbox/reset', {})).status, 204);
    assert.equal((await authms()).status, 200);
    assert.equal((await post('/__sandbox/misbehave', { kind: 'explode' })).status, 400);
    assert.equal((await post('/__sandbox/misbehave', { kind: 'slow' })).status, 400);
    assert.equal((await post('/__sandbox/misbehave', { kind: 'html' }, 'text/plain')).status, 415);
  });
});
