import { json } from '../httpUtil';
import type { ApiContext } from '../state';
import type { Handler, Reply } from '../types';
import { statusText } from '../misbehaviour';

export function oidcErrorReply(status: number, retryAfter: number | undefined): Reply {
  const error = status === 401 ? 'invalid_token' : status >= 500 ? 'server_error' : 'invalid_request';
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return json(status, { error, error_description: statusText(status) }, headers);
}

export function createOidcApi(_ctx: ApiContext): Handler {
  return () => json(404, { error: 'invalid_request', error_description: 'unrecognized route or not allowed method' });
}
