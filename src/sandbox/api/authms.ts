import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { sessionJson, type AuthmsSession, type AuthmsUser } from '../data/authms';
import { bearerToken, json } from '../httpUtil';
import type { ApiContext } from '../state';
import type { Handler, Reply, SandboxRequest } from '../types';
import { type Violation, problem } from './authmsProblem';
export { problem, authmsErrorReply } from './authmsProblem';

/** AuthMS (seed 002): `GET /sessions`, `DELETE /sessions/{id}`; errors are dto.Problem. */
export const AUTHMS_AUDIENCE = 'authms';
const MAX_PAGE_SIZE = 100;

/**
 * A user's sessions, most recently active first, cached per session map (`reset()` makes a new
 * one) and dropped when its size changes (a delete), so paging through 10,000 sessions does not
 * filter and sort them again for every page. The order does not depend on `now`.
 */
const sortedCache = new WeakMap<Map<string, AuthmsSession>, { size: number; byUser: Map<string, AuthmsSession[]> }>();

function sessionsOf(sessions: Map<string, AuthmsSession>, userId: string): AuthmsSession[] {
  let cache = sortedCache.get(sessions);
  if (!cache || cache.size !== sessions.size) {
    cache = { size: sessions.size, byUser: new Map() };
    sortedCache.set(sessions, cache);
  }
  let list = cache.byUser.get(userId);
  if (!list) {
    list = [...sessions.values()].filter((s) => s.userId === userId).sort((a, b) => b.lastActiveAt - a.lastActiveAt || a.id.localeCompare(b.id));
    cache.byUser.set(userId, list);
  }
  return list;
}

/** The caller a bearer JWT names. */
interface Caller {
  readonly user: AuthmsUser;
  readonly admin: boolean;
}

