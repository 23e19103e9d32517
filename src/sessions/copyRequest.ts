/**
 * Which request a copied token is for, per provider kind: the endpoint the token
 * authenticates and how it is carried. Pure (no vscode), unit-tested.
 */
import type { CopyRequest } from '../core/copyFormats';
import type { ProviderConfig, TokenInfo } from '../providers/types';

export const defaultBetterAuthCookie = 'better-auth.session_token';
export const authingCookie = 'authing_session';

/**
 * The request a token is copied for.
 * - Better Auth: `GET {base}/get-session` with `Authorization: Bearer` (the bearer plugin
 *   accepts the raw session token; the cookie would need the signed value).
 * - Authing: the user token against `{appHost}/oidc/me`, Bearer. Authing's OIDC side is node
 *   oidc-provider mounted at `/oidc` (its revocation and JWKS routes are `/oidc/token/revocation`
 *   and `/oidc/.well-known/jwks.json`), whose userinfo route is `/me`.
 * - AuthMS: `GET {base}/sessions?auth_user_id=...`, Bearer.
 * - OpenID Connect: access tokens against the discovery document's `userinfo_endpoint`
 *   (`discovered.userinfoEndpoint`): issuers put it anywhere (Keycloak:
 *   `/protocol/openid-connect/userinfo`, Google: another host). Without discovery the request
 *   goes to the issuer itself, which names the server without guessing a path.
 *
 * @example
 * copyRequestFor({ id: 'x', kind: 'better-auth', label: 'x', baseUrl: 'http://127.0.0.1:4000/api/auth' }, token).url
 * // => 'http://127.0.0.1:4000/api/auth/get-session'
 */
export function copyRequestFor(
  config: ProviderConfig,
  token: Pick<TokenInfo, 'value' | 'kind'>,
  discovered: { readonly userinfoEndpoint?: string | undefined } = {},
): CopyRequest {
  const base = config.baseUrl.replace(/\/+$/, '');
  switch (config.kind) {
    case 'better-auth':
      return {
        token: token.value,
        url: `${base}/get-session`,
        auth: { scheme: 'bearer' },
        cookieName: config.cookieName ?? defaultBetterAuthCookie,
      };
    case 'authing': {
      const host = (config.appHost ?? base).replace(/\/+$/, '');
      return { token: token.value, url: `${host}/oidc/me`, auth: { scheme: 'bearer' }, cookieName: authingCookie };
    }
    case 'authms': {
      const q = config.authUserId !== undefined ? `?auth_user_id=${encodeURIComponent(config.authUserId)}` : '';
      return { token: token.value, url: `${base}/sessions${q}`, auth: { scheme: 'bearer' } };
    }
    case 'oidc': {
      const url = discovered.userinfoEndpoint ?? (config.issuer ?? base).replace(/\/+$/, '');
      return { token: token.value, url, auth: { scheme: 'bearer' } };
    }
  }
}
