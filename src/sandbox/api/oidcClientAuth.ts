/**
 * Client authentication at the OIDC sandbox's endpoints: HTTP Basic, `client_secret_post`, or
 * none for the public client; and the form-only rule for POST bodies.
 */
import type { OidcClient } from '../data/oidc';
import { contentType, header } from '../httpUtil';
import type { ApiContext } from '../state';
import type { Reply, SandboxRequest } from '../types';
import { oauthError, safeEqual } from './oidcShared';

/** Client authentication: Basic, client_secret_post, or none for the public client. */
export function authenticateClient(ctx: ApiContext, req: SandboxRequest, form: URLSearchParams): OidcClient | Reply {
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  let basic = false;
  const auth = header(req, 'authorization');
  if (auth && /^Basic\s+/i.test(auth)) {
    basic = true;
    const decoded = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return oauthError(400, 'invalid_request', 'invalid authorization header value format');
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    } catch {
      return oauthError(400, 'invalid_request', 'client_id and client_secret in the authorization header are not properly encoded');
    }
  }
  if (!clientId) return oauthError(400, 'invalid_request', 'no client authentication mechanism provided');
  const failed = (): Reply =>
    oauthError(401, 'invalid_client', 'client authentication failed', basic ? { 'www-authenticate': 'Basic realm="sandbox"' } : undefined);
  const client = ctx.state().oidc.clients.find((c) => c.clientId === clientId);
  if (!client) return failed();
  if (client.clientSecret === undefined) return secret ? failed() : client;
  if (secret === undefined || !safeEqual(secret, client.clientSecret)) return failed();
  return client;
}

/** POST bodies must be forms, as `oidc-provider` demands. */
export function formOnly(req: SandboxRequest, route: string): Reply | undefined {
  if (req.method !== 'POST') return undefined;
  if (contentType(req) !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', `only application/x-www-form-urlencoded content-type bodies are supported on POST ${route}`);
  }
  return undefined;
}
