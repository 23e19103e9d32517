/**
 * Better Auth (seed 000 plus what a real 1.7 server does, see REAL-BETTER-AUTH.md).
 *
 * - `GET /get-session` with the session cookie or `Authorization: Bearer`; a `null` body is
 *   "signed out", not an error.
 * - `GET /list-sessions` where the server has it (else the single get-session session).
 * - With an `admin` credential: `POST /admin/list-user-sessions {userId}` (also shows
 *   impersonated sessions, which list-sessions hides) and `POST /admin/revoke-user-session`.
 * - `POST /revoke-session {token}` answers `{"status":true}` even when nothing was revoked, so
 *   every revoke is confirmed by listing again.
 * - The JWT of the jwt plugin comes from the `set-auth-jwt` header or `GET /token`; the session
 *   token is opaque and shown as such.
 */
import { AuthLensError, isAuthLensError } from '../core/errors';
import { baseCookieName, encodeCookieValue, parseCookieCredential, sessionCookies } from '../core/cookieCredential';
export { cookieValueFrom } from '../core/cookieCredential';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import { joinUrl, type HttpResponse } from './http';
import { DEFAULT_BETTER_AUTH_COOKIE } from './kinds';
import { arrayAt, defined, objectAt, optDateAt, optStringAt, statusFromTimes, stringAt } from './shape';
import { ProviderOverHttp } from './providerHttp';
import type { CookieMismatch, Credentials, Provider, ProviderContext, ProviderDefinition, RevokeOutcome, SessionInfo, SessionPage, TokenInfo } from './types';

/** How a request authenticates: a header set plus the secret values in it. */
interface Auth {
  readonly kind: 'cookie' | 'bearer' | 'admin';
  readonly headers: Readonly<Record<string, string>>;
}

interface CurrentSession {
  readonly session: JsonObject;
  readonly user: JsonObject;
}

export class BetterAuthProvider extends ProviderOverHttp implements Provider {
  private readonly origin = this.http.origin;

  async listSessions(ctx: ProviderContext, _cursor?: string): Promise<SessionPage> {
    const auth = this.primaryAuth(ctx.credentials);
    const now = ctx.now ?? Date.now();
    const gs = await this.get('/get-session', auth, ctx.signal);
    const current = parseGetSession(gs.json);
    if (current === undefined) {
      const mismatch = auth.kind === 'cookie' && ctx.credentials.cookie !== undefined ? this.cookieMismatch(ctx.credentials.cookie) : undefined;
      return { state: 'signed-out', sessions: [], ...(mismatch !== undefined ? { cookieMismatch: mismatch } : {}) };
    }

    const currentUserId = stringAt(current.session, 'userId', '/get-session: session');
    const jwt = gs.headers['set-auth-jwt'] ?? (await this.fetchJwt(auth, ctx.signal));

    let raw: JsonObject[] | undefined;
    const admin = this.adminAuth(ctx.credentials);
    const targetUserId = this.config.authUserId ?? currentUserId;
    if (admin !== undefined) raw = await this.adminList(admin, targetUserId, ctx.signal, true);
    if (raw === undefined && targetUserId === currentUserId) raw = await this.userList(auth, ctx.signal);
    raw ??= [];

    const currentToken = stringAt(current.session, 'token', '/get-session: session');
    if (targetUserId === currentUserId && !raw.some((s) => s['token'] === currentToken)) raw = [current.session, ...raw];

    const sessions = raw.map((s, i) => {
      const isCurrent = s['token'] === currentToken;
      const user = s['userId'] === currentUserId ? current.user : undefined;
      return toSessionInfo(s, user, isCurrent, isCurrent ? jwt : undefined, now, `sessions[${i}]`);
    });
    return { state: 'ok', sessions, total: sessions.length };
  }

