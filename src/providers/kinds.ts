/**
 * Every provider kind AuthLens speaks, one row each: what Add Provider says about it, which
 * credentials it takes, how "Copy Token As" builds a request, which claim explanations apply and
 * where its verification keys are. The kind union and list are derived from this table, so a
 * new kind is one row here, one file in this folder and one line in `registry.ts`.
 *
 * Pure (no vscode, no I/O, type imports only): the activation bundle reads it without loading
 * the providers bundle. Labels and details are English l10n keys; callers translate them.
 */
import type { FieldContext } from '../core/claims';
import type { CopyRequest } from '../core/copyFormats';

/** What a credential is; each lives in SecretStorage under the provider id and its origin. */
export type CredentialKind = 'cookie' | 'bearer' | 'admin' | 'clientSecret' | 'privateKey';

/**
 * The fields of a provider entry the table reads. Declared here rather than taken from
 * `ProviderConfig`, because `types.ts` takes its kind union from this file (no import cycle).
 */
export interface KindConfig {
  readonly baseUrl: string;
  readonly cookieName?: string;
  readonly authUserId?: string;
  readonly appHost?: string;
  readonly issuer?: string;
}

/** What "Copy Token As" knows besides the entry: the discovered userinfo endpoint (`oidc`). */
export interface CopyDiscovery {
  readonly userinfoEndpoint?: string | undefined;
}

/** One row of the table. */
export interface KindInfo {
  /** Product name shown in Add Provider and the default label; a name, so not translated. */
  readonly label: string;
  /** Add Provider's detail line: an English key of the runtime l10n bundles. */
  readonly detail: string;
  /** Placeholder of Add Provider's base URL box. */
  readonly baseUrlExample: string;
  /**
   * True for OpenID Connect: the base URL is the issuer, Add Provider asks for the client id,
   * Copy Token As reads the discovery document for the userinfo endpoint, and the provider
   * keeps the tokens it obtains (sign-in, service token) in its own token store.
   */
  readonly openIdClient: boolean;
  /** Credentials this kind accepts, in the order the Set Credential picker offers them. */
  readonly credentialKinds: readonly CredentialKind[];
  /** The session cookie the `Cookie:` copy format uses; undefined when the kind has none. */
  cookieName(config: KindConfig): string | undefined;
  /** A second origin credentials may go to besides the base URL's (revocation, token endpoints). */
  extraCredentialUrl(config: KindConfig): string | undefined;
  /** The request a copied token authenticates ("Copy Token As", the inspector's copy). */
  copyRequest(config: KindConfig, token: string, discovered: CopyDiscovery): CopyRequest;
  /**
   * Where "Ask the server" sends a token as `Authorization: Bearer` to see it accepted or
   * rejected (`sub`: the token's subject). Always on one of the entry's own origins.
   */
  probeUrl(config: KindConfig, sub: string | undefined, discovered: CopyDiscovery): string;
  /** Which claim explanations apply to the session and user objects the server sends. */
  readonly claimContexts: { readonly session?: FieldContext; readonly user?: FieldContext };
  /**
   * Where verification keys come from when the entry sets no `jwksUrl`: `discovery` reads the
   * issuer's `jwks_uri`; `{ path }` is a JWKS under the base URL (Better Auth's `/jwks`, which
   * serves no discovery document); `none` means only a configured `jwksUrl` is used.
   */
  readonly defaultJwks: 'discovery' | 'none' | { readonly path: string };
}

/** Better Auth's default session cookie (the entry's `cookieName` overrides it). */
export const DEFAULT_BETTER_AUTH_COOKIE = 'better-auth.session_token';
/** Authing's session cookie (fixed by Authing). */
export const AUTHING_COOKIE = 'authing_session';

const trimSlashes = (url: string): string => url.replace(/\/+$/, '');
const betterAuthCookie = (config: KindConfig): string => config.cookieName ?? DEFAULT_BETTER_AUTH_COOKIE;

