/**
 * Keep Fresh against the real oidc-provider 9.13 with 20-second tokens: the scheduler's decision
 * and the provider's real refresh / client-credentials grant, ahead of expiry. Time is a fake
 * clock moved by the test (no 20 s wait); the token endpoint is real.
 */
import * as assert from 'node:assert/strict';
import { planFresh, type FreshSlot, type SignInReason } from '../../../src/core/refreshSchedule';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { FreshHost } from '../../../src/sessions/keepFresh';
import type { OidcProvider } from '../../../src/providers/oidc';
import type { ProviderContext } from '../../../src/providers/types';
import type { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import { browserFor, makeProvider, realOidcServer } from '../providers/oidcHelpers';
import { eventually, FakeLog, installVscodeStub } from '../security/vscodeStub';
import { FakeClock } from './keepFreshClock';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeepFresh } = require('../../../src/sessions/keepFresh') as typeof import('../../../src/sessions/keepFresh');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshFacts } = require('../../../src/sessions/keepFreshHost') as typeof import('../../../src/sessions/keepFreshHost');

const ahead = 5;

/** The window side of Keep Fresh over a real provider and its in-memory token store. */
function realHost(provider: OidcProvider, ctx: ProviderContext, tokens: MemoryTokenStore) {
  const seen = { prompts: [] as SignInReason[], log: new FakeLog() };
  const config = { ...provider.config, level: 'user' } as ConfiguredProvider;
  const host: FreshHost = {
    log: seen.log,
    provider: (id) => (id === config.id ? config : undefined),
    aheadSeconds: () => ahead,
    async readSets() {
      const out = [];
      for (const slot of ['user', 'service'] as const) {
        const set = await tokens.get(slot);
        if (set) out.push(freshFacts(slot, set));
      }
      return out;
    },
    async renew(_config, kind, slot: FreshSlot, signal) {
      if (kind === 'refresh') return `refresh ${(await provider.refreshTokens({ ...ctx, signal }, slot)).rotation}`;
      await provider.getServiceToken({ ...ctx, signal });
      return 'client credentials';
    },
    changed: () => undefined,
    askToSignIn: (_c, _s, reason) => {
      seen.prompts.push(reason);
    },
    reportGaveUp: () => undefined,
  };
  return { host, seen, config };
}

describe('sessions/keepFresh against the real oidc-provider (20 s tokens, fake clock)', function () {
  this.timeout(20_000);
  const real = realOidcServer({ ttl: { AccessToken: 20, ClientCredentials: 20 } });

  it('refreshes a signed-in user ahead of expiry with the real refresh grant', async () => {
    const { provider, ctx, tokens } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const first = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
    assert.ok(first.refreshToken && first.expiresAt !== undefined);
    assert.equal(first.expiresAt - first.obtainedAt, 20_000, 'the server issued a 20 s access token');

    const clock = new FakeClock(first.obtainedAt);
    const plan = planFresh([freshFacts('user', first)], ahead, clock.now(), new Map());
    assert.deepEqual(plan.next, { kind: 'refresh', slot: 'user', at: first.expiresAt - 5_000 });

    const { host, config } = realHost(provider, ctx, tokens);
    const keep = new KeepFresh(host, clock);
    const refreshed: string[] = [];
    keep.onDidRefresh((id) => refreshed.push(id));
    await keep.start(config.id);
    assert.equal(clock.nextAt, first.expiresAt - 5_000);
    clock.advance(14_999);
    assert.deepEqual(refreshed, [], 'not before exp - ahead');
    clock.advance(1);
    await eventually('the real refresh', () => refreshed.length === 1, 10_000);

    const next = await tokens.get('user');
    assert.ok(next);
    assert.equal(next.grant, 'refresh_token');
    assert.notEqual(next.accessToken, first.accessToken);
    assert.equal(next.refreshToken, first.refreshToken, 'a confidential client keeps its refresh token');
    const introspected = await provider.introspect(ctx, next.accessToken, 'access_token');
    assert.equal(introspected.kind === 'answered' && introspected.active, true, 'the new access token is live');
    keep.dispose();
    assert.equal(clock.timers.size, 0);
    await provider.close();
  });

  it('fetches a new client-credentials token ahead of expiry', async () => {
    const { provider, ctx, tokens } = makeProvider(real.server, {}, real.server.clients.service.clientSecret);
    const first = await provider.getServiceToken(ctx);
    assert.equal(first.refreshToken, undefined);
    const clock = new FakeClock(first.obtainedAt);
    const { host, config } = realHost(provider, ctx, tokens);
    const keep = new KeepFresh(host, clock);
    const refreshed: string[] = [];
    keep.onDidRefresh((id) => refreshed.push(id));
    await keep.start(config.id);
    assert.equal(clock.nextAt, (first.expiresAt ?? 0) - 5_000);
    clock.advance(15_000);
    await eventually('the client-credentials grant', () => refreshed.length === 1, 10_000);
    const next = await tokens.get('service');
    assert.ok(next);
    assert.equal(next.grant, 'client_credentials');
    assert.notEqual(next.accessToken, first.accessToken);
    keep.dispose();
    await provider.close();
  });

  it('a revoked refresh token: invalid_grant from the server, one sign-in prompt, nothing scheduled after', async () => {
    const { provider, ctx, tokens } = makeProvider(real.server, { clientId: real.server.clients.web.clientId }, real.server.clients.web.clientSecret);
    const first = await provider.signIn(ctx, { openBrowser: browserFor(real.fixture).openBrowser });
    await provider.revokeToken(ctx, first.refreshToken ?? '', 'refresh_token');
    const clock = new FakeClock(first.obtainedAt);
    const { host, seen, config } = realHost(provider, ctx, tokens);
    const keep = new KeepFresh(host, clock);
    await keep.start(config.id);
    clock.advance(15_000);
    await eventually('the prompt', () => seen.prompts.length === 1, 10_000);
    await eventually('no timer left', () => clock.timers.size === 0);
    assert.deepEqual(seen.prompts, ['invalid-grant']);
    assert.ok(seen.log.lines.some((l) => l.includes('invalid_grant')));
    assert.ok(!seen.log.lines.some((l) => l.includes(first.refreshToken ?? '-') || l.includes(first.accessToken)), 'no token in the log');
    keep.dispose();
    await provider.close();
  });
});
