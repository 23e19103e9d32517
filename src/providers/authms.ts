/**
 * AuthMS (seed 002): `GET {baseUrl}/sessions?auth_user_id=&page=&page_size=` with a bearer token.
 *
 * Pages follow `pagination.has_next` (else `total`); the cursor is the next page number. Errors
 * are `dto.Problem` (RFC 7807): `http.ts` lifts title/detail, status, code, request_id,
 * trace_id, field errors and retry_after into the error's details. Revoke is
 * `DELETE /sessions/{id}`; 404/405 there mean the server does not support it.
 */
import { decodeJwt } from 'jose';
import { AuthLensError, isAuthLensError } from '../core/errors';
import type { JsonObject } from '../core/json';
import { joinUrl } from './http';
import { arrayAt, defined, objectAt, optBooleanAt, optDateAt, optNumberAt, optStringAt, shapeError, statusFromTimes, stringAt } from './shape';
import { ProviderOverHttp } from './providerHttp';
import type { Provider, ProviderContext, ProviderDefinition, RevokeOutcome, SessionInfo, SessionPage } from './types';

const DEFAULT_PAGE_SIZE = 100;
const WHERE = '/sessions';

export class AuthMsProvider extends ProviderOverHttp implements Provider {
  async listSessions(ctx: ProviderContext, cursor?: string): Promise<SessionPage> {
    const bearer = this.bearer(ctx);
    const userId = this.userId(bearer);
    const page = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : 1;
    const pageSize = this.config.pageSize ?? DEFAULT_PAGE_SIZE;
    const res = await this.http.send(
      defined({
        method: 'GET' as const,
        url: joinUrl(this.config.baseUrl, '/sessions', { auth_user_id: userId, page, page_size: pageSize }),
        headers: { authorization: `Bearer ${bearer}` },
        signal: ctx.signal,
      }),
    );
    return parseSessionList(objectAt(res.json, WHERE), page, pageSize, ctx.now ?? Date.now());
  }

  async revokeSession(ctx: ProviderContext, session: SessionInfo): Promise<RevokeOutcome> {
    const bearer = this.bearer(ctx);
    try {
      await this.http.send(
        defined({
          method: 'DELETE' as const,
          url: joinUrl(this.config.baseUrl, `/sessions/${encodeURIComponent(session.id)}`),
          headers: { authorization: `Bearer ${bearer}` },
          signal: ctx.signal,
          expect: 'none' as const,
        }),
      );
      return { kind: 'revoked' };
    } catch (err) {
      if (isAuthLensError(err) && (err.code === 'http-not-found' || err.details.status === 405)) {
        const said = err.details.serverMessage !== undefined ? ` (${err.details.serverMessage})` : '';
        return {
          kind: 'unsupported',
          reason: `This AuthMS server does not support revoking sessions: DELETE /sessions/{id} answered ${err.details.status ?? ''}${said}.`,
        };
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * The token to send: the user's `bearer`, or the `admin` token when there is no bearer or
   * the configured `authUserId` is not the bearer's own user (only admins list others).
   */
  private bearer(ctx: ProviderContext): string {
    const clean = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.replace(/^\s*bearer\s+/i, '').trim());
    const user = clean(ctx.credentials.bearer);
    const admin = clean(ctx.credentials.admin);
    if (
      admin !== undefined &&
      (user === undefined || (this.config.authUserId !== undefined && this.config.authUserId !== '' && jwtSubject(user) !== this.config.authUserId))
    )
      return admin;
    if (user === undefined) {
      throw new AuthLensError('not-configured', { where: 'credential' }, 'not-configured: no bearer token set');
    }
    return user;
  }

  /** `authUserId` from the settings, else the `sub` of a JWT bearer token. */
  private userId(bearer: string): string {
    if (this.config.authUserId !== undefined && this.config.authUserId !== '') return this.config.authUserId;
    const sub = jwtSubject(bearer);
    if (sub !== undefined) return sub;
    throw new AuthLensError('not-configured', { where: 'authUserId' }, 'not-configured: set authUserId (the bearer token names no user)');
  }
}

/** The `sub` of a JWT bearer token, undefined for opaque tokens. */
function jwtSubject(token: string): string | undefined {
  try {
    const sub = decodeJwt(token).sub;
    return typeof sub === 'string' && sub !== '' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/** Maps a `dto.SessionListResponse` page. */
export function parseSessionList(body: JsonObject, page: number, pageSize: number, now: number): SessionPage {
  const items = body['items'] === null || body['items'] === undefined ? [] : arrayAt(body['items'], `${WHERE}: items`);
  const pagination = body['pagination'] === undefined || body['pagination'] === null ? undefined : objectAt(body['pagination'], `${WHERE}: pagination`);
  const pw = `${WHERE}: pagination`;
  const total = optNumberAt(body, 'total', WHERE) ?? (pagination !== undefined ? optNumberAt(pagination, 'total', pw) : undefined);
  const current = (pagination !== undefined ? optNumberAt(pagination, 'page', pw) : undefined) ?? page;
  const size = (pagination !== undefined ? optNumberAt(pagination, 'page_size', pw) : undefined) ?? pageSize;
  let hasNext = pagination !== undefined ? optBooleanAt(pagination, 'has_next', pw) : undefined;
  if (hasNext === undefined && pagination !== undefined) {
    const totalPages = optNumberAt(pagination, 'total_pages', pw);
    if (totalPages !== undefined) hasNext = current < totalPages;
  }
  if (hasNext === undefined) hasNext = total !== undefined ? current * size < total : false;
  const sessions = items.map((item, i) => toSessionInfo(objectAt(item, `${WHERE}: items[${i}]`), now, `${WHERE}: items[${i}]`));
  return defined({ state: 'ok' as const, sessions, total, nextCursor: hasNext ? String(current + 1) : undefined });
}

function toSessionInfo(s: JsonObject, now: number, where: string): SessionInfo {
  const expiresAt = optDateAt(s, 'expires_at', where);
  const idleExpiresAt = optDateAt(s, 'idle_expires_at', where);
  const amr = s['amr'];
  if (amr !== undefined && amr !== null && typeof amr !== 'string' && !Array.isArray(amr)) throw shapeError(`${where}.amr`, 'a string');
  return defined({
    id: stringAt(s, 'id', where),
    user: defined({ id: optStringAt(s, 'user_id', where) }),
    userAgent: optStringAt(s, 'user_agent', where),
    ip: optStringAt(s, 'ip', where),
    createdAt: optDateAt(s, 'created_at', where),
    expiresAt,
    idleExpiresAt,
    lastActiveAt: optDateAt(s, 'last_active_at', where),
    status: statusFromTimes(now, expiresAt, idleExpiresAt, optStringAt(s, 'status', where)),
    tenantId: optStringAt(s, 'tenant_id', where),
    tokens: [],
    raw: { session: s },
  });
}

export const authmsDefinition: ProviderDefinition = {
  kind: 'authms',
  create: (config, options) => new AuthMsProvider(config, options),
};
