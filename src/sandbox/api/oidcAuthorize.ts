/**
 * The OIDC sandbox's authorization endpoint: checks the request like `oidc-provider` does, then
 * approves at once and redirects with a code.
 */
import { JWT_RESOURCE } from '../data/oidc';
import { formBody } from '../httpUtil';
import type { ApiContext } from '../state';
import type { Reply, SandboxRequest } from '../types';
import { CODE_TTL_MS, isLoopbackRedirect, newToken, oauthError, SCOPES } from './oidcShared';

/** The sandbox's OIDC data (clients, users, codes, tokens). */
export type OidcState = ReturnType<ApiContext['state']>['oidc'];

/** Approves at once for a sandbox user (login_hint picks one, else the first) and redirects. */
export function authorize(req: SandboxRequest, issuer: string, data: OidcState): Reply {
  const params = req.method === 'POST' ? formBody(req) : req.query;
  const clientId = params.get('client_id');
  const client = clientId ? data.clients.find((c) => c.clientId === clientId) : undefined;
  if (!client) return oauthError(400, 'invalid_client', 'client is invalid');
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri || !isLoopbackRedirect(redirectUri)) {
    return oauthError(400, 'invalid_redirect_uri', "redirect_uri did not match any of the client's registered redirect_uris");
  }
  const state = params.get('state');
  const redirect = (extra: Record<string, string>): Reply => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(extra)) target.searchParams.set(k, v);
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('iss', issuer);
    return { status: 302, headers: { location: target.toString() }, text: '' };
  };
  const fail = (error: string, description: string): Reply => redirect({ error, error_description: description });
  if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'unsupported response_type requested');
  if (!client.grantTypes.includes('authorization_code')) return fail('unauthorized_client', 'requested response_type is not allowed for this client');
  const scope = (params.get('scope') ?? '').split(' ').filter(Boolean);
  if (scope.some((s) => !SCOPES.includes(s))) return fail('invalid_scope', 'requested scope is not allowed');
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method') ?? 'plain';
  if (challenge === null && client.clientSecret === undefined) {
    return fail('invalid_request', 'Authorization Server policy requires PKCE to be used for this request');
  }
  if (challenge !== null && method !== 'S256') return fail('invalid_request', 'not supported value of code_challenge_method');
  if (challenge !== null && !/^[\w-]{43}$/.test(challenge))
    return fail('invalid_request', 'code_challenge must be a string with a minimum length of 43 characters');
  const resource = params.get('resource');
  if (resource !== null && resource !== JWT_RESOURCE) return fail('invalid_target', 'resource indicator is missing, or unknown');
  const hint = params.get('login_hint');
  const users = data.users;
  const user = (hint ? users.find((u) => u.login === hint || u.email === hint) : undefined) ?? users[0];
  if (!user) return fail('access_denied', 'no sandbox user');
  const code = newToken();
  const nonce = params.get('nonce');
  data.codes.set(code, {
    clientId: client.clientId,
    redirectUri,
    codeChallenge: challenge ?? '',
    scope: scope.join(' '),
    ...(nonce ? { nonce } : {}),
    ...(resource ? { resource } : {}),
    sub: user.sub,
    authTime: Math.floor(req.now / 1000),
    expiresAt: req.now + CODE_TTL_MS,
    used: false,
  });
  return redirect({ code });
}