export function createAuthmsApi(ctx: ApiContext): Handler {
  const base = ctx.baseUrls.authms;
  const data = (): ReturnType<ApiContext['state']>['authms'] => ctx.state().authms;

  const unauthorized = (req: SandboxRequest, detail: string, code: number, key: string): Reply =>
    problem(req, base, {
      status: 401,
      slug: 'unauthorized',
      title: 'Unauthorized',
      detail,
      code,
      i18nKey: key,
      headers: { 'www-authenticate': `Bearer realm="authms", error="invalid_token", error_description="${detail}"` },
    });

  async function authenticate(req: SandboxRequest): Promise<Caller | Reply> {
    const token = bearerToken(req);
    if (!token) return unauthorized(req, 'Missing bearer token', 40101000, 'error.auth.missing_token');
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, async (header) => (header.alg === 'HS256' ? ctx.keys.hs256 : ctx.keys.rsa.publicKey), {
        algorithms: ['HS256', 'RS256'],
        issuer: base,
        audience: AUTHMS_AUDIENCE,
        currentDate: new Date(req.now),
      });
      payload = verified.payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        return unauthorized(req, 'Token has expired', 40101002, 'error.auth.token_expired');
      }
      return unauthorized(req, 'Invalid token', 40101001, 'error.auth.invalid_token');
    }
    const user = data().users.find((u) => u.id === payload.sub);
    if (!user) return unauthorized(req, 'Token subject is unknown', 40101003, 'error.auth.unknown_subject');
    const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
    return { user, admin: roles.includes('admin') && user.admin };
  }

  function parseIntParam(req: SandboxRequest, name: string, fallback: number, min: number, max: number, violations: Violation[]): number {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n)) {
      violations.push({ field: name, code: 'format', description: `${name} must be an integer`, value: raw });
      return fallback;
    }
    if (n < min || n > max) {
      violations.push({
        field: name,
        code: 'range',
        description: `${name} must be between ${min} and ${max}`,
        value: n,
      });
      return fallback;
    }
    return n;
  }

  async function listSessions(req: SandboxRequest): Promise<Reply> {
    const caller = await authenticate(req);
    if ('status' in caller) return caller;
    const violations: Violation[] = [];
    const userId = req.query.get('auth_user_id');
    if (!userId) {
      violations.push({ field: 'auth_user_id', code: 'required', description: 'auth_user_id is required' });
    }
    const page = parseIntParam(req, 'page', 1, 1, 1_000_000, violations);
    const pageSize = parseIntParam(req, 'page_size', 20, 1, MAX_PAGE_SIZE, violations);
    if (violations.length > 0 || !userId) {
      return problem(req, base, {
        status: 400,
        slug: 'invalid-request',
        title: 'Invalid Request Parameters',
        detail: violations.map((v) => v.description).join('; '),
        code: 40001001,
        i18nKey: 'error.invalid_request',
        errors: violations,
      });
    }
    if (!caller.admin && userId !== caller.user.id) return forbiddenOther(req, userId);
    const target = data().users.find((u) => u.id === userId);
    if (!target) {
      return problem(req, base, {
        status: 404,
        slug: 'user-not-found',
        title: 'User Not Found',
        detail: `User '${userId}' does not exist`,
        code: 40401001,
        i18nKey: 'error.user_not_found',
        i18nArgs: { user_id: userId },
      });
    }
    if (target.tenantId !== caller.user.tenantId) return forbiddenTenant(req);
    const all = sessionsOf(data().sessions, userId);
    const total = all.length;
    const totalPages = Math.ceil(total / pageSize);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((s) => sessionJson(s, req.now));
    return json(200, {
      code: 0,
      items,
      message: 'success',
      pagination: {
        has_next: page < totalPages,
        has_prev: page > 1,
        page,
        page_size: pageSize,
        total,
        total_pages: totalPages,
      },
      timestamp: new Date(req.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      total,
    });
  }

  function forbiddenOther(req: SandboxRequest, userId: string): Reply {
    return problem(req, base, {
      status: 403,
      slug: 'forbidden',
      title: 'Forbidden',
      detail: "Only administrators may list another user's sessions",
      code: 40301001,
      i18nKey: 'error.session.forbidden_other_user',
      i18nArgs: { user_id: userId },
    });
  }

  function forbiddenTenant(req: SandboxRequest): Reply {
    return problem(req, base, {
      status: 403,
      slug: 'tenant-mismatch',
      title: 'Forbidden',
      detail: 'The user belongs to another tenant',
      code: 40301002,
      i18nKey: 'error.tenant.mismatch',
    });
  }

  async function deleteSession(req: SandboxRequest, id: string): Promise<Reply> {
    const caller = await authenticate(req);
    if ('status' in caller) return caller;
    const session = data().sessions.get(id);
    // Another tenant's session reads as unknown: tenants must not learn of each other.
    if (!session || session.tenantId !== caller.user.tenantId) {
      return problem(req, base, {
        status: 404,
        slug: 'session-not-found',
        title: 'Session Not Found',
        detail: `Session '${id}' does not exist`,
        code: 40401002,
        i18nKey: 'error.session_not_found',
        i18nArgs: { session_id: id },
      });
    }
    if (session.userId !== caller.user.id && !caller.admin) return forbiddenOther(req, session.userId);
    data().sessions.delete(id);
    return { status: 204 };
  }

  return async (req) => {
    if (req.path === '/sessions') {
      if (req.method === 'GET') return listSessions(req);
      return methodNotAllowed(req, 'GET');
    }
    const m = /^\/sessions\/([^/]+)$/.exec(req.path);
    if (m?.[1]) {
      if (req.method === 'DELETE') return deleteSession(req, safeDecode(m[1]));
      return methodNotAllowed(req, 'DELETE');
    }
    if (req.path === '/.well-known/jwks.json' && req.method === 'GET') {
      return json(200, { keys: [ctx.keys.rsa.publicJwk] });
    }
    return problem(req, base, {
      status: 404,
      slug: 'not-found',
      title: 'Not Found',
      detail: `No route for ${req.method} ${req.path}`,
      code: 40400000,
      i18nKey: 'error.route_not_found',
    });
  };

  function methodNotAllowed(req: SandboxRequest, allow: string): Reply {
    return problem(req, base, {
      status: 405,
      slug: 'method-not-allowed',
      title: 'Method Not Allowed',
      detail: `${req.method} is not allowed here`,
      code: 40500000,
      i18nKey: 'error.method_not_allowed',
      headers: { allow },
    });
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
