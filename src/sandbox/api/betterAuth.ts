import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Json } from '../../core/json';
import type { BaSession, BaUser } from '../data/betterAuth';
import { bearerToken, header, json, jsonBody } from '../httpUtil';
import { statusText } from '../misbehaviour';
import type { ApiContext } from '../state';
import type { Handler, Reply, SandboxRequest } from '../types';

/**
 * Better Auth (seed 000 plus what a real 1.7 server does, see REAL-BETTER-AUTH.md), mounted
 * where a deployment mounts `/api/auth`. Plugins emulated: bearer, jwt, admin, organization.
 */
export const COOKIE_NAME = 'better-auth.session_token';

/** `<token>.<base64 HMAC-SHA256>` as better-call signs cookies (standard base64 with padding). */
export function signToken(token: string, secret: string): string {
  return `${token}.${createHmac('sha256', secret).update(token).digest('base64')}`;
}

/** The cookie value: the signed token, URL-encoded. */
export function cookieValue(token: string, secret: string): string {
  return encodeURIComponent(signToken(token, secret));
}

function verifySigned(signed: string, secret: string): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const token = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Errors like better-call's APIError: `{message, code}`. */
function error(status: number, message: string, code: string): Reply {
  return json(status, { message, code });
}

const UNAUTHORIZED = (): Reply => error(401, 'Unauthorized', 'UNAUTHORIZED');
/** The admin middleware throws a bare 401: empty body, JSON content type. */
const EMPTY_401 = (): Reply => ({ status: 401, headers: { 'content-type': 'application/json' }, text: '' });

function validation(field: string): Reply {
  return error(400, `[body.${field}] Invalid input: expected string, received undefined`, 'VALIDATION_ERROR');
}

/** What misbehaviour `status` answers under this API. */
export function betterAuthErrorReply(status: number, retryAfter: number | undefined): Reply {
  if (status === 429) {
    // Real rate limit answer: no code, `x-retry-after` (not `Retry-After`).
    return json(429, { message: 'Too many requests. Please try again later.' }, { 'x-retry-after': String(retryAfter ?? 10) });
  }
  const text = statusText(status);
  const reply = error(status, text, text.toUpperCase().replace(/[^A-Z]+/g, '_'));
  return retryAfter === undefined ? reply : { ...reply, headers: { 'x-retry-after': String(retryAfter) } };
}

