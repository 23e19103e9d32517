import type * as vscode from 'vscode';
import type { ProviderConfig } from './providers/types';
import type { StoredTokenSet, TokenSlot, TokenStore } from './providers/oidc/tokenStore';

/**
 * The tokens the `oidc` provider obtains (sign in, service token, refresh), in SecretStorage.
 *
 * Key: `authlens.oidcTokens/<providerId>/<slot>`, value: JSON `{ "origin": "https://issuer-host", "tokens": {...} }`.
 * Like credentials, a set is bound to the origin of the issuer it came from: when the settings
 * point the provider elsewhere, the set is not handed out. Never in settings, state or logs.
 */

const keyPrefix = 'authlens.oidcTokens/';
const slots: readonly TokenSlot[] = ['user', 'service'];

export function oidcTokenKey(providerId: string, slot: TokenSlot): string {
  return `${keyPrefix}${providerId}/${slot}`;
}

/** The provider id whose tokens a SecretStorage key holds, or undefined for other keys. */
export function providerIdOfTokenKey(key: string): string | undefined {
  return key.startsWith(keyPrefix) ? key.slice(keyPrefix.length).split('/')[0] : undefined;
}

function issuerOrigin(config: ProviderConfig): string | undefined {
  try {
    const url = new URL(config.issuer !== undefined && config.issuer !== '' ? config.issuer : config.baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a stored value; anything that is not our JSON reads as absent. */
export function parseStoredTokens(text: string | undefined, origin: string): StoredTokenSet | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as { origin?: unknown; tokens?: Partial<StoredTokenSet> };
    const t = data.tokens;
    if (data.origin !== origin || typeof t !== 'object' || t === null) return undefined;
    if (typeof t.accessToken !== 'string' || typeof t.issuer !== 'string' || typeof t.clientId !== 'string' || typeof t.obtainedAt !== 'number') {
      return undefined;
    }
    return t as StoredTokenSet;
  } catch {
    return undefined;
  }
}

/** A {@link TokenStore} over SecretStorage for one provider and the origin of its issuer. */
export class SecretTokenStore implements TokenStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly providerId: string,
    private readonly origin: string,
  ) {}

  async get(slot: TokenSlot): Promise<StoredTokenSet | undefined> {
    return parseStoredTokens(await this.secrets.get(oidcTokenKey(this.providerId, slot)), this.origin);
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
  if (config.kind !== 'oidc') return undefined;
  const origin = issuerOrigin(config);
  return origin !== undefined ? new SecretTokenStore(secrets, config.id, origin) : undefined;
}

/** Forgets every token set of a provider (its entry was removed). */
export async function clearOidcTokens(secrets: vscode.SecretStorage, providerId: string): Promise<void> {
  for (const slot of slots) await secrets.delete(oidcTokenKey(providerId, slot));
}
