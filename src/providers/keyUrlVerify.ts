/**
 * Verify with keys fetched from a URL, as the inspector's Verify button does it: fetch the JWKS
 * (or a discovery document, then its `jwks_uri`), check the signature, and turn a failed fetch
 * into a `jwks-fetch-failed` outcome whose message says why. One function, so the tests drive the
 * very code the inspector runs.
 */
import { decodeProtectedHeader } from 'jose';
import { errorMessage } from '../core/errorMessages';
import { isAuthLensError, type AuthLensError } from '../core/errors';
import { english, type Translate } from '../core/template';
import { fetchKeySet, type FetchKeySetOptions } from './keySet';
import { verifyJwt, type VerifyExpectation } from './verify';
import type { VerifyOutcome } from './verifyResult';

/** What {@link verifyWithKeyUrl} takes besides the fetch options. */
export interface KeyUrlVerifyOptions extends FetchKeySetOptions {
  /** Translates the failure message (the VS Code layer passes its l10n). */
  readonly translate?: Translate;
  /** A message of the caller's own for some failures (a declined foreign `jwks_uri`). */
  readonly describeFetchFailure?: (err: AuthLensError) => string | undefined;
  /** What `iss` should be, given the discovery document's issuer when the keys came through one. */
  readonly expect?: (discoveredIssuer: string | undefined) => VerifyExpectation;
}

/**
 * Fetches keys from `url` and verifies `token` with them. Never throws for a failed fetch: the
 * outcome carries it (`jwks-fetch-failed`, with the TLS, timeout or HTTP cause spelled out).
 *
 * @example
 * const outcome = await verifyWithKeyUrl(jwt, 'http://127.0.0.1:3000/api/auth/jwks', { timeoutMs: 10_000 });
 * outcome.valid ? outcome.keyDescription : outcome.failure?.message
 */
export async function verifyWithKeyUrl(token: string, url: string, options: KeyUrlVerifyOptions = {}): Promise<VerifyOutcome> {
  try {
    const fetched = await fetchKeySet(url, options);
    return await verifyJwt(token, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url }, options.expect?.(fetched.issuer) ?? {});
  } catch (err) {
    const t = options.translate ?? english;
    const message = isAuthLensError(err) ? (options.describeFetchFailure?.(err) ?? errorMessage(err, t)) : t('The keys could not be fetched.');
    return { valid: false, ...headerFacts(token), keyDescription: `JWKS ${url}`, failure: { code: 'jwks-fetch-failed', message } };
  }
}

function headerFacts(token: string): { alg?: string; kid?: string } {
  try {
    const h = decodeProtectedHeader(token);
    return { ...(typeof h.alg === 'string' ? { alg: h.alg.slice(0, 40) } : {}), ...(typeof h.kid === 'string' ? { kid: h.kid.slice(0, 200) } : {}) };
  } catch {
    return {};
  }
}
