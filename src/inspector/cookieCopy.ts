/**
 * The request a shown signed cookie is copied for: its name (as pasted, else its provider's),
 * its value as the browser sends it, and the provider's session endpoint (Better Auth's
 * `/get-session`, Authing's `/cas/session`) or a placeholder URL.
 */
import { encodeCookieValue } from '../core/cookieCredential';
import type { CookieCopyRequest } from '../core/copyFormats';
import type { SignedCookie } from '../core/signedCookie';
import type { ConfiguredProvider } from '../plumbing/config';
import { providerKindTable } from '../providers/kinds';
import type { InspectInput } from '../shared/inspectInput';
import { defaultCookieName } from './cookieModel';
import { cookieLinkOf } from './cookieShown';
import type { InspectorDeps } from './deps';

/** Where a provider's server answers a request carrying its session cookie. */
function sessionUrl(provider: ConfiguredProvider): string | undefined {
  const base = provider.baseUrl.replace(/\/+$/, '');
  if (provider.kind === 'better-auth') return `${base}/get-session`;
  return provider.kind === 'authing' ? `${base}/cas/session` : undefined;
}

/** The cookie request for Copy Cookie header / Copy as curl. */
export function cookieCopyRequest(cookie: SignedCookie, input: InspectInput, deps: InspectorDeps): CookieCopyRequest {
  const ownerId = input.source?.providerId ?? cookieLinkOf(cookie, input, deps)?.provider.id;
  const provider = ownerId !== undefined ? deps.sessions.provider(ownerId) : undefined;
  const configured = provider ? providerKindTable[provider.kind].cookieName(provider) : undefined;
  return {
    name: cookie.cookieName ?? defaultCookieName(cookie.format, provider?.kind, configured),
    value: encodeCookieValue(cookie.raw),
    url: (provider ? sessionUrl(provider) : undefined) ?? 'https://app.example.com/',
  };
}
