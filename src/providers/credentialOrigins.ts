/**
 * Where a provider entry's credentials may go, and which OIDC issuer and client its stored
 * tokens belong to. Pure (no vscode): the HTTP client's allow-list (`providerHttp.ts`), the
 * SecretStorage binding (`src/secrets/credentials.ts`, `src/secrets/oidcTokenStore.ts`) and every text that
 * names those origins (Set Credential's prompt, the status message, the tree tooltip) all call
 * these functions, so what a person is told and what is sent cannot disagree.
 */
import { isProviderKind, providerKindTable } from './kinds';
import type { ProviderConfig } from './types';

/** The origin (scheme, host, port) of a URL; `undefined` when it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every origin a provider may send its credentials to: its base URL's origin first, then its
 * kind's extra URL (`extraCredentialUrl` in `kinds.ts`: Authing's `appHost` for token
 * revocation, an `oidc` provider's `issuer` for its token endpoints) when it is elsewhere, then
 * `discovered`: the endpoint origins the issuer's discovery document vouches for
 * (`discoveredCredentialOrigins(...).trusted` in `oidc/endpointOrigins.ts`).
 * `undefined` when the base URL is unusable.
 */
export function credentialOriginsOf(config: ProviderConfig, discovered: readonly string[] = []): { origin: string; also: string[] } | undefined {
  const origin = originOf(config.baseUrl);
  if (origin === undefined) return undefined;
  // An entry that skipped validation may name no kind of the table: then only the base URL.
  const extra = isProviderKind(config.kind) ? providerKindTable[config.kind].extraCredentialUrl(config) : undefined;
  const extraOrigin = extra !== undefined && extra !== '' ? originOf(extra) : undefined;
  const also: string[] = [];
  for (const o of [extraOrigin, ...discovered]) if (o !== undefined && o !== origin && !also.includes(o)) also.push(o);
  return { origin, also };
}

/** {@link credentialOriginsOf} as one list (base URL origin first); empty when unusable. */
export function credentialDestinations(config: ProviderConfig, discovered: readonly string[] = []): string[] {
  const o = credentialOriginsOf(config, discovered);
  return o ? [o.origin, ...o.also] : [];
}

/** The issuer of an `oidc` provider: `issuer`, else the base URL, without trailing slashes. */
export function oidcIssuerOf(config: ProviderConfig): string {
  return (config.issuer !== undefined && config.issuer !== '' ? config.issuer : config.baseUrl).replace(/\/+$/, '');
}

/** Who stored OIDC tokens belong to: the exact issuer and client id they were issued for. */
export interface TokenBinding {
  readonly issuer: string;
  readonly clientId: string;
}

/** The binding a provider entry's stored tokens must have to be used by it. */
export function tokenBindingOf(config: ProviderConfig): TokenBinding {
  return { issuer: oidcIssuerOf(config), clientId: config.clientId ?? '' };
}

/**
 * True when a stored set was issued by exactly this issuer to exactly this client. An origin
 * match is not enough: another realm or tenant path on the same host is another issuer.
 */
export function tokensBoundTo(set: { readonly issuer: string; readonly clientId: string }, binding: TokenBinding): boolean {
  return binding.clientId !== '' && set.issuer.replace(/\/+$/, '') === binding.issuer && set.clientId === binding.clientId;
}
