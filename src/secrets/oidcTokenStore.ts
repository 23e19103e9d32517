import type * as vscode from 'vscode';
import { originOf, tokenBindingOf, tokensBoundTo, type TokenBinding } from '../providers/credentialOrigins';
import { providerKindTable } from '../providers/kinds';
import type { ProviderConfig } from '../providers/types';
import type { StoredTokenSet, TokenSlot, TokenStore } from '../providers/oidc/tokenStore';
import { oidcTokenKey } from './keys';

/**
 * The tokens the `oidc` provider obtains (sign in, service token, refresh), in SecretStorage.
 *
 * Key: `authlens.oidcTokens/<providerId>/<slot>`, value: JSON `{ "origin": "https://issuer-host", "tokens": {...} }`.
 * A set is bound to the exact issuer and client id it was issued for (`tokens.issuer`,
 * `tokens.clientId`), not only to the issuer's origin: a workspace entry that reuses the
 * provider's id with another realm path on the same host does not get it. Never in settings,
 * state or logs.
 */

const slots: readonly TokenSlot[] = ['user', 'service'];

/** Reads a stored value whatever it is bound to; anything that is not our JSON reads as absent. */
function parseAny(text: string | undefined): { origin: unknown; tokens: StoredTokenSet } | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as { origin?: unknown; tokens?: Partial<StoredTokenSet> };
    const t = data.tokens;
    if (typeof t !== 'object' || t === null) return undefined;
    if (typeof t.accessToken !== 'string' || typeof t.issuer !== 'string' || typeof t.clientId !== 'string' || typeof t.obtainedAt !== 'number') {
      return undefined;
    }
    return { origin: data.origin, tokens: t as StoredTokenSet };
  } catch {
    return undefined;
  }
}

/**
 * Reads a stored value bound to `origin` and, when given, to the exact issuer and client of
 * `binding`; anything else reads as absent.
 */
export function parseStoredTokens(text: string | undefined, origin: string, binding?: TokenBinding): StoredTokenSet | undefined {
  const parsed = parseAny(text);
  if (!parsed || parsed.origin !== origin) return undefined;
  if (binding !== undefined && !tokensBoundTo(parsed.tokens, binding)) return undefined;
  return parsed.tokens;
}

/** A {@link TokenStore} over SecretStorage for one provider, its issuer's origin, issuer and client. */
export class SecretTokenStore implements TokenStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly providerId: string,
    private readonly origin: string,
    private readonly binding: TokenBinding,
  ) {}

  async get(slot: TokenSlot): Promise<StoredTokenSet | undefined> {
    return parseStoredTokens(await this.secrets.get(oidcTokenKey(this.providerId, slot)), this.origin, this.binding);
  }

  async set(slot: TokenSlot, tokens: StoredTokenSet): Promise<void> {
    await this.secrets.store(oidcTokenKey(this.providerId, slot), JSON.stringify({ origin: this.origin, tokens }));
  }

  async delete(slot: TokenSlot): Promise<void> {
    await this.secrets.delete(oidcTokenKey(this.providerId, slot));
  }
}

/** The token store of an `oidc` provider (undefined for other kinds or an unusable issuer URL). */
export function oidcTokenStoreFor(secrets: vscode.SecretStorage, config: ProviderConfig): TokenStore | undefined {
  if (!providerKindTable[config.kind].openIdClient) return undefined;
  const binding = tokenBindingOf(config);
  const origin = originOf(binding.issuer);
  return origin !== undefined ? new SecretTokenStore(secrets, config.id, origin, binding) : undefined;
}

/**
 * The issuer and client of a set stored under this provider id that the entry may not use (it
 * names another issuer or client now), for a message that says why nothing was sent; undefined
 * when the slot is empty or the set is the entry's own.
 */
export async function foreignTokenBinding(secrets: vscode.SecretStorage, config: ProviderConfig, slot: TokenSlot): Promise<TokenBinding | undefined> {
  if (!providerKindTable[config.kind].openIdClient) return undefined;
  const parsed = parseAny(await secrets.get(oidcTokenKey(config.id, slot)));
  if (!parsed) return undefined;
  const binding = tokenBindingOf(config);
  if (parsed.origin === originOf(binding.issuer) && tokensBoundTo(parsed.tokens, binding)) return undefined;
  return { issuer: parsed.tokens.issuer, clientId: parsed.tokens.clientId };
}

/** Forgets every token set of a provider (its entry was removed). */
export async function clearOidcTokens(secrets: vscode.SecretStorage, providerId: string): Promise<void> {
  for (const slot of slots) await secrets.delete(oidcTokenKey(providerId, slot));
}
