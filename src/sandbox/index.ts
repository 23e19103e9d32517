/**
 * The AuthLens sandbox: a local auth server on 127.0.0.1 speaking the three seed APIs
 * (Better Auth, Authing, AuthMS) and an OpenID Connect issuer, with realistic seeded data,
 * real jose-signed JWTs and misbehaviour on demand for tests.
 *
 * @example
 * const sandbox = await startSandbox();
 * const res = await fetch(`${sandbox.baseUrls.betterAuth}/get-session`, {
 *   headers: { cookie: `better-auth.session_token=${sandbox.credentials['sandbox-better-auth']?.cookie}` },
 * });
 * await sandbox.close();
 */
import { createServer, type Server } from 'node:http';
import { SignJWT } from 'jose';
import type { JsonObject } from '../core/json';
import type { Credentials, ProviderConfig } from '../providers/types';
import { appSecret, authingCookieValue, authingErrorReply, createAuthingApi } from './api/authing';
import { AUTHMS_AUDIENCE, authmsErrorReply, createAuthmsApi } from './api/authms';
import { betterAuthErrorReply, cookieValue, createBetterAuthApi, COOKIE_NAME } from './api/betterAuth';
import { createControlApi } from './api/control';
import { createOidcApi, oidcErrorReply } from './api/oidc';
import { DEFAULT_PAGED_SESSIONS } from './data/authms';
import { SERVICE_CLIENT } from './data/oidc';
import { createKeys, type SandboxKeys } from './keys';
import { Misbehaviour } from './misbehaviour';
import { Router } from './router';
import { createState, type ApiContext, type SandboxState } from './state';
import type { MisbehaviourRule, SandboxBaseUrls, SandboxHandle, SandboxOptions } from './types';

export type { MisbehaviourRule, SandboxBaseUrls, SandboxHandle, SandboxOptions, SandboxServerSecret } from './types';

export const SANDBOX_PROVIDER_IDS = {
  betterAuth: 'sandbox-better-auth',
  authing: 'sandbox-authing',
  authms: 'sandbox-authms',
  oidc: 'sandbox-oidc',
} as const;

/** AuthMS credentials live 12 hours so a sandbox left running through a day keeps working. */
const AUTHMS_TOKEN_TTL_S = 12 * 3600;
/** Upper bound of `authmsPagedSessions` (100,000 take about 0.8 s and 60 MB to seed). */
const MAX_PAGED_SESSIONS = 100_000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only, never 0.0.0.0 or ::.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(address.port);
    });
  });
}

