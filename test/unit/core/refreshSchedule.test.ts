import * as assert from 'node:assert/strict';
import { afterFailure, countdownLevel, nextStep, planFresh, retryDelaysMs } from '../../../src/core/refreshSchedule';
import { serviceFacts, t0, userFacts } from './freshSetFacts';

const none = new Map<'user' | 'service', number>();
const user = userFacts;
const service = serviceFacts;

describe('core/refreshSchedule', () => {
  it('refreshes with the refresh token `ahead` seconds before the access token expires', () => {
    assert.deepEqual(nextStep(user(), 60, t0, none), { kind: 'refresh', slot: 'user', at: t0 + 540_000 });
    assert.deepEqual(nextStep(user(), 300, t0, none), { kind: 'refresh', slot: 'user', at: t0 + 300_000 });
  });

  it('a step already due (inside the window, or expired) is due now', () => {
    assert.deepEqual(nextStep(user(), 60, t0 + 590_000, none), { kind: 'refresh', slot: 'user', at: t0 + 590_000 });
    assert.deepEqual(nextStep(user(), 60, t0 + 900_000, none), { kind: 'refresh', slot: 'user', at: t0 + 900_000 });
  });

  it('refreshes before a refresh token that dies first, and asks for sign-in once it is dead', () => {
    assert.deepEqual(nextStep(user({ refreshExpiresAt: t0 + 120_000 }), 60, t0, none), { kind: 'refresh', slot: 'user', at: t0 + 60_000 });
    assert.deepEqual(nextStep(user({ refreshExpiresAt: t0 + 120_000 }), 60, t0 + 120_000, none), {
      kind: 'sign-in',
      slot: 'user',
      at: t0 + 120_000,
      reason: 'refresh-expired',
    });
  });

  it('a service set whose refresh token died gets a new client-credentials token instead of a sign-in prompt', () => {
    assert.deepEqual(nextStep(service({ hasRefreshToken: true, refreshExpiresAt: t0 }), 60, t0, none), { kind: 'client-credentials', slot: 'service', at: t0 });
  });

  it('a client-credentials set without refresh token gets a new client-credentials token ahead of expiry', () => {
    assert.deepEqual(nextStep(service(), 60, t0, none), { kind: 'client-credentials', slot: 'service', at: t0 + 240_000 });
  });

  it('nothing is scheduled for a token without expiry', () => {
    assert.deepEqual(nextStep(user({ accessExpiresAt: undefined }), 60, t0, none), { kind: 'idle', slot: 'user', reason: 'no-expiry' });
    assert.deepEqual(nextStep(service({ accessExpiresAt: undefined }), 60, t0, none), { kind: 'idle', slot: 'service', reason: 'no-expiry' });
    assert.deepEqual(planFresh([user({ accessExpiresAt: undefined })], 60, t0, none).next, undefined);
  });

  it('a user set without refresh token: one sign-in prompt at the refresh time', () => {
    assert.deepEqual(nextStep(user({ hasRefreshToken: false }), 60, t0, none), { kind: 'sign-in', slot: 'user', at: t0 + 540_000, reason: 'no-refresh-token' });
  });

  it('invalid_grant once: one sign-in, then the set is stopped (no loop) until a new set arrives', () => {
    assert.deepEqual(afterFailure('oauth-error', 'invalid_grant', 'user', 0), { kind: 'sign-in', reason: 'invalid-grant' });
    const stopped = new Map([['user' as const, t0]]);
    assert.deepEqual(nextStep(user(), 60, t0 + 590_000, stopped), { kind: 'idle', slot: 'user', reason: 'stopped' });
    assert.equal(planFresh([user()], 60, t0 + 590_000, stopped).next, undefined, 'nothing to schedule for the stopped set');
    // Signing in again stores a new set: it is scheduled again.
    assert.equal(nextStep(user({ obtainedAt: t0 + 1 }), 60, t0, stopped).kind, 'refresh');
  });

  it('plans the earliest step of a provider’s sets (one timer per provider)', () => {
    const plan = planFresh([user(), service()], 60, t0, none);
    assert.deepEqual(plan.next, { kind: 'client-credentials', slot: 'service', at: t0 + 240_000 });
    assert.equal(plan.steps.length, 2);
    assert.deepEqual(planFresh([], 60, t0, none), { steps: [] });
  });

  it('a pending retry moves its set’s step; a retry for a replaced set is ignored', () => {
    const retries = new Map([['user' as const, { obtainedAt: t0, at: t0 + 560_000 }]]);
    assert.deepEqual(planFresh([user()], 60, t0 + 545_000, none, retries).next, { kind: 'refresh', slot: 'user', at: t0 + 560_000 });
    assert.deepEqual(planFresh([user({ obtainedAt: t0 + 5 })], 60, t0, none, retries).next, { kind: 'refresh', slot: 'user', at: t0 + 540_000 });
  });

  it('classifies failures: transient ones retried a bounded number of times, the rest given up once', () => {
    assert.deepEqual(afterFailure('net-timeout', undefined, 'user', 0), { kind: 'retry', delayMs: retryDelaysMs[0] });
    assert.deepEqual(afterFailure('oauth-error', 'temporarily_unavailable', 'service', 1), { kind: 'retry', delayMs: retryDelaysMs[1] });
    assert.deepEqual(afterFailure('http-server', undefined, 'user', retryDelaysMs.length), { kind: 'give-up' });
    assert.deepEqual(afterFailure('oauth-error', 'invalid_client', 'service', 0), { kind: 'give-up' });
    assert.deepEqual(afterFailure('oauth-error', 'invalid_grant', 'service', 0), { kind: 'give-up' });
    assert.deepEqual(afterFailure('oidc-no-refresh-token', undefined, 'user', 0), { kind: 'sign-in', reason: 'no-refresh-token' });
    assert.deepEqual(afterFailure('net-tls', undefined, 'user', 0), { kind: 'give-up' });
  });

  it('the countdown warns inside the window only when nothing will renew the token', () => {
    const opts = { aheadSeconds: 60, soonMs: 300_000 };
    assert.equal(countdownLevel(200_000, { ...opts, renewable: false }), 'warning');
    assert.equal(countdownLevel(200_000, { ...opts, renewable: true }), 'ok');
    assert.equal(countdownLevel(400_000, { ...opts, renewable: false }), 'ok');
    assert.equal(countdownLevel(500_000, { aheadSeconds: 600, soonMs: 300_000, renewable: false }), 'warning', 'a refresh window wider than "soon"');
    assert.equal(countdownLevel(0, { ...opts, renewable: true }), 'expired');
  });
});
