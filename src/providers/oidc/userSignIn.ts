/**
 * What the two ways of signing a user in (browser + loopback, device code) share: the provider
 * entry's parts they need, the scopes, and the last step: check the ID token and store the set
 * in the `user` slot.
 */
import { defined } from '../shape';
import type { HttpClient } from '../http';
import type { ProviderConfig } from '../types';
import type { DiscoveryDocument } from './discovery';
import { fetchJwks, verifyIdToken } from './idToken';
import { DEFAULT_SIGN_IN_SCOPES } from './options';
import { toStoredTokenSet, type ClientAuth, type TokenResponse } from './tokens';
import type { StoredTokenSet, TokenStore } from './tokenStore';

/** The provider entry's parts a sign-in uses (the `OidcProvider` hands them over). */
export interface UserSignInDeps {
  readonly http: HttpClient;
  readonly discovery: DiscoveryDocument;
  readonly client: ClientAuth;
  readonly config: ProviderConfig;
  /** The configured issuer the stored set is bound to. */
  readonly issuer: string;
  readonly store: TokenStore;
  readonly signal?: AbortSignal | undefined;
  /** The clock, epoch ms. */
  readonly now: () => number;
}

/** The scopes asked for: the override, else the configured ones, else the defaults. */
export function signInScopes(config: ProviderConfig, override?: readonly string[]): readonly string[] {
  return override ?? (config.scopes && config.scopes.length > 0 ? config.scopes : DEFAULT_SIGN_IN_SCOPES);
}

/**
 * Checks the ID token, when one came (signature, iss, aud, exp, and the nonce when the flow
 * sent one), then stores the set in the `user` slot.
 */
export async function storeUserTokens(
  deps: UserSignInDeps,
  response: TokenResponse,
  grant: 'authorization_code' | 'device_code',
  nonce?: string,
): Promise<StoredTokenSet> {
  const now = deps.now();
  if (response.idToken !== undefined && deps.discovery.jwksUri !== undefined) {
    const jwks = await fetchJwks(deps.http, deps.discovery.jwksUri, deps.signal);
    await verifyIdToken(response.idToken, jwks, defined({ issuer: deps.discovery.issuer, clientId: deps.client.clientId, nonce, now }));
  }
  const set = toStoredTokenSet(
    response,
    defined({
      grant,
      now,
      issuer: deps.issuer,
      clientId: deps.client.clientId,
      resource: deps.config.resource ?? deps.config.audience,
    }),
  );
  await deps.store.set('user', set);
  return set;
}
