/**
 * Keep Fresh's adapter with a fake host and a fake clock: one timer per kept-fresh provider, the
 * renewal at `exp - ahead`, one sign-in prompt after invalid_grant, nothing scheduled when the
 * provider is removed, Keep Fresh is off, or the window closed.
 */
import * as assert from 'node:assert/strict';
import { AuthLensError } from '../../../src/core/errors';
import type { FreshSetFacts, FreshSlot, SignInReason } from '../../../src/core/refreshSchedule';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { FreshHost } from '../../../src/sessions/keepFresh';
import { eventually, FakeLog, installVscodeStub } from '../security/vscodeStub';
import { FakeClock } from './keepFreshClock';
import { t0, userFacts } from '../core/freshSetFacts';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeepFresh } = require('../../../src/sessions/keepFresh') as typeof import('../../../src/sessions/keepFresh');

const config = { id: 'idp', kind: 'oidc', label: 'IdP', baseUrl: 'https://idp.example' } as ConfiguredProvider;

/** A host whose sets, renewals and prompts the test controls and records. */
function fakeHost(clock: FakeClock) {
  const rec = {
    present: true,
    sets: [] as FreshSetFacts[],
    renewals: [] as { kind: string; slot: FreshSlot }[],
    prompts: [] as SignInReason[],
    gaveUp: [] as string[],
    changed: 0,
    /** What the next renewal does: a new set (its lifetime in ms) or an error. */
    outcome: { lifetime: 600_000 } as { lifetime: number } | { error: unknown },
    /** Set to hold a renewal open until the test resolves it. */
    hold: undefined as Promise<void> | undefined,
    /** Renewals that got past `hold`. */
    finished: 0,
  };
  const log = new FakeLog();
  const host: FreshHost = {
    log: log,
    provider: (id) => (rec.present && id === config.id ? config : undefined),
    readSets: async () => rec.sets,
    aheadSeconds: () => 60,
    async renew(_config, kind, slot) {
      rec.renewals.push({ kind, slot });
      if (rec.hold) await rec.hold;
      rec.finished++;
      const outcome = rec.outcome;
      if ('error' in outcome) throw outcome.error;
      const now = clock.now();
      rec.sets = rec.sets.map((s) => (s.slot === slot ? { ...s, obtainedAt: now, accessExpiresAt: now + outcome.lifetime } : s));
      return `refreshed ${slot}: access token eyJhbG… (812 chars)`;
    },
    changed: () => {
      rec.changed++;
    },
    askToSignIn: (_c, _slot, reason) => {
      rec.prompts.push(reason);
    },
    reportGaveUp: (_c, slot) => {
      rec.gaveUp.push(slot);
    },
  };
  return { host, rec, log };
}

const userSet = userFacts;

