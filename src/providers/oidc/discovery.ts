import { AuthLensError, isAuthLensError, type ErrorAttempt } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { HttpClient } from '../http';

/** The fields of an authorization server's metadata AuthLens uses (OIDC Discovery 1.0 / RFC 8414). */
export interface DiscoveryDocument {
  readonly issuer: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly userinfoEndpoint?: string;
  readonly jwksUri?: string;
  readonly introspectionEndpoint?: string;
  readonly revocationEndpoint?: string;
  readonly endSessionEndpoint?: string;
  readonly grantTypesSupported?: readonly string[];
  readonly codeChallengeMethodsSupported?: readonly string[];
  readonly tokenEndpointAuthMethodsSupported?: readonly string[];
  readonly scopesSupported?: readonly string[];
  /** Which well-known document answered. */
  readonly source: 'openid-configuration' | 'oauth-authorization-server';
  /** The URL it came from. */
  readonly url: string;
  /** When it was fetched (epoch ms). */
  readonly fetchedAt: number;
  /** Everything the server sent, for the inspector. */
  readonly raw: JsonObject;
}

/** The well-known URLs for an issuer, in the order they are tried. */
export function discoveryUrls(issuer: string): { url: string; source: DiscoveryDocument['source'] }[] {
  const base = issuer.replace(/\/+$/, '');
  const parsed = new URL(base);
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  const urls: { url: string; source: DiscoveryDocument['source'] }[] = [
    // OIDC Discovery §4: appended to the issuer (Keycloak realms, Okta, Auth0).
    { url: `${base}/.well-known/openid-configuration`, source: 'openid-configuration' },
    // RFC 8414 §3: inserted between host and path.
    { url: `${parsed.origin}/.well-known/oauth-authorization-server${path}`, source: 'oauth-authorization-server' },
  ];
  // Some servers put RFC 8414 metadata after the path, like OIDC does.
  if (path !== '') urls.push({ url: `${base}/.well-known/oauth-authorization-server`, source: 'oauth-authorization-server' });
  return urls;
}

/**
 * Fetches the issuer's metadata: `openid-configuration` first, then `oauth-authorization-server`
 * when the first is missing or not JSON. Checks that the document names the same issuer.
 *
 * @example
 * const doc = await fetchDiscovery(http, 'https://id.example.com/realms/dev', Date.now());
 * doc.tokenEndpoint // "https://id.example.com/realms/dev/protocol/openid-connect/token"
 */
export async function fetchDiscovery(http: HttpClient, issuer: string, now: number, signal?: AbortSignal): Promise<DiscoveryDocument> {
  const attempts: ErrorAttempt[] = [];
  for (const { url, source } of discoveryUrls(issuer)) {
    try {
      const res = await http.send({ method: 'GET', url, ...(signal ? { signal } : {}) });
      if (!isJsonObject(res.json)) {
        attempts.push({ url, code: 'response-shape', details: { status: res.status, where: 'not a JSON object' } });
        continue;
      }
      return parseDiscovery(res.json, issuer, source, url, now);
    } catch (err) {
      if (!isAuthLensError(err)) throw err;
      // Only a missing or non-JSON document moves on to the next URL; network failures,
      // cancellation and an issuer mismatch are the answer.
      if (!MOVES_ON.has(err.code)) throw err;
      // The server's own words (problem details, OAuth error, request and trace ids) are kept
      // per URL: they are often the only clue (a gateway's 403, a tenant that does not exist).
      const { attempts: _nested, ...details } = err.details;
      attempts.push({ url, code: err.code, details });
    }
  }
  const last = attempts[attempts.length - 1];
  throw new AuthLensError(
    'oidc-discovery-failed',
    {
      where: attempts.map((a) => a.url).join(' , '),
      ...(last?.details.status !== undefined ? { status: last.details.status } : {}),
      attempts,
    },
    `oidc-discovery-failed: no metadata at ${attempts.map((a) => `${a.url} (${a.code}${a.details.status !== undefined ? ` ${a.details.status}` : ''})`).join(', ')}`,
  );
}

/** Failures after which the next well-known URL is tried. */
const MOVES_ON: ReadonlySet<string> = new Set([
  'http-not-found',
  'response-html',
  'response-not-json',
  'response-shape',
  'http-other',
  'http-forbidden',
  'http-unauthorized',
]);

/** Reads a metadata document; pure. Throws `oidc-issuer-mismatch` or `response-shape`. */
export function parseDiscovery(json: JsonObject, configuredIssuer: string, source: DiscoveryDocument['source'], url: string, now: number): DiscoveryDocument {
  const issuer = json['issuer'];
  if (typeof issuer !== 'string') {
    throw new AuthLensError('response-shape', { where: `${url} issuer` }, 'response-shape: metadata without issuer');
  }
  // OIDC Discovery §4.3: the issuer must be identical; a trailing slash is the only leniency.
  if (issuer.replace(/\/+$/, '') !== configuredIssuer.replace(/\/+$/, '')) {
    throw new AuthLensError(
      'oidc-issuer-mismatch',
      { where: issuer.slice(0, 200) },
      `oidc-issuer-mismatch: ${url} names issuer ${issuer.slice(0, 200)}, configured ${configuredIssuer}`,
    );
  }
  const endpoint = (key: string): string | undefined => {
    const value = json[key];
    if (typeof value !== 'string') return undefined;
    try {
      const parsed = new URL(value);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
    } catch {
      return undefined;
    }
  };
  const list = (key: string): readonly string[] | undefined => {
    const value = json[key];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  };
  const doc: DiscoveryDocument = {
    issuer,
    source,
    url,
    fetchedAt: now,
    raw: json,
  };
  const optional: Record<string, string | readonly string[] | undefined> = {
    authorizationEndpoint: endpoint('authorization_endpoint'),
    tokenEndpoint: endpoint('token_endpoint'),
    userinfoEndpoint: endpoint('userinfo_endpoint'),
    jwksUri: endpoint('jwks_uri'),
    introspectionEndpoint: endpoint('introspection_endpoint'),
    revocationEndpoint: endpoint('revocation_endpoint'),
    endSessionEndpoint: endpoint('end_session_endpoint'),
    grantTypesSupported: list('grant_types_supported'),
    codeChallengeMethodsSupported: list('code_challenge_methods_supported'),
    tokenEndpointAuthMethodsSupported: list('token_endpoint_auth_methods_supported'),
    scopesSupported: list('scopes_supported'),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (doc as unknown as Record<string, unknown>)[key] = value;
  }
  return doc;
}

/**
 * Discovery documents per provider, kept until refreshed explicitly ("Refresh Discovery") or
 * the provider's issuer changes. Concurrent callers share one request.
 */
export class DiscoveryCache {
  private readonly entries = new Map<string, Promise<DiscoveryDocument>>();

  /** The cached document for `key`, loading it once. A failed load is not cached. */
  get(key: string, load: () => Promise<DiscoveryDocument>): Promise<DiscoveryDocument> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load();
      this.entries.set(key, entry);
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }

  /** Forgets `key` (or every entry whose key starts with `prefix|`). */
  invalidate(key: string): void {
    this.entries.delete(key);
    for (const k of [...this.entries.keys()]) if (k.startsWith(`${key}|`)) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The cache the providers bundle shares (the inspector's `jwksUriFor` reads it too). */
export const discoveryCache = new DiscoveryCache();

/** The cache key of a provider: its id and issuer (a changed issuer is a new entry). */
export function discoveryKey(providerId: string, issuer: string): string {
  return `${providerId}|${issuer}`;
}
