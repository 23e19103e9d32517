/**
 * Which big identity provider issued a token, recognised from the shape of its `iss` alone:
 * claim names such as `scp`, `ver` or `azp` mean different things at Entra, Okta and Google, and
 * each provider's issuer quirks need its parts (tenant, realm, user pool). Pure, one bounded pass.
 */

/** The providers AuthLens knows claims and issuer quirks of. */
export type IdentityProvider = 'entra' | 'google' | 'cognito' | 'auth0' | 'okta' | 'keycloak';

/** A recognised issuer and the parts its provider puts in it. */
export interface RecognisedIssuer {
  readonly provider: IdentityProvider;
  /** Lower-case host (with port when there is one); `accounts.google.com` for Google's bare form. */
  readonly host: string;
  /** Path without a trailing slash ('' for none). */
  readonly path: string;
  /** Entra: the tenant segment (a GUID, or `common`, `organizations`, `consumers`, `{tenantid}`). */
  readonly tenant?: string;
  /** Entra: `v1` for `sts.windows.net/{tid}/`, `v2` for `login.microsoftonline.com/{tid}/v2.0`. */
  readonly entraVersion?: 'v1' | 'v2';
  /** Cognito: the AWS region and the user pool id. */
  readonly region?: string;
  readonly userPool?: string;
  /** Keycloak: the realm name. */
  readonly realm?: string;
}

/** Longer values are not issuers anyone configures; they are not even looked at. */
export const MAX_ISSUER_LENGTH = 2048;

/** `https://host[:port]/path` with no query, fragment or user info; linear (no nested repeats). */
const ISSUER_URL = /^https?:\/\/([a-z0-9.-]+(?::\d{1,5})?)(\/[^?#\s]*)?$/i;
const ENTRA_V2_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.partner.microsoftonline.cn']);
const ENTRA_V1_HOSTS = new Set(['sts.windows.net', 'sts.chinacloudapi.cn']);
const ENTRA_V2_PATH = /^\/([^/]{1,100})\/v2\.0$/;
const ENTRA_V1_PATH = /^\/([^/]{1,100})$/;
const COGNITO_HOST = /^cognito-idp\.([a-z]{2}(?:-[a-z]+){1,3}-\d{1,2})\.amazonaws\.com$/;
const COGNITO_PATH = /^\/([a-z]{2}(?:-[a-z]+){1,3}-\d{1,2}_[0-9A-Za-z]{1,64})$/;
const AUTH0_HOST = /\.auth0\.com$/;
const OKTA_HOST = /\.(okta|oktapreview|okta-emea|okta-gov|okta-mil)\.com$/;
const KEYCLOAK_PATH = /\/realms\/([^/]{1,255})$/;

/**
 * Recognises the provider that issued a token from its `iss`, or undefined for any other issuer
 * (custom domains of Auth0 or Okta cannot be told apart from any other host).
 *
 * @example
 * recogniseIssuer('https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0')
 * // { provider: 'entra', entraVersion: 'v2', tenant: '9188040d-…', host: 'login.microsoftonline.com', path: '/9188…/v2.0' }
 * recogniseIssuer('https://sso.example.com/realms/dev')?.realm // 'dev'
 * recogniseIssuer('https://example.com')                      // undefined
 */
export function recogniseIssuer(iss: unknown): RecognisedIssuer | undefined {
  if (typeof iss !== 'string' || iss.length === 0 || iss.length > MAX_ISSUER_LENGTH) return undefined;
  // Google's ID tokens may name their issuer without the scheme (its documented second form).
  if (iss === 'accounts.google.com') return { provider: 'google', host: 'accounts.google.com', path: '' };
  const m = ISSUER_URL.exec(iss);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  const path = (m[2] ?? '').replace(/\/+$/, '');
  const base = { host, path };
  if (ENTRA_V2_HOSTS.has(host)) {
    const v2 = ENTRA_V2_PATH.exec(path);
    return v2 ? { provider: 'entra', ...base, entraVersion: 'v2', tenant: v2[1]! } : undefined;
  }
  if (ENTRA_V1_HOSTS.has(host)) {
    const v1 = ENTRA_V1_PATH.exec(path);
    return v1 ? { provider: 'entra', ...base, entraVersion: 'v1', tenant: v1[1]! } : undefined;
  }
  if (host === 'accounts.google.com') return path === '' ? { provider: 'google', ...base } : undefined;
  const cognito = COGNITO_HOST.exec(host);
  if (cognito) {
    const pool = COGNITO_PATH.exec(path);
    return pool ? { provider: 'cognito', ...base, region: cognito[1]!, userPool: pool[1]! } : undefined;
  }
  if (AUTH0_HOST.test(host)) return { provider: 'auth0', ...base };
  if (OKTA_HOST.test(host)) return { provider: 'okta', ...base };
  const realm = KEYCLOAK_PATH.exec(path);
  if (realm) return { provider: 'keycloak', ...base, realm: realm[1]! };
  return undefined;
}

/** The provider of a token's `iss`, or undefined. */
export function identityProviderOf(iss: unknown): IdentityProvider | undefined {
  return recogniseIssuer(iss)?.provider;
}
