/**
 * Generic OAuth 2.0 / OpenID Connect provider (kind `oidc`): Keycloak, Auth0, Okta, Authing's
 * and AuthMS's OIDC endpoints, panva's oidc-provider. Everything but `issuer` and `clientId`
 * comes from discovery; the client secret is the `clientSecret` credential.
 *
 * AuthLens obtains the tokens itself (client credentials, authorization code + PKCE, refresh)
 * and keeps them in a {@link TokenStore} (SecretStorage in VS Code). Listing shows one session
 * per stored set: the signed-in user and/or the service identity, each with its access token
 * (JWT, or opaque with RFC 7662 introspection), ID token and refresh token.
 */
import { AuthLensError } from '../core/errors';
import { oidcIssuerOf, tokenBindingOf, tokensBoundTo } from './credentialOrigins';
import { defined } from './shape';
import { ProviderOverHttp } from './providerHttp';
import { discoveryCache, discoveryKey, fetchDiscovery, type DiscoveryDocument } from './oidc/discovery';
import { noDiscoveredOrigins, type DiscoveredCredentialOrigins } from './oidc/endpointOrigins';
import { refuseOriginsAddedSinceStored, trustDiscoveredOrigins } from './oidc/originTrust';
import { introspectToken, type IntrospectionResult } from './oidc/introspection';
import { browserSignIn } from './oidc/browserSignIn';
import { deviceAuthorizationEndpointOf } from './oidc/deviceGrant';
import { deviceSignIn, type DeviceSignInOptions } from './oidc/deviceSignIn';
import type { UserSignInDeps } from './oidc/userSignIn';
import { revokeToken, sessionRevocation, type RevocationResult } from './oidc/revocation';
import { buildSession, type SessionFacts } from './oidc/session';
import { sessionFacts } from './oidc/sessionFacts';
import { clientCredentialsGrant, detectRotation, refreshGrant, requestToken, toStoredTokenSet, type ClientAuth } from './oidc/tokens';
import { MemoryTokenStore, type StoredTokenSet, type TokenSlot, type TokenStore } from './oidc/tokenStore';
import type { Provider, ProviderConfig, ProviderContext, ProviderDefinition, RevokeOutcome, SessionInfo, SessionPage } from './types';
import { clientAuthOf, tokenBindingRefusal, USER_SCOPES } from './oidc/options';
import type { OidcContext, OidcProviderOptions, RefreshResult, SignInOptions } from './oidc/options';
export { DEFAULT_SIGN_IN_SCOPES, tokenBindingRefusal } from './oidc/options';
export type { OidcProviderOptions, OidcContext, SignInOptions, RefreshResult } from './oidc/options';
export type { DeviceCodePrompt, DeviceSignInOptions } from './oidc/deviceSignIn';

/** The issuer of an `oidc` provider: `issuer`, else the base URL. */
export const issuerOf = oidcIssuerOf;

// The issuer is configured in the same provider entry as the base URL: both may get the secret.
export class OidcProvider extends ProviderOverHttp implements Provider {
  readonly issuer: string;
  private readonly defaultTokens: TokenStore;
  private endpointOrigins: DiscoveredCredentialOrigins = noDiscoveredOrigins;

  constructor(config: ProviderConfig, options: OidcProviderOptions = {}) {
    super(config, options);
    this.issuer = issuerOf(config);
    this.defaultTokens = options.tokens ?? new MemoryTokenStore();
  }

  /** The issuer's metadata, from the cache unless `refresh` (the "Refresh Discovery" command). */
  // Each document read also sets where credentials may go: its endpoint origins, if it came over https or loopback.
  async discovery(opts: { refresh?: boolean; signal?: AbortSignal; now?: number } = {}): Promise<DiscoveryDocument> {
    const key = discoveryKey(this.config.id, this.issuer);
    if (opts.refresh === true) discoveryCache.invalidate(key);
    const doc = await discoveryCache.get(key, () => fetchDiscovery(this.http, this.issuer, opts.now ?? Date.now(), opts.signal));
    this.endpointOrigins = trustDiscoveredOrigins(this.http, this.config, doc);
    return doc;
  }

