/**
 * Which origins an issuer's discovery document may add to the places a credential goes.
 *
 * Google (issuer `accounts.google.com`, token endpoint on `oauth2.googleapis.com`), Cognito,
 * Zitadel and OneLogin publish endpoints on other origins than the issuer. The issuer vouches
 * for them by naming them in its own metadata, so a credential (client secret, private key,
 * refresh token) may go there, but only when that document cannot have been changed on the
 * way: it came over https, or from this machine. `jwks_uri` and `authorization_endpoint` get
 * nothing (keys are public; the browser, not AuthLens, talks to the authorization endpoint).
 * Pure: the HTTP client's allow-list, the SecretStorage binding and every text naming these
 * origins are built from the result.
 */
import { isJsonObject, type JsonObject } from '../../core/json';

/** The metadata fields whose endpoints authenticate the client or carry a token AuthLens holds. */
export const CREDENTIAL_ENDPOINT_FIELDS = [
  'token_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
  'userinfo_endpoint',
  'device_authorization_endpoint',
  'pushed_authorization_request_endpoint',
] as const;

/** Why an origin the document names gets no credential. */
export type EndpointOriginRefusal =
  /** The document came over plain http from another machine: anyone on the path could have written it. */
  | 'discovery-not-https'
  /** The document came over https with certificate checks off (`allowInsecureTls`): no better than plain http. */
  | 'discovery-tls-off'
  /** The endpoint itself is plain http on another machine: the credential would travel unencrypted. */
  | 'endpoint-not-https';

export interface RefusedEndpointOrigin {
  readonly origin: string;
  /** The metadata fields naming it (`token_endpoint`, `mtls_endpoint_aliases.token_endpoint`...). */
  readonly fields: readonly string[];
  readonly reason: EndpointOriginRefusal;
}

export interface DiscoveredCredentialOrigins {
  /** Origins beyond the configured ones that may receive credentials, sorted. */
  readonly trusted: readonly string[];
  /** Origins the document names for credentialed endpoints that get nothing, and why. */
  readonly refused: readonly RefusedEndpointOrigin[];
}

/** No discovered origin: what a provider without discovery (or before it) trusts beyond its settings. */
export const noDiscoveredOrigins: DiscoveredCredentialOrigins = { trusted: [], refused: [] };

/** True for `localhost`, `127.0.0.1` and `[::1]`: this machine, where nobody sits on the path. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function parseHttpUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Every credentialed endpoint the document names, with its field, RFC 8705 `mtls_endpoint_aliases` included. */
function namedEndpoints(raw: JsonObject): { field: string; url: URL }[] {
  const out: { field: string; url: URL }[] = [];
  const aliases = raw['mtls_endpoint_aliases'];
  for (const [prefix, source] of [['', raw] as const, ['mtls_endpoint_aliases.', isJsonObject(aliases) ? aliases : {}] as const]) {
    for (const field of CREDENTIAL_ENDPOINT_FIELDS) {
      const url = parseHttpUrl(source[field]);
      if (url !== undefined) out.push({ field: `${prefix}${field}`, url });
    }
  }
  return out;
}

/**
 * The origins a discovery document adds to `configured` (the base URL and issuer origins), and
 * the ones it names that get nothing.
 *
 * @param doc `url`: where the document was fetched from; `raw`: the document as sent.
 * @param configured origins the provider's settings already allow (not repeated in the result).
 * @param opts `tlsVerified: false` when the document was fetched with certificate checks off.
 * @example
 * discoveredCredentialOrigins(
 *   { url: 'https://accounts.google.com/.well-known/openid-configuration',
 *     raw: { token_endpoint: 'https://oauth2.googleapis.com/token', jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs' } },
 *   ['https://accounts.google.com'],
 * ) // { trusted: ['https://oauth2.googleapis.com'], refused: [] }
 */
export function discoveredCredentialOrigins(
  doc: { readonly url: string; readonly raw: JsonObject },
  configured: readonly string[],
  opts: { readonly tlsVerified?: boolean } = {},
): DiscoveredCredentialOrigins {
  const from = parseHttpUrl(doc.url);
  // From this machine, nobody sits on the path; otherwise only a verified https connection vouches for the text.
  const docRefusal: EndpointOriginRefusal | undefined =
    from !== undefined && isLoopbackHost(from.hostname)
      ? undefined
      : from?.protocol !== 'https:'
        ? 'discovery-not-https'
        : opts.tlsVerified === false
          ? 'discovery-tls-off'
          : undefined;
  const trusted = new Set<string>();
  const refused = new Map<string, { fields: string[]; reason: EndpointOriginRefusal }>();
  for (const { field, url } of namedEndpoints(doc.raw)) {
    const origin = url.origin;
    if (configured.includes(origin)) continue;
    const reason: EndpointOriginRefusal | undefined =
      docRefusal ?? (url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? 'endpoint-not-https' : undefined);
    if (reason === undefined) {
      trusted.add(origin);
      continue;
    }
    const entry = refused.get(origin);
    if (entry) entry.fields.push(field);
    else refused.set(origin, { fields: [field], reason });
  }
  return {
    trusted: [...trusted].sort(),
    refused: [...refused.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([origin, r]) => ({ origin, fields: r.fields, reason: r.reason })),
  };
}
