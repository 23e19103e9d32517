import { AuthLensError } from '../../core/errors';
import { isJsonObject, type JsonObject } from '../../core/json';
import type { HttpClient } from '../http';
import type { DiscoveryDocument } from './discovery';
import { withOAuthErrors } from './errors';

/**
 * Calls the userinfo endpoint (OIDC Core §5.3) with an access token. Errors (RFC 6750 §3.1,
 * e.g. 401 `invalid_token` for a token meant for another audience) become `oauth-error`.
 */
export async function fetchUserinfo(http: HttpClient, discovery: DiscoveryDocument, accessToken: string, signal?: AbortSignal): Promise<JsonObject> {
  const url = discovery.userinfoEndpoint;
  if (!url) throw new AuthLensError('unsupported', { where: 'userinfo_endpoint' }, 'unsupported: the issuer has no userinfo endpoint');
  const res = await withOAuthErrors('userinfo', () =>
    http.send({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${accessToken}` },
      ...(signal ? { signal } : {}),
    }),
  );
  if (!isJsonObject(res.json) || typeof res.json['sub'] !== 'string') {
    throw new AuthLensError('response-shape', { where: 'userinfo sub' }, 'response-shape: userinfo without sub');
  }
  return res.json;
}