  /** The origins beyond its settings that this entry's credentials may go to (issue 14), from discovery. */
  async credentialOrigins(opts: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<DiscoveredCredentialOrigins> {
    await this.discovery(opts);
    return this.endpointOrigins;
  }

  /** The discovered `jwks_uri` (or the configured `jwksUrl`), for signature verification. */
  async jwksUri(signal?: AbortSignal): Promise<string | undefined> {
    if (this.config.jwksUrl !== undefined && this.config.jwksUrl !== '') return this.config.jwksUrl;
    return (await this.discovery(defined({ signal }))).jwksUri;
  }

  async listSessions(ctx: OidcContext, _cursor?: string): Promise<SessionPage> {
    const now = ctx.now ?? Date.now();
    const store = this.store(ctx);
    const sets: [TokenSlot, StoredTokenSet][] = [];
    for (const slot of ['user', 'service'] as const) {
      const set = await store.get(slot);
      // A set from another issuer or client (the settings changed) is not shown, introspected or used.
      if (set && this.owns(set)) sets.push([slot, set]);
    }
    if (sets.length === 0) {
      // Still fetch discovery: a wrong issuer shows up as an error right away.
      await this.discovery(defined({ signal: ctx.signal, now }));
      return { state: 'signed-out', sessions: [] };
    }
    const discovery = await this.discovery(defined({ signal: ctx.signal, now }));
    const client = this.client(ctx);
    const sessions: SessionInfo[] = [];
    for (const [slot, set] of sets) {
      const facts = await this.facts(discovery, client, slot, set, ctx.signal);
      sessions.push(buildSession(slot, set, facts, now));
    }
    return { state: 'ok', sessions, total: sessions.length };
  }

  /**
   * Revokes the session's tokens with RFC 7009: the refresh token first (servers revoke the
   * whole grant with it), then the access token. A refused JWT access token is reported with
   * its expiry: it stays valid until then.
   */
  async revokeSession(ctx: OidcContext, session: SessionInfo): Promise<RevokeOutcome> {
    const slot = session.id === 'service' ? 'service' : 'user';
    const store = this.store(ctx);
    const set = await store.get(slot);
    if (!set) return { kind: 'not-revoked', reason: 'AuthLens holds no tokens for this session any more.' };
    if (!this.owns(set)) return { kind: 'not-revoked', reason: tokenBindingRefusal };
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    if (!discovery.revocationEndpoint) {
      return { kind: 'unsupported', reason: `${this.issuer} publishes no revocation_endpoint (RFC 7009).` };
    }
    const client = this.client(ctx);
    const results: RevocationResult[] = [];
    if (set.refreshToken) results.push(await revokeToken(this.http, discovery, client, set.refreshToken, 'refresh_token', ctx.signal));
    const access = await revokeToken(this.http, discovery, client, set.accessToken, 'access_token', ctx.signal);
    results.push(access);
    // The set is marked revoked only when the server recalled an opaque access token, and its
    // grant when the refresh token was revoked: a JWT stays valid until exp whatever was answered.
    const done = sessionRevocation(results.length > 1 ? results[0] : undefined, access);
    const at = ctx.now ?? Date.now();
    if (done.accessRevoked || done.grantRevoked) {
      await store.set(slot, { ...set, ...(done.accessRevoked ? { revokedAt: at } : {}), ...(done.grantRevoked ? { grantRevokedAt: at } : {}) });
    }
    return done.outcome;
  }

  /** Revokes one token (RFC 7009) and reports exactly what the server said. */
  async revokeToken(ctx: OidcContext, token: string, hint?: 'access_token' | 'refresh_token'): Promise<RevocationResult> {
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    return revokeToken(this.http, discovery, this.client(ctx), token, hint, ctx.signal);
  }

  /** Introspects one token (RFC 7662) with this client's credentials. */
  async introspect(ctx: OidcContext, token: string, hint?: 'access_token' | 'refresh_token'): Promise<IntrospectionResult> {
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    return introspectToken(this.http, discovery, this.client(ctx), token, hint, ctx.signal);
  }

  /** Client credentials grant: a token for the client itself, stored in the `service` slot. */
  async getServiceToken(ctx: OidcContext): Promise<StoredTokenSet> {
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    const client = this.client(ctx);
    const scopes = (this.config.scopes ?? []).filter((s) => !USER_SCOPES.has(s));
    const response = await requestToken(
      this.http,
      discovery,
      client,
      clientCredentialsGrant(defined({ scopes, resource: this.config.resource, audience: this.config.audience })),
      [],
      ctx.signal,
    );
    const set = toStoredTokenSet(
      response,
      defined({
        grant: 'client_credentials' as const,
        now: ctx.now ?? Date.now(),
        issuer: this.issuer,
        clientId: client.clientId,
        resource: this.config.resource ?? this.config.audience,
      }),
    );
    await this.store(ctx).set('service', set);
    return set;
  }

  /**
   * Authorization code + PKCE (RFC 7636) through the system browser: a one-shot loopback
   * listener (fixed port with `redirectPort`, redirect URI mapped by `opts.externalUri`) receives
   * the code (state checked), the code is exchanged, the ID token checked (signature, iss, aud,
   * nonce), the set stored in the `user` slot, and only then the browser told "signed in".
   */
  async signIn(ctx: OidcContext, opts: SignInOptions): Promise<StoredTokenSet> {
    return browserSignIn(await this.signInDeps(ctx), opts);
  }

  /** Sign-in with a code (RFC 8628 device grant); the set goes to the `user` slot. */
  async signInWithCode(ctx: OidcContext, opts: DeviceSignInOptions): Promise<StoredTokenSet> {
    return deviceSignIn(await this.signInDeps(ctx), opts);
  }

  /** The discovered `device_authorization_endpoint`, when the issuer offers sign-in with a code. */
  async deviceAuthorizationEndpoint(signal?: AbortSignal): Promise<string | undefined> {
    return deviceAuthorizationEndpointOf(await this.discovery(defined({ signal })));
  }

  /**
   * Refresh grant on a stored set. Shows rotation: when a new refresh token comes back, the old
   * one is introspected to show that the server killed it.
   */
  async refreshTokens(ctx: OidcContext, slot: TokenSlot = 'user'): Promise<RefreshResult> {
    const store = this.store(ctx);
    const previous = await store.get(slot);
    if (previous && !this.owns(previous)) {
      throw new AuthLensError('origin-mismatch', { where: `${slot} tokens: issuer and client id` }, `origin-mismatch: ${tokenBindingRefusal}`);
    }
    if (!previous?.refreshToken) {
      throw new AuthLensError('oidc-no-refresh-token', { where: slot }, 'oidc-no-refresh-token: nothing to refresh with');
    }
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    const client = this.client(ctx);
    const response = await requestToken(
      this.http,
      discovery,
      client,
      refreshGrant(defined({ refreshToken: previous.refreshToken, resource: this.config.resource })),
      [previous.refreshToken],
      ctx.signal,
    );
    const { revokedAt: _dropped, grantRevokedAt: _gone, ...rest } = previous;
    const tokens = toStoredTokenSet(response, {
      grant: 'refresh_token',
      now: ctx.now ?? Date.now(),
      issuer: this.issuer,
      clientId: client.clientId,
      previous: rest,
    });
    await store.set(slot, tokens);
    const rotation = detectRotation(previous.refreshToken, response);
    if (rotation !== 'rotated') return { tokens, rotation };
    const old = await introspectToken(this.http, discovery, client, previous.refreshToken, 'refresh_token', ctx.signal).catch(() => undefined);
    return { tokens, rotation, ...(old?.kind === 'answered' ? { oldRefreshTokenActive: old.active } : {}) };
  }

  /** Forgets a stored set without telling the server. */
  async forget(ctx: OidcContext, slot: TokenSlot): Promise<void> {
    await this.store(ctx).delete(slot);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  /** True when a stored set was issued by exactly this entry's issuer to exactly its client. */
  owns(set: StoredTokenSet): boolean {
    return tokensBoundTo(set, tokenBindingOf(this.config));
  }

  private store(ctx: OidcContext): TokenStore {
    return ctx.tokens ?? this.defaultTokens;
  }

  private async signInDeps(ctx: OidcContext): Promise<UserSignInDeps> {
    const discovery = await this.discovery(defined({ signal: ctx.signal }));
    const now = ctx.now;
    return defined({
      http: this.http,
      discovery,
      client: this.client(ctx),
      config: this.config,
      issuer: this.issuer,
      store: this.store(ctx),
      signal: ctx.signal,
      now: () => now ?? Date.now(),
    });
  }

  private client(ctx: ProviderContext): ClientAuth {
    refuseOriginsAddedSinceStored(this.endpointOrigins, ctx);
    return clientAuthOf(this.config, ctx);
  }

  /** Introspection of opaque tokens and userinfo for a user set; failures become facts, not errors. */
  private async facts(discovery: DiscoveryDocument, client: ClientAuth, slot: TokenSlot, set: StoredTokenSet, signal?: AbortSignal): Promise<SessionFacts> {
    // Checked again here so that no caller can introspect a set bound to another issuer or client.
    if (!this.owns(set)) return {};
    return sessionFacts(this.http, discovery, client, slot, set, signal);
  }
}

export const oidcDefinition: ProviderDefinition = {
  kind: 'oidc',
  create: (config, options) => new OidcProvider(config, options),
};

/** Narrows a provider to the `oidc` kind (its extra methods: sign in, service token, refresh). */
export function isOidcProvider(provider: Provider): provider is OidcProvider {
  return provider.config.kind === 'oidc' && typeof (provider as Partial<OidcProvider>).signIn === 'function';
}
