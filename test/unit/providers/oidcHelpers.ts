/** Shared set-up for the `oidc` provider tests against the real oidc-provider server. */
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { OidcProvider } from '../../../src/providers/oidc';
import { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig, ProviderContext } from '../../../src/providers/types';

export type Fixture = typeof import('../../fixtures/oidcServer.mjs');

export async function loadFixture(): Promise<Fixture> {
  return import('../../fixtures/oidcServer.mjs');
}

export function oidcConfig(server: OidcTestServer, over: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    id: 'test-oidc',
    kind: 'oidc',
    label: 'Test OIDC',
    baseUrl: server.issuer,
    issuer: server.issuer,
    clientId: server.clients.service.clientId,
    timeoutMs: 5_000,
    ...over,
  };
}

/** A provider plus a context with its own in-memory token store. */
export function makeProvider(
  server: OidcTestServer,
  over: Partial<ProviderConfig> = {},
  clientSecret?: string,
): { provider: OidcProvider; ctx: ProviderContext; tokens: MemoryTokenStore } {
  const tokens = new MemoryTokenStore();
  const provider = new OidcProvider(oidcConfig(server, over));
  const ctx: ProviderContext = { credentials: clientSecret !== undefined ? { clientSecret } : {}, tokens };
  return { provider, ctx, tokens };
}

/** Plays the browser: the dev login pages, then the redirect to AuthLens's loopback listener. */
export function browserFor(fixture: Fixture, opts: { login?: string; abort?: boolean; tamperState?: boolean; forgedFirst?: boolean } = {}) {
  const seen: { authorizeUrl?: string; listenerAnswer?: { status: number; text: string }; forgedAnswer?: number } = {};
  const openBrowser = async (url: string): Promise<boolean> => {
    seen.authorizeUrl = url;
    // Driven in the background, like a real browser: signIn() is awaiting the listener meanwhile.
    void (async () => {
      const redirect = await fixture.driveDevLogin(url, opts);
      if (opts.tamperState) redirect.searchParams.set('state', 'forged');
      if (opts.forgedFirst) {
        // Another local page races the real redirect with a made-up state.
        const forged = new URL(redirect);
        forged.searchParams.set('state', 'forged');
        forged.searchParams.set('code', 'attacker-code');
        const res = await fetch(forged);
        await res.text();
        seen.forgedAnswer = res.status;
      }
      const res = await fetch(redirect);
      seen.listenerAnswer = { status: res.status, text: await res.text() };
    })().catch((err: unknown) => {
      seen.listenerAnswer = { status: -1, text: String(err) };
    });
    return true;
  };
  return { openBrowser, seen };
}

/**
 * One real oidc-provider for the enclosing `describe`, started in its `before` hook and closed in
 * its `after` hook. Read `real.server` and `real.fixture` inside the tests.
 */
export function realOidcServer(opts?: Parameters<Fixture['startOidcServer']>[0]): { readonly fixture: Fixture; readonly server: OidcTestServer } {
  const real = {} as { fixture: Fixture; server: OidcTestServer };
  before(async () => {
    real.fixture = await loadFixture();
    real.server = await real.fixture.startOidcServer(opts);
  });
  after(async () => real.server?.close());
  return real;
}
