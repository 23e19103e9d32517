/**
 * Where the `oidc` provider keeps the tokens it obtained. The VS Code layer implements it over
 * SecretStorage (`src/secrets/oidcTokenStore.ts`); tests use {@link MemoryTokenStore}. Token sets never
 * go to settings, workspace state or logs.
 */

/** Who the tokens belong to: the signed-in user (authorization code) or the client itself. */
export type TokenSlot = 'user' | 'service';

/** One token response, as stored. All times are epoch ms. */
export interface StoredTokenSet {
  readonly accessToken: string;
  readonly tokenType: string;
  /** When the access token expires by `expires_in` (absent when the server did not say). */
  readonly expiresAt?: number;
  readonly scope?: string;
  readonly refreshToken?: string;
  /** When the refresh token expires, when the server said (Keycloak's `refresh_expires_in`; 0 there means never). */
  readonly refreshExpiresAt?: number;
  readonly idToken?: string;
  /** The grant that produced the set. */
  readonly grant: 'client_credentials' | 'authorization_code' | 'device_code' | 'refresh_token';
  /** The resource / audience asked for, if any. */
  readonly resource?: string;
  readonly obtainedAt: number;
  /** The issuer that issued the set: a set from another issuer is ignored. */
  readonly issuer: string;
  readonly clientId: string;
  /** When AuthLens revoked the set (epoch ms); the server's introspection answer wins when there is one. */
  readonly revokedAt?: number;
  /**
   * When AuthLens revoked the refresh token, ending the grant (epoch ms), while a JWT access
   * token the server cannot recall stays valid until its `exp`.
   */
  readonly grantRevokedAt?: number;
}

/** A provider's token sets, one per slot. */
export interface TokenStore {
  get(slot: TokenSlot): Promise<StoredTokenSet | undefined>;
  set(slot: TokenSlot, tokens: StoredTokenSet): Promise<void>;
  delete(slot: TokenSlot): Promise<void>;
}

/** A {@link TokenStore} in memory, for tests and for providers without a VS Code host. */
export class MemoryTokenStore implements TokenStore {
  private readonly sets = new Map<TokenSlot, StoredTokenSet>();

  async get(slot: TokenSlot): Promise<StoredTokenSet | undefined> {
    return this.sets.get(slot);
  }

  async set(slot: TokenSlot, tokens: StoredTokenSet): Promise<void> {
    this.sets.set(slot, tokens);
  }

  async delete(slot: TokenSlot): Promise<void> {
    this.sets.delete(slot);
  }
}
