import type { CredentialKind } from '../providers/types';
import type { TokenSlot } from '../providers/oidc/tokenStore';

/**
 * Every SecretStorage key AuthLens uses, in one place: the stores here, the inspector's
 * remembered HMAC secrets and the cleanup of a removed provider all build their keys from these,
 * so a key cannot be written under one name and forgotten under another.
 *
 * - `authlens.credential/<providerId>/<kind>`: a provider credential (`credentials.ts`).
 * - `authlens.oidcTokens/<providerId>/<slot>`: an `oidc` provider's token set (`oidcTokenStore.ts`).
 * - `authlens.inspector.hsSecret/<iss>`: the HMAC secret remembered for an issuer (inspector).
 * - `authlens.inspector.signingKey/<iss>`: the private key remembered for re-signing an issuer's tokens (Edit tab).
 * - `authlens.inspector.cookieSecret/<scope>`: a server's cookie-signing secret remembered for a
 *   provider (`provider:<id>`) or an origin (`origin:<url>`) (inspector, signed cookies).
 * - `authlens.inspector/panelToken`: the token the one inspector panel shows (`panelTokenStore.ts`).
 */

export const credentialKeyPrefix = 'authlens.credential/';
export const oidcTokenKeyPrefix = 'authlens.oidcTokens/';
const hsSecretKeyPrefix = 'authlens.inspector.hsSecret/';
const signingKeyPrefix = 'authlens.inspector.signingKey/';
const cookieSecretKeyPrefix = 'authlens.inspector.cookieSecret/';

/** SecretStorage key of the token shown by the (one) inspector panel. */
export const panelTokenKey = 'authlens.inspector/panelToken';

export function credentialKey(providerId: string, kind: CredentialKind): string {
  return `${credentialKeyPrefix}${providerId}/${kind}`;
}

export function oidcTokenKey(providerId: string, slot: TokenSlot): string {
  return `${oidcTokenKeyPrefix}${providerId}/${slot}`;
}

/** The SecretStorage key of the HMAC secret remembered for an issuer. */
export function hsSecretKey(iss: string): string {
  return `${hsSecretKeyPrefix}${iss}`;
}

/**
 * The SecretStorage key of a cookie-signing secret (`BETTER_AUTH_SECRET`, express-session's
 * `secret`, Flask's `SECRET_KEY`), bound to what the cookie belongs to: a provider or an origin.
 *
 * @example
 * cookieSecretKey({ providerId: 'local-ba' }) // 'authlens.inspector.cookieSecret/provider:local-ba'
 */
export function cookieSecretKey(scope: { readonly providerId: string } | { readonly origin: string }): string {
  return `${cookieSecretKeyPrefix}${'providerId' in scope ? `provider:${scope.providerId}` : `origin:${scope.origin}`}`;
}

/** The SecretStorage key of the private key remembered for signing an issuer's tokens (Edit tab). */
export function signingKeyKey(iss: string): string {
  return `${signingKeyPrefix}${iss}`;
}

/** The provider id a credential key belongs to, or undefined for other keys. */
export function providerIdOfCredentialKey(key: string): string | undefined {
  return key.startsWith(credentialKeyPrefix) ? key.slice(credentialKeyPrefix.length).split('/')[0] : undefined;
}

/** The provider id whose tokens a SecretStorage key holds, or undefined for other keys. */
export function providerIdOfTokenKey(key: string): string | undefined {
  return key.startsWith(oidcTokenKeyPrefix) ? key.slice(oidcTokenKeyPrefix.length).split('/')[0] : undefined;
}