const table = {
  // `GET {base}/get-session` with a Bearer token: the bearer plugin accepts the raw session
  // token, while the cookie would need the signed value.
  'better-auth': {
    label: 'Better Auth',
    detail: 'GET /get-session with the session cookie or a bearer token, e.g. http://localhost:3000/api/auth',
    baseUrlExample: 'http://localhost:3000/api/auth',
    openIdClient: false,
    credentialKinds: ['cookie', 'bearer', 'admin'],
    cookieName: betterAuthCookie,
    extraCredentialUrl: () => undefined,
    copyRequest: (config, token) => ({
      token,
      url: `${trimSlashes(config.baseUrl)}/get-session`,
      auth: { scheme: 'bearer' },
      cookieName: betterAuthCookie(config),
    }),
    probeUrl: (config) => `${trimSlashes(config.baseUrl)}/get-session`,
    claimContexts: { session: 'better-auth.session', user: 'better-auth.user' },
    // The jwt plugin's keys (EdDSA); its tokens' `iss` is the server's origin, which has no discovery.
    defaultJwks: { path: '/jwks' },
  },
  // The user token against `{appHost}/oidc/me`: Authing's OIDC side is node oidc-provider
  // mounted at `/oidc` (revocation `/oidc/token/revocation`, JWKS `/oidc/.well-known/jwks.json`),
  // whose userinfo route is `/me`. `appHost` also receives the client secret (revocation).
  authing: {
    label: 'Authing',
    detail: 'GET /cas/session with the authing_session cookie, e.g. https://your-app.authing.cn',
    baseUrlExample: 'https://auth.example.com',
    openIdClient: false,
    credentialKinds: ['cookie', 'clientSecret'],
    cookieName: () => AUTHING_COOKIE,
    extraCredentialUrl: (config) => config.appHost,
    copyRequest: (config, token) => ({
      token,
      url: `${trimSlashes(config.appHost ?? trimSlashes(config.baseUrl))}/oidc/me`,
      auth: { scheme: 'bearer' },
      cookieName: AUTHING_COOKIE,
    }),
    // `/cas/session` takes only the cookie; the user token goes to the OIDC userinfo route.
    probeUrl: (config) => `${trimSlashes(config.appHost ?? trimSlashes(config.baseUrl))}/oidc/me`,
    claimContexts: { session: 'authing.session', user: 'authing.userInfo' },
    defaultJwks: 'none',
  },
  // `GET {base}/sessions?auth_user_id=...` with a Bearer token.
  authms: {
    label: 'AuthMS',
    detail: 'GET /sessions with a bearer token (paged), e.g. https://auth.example.com/v1',
    baseUrlExample: 'https://auth.example.com',
    openIdClient: false,
    credentialKinds: ['bearer', 'admin'],
    cookieName: () => undefined,
    extraCredentialUrl: () => undefined,
    copyRequest: (config, token) => {
      const q = config.authUserId !== undefined ? `?auth_user_id=${encodeURIComponent(config.authUserId)}` : '';
      return { token, url: `${trimSlashes(config.baseUrl)}/sessions${q}`, auth: { scheme: 'bearer' } };
    },
    // One session of the token's own user: the cheapest call that authenticates the token.
    probeUrl: (config, sub) => `${trimSlashes(config.baseUrl)}/sessions?auth_user_id=${encodeURIComponent(sub ?? config.authUserId ?? '')}&page_size=1`,
    claimContexts: { session: 'authms.session' },
    defaultJwks: 'none',
  },
  // Access tokens against the discovery document's `userinfo_endpoint`: issuers put it anywhere
  // (Keycloak: `/protocol/openid-connect/userinfo`, Google: another host). Without discovery the
  // request goes to the issuer itself, which names the server without guessing a path. The
  // issuer also receives the client secret (token, introspection and revocation endpoints).
  oidc: {
    label: 'OpenID Connect',
    detail: 'Any OpenID Connect issuer (discovery, PKCE sign-in, introspection)',
    baseUrlExample: 'https://auth.example.com',
    openIdClient: true,
    // The private key signs `private_key_jwt` assertions; it is never sent itself.
    credentialKinds: ['clientSecret', 'privateKey'],
    cookieName: () => undefined,
    extraCredentialUrl: (config) => config.issuer,
    copyRequest: (config, token, discovered) => ({
      token,
      url: discovered.userinfoEndpoint ?? trimSlashes(config.issuer ?? trimSlashes(config.baseUrl)),
      auth: { scheme: 'bearer' },
    }),
    probeUrl: (config, _sub, discovered) => discovered.userinfoEndpoint ?? trimSlashes(config.issuer ?? trimSlashes(config.baseUrl)),
    claimContexts: { session: 'oidc.introspection', user: 'oidc.introspection' },
    defaultJwks: 'discovery',
  },
} as const satisfies Record<string, KindInfo>;

/** The kinds of auth server AuthLens speaks: the keys of the table. */
export type ProviderKind = keyof typeof table;

/** The table, typed over the kind union (each row as {@link KindInfo}). */
export const providerKindTable: Readonly<Record<ProviderKind, KindInfo>> = table;

/** Every kind, in the order Add Provider offers them and `package.json` lists them. */
export const providerKindList: readonly ProviderKind[] = Object.keys(table) as ProviderKind[];

/** True when `value` names a kind of the table (setting values and command arguments are untyped). */
export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
}

/**
 * The JWKS a kind publishes under the entry's base URL (rows with `defaultJwks: { path }`).
 *
 * @example
 * baseJwksUrl('better-auth', 'http://localhost:3000/api/auth') // => 'http://localhost:3000/api/auth/jwks'
 */
export function baseJwksUrl(kind: ProviderKind, baseUrl: string): string | undefined {
  const d = providerKindTable[kind].defaultJwks;
  return typeof d === 'object' ? `${trimSlashes(baseUrl)}${d.path}` : undefined;
}

/**
 * The claim contexts of session and user objects for a kind; none for an unknown source.
 *
 * @example
 * claimContextsFor('authms') // => { session: 'authms.session' }
 */
export function claimContextsFor(kind: ProviderKind | undefined): { session?: FieldContext; user?: FieldContext } {
  return kind !== undefined ? { ...providerKindTable[kind].claimContexts } : {};
}