  async revokeSession(ctx: ProviderContext, session: SessionInfo): Promise<RevokeOutcome> {
    const token = session.tokens.find((t) => t.kind === 'session-token')?.value;
    if (token === undefined) return { kind: 'unsupported', reason: 'The server did not send this session’s token, which revoking needs.' };
    const admin = this.adminAuth(ctx.credentials);
    const userId = session.user.id;
    if (admin !== undefined && userId !== undefined) {
      try {
        const res = await this.post('/admin/revoke-user-session', admin, { sessionToken: token }, ctx.signal, [token]);
        const ok = isJsonObject(res.json) && (res.json['success'] === true || res.json['status'] === true);
        const still = await this.adminList(admin, userId, ctx.signal, false);
        if (still !== undefined) return still.some((s) => s['token'] === token) ? notRevoked(ok) : { kind: 'revoked' };
        return ok ? { kind: 'revoked' } : notRevoked(ok);
      } catch (err) {
        // Not an admin after all (403) or the admin session ended (401): try as the user.
        if (!isAuthLensError(err) || (err.code !== 'http-forbidden' && err.code !== 'http-unauthorized')) throw err;
        if (ctx.credentials.cookie === undefined && ctx.credentials.bearer === undefined) throw err;
      }
    }
    const auth = this.primaryAuth(ctx.credentials);
    // Better Auth deletes only sessions of the signed-in user and answers `{"status":true}`
    // either way: check the session is ours first, and confirm by listing again after.
    const before = await this.userList(auth, ctx.signal);
    if (before !== undefined && !before.some((s) => s['token'] === token)) {
      return {
        kind: 'not-revoked',
        reason: 'This session is not among the signed-in user’s sessions (already ended, or another user’s: revoking those needs an admin credential).',
      };
    }
    const res = await this.post('/revoke-session', auth, { token }, ctx.signal, [token]);
    const ok = isJsonObject(res.json) && res.json['status'] === true;
    try {
      const listed = await this.userList(auth, ctx.signal, true);
      if (listed !== undefined) return listed.some((s) => s['token'] === token) ? notRevoked(ok) : { kind: 'revoked' };
      const gs = await this.get('/get-session', auth, ctx.signal);
      const current = parseGetSession(gs.json);
      if (current === undefined) return { kind: 'revoked' };
      if (current.session['token'] === token) return notRevoked(ok);
      return ok ? { kind: 'revoked' } : notRevoked(ok);
    } catch (err) {
      // Revoking the credential's own session signs it out: 401 on the re-list confirms it.
      if (isAuthLensError(err) && err.code === 'http-unauthorized') return { kind: 'revoked' };
      throw err;
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** The credential that identifies the user: cookie, else bearer, else the admin's token. */
  private primaryAuth(creds: Credentials): Auth {
    if (creds.cookie !== undefined && creds.cookie !== '') {
      return { kind: 'cookie', headers: { cookie: this.cookieHeader(creds.cookie) } };
    }
    if (creds.bearer !== undefined && creds.bearer !== '') {
      return { kind: 'bearer', headers: { authorization: `Bearer ${bareBearer(creds.bearer)}` } };
    }
    const admin = this.adminAuth(creds);
    if (admin !== undefined) return admin;
    throw new AuthLensError('not-configured', { where: 'credential' }, 'not-configured: no session cookie or bearer token set');
  }

  private adminAuth(creds: Credentials): Auth | undefined {
    if (creds.admin === undefined || creds.admin === '') return undefined;
    return { kind: 'admin', headers: { authorization: `Bearer ${bareBearer(creds.admin)}` } };
  }

  /**
   * `Cookie` header for the session cookie. A pasted `name=value` or whole `Cookie:` header keeps
   * its cookie names (a custom `advanced.cookiePrefix`, `__Secure-`); a bare value gets the
   * configured name, and on https its `__Secure-` twin too, since Better Auth prefixes it there
   * and a custom proxy setup may not.
   */
  cookieHeader(credential: string): string {
    const configured = this.config.cookieName ?? DEFAULT_BETTER_AUTH_COOKIE;
    const parsed = parseCookieCredential(credential);
    if (parsed.kind === 'pairs')
      return sessionCookies(parsed.pairs, configured)
        .map((c) => `${c.name}=${encodeCookieValue(c.value)}`)
        .join('; ');
    const name = baseCookieName(configured);
    const secure = this.origin.startsWith('https:') || configured.startsWith('__Secure-');
    const value = encodeCookieValue(parsed.value);
    const parts = [`${name}=${value}`];
    if (secure) parts.unshift(`__Secure-${name}=${value}`);
    return parts.join('; ');
  }

  /**
   * The cookie a pasted credential names when it is not the configured one (`myapp.session_token`
   * against `better-auth.session_token`): why a signed-out answer may be no answer at all.
   */
  cookieMismatch(credential: string): CookieMismatch | undefined {
    const configured = this.config.cookieName ?? DEFAULT_BETTER_AUTH_COOKIE;
    const parsed = parseCookieCredential(credential);
    if (parsed.kind !== 'pairs') return undefined;
    const sent = sessionCookies(parsed.pairs, configured);
    if (sent.some((c) => baseCookieName(c.name) === baseCookieName(configured))) return undefined;
    return sent[0] !== undefined ? { sent: sent[0].name, configured } : undefined;
  }

  private get(path: string, auth: Auth, signal: AbortSignal | undefined, expect: 'json' | 'json-or-empty' = 'json'): Promise<HttpResponse> {
    return this.http.send(defined({ method: 'GET' as const, url: joinUrl(this.config.baseUrl, path), headers: auth.headers, signal, expect }));
  }

  private post(path: string, auth: Auth, body: Json, signal: AbortSignal | undefined, secrets: readonly string[] = []): Promise<HttpResponse> {
    // Better Auth refuses cookie-carrying POSTs without a trusted Origin (CSRF check).
    const headers = { ...auth.headers, origin: this.origin };
    return this.http.send(defined({ method: 'POST' as const, url: joinUrl(this.config.baseUrl, path), headers, json: body, secrets, signal }));
  }

  /**
   * `GET /list-sessions`; undefined when the server has no such route or refuses it (with
   * `strict401`, a 401 is thrown: after a revoke it means the credential's own session ended).
   */
  private async userList(auth: Auth, signal: AbortSignal | undefined, strict401 = false): Promise<JsonObject[] | undefined> {
    try {
      const res = await this.get('/list-sessions', auth, signal);
      return arrayAt(res.json, '/list-sessions').map((s, i) => objectAt(s, `/list-sessions: [${i}]`));
    } catch (err) {
      if (strict401 && isAuthLensError(err) && err.code === 'http-unauthorized') throw err;
      if (isAuthLensError(err) && (err.code === 'http-not-found' || err.code === 'http-unauthorized' || err.code === 'http-forbidden')) return undefined;
      throw err;
    }
  }

  /** `POST /admin/list-user-sessions`; undefined when not an admin (or no admin plugin), if `lenient`. */
  private async adminList(admin: Auth, userId: string, signal: AbortSignal | undefined, lenient: boolean): Promise<JsonObject[] | undefined> {
    try {
      const res = await this.post('/admin/list-user-sessions', admin, { userId }, signal);
      const body = objectAt(res.json, '/admin/list-user-sessions');
      return arrayAt(body['sessions'], '/admin/list-user-sessions: sessions').map((s, i) => objectAt(s, `/admin/list-user-sessions: sessions[${i}]`));
    } catch (err) {
      if (lenient && isAuthLensError(err) && (err.code === 'http-not-found' || err.code === 'http-unauthorized' || err.code === 'http-forbidden'))
        return undefined;
      throw err;
    }
  }

  /** The jwt plugin's `GET /token`; undefined when the plugin is not installed. */
  private async fetchJwt(auth: Auth, signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const res = await this.get('/token', auth, signal);
      const token = isJsonObject(res.json) ? res.json['token'] : undefined;
      return typeof token === 'string' && token !== '' ? token : undefined;
    } catch (err) {
      if (
        isAuthLensError(err) &&
        (err.code === 'http-not-found' ||
          err.code === 'http-unauthorized' ||
          err.code === 'http-forbidden' ||
          err.code === 'response-shape' ||
          err.code === 'response-not-json' ||
          err.code === 'response-html')
      )
        return undefined;
      throw err;
    }
  }
}

/** get-session's body: `null` (or `{session:null}`) means signed out. */
export function parseGetSession(json: Json | undefined): CurrentSession | undefined {
  if (json === null || json === undefined) return undefined;
  const body = objectAt(json, '/get-session');
  if (body['session'] === null || body['session'] === undefined) return undefined;
  const session = objectAt(body['session'], '/get-session: session');
  const user = objectAt(body['user'], '/get-session: user');
  stringAt(session, 'token', '/get-session: session');
  return { session, user };
}

function toSessionInfo(s: JsonObject, user: JsonObject | undefined, current: boolean, jwt: string | undefined, now: number, where: string): SessionInfo {
  const token = stringAt(s, 'token', where);
  const expiresAt = optDateAt(s, 'expiresAt', where);
  const userId = optStringAt(s, 'userId', where);
  const tokens: TokenInfo[] = [{ kind: 'session-token', label: 'Session token', value: token, opaque: true }];
  if (jwt !== undefined) tokens.push({ kind: 'jwt', label: 'JWT (jwt plugin)', value: jwt, opaque: false });
  return defined({
    id: optStringAt(s, 'id', where) ?? `token:${token.slice(0, 6)}`,
    user: defined({
      id: userId ?? (user !== undefined ? optStringAt(user, 'id', `${where}.user`) : undefined),
      name: user !== undefined ? optStringAt(user, 'name', '/get-session: user') : undefined,
      email: user !== undefined ? optStringAt(user, 'email', '/get-session: user') : undefined,
    }),
    userAgent: optStringAt(s, 'userAgent', where),
    ip: optStringAt(s, 'ipAddress', where),
    createdAt: optDateAt(s, 'createdAt', where),
    updatedAt: optDateAt(s, 'updatedAt', where),
    expiresAt,
    status: statusFromTimes(now, expiresAt),
    impersonatedBy: optStringAt(s, 'impersonatedBy', where),
    current,
    tokens,
    raw: defined({ session: s, user }),
  });
}

function notRevoked(serverSaidOk: boolean): RevokeOutcome {
  return {
    kind: 'not-revoked',
    reason: serverSaidOk
      ? 'The server answered success, but the session is still listed (Better Auth only revokes sessions of the signed-in user).'
      : 'The server did not confirm the revocation, and the session is still listed.',
  };
}

/** `Bearer x` pasted whole still works, and so does a cookie value. */
function bareBearer(value: string): string {
  const bare = value.replace(/^\s*bearer\s+/i, '').trim();
  // A signed token copied from the cookie is URL-encoded (`...%3D`); the header wants it plain.
  if (!/%[0-9A-Fa-f]{2}/.test(bare)) return bare;
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

export const betterAuthDefinition: ProviderDefinition = {
  kind: 'better-auth',
  create: (config, options) => new BetterAuthProvider(config, options),
};
