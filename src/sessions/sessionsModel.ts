import * as vscode from 'vscode';
import type { AuthLensConfig, ConfiguredProvider } from '../plumbing/config';
import { isAuthLensError } from '../core/errors';
import type { CredentialStore } from '../secrets/credentials';
import type { DiscoveredCredentialOrigins } from '../providers/oidc/endpointOrigins';
import { loadProviders } from '../plumbing/lazy';
import { Disposable, toDisposable } from '../plumbing/lifecycle';
import { oidcTokenStoreFor } from '../secrets/oidcTokenStore';
import { withSessionCookie } from './cookieLink';
import { plainText } from '../core/hostileText';
import type { CredentialKind, Provider, ProviderContext, RevokeOutcome, SessionInfo } from '../providers/types';
import { type ProviderFailure, type ProviderState, type LoadReason, emptyState, stateForCode, toFailure, keyed } from './providerState';
export { stateForCode, toFailure } from './providerState';
export type { ProviderStateKind, ProviderFailure, ListedSession, ProviderState, LoadReason } from './providerState';

interface Live {
  provider: Provider;
  /** JSON of the config it was made from; a different config means a new provider. */
  configKey: string;
}

export class SessionsModel extends Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with a provider id, or `undefined` when the provider list changed. */
  readonly onDidChange = this.changed.event;
  private readonly states = new Map<string, ProviderState>();
  private readonly live = new Map<string, Live>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private config: AuthLensConfig;
  private disposed = false;

  constructor(
    config: AuthLensConfig,
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
    /** Shows a failure to the person (notification with actions); injected by the explorer. */
    private readonly reportFailure: (provider: ConfiguredProvider, failure: ProviderFailure) => void,
  ) {
    super();
    this.config = config;
    this.register(
      toDisposable(() => {
        // Set first: a request that settles while we tear down must not write state.
        this.disposed = true;
        for (const a of this.aborts.values()) a.abort();
        this.aborts.clear();
        for (const l of this.live.values()) void l.provider.close().catch(() => undefined);
        this.live.clear();
      }),
    );
    this.register(this.changed);
  }

  get providers(): readonly ConfiguredProvider[] {
    return this.config.providers;
  }

  provider(providerId: string): ConfiguredProvider | undefined {
    return this.config.providers.find((p) => p.id === providerId);
  }

  state(providerId: string): ProviderState {
    return this.states.get(providerId) ?? emptyState;
  }

  session(providerId: string, key: string): SessionInfo | undefined {
    return this.state(providerId).sessions.find((s) => s.key === key)?.session;
  }

  /** Takes a new settings snapshot; providers whose entry changed start over. */
  setConfig(config: AuthLensConfig): void {
    this.config = config;
    const ids = new Set(config.providers.map((p) => p.id));
    for (const [id, l] of [...this.live]) {
      const p = config.providers.find((c) => c.id === id);
      if (!p || JSON.stringify(p) !== l.configKey) {
        this.aborts.get(id)?.abort();
        this.aborts.delete(id);
        void l.provider.close().catch(() => undefined);
        this.live.delete(id);
        this.states.delete(id);
      }
    }
    for (const id of [...this.states.keys()]) if (!ids.has(id)) this.states.delete(id);
    this.changed.fire(undefined);
  }

  private setState(providerId: string, next: ProviderState): void {
    if (this.disposed) return;
    this.states.set(providerId, next);
    this.changed.fire(providerId);
  }

  private instance(config: ConfiguredProvider): Provider {
    const configKey = JSON.stringify(config);
    const existing = this.live.get(config.id);
    if (existing && existing.configKey === configKey) return existing.provider;
    const mod = loadProviders();
    const provider = mod.createProvider(config, { http: this.config.http, log: (line) => this.log.debug(`[${config.id}] ${line}`) });
    this.live.set(config.id, { provider, configKey });
    return provider;
  }

  /**
   * The endpoint origins an `oidc` entry's issuer vouches for in its discovery document, beyond
   * the entry's settings (fetched when not cached); `undefined` for kinds without discovery.
   * Rejects with what discovery threw.
   */
  async discoveredOrigins(config: ConfiguredProvider, signal?: AbortSignal): Promise<DiscoveredCredentialOrigins | undefined> {
    const provider = this.instance(config);
    return provider.credentialOrigins ? provider.credentialOrigins(signal ? { signal } : {}) : undefined;
  }

  /**
   * A call's context: the credentials bound to every origin they would go to now. A failed
   * discovery leaves the settings' origins; the provider then fails on discovery itself.
   */
  private async callContext(config: ConfiguredProvider, signal?: AbortSignal): Promise<ProviderContext> {
    const discovered = await this.discoveredOrigins(config, signal).catch(() => undefined);
    const lookup = await this.credentials.get(config, discovered?.trusted);
    const tokens = oidcTokenStoreFor(this.credentials.secrets, config);
    return { credentials: lookup.credentials, credentialOrigins: lookup.origins, ...(tokens ? { tokens } : {}), ...(signal ? { signal } : {}) };
  }

  /** Credential kinds the provider's kind accepts, from its definition (loads the bundle). */
  credentialKinds(config: ConfiguredProvider): readonly CredentialKind[] {
    const def = loadProviders().providerDefinitions.find((d) => d.kind === config.kind);
    return def?.credentialKinds ?? ['bearer'];
  }

  /** True when the provider's kind can revoke sessions (loads the bundle). */
  canRevoke(providerId: string): boolean {
    const config = this.provider(providerId);
    if (!config) return false;
    try {
      return typeof this.instance(config).revokeSession === 'function';
    } catch {
      return false;
    }
  }

  /** Loads (or reloads) providers; resolves when their first page is in. */
  async refresh(providerId: string | undefined, reason: LoadReason): Promise<void> {
    const targets = providerId ? this.config.providers.filter((p) => p.id === providerId) : this.config.providers;
    await Promise.all(targets.map((p) => this.load(p, reason)));
  }

  /** The load in flight for a provider, or a new one if it was never loaded. */
  ensureLoaded(providerId: string): Promise<void> {
    const inFlight = this.inFlight.get(providerId);
    if (inFlight) return inFlight;
    const s = this.state(providerId);
    return s.kind === 'idle' ? this.refresh(providerId, 'expand') : Promise.resolve();
  }

  private load(config: ConfiguredProvider, reason: LoadReason): Promise<void> {
    this.aborts.get(config.id)?.abort();
    const abort = new AbortController();
    this.aborts.set(config.id, abort);
    const p = this.doLoad(config, reason, abort).finally(() => {
      if (this.inFlight.get(config.id) === p) this.inFlight.delete(config.id);
      if (this.aborts.get(config.id) === abort) this.aborts.delete(config.id);
    });
    this.inFlight.set(config.id, p);
    return p;
  }

  private async doLoad(config: ConfiguredProvider, reason: LoadReason, abort: AbortController): Promise<void> {
    const before = this.state(config.id);
    const lastKind = before.kind === 'loading' ? before.lastKind : before.kind === 'idle' ? undefined : before.kind;
    this.setState(config.id, { ...before, kind: 'loading', ...(lastKind ? { lastKind } : {}), loadingMore: false });
    // Discovery first: where credentials may go decides which ones are handed out. Its failure is the listing's.
    const found = await this.discoveredOrigins(config, abort.signal).then(
      (origins) => ({ origins }),
      (err: unknown) => ({ err }),
    );
    const discovered = 'origins' in found ? found.origins : undefined;
    const lookup = await this.credentials.get(config, discovered?.trusted);
    const noCredential = Object.keys(lookup.credentials).length === 0;
    if (config.allowInsecureTls) this.warnInsecureTls(config, reason);
    try {
      if ('err' in found) throw found.err;
      const started = Date.now();
      const page = await this.instance(config).listSessions({
        credentials: lookup.credentials,
        credentialOrigins: lookup.origins,
        signal: abort.signal,
        tokens: oidcTokenStoreFor(this.credentials.secrets, config),
      });
      if (abort.signal.aborted) return;
      // The stored session cookie becomes a row of the session it belongs to.
      const sessions = withSessionCookie(keyed(page.sessions, new Set()), lookup.credentials.cookie, config);
      this.log.info(
        `[${config.id}] ${page.state}: ${sessions.length} session(s)${page.total !== undefined ? ` of ${page.total}` : ''} in ${Date.now() - started} ms`,
      );
      this.setState(config.id, {
        kind: page.state === 'signed-out' ? 'signed-out' : 'ok',
        sessions,
        ...(page.total !== undefined ? { total: page.total } : {}),
        ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
        ...(page.cookieMismatch !== undefined ? { cookieMismatch: page.cookieMismatch } : {}),
        loadingMore: false,
        noCredential,
        setAside: lookup.setAside,
        ...(discovered ? { discovered } : {}),
        loadedAt: Date.now(),
      });
    } catch (err) {
      if (abort.signal.aborted || (isAuthLensError(err) && err.code === 'cancelled')) return;
      if (noCredential && isAuthLensError(err) && err.code === 'not-configured') {
        // Nothing to send yet: that is "signed out, set a credential", not a failure.
        this.setState(config.id, { kind: 'signed-out', sessions: [], loadingMore: false, noCredential, setAside: lookup.setAside, loadedAt: Date.now() });
        return;
      }
      const failure = toFailure(err);
      this.log.warn(`[${config.id}] ${failure.code}: ${failure.message}${failure.requestId ? ` (request ${failure.requestId})` : ''}`);
      if (!isAuthLensError(err) && err instanceof Error && err.stack) this.log.debug(err.stack.split('\n').slice(0, 6).join('\n'));
      this.setState(config.id, {
        kind: stateForCode(failure.code),
        sessions: [],
        loadingMore: false,
        failure,
        noCredential,
        setAside: lookup.setAside,
        loadedAt: Date.now(),
      });
      if (reason === 'user') this.reportFailure(config, failure);
    }
  }

  /** Fetches the next page (AuthMS) and appends it. */
  async loadMore(providerId: string): Promise<void> {
    const config = this.provider(providerId);
    const s = this.state(providerId);
    if (!config || s.nextCursor === undefined || s.loadingMore) return;
    const abort = new AbortController();
    this.aborts.get(providerId)?.abort();
    this.aborts.set(providerId, abort);
    this.setState(providerId, { ...s, loadingMore: true });
    const ctx = await this.callContext(config, abort.signal);
    if (config.allowInsecureTls) this.warnInsecureTls(config, 'user');
    try {
      const page = await this.instance(config).listSessions(ctx, s.nextCursor);
      if (abort.signal.aborted) return;
      const current = this.state(providerId);
      const more = keyed(page.sessions, new Set(current.sessions.map((x) => x.key)));
      const { nextCursor: _drop, ...rest } = current;
      this.setState(providerId, {
        ...rest,
        sessions: [...current.sessions, ...more],
        ...(page.total !== undefined ? { total: page.total } : {}),
        ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
        loadingMore: false,
      });
    } catch (err) {
      if (abort.signal.aborted) return;
      const failure = toFailure(err);
      this.log.warn(`[${providerId}] load more: ${failure.code}: ${failure.message}`);
      this.setState(providerId, { ...this.state(providerId), loadingMore: false });
      this.reportFailure(config, failure);
    } finally {
      if (this.aborts.get(providerId) === abort) this.aborts.delete(providerId);
    }
  }

  /** Revokes a session, then lists again so the tree shows what the server did. */
  async revoke(providerId: string, key: string): Promise<RevokeOutcome> {
    const config = this.provider(providerId);
    const session = this.session(providerId, key);
    if (!config || !session) return { kind: 'not-revoked', reason: vscode.l10n.t('The session is no longer listed.') };
    const provider = this.instance(config);
    if (!provider.revokeSession) {
      return { kind: 'unsupported', reason: vscode.l10n.t('{0} has no API to revoke sessions.', config.kind) };
    }
    const ctx = await this.callContext(config);
    if (config.allowInsecureTls) this.warnInsecureTls(config, 'user');
    const outcome = await provider.revokeSession(ctx, session);
    this.log.info(`[${providerId}] revoke: ${outcome.kind}`);
    await this.refresh(providerId, 'auto');
    return outcome;
  }

  private warnInsecureTls(config: ConfiguredProvider, reason: LoadReason): void {
    this.log.warn(`[${config.id}] TLS certificate verification is OFF (authlens.insecureTlsProviders)`);
    if (reason === 'auto' || reason === 'focus') return;
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'TLS certificate checks are off for "{0}" (authlens.insecureTlsProviders). Anyone on the network path can read its credentials.',
        plainText(config.label),
      ),
    );
  }
}
