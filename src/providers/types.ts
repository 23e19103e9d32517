import type { JsonObject } from '../core/json';
import type { CredentialKind, ProviderKind } from './kinds';
import type { ClientAuthMethod } from './oidc/clientAuthMethod';
import type { TokenStore } from './oidc/tokenStore';
import type { DiscoveredCredentialOrigins } from './oidc/endpointOrigins';

/** The kinds (a row each in `kinds.ts`) and credential kinds, declared with the kind table. */
export type { CredentialKind, ProviderKind } from './kinds';

/** One entry of the `authlens.providers` setting, validated (see `src/plumbing/config.ts`). */
export interface ProviderConfig {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly label: string;
  /** Base URL of the API, e.g. `http://127.0.0.1:4000/api/auth`. No trailing slash. */
  readonly baseUrl: string;
  /** better-auth: session cookie name (default `better-auth.session_token`). */
  readonly cookieName?: string;
  /** authms: the user whose sessions are listed (`auth_user_id`). */
  readonly authUserId?: string;
  /** authms: page size (default 100). */
  readonly pageSize?: number;
  /** authing / oidc: OAuth client id (revocation, token requests). */
  readonly clientId?: string;
  /** authing: host of the app for `/oidc/token/revocation` (defaults to baseUrl's origin). */
  readonly appHost?: string;
  /** oidc: the issuer; discovery is `{issuer}/.well-known/openid-configuration`. */
  readonly issuer?: string;
  readonly scopes?: readonly string[];
  readonly resource?: string;
  readonly audience?: string;
  /** Explicit JWKS URL for signature verification. */
  readonly jwksUrl?: string;
  /** Per-provider TLS opt-out; machine-scoped, warned about on every use. */
  readonly allowInsecureTls?: boolean;
  /** Request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** oidc: how the client authenticates (`client_secret_basic` ... `none`); absent = chosen from discovery. */
  readonly tokenEndpointAuthMethod?: ClientAuthMethod;
  /** oidc: PEM client certificate file for `tls_client_auth` (absolute, or `~/...`). */
  readonly tlsClientCertificate?: string;
  /** oidc: PEM private key file of that certificate (absolute, or `~/...`). */
  readonly tlsClientKey?: string;
  /** oidc: fixed loopback port for the sign-in redirect (1024–65535; default any free port). */
  readonly redirectPort?: number;
}

export type Credentials = Readonly<Partial<Record<CredentialKind, string>>>;

export type TokenKind = 'session-token' | 'access-token' | 'id-token' | 'refresh-token' | 'jwt';

/** A token a session carries. `value` is secret: never log it, never put it in a label. */
export interface TokenInfo {
  readonly kind: TokenKind;
  /** Short human name, e.g. "Session token", "JWT (jwt plugin)". */
  readonly label: string;
  readonly value: string;
  /** True when the value is not a JWT (opaque session ids, refresh tokens). */
  readonly opaque: boolean;
  /** ISO date when the provider states an expiry separately from the token (`tokenExpiredAt`). */
  readonly expiresAt?: string;
  /** Claims learned by introspection for opaque tokens (RFC 7662), shown as if they were claims. */
  readonly introspection?: JsonObject;
}

export type SessionStatus = 'active' | 'expired' | 'revoked' | 'idle-expired' | 'unknown';

/** One session, normalised across providers. `raw` keeps every field the server sent. */
export interface SessionInfo {
  readonly id: string;
  readonly user: { readonly id?: string; readonly name?: string; readonly email?: string };
  readonly userAgent?: string;
  readonly ip?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly expiresAt?: string;
  readonly idleExpiresAt?: string;
  readonly lastActiveAt?: string;
  readonly status: SessionStatus;
  readonly impersonatedBy?: string;
  readonly tenantId?: string;
  /** The session the credential itself belongs to. */
  readonly current?: boolean;
  readonly tokens: readonly TokenInfo[];
  /** The server's session object and user object as sent, for tooltips and the inspector. */
  readonly raw: { readonly session: JsonObject; readonly user?: JsonObject };
}

