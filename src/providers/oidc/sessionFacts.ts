/**
 * What the Sessions view shows of a stored `oidc` token set beyond its claims: introspection of
 * opaque tokens and userinfo for a user set. Failures become facts, not errors (cancelling
 * still cancels). The caller checks first that the set belongs to the provider.
 */
import { isAuthLensError } from '../../core/errors';
import type { JsonObject } from '../../core/json';
import type { HttpClient } from '../http';
import type { DiscoveryDocument } from './discovery';
import { oauthErrorOf } from './errors';
import { introspectToken, type IntrospectionResult } from './introspection';
import type { SessionFacts } from './session';
import type { ClientAuth } from './tokens';
import type { StoredTokenSet, TokenSlot } from './tokenStore';
import { fetchUserinfo } from './userinfo';

export async function sessionFacts(
  http: HttpClient,
  discovery: DiscoveryDocument,
  client: ClientAuth,
  slot: TokenSlot,
  set: StoredTokenSet,
  signal?: AbortSignal,
): Promise<SessionFacts> {
  const facts: { access?: IntrospectionResult; refresh?: IntrospectionResult; userinfo?: JsonObject; userinfoError?: string } = {};
  const ask = async (token: string, hint: 'access_token' | 'refresh_token'): Promise<IntrospectionResult | undefined> => {
    try {
      return await introspectToken(http, discovery, client, token, hint, signal);
    } catch (err) {
      if (isAuthLensError(err) && err.code === 'cancelled') throw err;
      return undefined;
    }
  };
  // A JWT is decoded locally; introspecting it would only be refused by many servers.
  if (set.accessToken.split('.').length !== 3) {
    const access = await ask(set.accessToken, 'access_token');
    if (access) facts.access = access;
  }
  if (set.refreshToken !== undefined && set.refreshToken.split('.').length !== 3) {
    const refresh = await ask(set.refreshToken, 'refresh_token');
    if (refresh) facts.refresh = refresh;
  }
  const inactive = facts.access?.kind === 'answered' && !facts.access.active;
  if (slot === 'user' && discovery.userinfoEndpoint !== undefined && !inactive) {
    try {
      facts.userinfo = await fetchUserinfo(http, discovery, set.accessToken, signal);
    } catch (err) {
      if (isAuthLensError(err) && err.code === 'cancelled') throw err;
      const body = oauthErrorOf(err);
      facts.userinfoError = body ? `${body.error}${body.errorDescription ? `: ${body.errorDescription}` : ''}` : isAuthLensError(err) ? err.code : 'error';
    }
  }
  return facts;
}