async function authmsToken(keys: SandboxKeys, issuer: string, sub: string, tenantId: string, roles: string[], alg: 'HS256' | 'RS256'): Promise<string> {
  const jwt = new SignJWT({ tenant_id: tenantId, roles, scope: 'sessions:read sessions:revoke' })
    .setIssuer(issuer)
    .setAudience(AUTHMS_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${AUTHMS_TOKEN_TTL_S}s`)
    .setJti(crypto.randomUUID());
  return alg === 'HS256'
    ? jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.hs256)
    : jwt.setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.rsa.kid }).sign(keys.rsa.privateKey);
}

/**
 * Starts the sandbox on 127.0.0.1 (a free port unless `opts.port`). Keys are fresh at every
 * start; data and ids are seeded, with times relative to the start (or the last `reset()`).
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const pagedSessions = opts.authmsPagedSessions ?? DEFAULT_PAGED_SESSIONS;
  if (!Number.isInteger(pagedSessions) || pagedSessions < 0 || pagedSessions > MAX_PAGED_SESSIONS) {
    throw new RangeError(`authmsPagedSessions must be a whole number from 0 to ${MAX_PAGED_SESSIONS}`);
  }
  let router: Router | undefined;
  const server = createServer((req, res) => {
    if (!router) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{"message":"sandbox starting"}');
      return;
    }
    void router.handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  // Key generation (RSA mostly) overlaps with binding the port.
  const [keys, port] = await Promise.all([createKeys(), listen(server, opts.port ?? 0)]);
  const origin = `http://127.0.0.1:${port}`;
  const baseUrls: SandboxBaseUrls = {
    betterAuth: `${origin}/better-auth`,
    authing: `${origin}/authing`,
    authms: `${origin}/authms`,
    oidc: `${origin}/oidc`,
  };

  let state: SandboxState = createState(Date.now(), pagedSessions);
  const ctx: ApiContext = { keys, origin, baseUrls, state: () => state };
  const misbehaviour = new Misbehaviour();

  const ba = state.betterAuth;
  const authmsUsers = state.authms.users;
  const adaUser = authmsUsers.find((u) => u.id === state.authms.pagedUserId);
  const graceUser = authmsUsers.find((u) => u.id === state.authms.adminUserId);
  if (!adaUser || !graceUser) throw new Error('sandbox seed is missing its AuthMS users');
  const oidcSecret = state.oidc.clients.find((c) => c.clientId === SERVICE_CLIENT)?.clientSecret ?? '';
  const credentials: Record<string, Credentials> = {
    [SANDBOX_PROVIDER_IDS.betterAuth]: {
      cookie: cookieValue(ba.userToken, keys.betterAuthSecret),
      admin: cookieValue(ba.adminToken, keys.betterAuthSecret),
    },
    [SANDBOX_PROVIDER_IDS.authing]: {
      cookie: authingCookieValue(state.authing.credentialSid, keys.authingSecret),
      clientSecret: appSecret(ctx),
    },
    [SANDBOX_PROVIDER_IDS.authms]: {
      bearer: await authmsToken(keys, baseUrls.authms, adaUser.id, adaUser.tenantId, ['user'], 'RS256'),
      admin: await authmsToken(keys, baseUrls.authms, graceUser.id, graceUser.tenantId, ['admin'], 'HS256'),
    },
    [SANDBOX_PROVIDER_IDS.oidc]: { clientSecret: oidcSecret },
  };

  const appId = state.authing.appId;
  const providerConfigs = (): ProviderConfig[] => [
    {
      id: SANDBOX_PROVIDER_IDS.betterAuth,
      kind: 'better-auth',
      label: 'Sandbox: Better Auth',
      baseUrl: baseUrls.betterAuth,
      cookieName: COOKIE_NAME,
      jwksUrl: `${baseUrls.betterAuth}/jwks`,
    },
    {
      id: SANDBOX_PROVIDER_IDS.authing,
      kind: 'authing',
      label: 'Sandbox: Authing',
      baseUrl: baseUrls.authing,
      clientId: appId,
      appHost: baseUrls.authing,
      jwksUrl: `${baseUrls.authing}/oidc/.well-known/jwks.json`,
    },
    {
      id: SANDBOX_PROVIDER_IDS.authms,
      kind: 'authms',
      label: 'Sandbox: AuthMS',
      baseUrl: baseUrls.authms,
      authUserId: adaUser.id,
      pageSize: 100,
      jwksUrl: `${baseUrls.authms}/.well-known/jwks.json`,
    },
    {
      id: SANDBOX_PROVIDER_IDS.oidc,
      kind: 'oidc',
      label: 'Sandbox: OpenID Connect',
      baseUrl: baseUrls.oidc,
      issuer: baseUrls.oidc,
      clientId: SERVICE_CLIENT,
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      jwksUrl: `${baseUrls.oidc}/jwks`,
    },
  ];

  const misbehave = (rule: MisbehaviourRule): void => misbehaviour.add(rule);
  const reset = (): void => {
    misbehaviour.clear();
    state = createState(Date.now(), pagedSessions);
  };
  const control = createControlApi({
    origin,
    misbehave,
    reset,
    describe: () => ({ url: origin, baseUrls, providers: providerConfigs(), credentials }) as unknown as JsonObject,
  });
  router = new Router(
    [
      {
        prefix: '/better-auth',
        handler: createBetterAuthApi(ctx),
        errorReply: (_req, status, retryAfter) => betterAuthErrorReply(status, retryAfter),
      },
      {
        prefix: '/authing',
        handler: createAuthingApi(ctx),
        errorReply: (_req, status, retryAfter) => authingErrorReply(status, retryAfter),
      },
      {
        prefix: '/authms',
        handler: createAuthmsApi(ctx),
        errorReply: (req, status, retryAfter) => authmsErrorReply(req, baseUrls.authms, status, retryAfter),
      },
      {
        prefix: '/oidc',
        handler: createOidcApi(ctx),
        errorReply: (_req, status, retryAfter) => oidcErrorReply(status, retryAfter),
      },
    ],
    misbehaviour,
    control,
    origin,
  );

  let closed: Promise<void> | undefined;
  return {
    url: origin,
    baseUrls,
    providerConfigs,
    credentials,
    serverSecrets: [
      {
        providerId: SANDBOX_PROVIDER_IDS.betterAuth,
        use: 'better-auth-cookie',
        name: 'BETTER_AUTH_SECRET',
        origin: baseUrls.betterAuth,
        secret: keys.betterAuthSecret,
      },
      {
        providerId: SANDBOX_PROVIDER_IDS.authing,
        use: 'express-session-cookie',
        name: 'express-session secret',
        origin: baseUrls.authing,
        secret: keys.authingSecret,
      },
      { providerId: SANDBOX_PROVIDER_IDS.authms, use: 'jwt-hmac', name: 'AuthMS HS256 key', origin: baseUrls.authms, secret: keys.hs256Text },
    ],
    misbehave,
    reset,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        router?.cancelTimers();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
