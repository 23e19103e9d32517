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
 * - Authing: the user token against `{appHost}/oidc/me` (userinfo), Bearer.
 * - AuthMS: `GET {base}/sessions?auth_user_id=...`, Bearer.
 * - OpenID Connect: access tokens against `{issuer}/me` (userinfo), Bearer.
 *
 * @example
 * copyRequestFor({ id: 'x', kind: 'better-auth', label: 'x', baseUrl: 'http://127.0.0.1:4000/api/auth' }, token).url
 * // => 'http://127.0.0.1:4000/api/auth/get-session'
 */
export function copyRequestFor(config: ProviderConfig, token: Pick<TokenInfo, 'value' | 'kind'>): CopyRequest {
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
      const issuer = (config.issuer ?? base).replace(/\/+$/, '');
      return { token: token.value, url: `${issuer}/me`, auth: { scheme: 'bearer' } };
    }
  }
}
