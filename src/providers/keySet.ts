/**
 * Fetching a JWKS for verification (`verify.ts` re-exports it): only when the person clicks, only
 * from a URL `shared/keyUrl.ts` accepts, through the same HTTP client as the providers.
 */
import { AuthLensError } from '../core/errors';
import { isJsonObject, type Json } from '../core/json';
import { isFetchableKeyUrl } from '../shared/keyUrl';
import { HttpClient } from './http';
import type { HttpOptions } from './types';

/** Options for {@link fetchKeySet}. */
export interface FetchKeySetOptions {
  readonly http?: HttpOptions;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  /**
   * Asked before fetching a discovery document's `jwks_uri` that is on another origin than the
   * document: the person was shown the discovery URL, not that one. Without it, or when it
   * answers false, nothing is fetched from there (`cancelled`, `where` = the jwks_uri).
   */
  readonly confirmKeyUrl?: (jwksUri: string) => Promise<boolean>;
  /**
   * The TLS opt-out of the provider the token belongs to (`authlens.insecureTlsProviders`): it
   * reaches the key fetch as it reaches every other fetch of that provider, on the provider's
   * own origins only. A certificate failure there names the setting.
   */
  readonly tlsOptOut?: KeyFetchTlsOptOut;
}

/** A provider's TLS opt-out as the key fetch applies it. */
export interface KeyFetchTlsOptOut {
  readonly providerId: string;
  /** The provider's id is in `authlens.insecureTlsProviders`. */
  readonly enabled: boolean;
  /** The origins of the provider (base URL, issuer, configured JWKS URL) the opt-out covers. */
  readonly origins: readonly string[];
}

/** A fetched key set and the URL it really came from (after discovery). */
export interface FetchedKeySet {
  readonly jwks: Json;
  readonly url: string;
  /** The discovery document's `issuer`, when the keys were found through one: Verify checks `iss` against it. */
  readonly issuer?: string;
}

/**
 * Fetches a JWKS the person chose: a JWKS URL, or an issuer's
 * `/.well-known/openid-configuration` whose `jwks_uri` is then fetched. Only https or loopback
 * URLs, no credentials, same-origin redirects only (the HTTP client's rule), 5 MB cap.
 * Throws an {@link AuthLensError} (or `url-not-allowed` as a VerifyOutcome-ready failure).
 *
 * @example
 * const { jwks, url } = await fetchKeySet('https://issuer.example/.well-known/openid-configuration');
 * const outcome = await verifyJwt(token, { kind: 'jwks', jwks, url });
 */
export async function fetchKeySet(url: string, options: FetchKeySetOptions = {}): Promise<FetchedKeySet> {
  const get = async (target: string): Promise<Json | undefined> => {
    if (!isFetchableKeyUrl(target)) {
      throw new AuthLensError(
        'unsupported',
        { where: target.slice(0, 200) },
        `unsupported: only https or loopback URLs are fetched for keys (${target.slice(0, 200)})`,
      );
    }
    const origin = new URL(target).origin;
    const covered = options.tlsOptOut !== undefined && options.tlsOptOut.origins.includes(origin);
    const client = new HttpClient({
      baseUrl: origin,
      ...(covered ? { tlsOptOutId: options.tlsOptOut?.providerId, allowInsecureTls: options.tlsOptOut?.enabled === true } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.http !== undefined ? { http: options.http } : {}),
      ...(options.log !== undefined ? { log: options.log } : {}),
      maxBodyBytes: 1024 * 1024,
    });
    try {
      const res = await client.send({ method: 'GET', url: target, ...(options.signal ? { signal: options.signal } : {}) });
      return res.json;
    } finally {
      await client.close();
    }
  };
  const first = await get(url);
  if (/\/\.well-known\/(openid-configuration|oauth-authorization-server)$/.test(new URL(url).pathname)) {
    const jwksUri = isJsonObject(first) ? first['jwks_uri'] : undefined;
    if (typeof jwksUri !== 'string') {
      throw new AuthLensError('response-shape', { where: 'jwks_uri' }, `response-shape: ${url} has no jwks_uri`);
    }
    if (!isFetchableKeyUrl(jwksUri)) {
      throw new AuthLensError(
        'unsupported',
        { where: jwksUri.slice(0, 200) },
        `unsupported: only https or loopback URLs are fetched for keys (${jwksUri.slice(0, 200)})`,
      );
    }
    // The document is server data: it may send the key request anywhere. Another origin than
    // the one the person chose is fetched only once they have seen it and agreed.
    if (new URL(jwksUri).origin !== new URL(url).origin && !(await options.confirmKeyUrl?.(jwksUri))) {
      throw new AuthLensError(
        'cancelled',
        { where: jwksUri.slice(0, 200) },
        `cancelled: jwks_uri on another origin not confirmed (${new URL(jwksUri).origin})`,
      );
    }
    const issuer = isJsonObject(first) && typeof first['issuer'] === 'string' ? first['issuer'] : undefined;
    return { jwks: (await get(jwksUri)) ?? null, url: jwksUri, ...(issuer !== undefined ? { issuer } : {}) };
  }
  return { jwks: first ?? null, url };
}
