import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { JsonObject } from '../../core/json';
import type { AuthingSession, AuthingUser } from '../data/authing';
import { bearerToken, contentType, formBody, json } from '../httpUtil';
import { statusText } from '../misbehaviour';
import { iso } from '../random';
import type { ApiContext } from '../state';
import type { Handler, Reply, SandboxRequest } from '../types';

/** Authing SSO (seed 001): `GET /cas/session` and the OIDC token revocation endpoint. */
export const AUTHING_COOKIE = 'authing_session';

/** express-session's signed cookie: `s:<sid>.<base64 HMAC-SHA256 without padding>`, URL-encoded. */
export function authingCookieValue(sid: string, secret: string): string {
  const sig = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return encodeURIComponent(`s:${sid}.${sig}`);
}

function unsignCookie(raw: string, secret: string): string | undefined {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (!value.startsWith('s:')) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot < 2) return undefined;
  const sid = value.slice(2, dot);
  const expected = Buffer.from(authingCookieValue(sid, secret));
  const given = Buffer.from(encodeURIComponent(value));
  return expected.length === given.length && timingSafeEqual(expected, given) ? sid : undefined;
}

/** Errors of the OIDC endpoints (Authing's OIDC side is node oidc-provider): `{error, error_description}`. */
function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

/** Authing API errors are `{code, message}`; what misbehaviour `status` answers. */
export function authingErrorReply(status: number, retryAfter: number | undefined): Reply {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  return json(status, { code: status, message: statusText(status) }, headers);
}

export function createAuthingApi(ctx: ApiContext): Handler {
  const secret = ctx.keys.authingSecret;
  const issuer = `${ctx.baseUrls.authing}/oidc`;
  const data = (): ReturnType<ApiContext['state']>['authing'] => ctx.state().authing;

  async function tokenFor(session: AuthingSession, user: AuthingUser): Promise<string> {
    const cached = data().tokens.get(session.sid);
    if (cached) return cached;
    const d = data();
    // Claims in the order of the seed's example token (an OIDC ID token plus Authing's `data`).
    const p = user.profile;
    const token = await new SignJWT({
      updated_at: p['updatedAt'] ?? null,
      address: { country: null, postal_code: null, region: null, formatted: null },
      phone_number_verified: false,
      phone_number: null,
      locale: null,
      zoneinfo: null,
      birthdate: null,
      gender: p['gender'] ?? 'U',
      email_verified: false,
      email: user.email,
      website: null,
      picture: p['photo'] ?? null,
      profile: null,
      preferred_username: null,
      nickname: null,
      middle_name: null,
      family_name: null,
      given_name: null,
      name: user.name,
      sub: user.id,
      external_id: null,
      unionid: null,
      username: user.username,
      data: {
        type: 'user',
        userPoolId: d.userPoolId,
        appId: d.appId,
        id: user.id,
        userId: user.id,
        _id: user.id,
        phone: null,
        email: user.email,
        username: user.username,
        unionid: null,
        openid: null,
        clientId: d.userPoolId,
      },
      userpool_id: d.userPoolId,
      aud: d.appId,
      exp: session.tokenExp,
      iat: session.tokenIat,
      iss: issuer,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: ctx.keys.rsa.kid })
      .sign(ctx.keys.rsa.privateKey);
    d.tokens.set(session.sid, token);
    return token;
  }

  function liveSession(sid: string, now: number): AuthingSession | undefined {
    const session = data().sessions.find((s) => s.sid === sid);
    if (!session || session.expires <= now || data().revoked.has(sid)) return undefined;
    return session;
  }

  async function casSession(req: SandboxRequest): Promise<Reply> {
    const raw = req.cookies[AUTHING_COOKIE];
    const sid = raw === undefined ? undefined : unsignCookie(raw, secret);
    const session = sid === undefined ? undefined : liveSession(sid, req.now);
    const user = session && data().users.find((u) => u.id === session.userId);
    // Signed out: the seed is silent; Authing's SDK (`trackSession`) documents `{session: null}`.
    if (!session || !user) return json(200, { session: null });
    const token = await tokenFor(session, user);
    const userInfo: JsonObject = {
      ...user.profile,
      token,
      tokenExpiredAt: iso(session.tokenExp * 1000),
      _id: user.id,
      registerMethod: 'offcial:import',
      registerInClient: data().userPoolId,
      metadata: { source: 'authlens-sandbox' },
    };
    return json(200, {
      session: {
        _id: session.sid,
        cookie: {
          originalMaxAge: session.originalMaxAge,
          expires: iso(session.expires),
          secure: false,
          httpOnly: true,
          path: '/',
          sameSite: 'lax',
        },
        appId: session.appId,
        type: session.type,
        userId: session.userId,
      },
      userInfo,
    });
  }

  /** RFC 7009. The sandbox app accepts `client_secret_post` or no secret; a wrong secret is refused. */
  function revoke(req: SandboxRequest): Reply {
    if (contentType(req) !== 'application/x-www-form-urlencoded') {
      return oauthError(400, 'invalid_request', 'only application/x-www-form-urlencoded content-type bodies are supported');
    }
    const form = formBody(req);
    const clientId = form.get('client_id');
    if (!clientId) return oauthError(400, 'invalid_request', 'no client authentication mechanism provided');
    const secretGiven = form.get('client_secret');
    if (clientId !== data().appId || (secretGiven !== null && secretGiven !== appSecret(ctx))) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    const token = form.get('token');
    if (!token) return oauthError(400, 'invalid_request', "missing required parameter 'token'");
    for (const [sid, issued] of data().tokens) {
      if (issued === token) data().revoked.add(sid);
    }
    // Unknown or already revoked tokens get the same 200 (RFC 7009 §2.2).
    return { status: 200, text: '' };
  }

  /**
   * OIDC userinfo (node oidc-provider's `/me` under Authing's `/oidc` mount): the user token of
   * a live session, Bearer; what "Copy Token As" targets for Authing.
   */
  function userinfo(req: SandboxRequest): Reply {
    const value = bearerToken(req);
    if (!value) return oauthError(400, 'invalid_request', 'no access token provided');
    const sid = [...data().tokens].find(([, issued]) => issued === value)?.[0];
    const session = sid === undefined ? undefined : liveSession(sid, req.now);
    const user = session && session.tokenExp * 1000 > req.now ? data().users.find((u) => u.id === session.userId) : undefined;
    if (!user) return oauthError(401, 'invalid_token', 'invalid token provided');
    return json(200, { sub: user.id, name: user.name, email: user.email, email_verified: false });
  }

  return async (req) => {
    if (req.path === '/cas/session' && req.method === 'GET') return casSession(req);
    if (req.path === '/oidc/me' && req.method === 'GET') return userinfo(req);
    if (req.path === '/oidc/token/revocation' && req.method === 'POST') return revoke(req);
    if (req.path === '/oidc/.well-known/jwks.json' && req.method === 'GET') {
      return json(200, { keys: [ctx.keys.rsa.publicJwk] });
    }
    return json(404, { code: 404, message: 'Not Found' });
  };
}

/** The app secret of the sandbox Authing app (derived from the per-start secret). */
export function appSecret(ctx: Pick<ApiContext, 'keys'>): string {
  return createHmac('sha256', ctx.keys.authingSecret).update('app-secret').digest('hex').slice(0, 32);
}