describe('sessions/keepFresh (fake clock, fake host)', () => {
  it('refreshes ahead of expiry, fires onDidRefresh, logs redacted, and plans the next one', async () => {
    const clock = new FakeClock(t0);
    const { host, rec, log } = fakeHost(clock);
    rec.sets = [userSet()];
    const keep = new KeepFresh(host, clock);
    const refreshed: string[] = [];
    keep.onDidRefresh((id) => refreshed.push(id));
    await keep.start(config.id);
    assert.equal(keep.isKeptFresh(config.id), true);
    assert.equal(clock.nextAt, t0 + 540_000, 'one timer, at exp - 60 s');
    clock.advance(539_000);
    assert.equal(rec.renewals.length, 0);
    clock.advance(1_000);
    await eventually('the refresh', () => refreshed.length === 1);
    assert.deepEqual(rec.renewals, [{ kind: 'refresh', slot: 'user' }]);
    assert.deepEqual(refreshed, [config.id]);
    assert.equal(rec.changed, 1, 'the tree was told');
    await eventually('the next plan', () => clock.nextAt === t0 + 540_000 + 540_000);
    assert.ok(log.lines.some((l) => l.includes('keep fresh: refreshed user')));
    keep.dispose();
  });

  it('a client-credentials set gets a new client-credentials token ahead of expiry', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [{ slot: 'service', accessExpiresAt: t0 + 20_000, hasRefreshToken: false, clientCredentials: true, obtainedAt: t0 }];
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    assert.equal(clock.nextAt, t0, 'a 20 s token is already inside the 60 s window: due now');
    clock.advance(0);
    await eventually('the client-credentials call', () => rec.renewals.length === 1);
    assert.deepEqual(rec.renewals, [{ kind: 'client-credentials', slot: 'service' }]);
    keep.dispose();
  });

  it('invalid_grant once: one sign-in prompt, no timer, no second prompt, until a new set arrives', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet({ accessExpiresAt: t0 + 30_000 })];
    rec.outcome = { error: new AuthLensError('oauth-error', { serverCode: 'invalid_grant' }) };
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    clock.advance(0);
    await eventually('the prompt', () => rec.prompts.length === 1);
    await eventually('the timers to settle', () => clock.timers.size === 0);
    assert.deepEqual(rec.prompts, ['invalid-grant']);
    // The store changes, the settings change, time passes: still one prompt, one attempt.
    await keep.tokensChanged(config.id);
    await keep.settingsChanged();
    clock.advance(3_600_000);
    assert.equal(clock.timers.size, 0);
    assert.deepEqual(rec.prompts, ['invalid-grant']);
    assert.equal(rec.renewals.length, 1);
    // Signing in again stores a new set: it is kept fresh again.
    rec.sets = [userSet({ obtainedAt: clock.now(), accessExpiresAt: clock.now() + 600_000 })];
    rec.outcome = { lifetime: 600_000 };
    await keep.tokensChanged(config.id);
    assert.equal(clock.nextAt, clock.now() + 540_000);
    keep.dispose();
  });

  it('a transient failure is retried a bounded number of times, then reported once', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet({ accessExpiresAt: t0 + 30_000 })];
    rec.outcome = { error: new AuthLensError('net-timeout') };
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    for (let i = 0; i < 10; i++) {
      clock.advance(clock.nextAt !== undefined ? clock.nextAt - clock.now() : 0);
      await eventually(`attempt ${i + 1}`, () => rec.renewals.length >= Math.min(i + 1, 5) && (clock.timers.size === 1 || rec.gaveUp.length === 1));
    }
    assert.equal(rec.renewals.length, 5, 'one attempt and four retries');
    assert.deepEqual(rec.gaveUp, ['user']);
    assert.equal(clock.timers.size, 0);
    assert.deepEqual(rec.prompts, []);
    keep.dispose();
  });

  it('a long wait is cut into pieces: an early wake-up renews nothing and plans again', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    const day = 86_400_000;
    rec.sets = [userSet({ accessExpiresAt: t0 + 30 * day })];
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    assert.equal(clock.nextAt, t0 + 6 * 3_600_000, 'at most six hours per timer');
    clock.advance(6 * 3_600_000);
    await eventually('the next piece', () => clock.nextAt === t0 + 12 * 3_600_000);
    assert.equal(rec.renewals.length, 0);
    keep.dispose();
  });

  it('a user set without refresh token: one sign-in prompt at exp - ahead, then nothing', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet({ hasRefreshToken: false })];
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    assert.equal(clock.nextAt, t0 + 540_000);
    clock.advance(540_000);
    await eventually('the prompt', () => rec.prompts.length === 1);
    await eventually('no timer left', () => clock.timers.size === 0);
    clock.advance(3_600_000);
    assert.deepEqual(rec.prompts, ['no-refresh-token']);
    assert.equal(rec.renewals.length, 0);
    keep.dispose();
  });

  it('a removed provider stops: its timer goes and it is no longer kept fresh', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet()];
    const keep = new KeepFresh(host, clock);
    const changes: string[] = [];
    keep.onDidChangeKept((id) => changes.push(id));
    await keep.start(config.id);
    assert.equal(clock.timers.size, 1);
    rec.present = false;
    await keep.settingsChanged();
    assert.equal(keep.isKeptFresh(config.id), false);
    assert.equal(clock.timers.size, 0);
    assert.deepEqual(changes, [config.id, config.id]);
    keep.dispose();
  });

  it('nothing is scheduled while nothing is kept fresh, nor for a token without expiry', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet()];
    const keep = new KeepFresh(host, clock);
    await keep.tokensChanged(config.id);
    await keep.settingsChanged();
    assert.equal(clock.timers.size, 0, 'off by default');
    rec.sets = [userSet({ accessExpiresAt: undefined })];
    await keep.start(config.id);
    assert.equal(clock.timers.size, 0);
    keep.stop(config.id);
    assert.deepEqual(keep.providerIds, []);
    keep.dispose();
  });

  it('closing the window (dispose) clears the timers and cancels a renewal in flight without firing', async () => {
    const clock = new FakeClock(t0);
    const { host, rec } = fakeHost(clock);
    rec.sets = [userSet({ accessExpiresAt: t0 + 30_000 })];
    let release = (): void => undefined;
    rec.hold = new Promise<void>((resolve) => (release = resolve));
    const keep = new KeepFresh(host, clock);
    const refreshed: string[] = [];
    keep.onDidRefresh((id) => refreshed.push(id));
    await keep.start(config.id);
    clock.advance(0);
    await eventually('the renewal to start', () => rec.renewals.length === 1);
    keep.dispose();
    release();
    await eventually('the renewal to settle', () => rec.finished === 1);
    // One more turn of the event loop: the adapter's continuation after the renewal has run.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(refreshed, []);
    assert.equal(clock.timers.size, 0);
    await keep.start(config.id);
    assert.equal(keep.isKeptFresh(config.id), false, 'a disposed Keep Fresh does not start again');
  });
});
