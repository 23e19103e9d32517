/**
 * What an `oidc` provider is configured and called with: its options, scopes, sign-in options,
 * refresh result, and the client credentials of an entry. `oidc.ts` re-exports the public ones.
 */
import { AuthLensError } from '../../core/errors';
import type { LoopbackPages } from './loopback';
import type { ClientAuth } from './clientAuth';
import type { RefreshRotation } from './tokens';
import type { StoredTokenSet, TokenStore } from './tokenStore';
import type { ProviderConfig, ProviderContext, ProviderOptions } from '../types';

/** Scopes that only make sense for a user; dropped from client credentials requests. */
export const USER_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

/** Sign-in scopes when the provider sets none. */
export const DEFAULT_SIGN_IN_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

/**
 * Why a stored set is not used by this provider entry, in plain English (no token text): it was
 * issued by another issuer or to another client than the entry names now. A workspace entry can
 * reuse a user provider's id with another issuer path on the same origin; its discovery document
 * would then choose where the stored refresh token goes.
 */
export const tokenBindingRefusal =
  'The stored tokens were issued by another issuer or to another client than this provider entry names, so AuthLens did not send them. Sign in again, or forget the tokens.';

/** `oidc` options: the usual ones plus where the tokens live. */
export interface OidcProviderOptions extends ProviderOptions {
  /** Default store when the context brings none (tests; a provider outside VS Code). */
  readonly tokens?: TokenStore;
}

/** The context of an `oidc` call: `tokens` is the provider's token store (SecretStorage in VS Code). */
export type OidcContext = ProviderContext;

export interface SignInOptions {
  /** Opens the authorization URL in the system browser (`vscode.env.openExternal`). */
  openBrowser(url: string): Promise<boolean | void>;
  /** How long to wait for the redirect (default 2 minutes). */
  readonly timeoutMs?: number;
  readonly pages?: LoopbackPages;
  /** Overrides the configured scopes. */
  readonly scopes?: readonly string[];
  /**
   * Maps the loopback redirect URI to the one a browser reaches when the extension host runs
   * elsewhere (`vscode.env.asExternalUri`: SSH, containers, Codespaces); identity when local.
   */
  readonly externalUri?: (uri: string) => Promise<string>;
  /** The failure text for the browser page (localised by the caller); default English from the error code. */
  readonly describeFailure?: (err: unknown) => string;
}

export interface RefreshResult {
  readonly tokens: StoredTokenSet;
  readonly rotation: RefreshRotation;
  /**
   * After a rotation: what introspection says of the old refresh token (`false` = dead, as it
   * should be; `true` = the server still accepts it; undefined = it cannot be asked).
   */
  readonly oldRefreshTokenActive?: boolean;
}

/**
 * The client of an `oidc` entry: its `clientId`, the `clientSecret` and `privateKey` credentials
 * when set, whether it names a TLS client certificate, and its `tokenEndpointAuthMethod`.
 */
export function clientAuthOf(config: ProviderConfig, ctx: ProviderContext): ClientAuth {
  const clientId = config.clientId;
  if (clientId === undefined || clientId === '') {
    throw new AuthLensError('not-configured', { where: 'clientId' }, 'not-configured: set clientId for this oidc provider');
  }
  const secret = ctx.credentials.clientSecret;
  const privateKey = ctx.credentials.privateKey;
  const certificate = nonEmpty(config.tlsClientCertificate) && nonEmpty(config.tlsClientKey);
  return {
    clientId,
    ...(nonEmpty(secret) ? { clientSecret: secret } : {}),
    ...(nonEmpty(privateKey) ? { privateKey } : {}),
    ...(certificate ? { certificate } : {}),
    ...(config.tokenEndpointAuthMethod !== undefined ? { method: config.tokenEndpointAuthMethod } : {}),
    ...(ctx.now !== undefined ? { now: ctx.now } : {}),
  };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
