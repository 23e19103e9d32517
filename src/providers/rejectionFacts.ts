/**
 * The facts "Why would a server reject this token?" needs from the token's provider: its
 * discovery document (issuer, announced algorithms), its key set, and the signature checked
 * with those keys. Fetched without credentials, only from the provider's own URLs (a `jwks_uri`
 * on another origin only after the person agreed), with the provider's TLS opt-out.
 */
import { errorMessage } from '../core/errorMessages';
import { isAuthLensError } from '../core/errors';
import { isJsonObject, type JsonObject } from '../core/json';
import type { DiscoveryFacts, ExpectedByProvider, KeyFacts, SignatureFacts } from '../core/rejectionTypes';
import { english, type Translate } from '../core/template';
import { decodeProtectedHeader } from 'jose';
import { HttpClient } from './http';
import { baseJwksUrl, providerKindTable } from './kinds';
import { fetchKeySet, type FetchKeySetOptions } from './keySet';
import { fetchDiscovery, type DiscoveryDocument } from './oidc/discovery';
import type { ProviderConfig } from './types';
import { verifyJwt } from './verify';

/** What {@link gatherRejectionFacts} takes besides the token and the provider. */
export interface RejectionFactsOptions extends FetchKeySetOptions {
  /** Epoch ms (the discovery document's fetch time). */
  readonly now: number;
  readonly translate?: Translate;
}

/** The provider's side of the facts (the token's side is its header and payload). */
export interface ProviderFacts {
  readonly expected: ExpectedByProvider;
  readonly keys: KeyFacts;
  readonly discovery?: DiscoveryFacts;
  readonly signature?: SignatureFacts;
}

/** Most keys of a set the checks look at (a key set is server data). */
const MAX_KEYS = 100;

/**
 * What the entry expects of its tokens: its `issuer`, `audience` (else `resource`) and client id.
 * Better Auth's jwt plugin issues tokens whose `iss` and `aud` are the server's origin.
 */
export function expectedOf(provider: ProviderConfig): ExpectedByProvider {
  const origin = provider.kind === 'better-auth' && URL.canParse(provider.baseUrl) ? new URL(provider.baseUrl).origin : undefined;
  const issuer = provider.issuer ?? origin;
  const audience = provider.audience ?? provider.resource ?? origin;
  return {
    ...(issuer !== undefined ? { issuer } : {}),
    ...(audience !== undefined ? { audience } : {}),
    ...(provider.clientId !== undefined ? { clientId: provider.clientId } : {}),
  };
}

/** The issuer whose discovery document is read: the entry's issuer, or the base URL of an OIDC entry. */
function discoveryIssuer(provider: ProviderConfig): string | undefined {
  if (provider.issuer !== undefined && provider.issuer !== '') return provider.issuer;
  return providerKindTable[provider.kind].defaultJwks === 'discovery' ? provider.baseUrl : undefined;
}

async function discover(issuer: string, options: RejectionFactsOptions): Promise<DiscoveryDocument> {
  const origin = new URL(issuer).origin;
  const optOut = options.tlsOptOut !== undefined && options.tlsOptOut.origins.includes(origin) ? options.tlsOptOut : undefined;
  const http = new HttpClient({
    baseUrl: issuer,
    ...(optOut ? { tlsOptOutId: optOut.providerId, allowInsecureTls: optOut.enabled } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.http !== undefined ? { http: options.http } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
    maxBodyBytes: 1024 * 1024,
  });
  try {
    return await fetchDiscovery(http, issuer, options.now, options.signal);
  } finally {
    await http.close();
  }
}

function discoveryFacts(doc: DiscoveryDocument): DiscoveryFacts {
  const algs = doc.raw['id_token_signing_alg_values_supported'];
  const idTokenAlgs = Array.isArray(algs) ? algs.slice(0, 50).filter((a): a is string => typeof a === 'string') : undefined;
  return { issuer: doc.issuer, ...(idTokenAlgs !== undefined ? { idTokenAlgs } : {}) };
}

/** The header's `alg`, without a check (the token was decoded before it came here). */
function algOf(token: string): string {
  try {
    const alg = decodeProtectedHeader(token).alg;
    return typeof alg === 'string' ? alg : '';
  } catch {
    return '';
  }
}

function failureText(err: unknown, t: Translate): string {
  return isAuthLensError(err) ? errorMessage(err, t) : t('The keys could not be fetched.');
}

/**
 * Reads the provider's discovery document and key set and verifies `token` with them. Never
 * throws for a failed fetch: the keys are then `unavailable` with the reason.
 *
 * @example
 * const facts = await gatherRejectionFacts(jwt, provider, { now: Date.now(), confirmKeyUrl });
 * facts.signature?.valid // true when a key of the provider's set verified it
 */
export async function gatherRejectionFacts(token: string, provider: ProviderConfig, options: RejectionFactsOptions): Promise<ProviderFacts> {
  const t = options.translate ?? english;
  const expected = expectedOf(provider);
  const issuer = discoveryIssuer(provider);
  let doc: DiscoveryDocument | undefined;
  let discoveryFailure: string | undefined;
  if (issuer !== undefined && URL.canParse(issuer)) {
    try {
      doc = await discover(issuer, options);
    } catch (err) {
      discoveryFailure = failureText(err, t);
    }
  }
  const discovery = doc ? { discovery: discoveryFacts(doc) } : {};
  const configured = provider.jwksUrl !== undefined && provider.jwksUrl !== '' ? provider.jwksUrl : undefined;
  const url = configured ?? doc?.jwksUri ?? baseJwksUrl(provider.kind, provider.baseUrl);
  if (url === undefined) {
    const keys: KeyFacts = discoveryFailure !== undefined ? { kind: 'unavailable', reason: discoveryFailure } : { kind: 'not-configured' };
    return { expected, keys, ...discovery };
  }
  // A discovery document is server data: a `jwks_uri` on another origin than the issuer is
  // fetched only once the person agreed, as Verify does it.
  if (configured === undefined && doc?.jwksUri === url && issuer !== undefined && new URL(url).origin !== new URL(issuer).origin) {
    if (!(await options.confirmKeyUrl?.(url))) {
      return { expected, keys: { kind: 'unavailable', reason: t('You did not agree to fetch keys from another origin.') }, ...discovery };
    }
  }
  let jwks: JsonObject;
  try {
    const fetched = await fetchKeySet(url, options);
    if (!isJsonObject(fetched.jwks) || !Array.isArray(fetched.jwks['keys'])) {
      return { expected, keys: { kind: 'unavailable', reason: t('The key URL did not return a key set.') }, ...discovery };
    }
    jwks = fetched.jwks;
  } catch (err) {
    return { expected, keys: { kind: 'unavailable', reason: failureText(err, t) }, ...discovery };
  }
  const keys = (jwks['keys'] as unknown[]).filter(isJsonObject).slice(0, MAX_KEYS);
  // A key set holds public keys: an HMAC token's signature is the shared secret's to check.
  if (/^HS\d+$/.test(algOf(token))) return { expected, keys: { kind: 'set', url, keys }, ...discovery };
  const outcome = await verifyJwt(token, { kind: 'jwks', jwks, url });
  const signature: SignatureFacts = outcome.valid
    ? { valid: true, message: outcome.keyDescription ?? url }
    : { valid: false, message: outcome.failure?.message ?? t('The signature does not verify.') };
  return { expected, keys: { kind: 'set', url, keys }, ...discovery, signature };
}