export interface SessionPage {
  /** `signed-out` when the server says nobody is signed in (Better Auth's `null`). */
  readonly state: 'ok' | 'signed-out';
  readonly sessions: readonly SessionInfo[];
  /** Total across pages where the API says it. */
  readonly total?: number;
  /** Pass back to `listSessions` for the next page; absent on the last page. */
  readonly nextCursor?: string;
  /** `signed-out` with a pasted cookie that names another cookie than the configured one. */
  readonly cookieMismatch?: CookieMismatch;
}

/** The cookie a credential names versus the provider's `cookieName` (Better Auth). */
export interface CookieMismatch {
  /** The session cookie's name in the pasted credential (`myapp.session_token`). */
  readonly sent: string;
  /** The provider's configured name (`better-auth.session_token` by default). */
  readonly configured: string;
}

export type RevokeOutcome =
  /** `note`: what the person should still know, e.g. a JWT access token that stays valid until its exp. */
  | { readonly kind: 'revoked'; readonly note?: string }
  | { readonly kind: 'not-revoked'; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** What a provider call gets from its caller. */
export interface ProviderContext {
  readonly credentials: Credentials;
  /** Cancels the call (refresh pressed again, view closed). */
  readonly signal?: AbortSignal;
  /** Clock for session status (epoch ms); defaults to `Date.now()`. */
  readonly now?: number;
  /**
   * Where a provider that obtains tokens itself (`oidc`) reads and keeps them, scoped to this
   * provider (VS Code: `src/secrets/oidcTokenStore.ts` over SecretStorage). Other kinds ignore it.
   */
  readonly tokens?: TokenStore;
  /**
   * Every origin the `credentials` were stored for (`CredentialStore.get`); an `oidc` provider
   * refuses to send them to an origin its discovery document names beyond these. Absent: the
   * HTTP client's allow-list alone decides.
   */
  readonly credentialOrigins?: readonly string[];
}

/**
 * Network settings the VS Code layer reads (`http.proxy`, `http.proxyStrictSSL`, `HTTPS_PROXY`,
 * `NO_PROXY`); build them with `resolveHttpOptions()` from the providers bundle.
 */
export interface HttpOptions {
  /** Proxy URL (`http://host:port`, may carry `user:pass@`). Absent: direct connections. */
  readonly proxy?: string;
  /** Verify the proxy's TLS certificate (`http.proxyStrictSSL`). Target TLS follows `allowInsecureTls`. */
  readonly strictSSL: boolean;
  /** Hosts that bypass the proxy (`NO_PROXY` syntax: `host`, `.domain`, `*.domain`, `host:port`, `*`). */
  readonly noProxy?: readonly string[];
}

/** What `createProvider` needs besides the config. */
export interface ProviderOptions {
  readonly http?: HttpOptions;
  /** Receives one redacted line per HTTP request (for the output channel). */
  readonly log?: (line: string) => void;
}

/** The small interface every provider implements. */
export interface Provider {
  readonly config: ProviderConfig;
  listSessions(ctx: ProviderContext, cursor?: string): Promise<SessionPage>;
  /** Absent when the API has no way to revoke. */
  revokeSession?(ctx: ProviderContext, session: SessionInfo): Promise<RevokeOutcome>;
  /**
   * Where this entry's credentials may go beyond its settings, from the issuer's discovery
   * document (`oidc`; fetched when not cached). Absent for kinds without discovery.
   */
  credentialOrigins?(opts: { signal?: AbortSignal; refresh?: boolean }): Promise<DiscoveredCredentialOrigins>;
  /** Dispose the connection pool. */
  close(): Promise<void>;
}

/** How to make a provider of one kind; its credential kinds and the rest are its row in `kinds.ts`. */
export interface ProviderDefinition {
  readonly kind: ProviderKind;
  create(config: ProviderConfig, options?: ProviderOptions): Provider;
}
