/**
 * Authing SSO (seed 001): `GET {baseUrl}/cas/session` with the cookie `authing_session`.
 *
 * The session comes from `session` (expiry `session.cookie.expires`), the user from `userInfo`,
 * the JWT from `userInfo.token` (expiry `tokenExpiredAt`). The seed's `userInfo` carries
 * `password` and `salt`: they stay in `raw.user` so the inspector can warn about them, and are
 * never logged or put into a message. Revoke is RFC 7009 at `{appHost}/oidc/token/revocation`.
 */
import { AuthLensError, isAuthLensError } from '../core/errors';
import type { JsonObject } from '../core/json';
import { joinUrl } from './http';
import { AUTHING_COOKIE } from './kinds';
import { defined, objectAt, optDateAt, optStringAt, statusFromTimes, stringAt } from './shape';
import { ProviderOverHttp } from './providerHttp';
import type { Provider, ProviderContext, ProviderDefinition, RevokeOutcome, SessionInfo, SessionPage, TokenInfo } from './types';

const WHERE = '/cas/session';

// The app host is configured in the same provider entry as the base URL: both may get the cookie.
export class AuthingProvider extends ProviderOverHttp implements Provider {
  async listSessions(ctx: ProviderContext, _cursor?: string): Promise<SessionPage> {
    const cookie = ctx.credentials.cookie;
    if (cookie === undefined || cookie === '') {
      throw new AuthLensError('not-configured', { where: 'credential' }, 'not-configured: no authing_session cookie set');
    }
    const res = await this.http.send(
      defined({
        method: 'GET' as const,
        url: joinUrl(this.config.baseUrl, '/cas/session'),
        headers: { cookie: `${AUTHING_COOKIE}=${authingCookieValue(cookie)}` },
        signal: ctx.signal,
        expect: 'json-or-empty' as const,
      }),
    );
    const body = res.json;
    if (body === null || body === undefined) return { state: 'signed-out', sessions: [] };
    const obj = objectAt(body, WHERE);
    if (obj['session'] === undefined || obj['session'] === null) return { state: 'signed-out', sessions: [] };
    return { state: 'ok', sessions: [parseAuthingSession(obj, ctx.now ?? Date.now())], total: 1 };
  }

  async revokeSession(ctx: ProviderContext, session: SessionInfo): Promise<RevokeOutcome> {
    const clientId = this.config.clientId;
    if (clientId === undefined || clientId === '') {
      return { kind: 'unsupported', reason: 'Revoking needs the Authing app’s client id: set `clientId` for this provider in `authlens.providers`.' };
    }
    const token = session.tokens.find((t) => t.kind === 'jwt')?.value;
    if (token === undefined) return { kind: 'unsupported', reason: 'This session carries no token to revoke.' };
    const secret = ctx.credentials.clientSecret;
    const form: Record<string, string> = { token, client_id: clientId };
    if (secret !== undefined && secret !== '') form['client_secret'] = secret;
    const host = this.config.appHost !== undefined && this.config.appHost !== '' ? this.config.appHost : new URL(this.config.baseUrl).origin;
    try {
      await this.http.send(
        defined({
          method: 'POST' as const,
          url: joinUrl(host, '/oidc/token/revocation'),
          form,
          secrets: [token, ...(secret !== undefined && secret !== '' ? [secret] : [])],
          signal: ctx.signal,
          expect: 'none' as const,
        }),
      );
    } catch (err) {
      // RFC 7009 §2.2.1: the server cannot revoke this kind of token.
      if (isAuthLensError(err) && err.details.serverCode === 'unsupported_token_type') {
        return { kind: 'unsupported', reason: 'The server does not revoke this kind of token (unsupported_token_type).' };
      }
      if (isAuthLensError(err) && (err.code === 'http-not-found' || err.details.status === 405)) {
        return { kind: 'unsupported', reason: 'The app host has no token revocation endpoint (/oidc/token/revocation).' };
      }
      throw err;
    }
    // RFC 7009 answers 200 for revoked and for already-invalid tokens alike.
    return { kind: 'revoked' };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** Maps `{session, userInfo}` to one session; `userInfo` (with any password/salt) stays raw. */
export function parseAuthingSession(body: JsonObject, now: number): SessionInfo {
  const session = objectAt(body['session'], `${WHERE}: session`);
  const userInfo = body['userInfo'] === undefined || body['userInfo'] === null ? undefined : objectAt(body['userInfo'], `${WHERE}: userInfo`);
  const id = stringAt(session, '_id', `${WHERE}: session`);
  const cookie = session['cookie'] === undefined || session['cookie'] === null ? undefined : objectAt(session['cookie'], `${WHERE}: session.cookie`);
  const expiresAt = cookie !== undefined ? optDateAt(cookie, 'expires', `${WHERE}: session.cookie`) : undefined;
  const uw = `${WHERE}: userInfo`;
  const tokens: TokenInfo[] = [];
  const token = userInfo !== undefined ? optStringAt(userInfo, 'token', uw) : undefined;
  if (token !== undefined) {
    tokens.push(
      defined({
        kind: 'jwt' as const,
        label: 'User token (userInfo.token)',
        value: token,
        opaque: token.split('.').length < 3,
        expiresAt: optDateAt(userInfo ?? {}, 'tokenExpiredAt', uw),
      }),
    );
  }
  return defined({
    id,
    user: defined({
      id: (userInfo !== undefined ? optStringAt(userInfo, 'id', uw) : undefined) ?? optStringAt(session, 'userId', `${WHERE}: session`),
      name:
        userInfo !== undefined
          ? (optStringAt(userInfo, 'name', uw) ?? optStringAt(userInfo, 'nickname', uw) ?? optStringAt(userInfo, 'username', uw))
          : undefined,
      email: userInfo !== undefined ? optStringAt(userInfo, 'email', uw) : undefined,
    }),
    ip: userInfo !== undefined ? (optStringAt(userInfo, 'lastIP', uw) ?? optStringAt(userInfo, 'lastIp', uw)) : undefined,
    createdAt: userInfo !== undefined ? optDateAt(userInfo, 'lastLogin', uw) : undefined,
    expiresAt,
    status: statusFromTimes(now, expiresAt),
    current: true,
    tokens,
    raw: defined({ session, user: userInfo }),
  });
}

/** The cookie value from a bare value, `authing_session=value` or a whole Cookie header. */
export function authingCookieValue(credential: string): string {
  const trimmed = credential.trim().replace(/^cookie:\s*/i, '');
  const m = /(?:^|;\s*)authing_session=([^;]*)/.exec(trimmed);
  const value = (m?.[1] ?? trimmed).trim();
  // Express session cookies look like `s:<id>.<sig>` and travel URL-encoded (`s%3A...`).
  return /%[0-9A-Fa-f]{2}/.test(value) || /^[A-Za-z0-9._~-]*$/.test(value) ? value : encodeURIComponent(value);
}

export const authingDefinition: ProviderDefinition = {
  kind: 'authing',
  create: (config, options) => new AuthingProvider(config, options),
};