export function createBetterAuthApi(ctx: ApiContext): Handler {
  const secret = ctx.keys.betterAuthSecret;
  const data = (): ReturnType<ApiContext['state']>['betterAuth'] => ctx.state().betterAuth;

  /** The raw session token a request carries (bearer wins over the cookie, like the bearer plugin). */
  function requestToken(req: SandboxRequest): string | undefined {
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      const value = safeDecode(bearer);
      return value.includes('.') ? verifySigned(value, secret) : value;
    }
    const cookie = req.cookies[COOKIE_NAME] ?? req.cookies[`__Secure-${COOKIE_NAME}`];
    return cookie === undefined ? undefined : verifySigned(safeDecode(cookie), secret);
  }

  function currentSession(req: SandboxRequest): { session: BaSession; user: BaUser } | undefined {
    const token = requestToken(req);
    if (token === undefined) return undefined;
    const session = data().sessions.find((s) => s.token === token);
    if (!session || Date.parse(session.expiresAt) <= req.now) return undefined;
    const user = data().users.find((u) => u.id === session.userId);
    return user ? { session, user } : undefined;
  }

  /** The jwt plugin's token: payload = the user, iss = aud = the base URL, 15 minutes, EdDSA. */
  async function jwtFor(user: BaUser, now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    return new SignJWT({ ...user })
      .setProtectedHeader({ alg: 'EdDSA', kid: ctx.keys.ed.kid })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 15 * 60)
      .setIssuer(ctx.origin)
      .setAudience(ctx.origin)
      .setSubject(user.id)
      .sign(ctx.keys.ed.privateKey);
  }

  /** A POST that carries a cookie needs a trusted Origin (better-auth's origin check). */
  function originCheck(req: SandboxRequest): Reply | undefined {
    if (header(req, 'cookie') === undefined) return undefined;
    const origin = header(req, 'origin') ?? header(req, 'referer') ?? '';
    if (origin === '' || origin === 'null') return error(403, 'Missing or null Origin', 'MISSING_OR_NULL_ORIGIN');
    let actual: string;
    try {
      actual = new URL(origin).origin;
    } catch {
      return error(403, 'Invalid origin', 'INVALID_ORIGIN');
    }
    const port = new URL(ctx.origin).port;
    const trusted = [ctx.origin, `http://localhost:${port}`];
    return trusted.includes(actual) ? undefined : error(403, 'Invalid origin', 'INVALID_ORIGIN');
  }

  function stringField(body: Record<string, Json> | undefined, name: string): string | undefined {
    const v = body?.[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  const routes: Record<string, (req: SandboxRequest) => Reply | Promise<Reply>> = {
    'GET /get-session': async (req) => {
      const current = currentSession(req);
      // Signed out, unknown, expired or tampered: 200 with the body `null`.
      if (!current) return json(200, null);
      return json(
        200,
        { session: current.session, user: current.user },
        {
          'set-auth-jwt': await jwtFor(current.user, req.now),
        },
      );
    },
    'GET /token': async (req) => {
      const current = currentSession(req);
      if (!current) return UNAUTHORIZED();
      return json(200, { token: await jwtFor(current.user, req.now) });
    },
    'GET /jwks': () =>
      json(200, {
        keys: [
          {
            alg: 'EdDSA',
            crv: 'Ed25519',
            x: String(ctx.keys.ed.publicJwk.x),
            kty: 'OKP',
            kid: ctx.keys.ed.kid,
          },
        ],
      }),
    'GET /list-sessions': (req) => {
      const current = currentSession(req);
      if (!current) return UNAUTHORIZED();
      // The admin plugin's after-hook on /list-sessions drops impersonated sessions, for every
      // caller (an impersonating admin does not see its own session here either); the admin
      // route `admin/list-user-sessions` still shows them.
      return json(
        200,
        data().sessions.filter((s) => s.userId === current.user.id && Date.parse(s.expiresAt) > req.now && !s.impersonatedBy),
      );
    },
    'POST /revoke-session': (req) => {
      const current = currentSession(req);
      if (!current) return UNAUTHORIZED();
      const token = stringField(jsonBody(req), 'token');
      if (!token) return validation('token');
      // Only the caller's own sessions; the answer is the same either way (confirm by listing).
      removeSessions(data().sessions, (s) => s.token === token && s.userId === current.user.id);
      return json(200, { status: true });
    },
    'POST /revoke-sessions': (req) => {
      const current = currentSession(req);
      if (!current) return UNAUTHORIZED();
      removeSessions(data().sessions, (s) => s.userId === current.user.id);
      return json(200, { status: true });
    },
    'POST /revoke-other-sessions': (req) => {
      const current = currentSession(req);
      if (!current) return UNAUTHORIZED();
      removeSessions(data().sessions, (s) => s.userId === current.user.id && s.id !== current.session.id);
      return json(200, { status: true });
    },
    'POST /admin/list-user-sessions': (req) =>
      asAdmin(req, 'You are not allowed to list users sessions', 'YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS', () => {
        const userId = stringField(jsonBody(req), 'userId');
        if (!userId) return validation('userId');
        // Admin listing includes expired sessions (the real plugin does not filter).
        return json(200, { sessions: data().sessions.filter((s) => s.userId === userId) });
      }),
    'POST /admin/revoke-user-session': (req) =>
      asAdmin(req, 'You are not allowed to revoke users sessions', 'YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS', () => {
        const sessionToken = stringField(jsonBody(req), 'sessionToken');
        if (!sessionToken) return validation('sessionToken');
        removeSessions(data().sessions, (s) => s.token === sessionToken);
        return json(200, { success: true });
      }),
    'POST /admin/revoke-user-sessions': (req) =>
      asAdmin(req, 'You are not allowed to revoke users sessions', 'YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS', () => {
        const userId = stringField(jsonBody(req), 'userId');
        if (!userId) return validation('userId');
        removeSessions(data().sessions, (s) => s.userId === userId);
        return json(200, { success: true });
      }),
    'GET /admin/list-users': (req) =>
      asAdmin(req, 'You are not allowed to list users', 'YOU_ARE_NOT_ALLOWED_TO_LIST_USERS', () => {
        const users = data().users;
        const limit = Number(req.query.get('limit') ?? users.length) || users.length;
        const offset = Number(req.query.get('offset') ?? 0) || 0;
        return json(200, { users: users.slice(offset, offset + limit), total: users.length, limit, offset });
      }),
  };

  function asAdmin(req: SandboxRequest, message: string, code: string, then: () => Reply): Reply {
    const current = currentSession(req);
    if (!current) return EMPTY_401();
    if (current.user.role !== 'admin') return error(403, message, code);
    return then();
  }

  return async (req) => {
    const route = routes[`${req.method} ${req.path}`];
    // better-call answers unknown routes with an empty 404.
    if (!route) return { status: 404, text: '' };
    if (req.method === 'POST') {
      const refused = originCheck(req);
      if (refused) return refused;
    }
    return route(req);
  };
}

function removeSessions(sessions: BaSession[], match: (s: BaSession) => boolean): void {
  for (let i = sessions.length - 1; i >= 0; i--) {
    const s = sessions[i];
    if (s && match(s)) sessions.splice(i, 1);
  }
}
