/**
 * The device authorization grant (RFC 8628): ask the server for a device code and a user code,
 * let the person enter the user code on any device with a browser, and poll the token endpoint
 * until they approve, deny, or the code expires. It needs no redirect back to this machine,
 * which is why it works over SSH, in containers, Codespaces and code-server.
 */
import { AuthLensError } from '../../core/errors';
import { isJsonObject } from '../../core/json';
import type { HttpClient } from '../http';
import type { DiscoveryDocument } from './discovery';
import { oauthErrorOf, withOAuthErrors } from './errors';
import { clientAuthentication, withClientAuthContext, type ClientAuth } from './clientAuth';
import { requestToken, type TokenResponse } from './tokens';

/** RFC 8628 §3.4: the grant type of the polling requests. */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** RFC 8628 §3.2: the interval when the server names none, in seconds. */
export const DEFAULT_POLL_INTERVAL_S = 5;

/** RFC 8628 §3.5: what `slow_down` adds to the interval, in seconds. */
export const SLOW_DOWN_STEP_S = 5;

/** What the device authorization endpoint answered (RFC 8628 §3.2). */
export interface DeviceAuthorization {
  /** Secret: only ever sent back to the token endpoint. */
  readonly deviceCode: string;
  /** What the person types at {@link verificationUri}. Server text: shown as plain text only. */
  readonly userCode: string;
  /** An http(s) URL where the user code is entered. */
  readonly verificationUri: string;
  /** The same page with the user code filled in, when the server offers one. */
  readonly verificationUriComplete?: string;
  /** Lifetime of both codes, in seconds. */
  readonly expiresIn: number;
  /** Seconds to wait between polls. */
  readonly interval: number;
}

/** The endpoint from discovery (`device_authorization_endpoint`), when it is an http(s) URL. */
export function deviceAuthorizationEndpointOf(discovery: Pick<DiscoveryDocument, 'raw'>): string | undefined {
  return httpUrl(discovery.raw['device_authorization_endpoint']);
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const MAX_USER_CODE = 64;

/** Reads a device authorization response; pure. Throws `response-shape` naming the bad field. */
export function parseDeviceAuthorization(json: unknown): DeviceAuthorization {
  const where = 'device authorization response';
  if (!isJsonObject(json)) throw new AuthLensError('response-shape', { where }, `response-shape: ${where} is not an object`);
  const str = (key: string): string | undefined => {
    const v = json[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const num = (key: string): number | undefined => {
    const v = json[key];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
    return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const bad = (field: string): AuthLensError =>
    new AuthLensError('response-shape', { where: `${where} ${field}` }, `response-shape: ${where} without a usable ${field}`);
  const deviceCode = str('device_code');
  if (deviceCode === undefined) throw bad('device_code');
  const userCode = str('user_code');
  if (userCode === undefined || userCode.length > MAX_USER_CODE) throw bad('user_code');
  // Google's endpoint answers `verification_url` (the name of an early draft).
  const verificationUri = httpUrl(json['verification_uri'] ?? json['verification_url']);
  if (verificationUri === undefined) throw bad('verification_uri');
  const expiresIn = num('expires_in');
  if (expiresIn === undefined) throw bad('expires_in');
  const complete = httpUrl(json['verification_uri_complete']);
  return {
    deviceCode,
    userCode,
    verificationUri,
    expiresIn,
    interval: num('interval') ?? DEFAULT_POLL_INTERVAL_S,
    ...(complete !== undefined ? { verificationUriComplete: complete } : {}),
  };
}

/** What is asked for: the same scopes, resource and audience as a browser sign-in. */
export interface DeviceAuthorizationRequest {
  readonly scopes: readonly string[];
  readonly resource?: string | undefined;
  readonly audience?: string | undefined;
}

/**
 * POSTs to the device authorization endpoint (RFC 8628 §3.1), authenticated as the client the
 * way the token endpoint is.
 *
 * @example
 * const auth = await requestDeviceAuthorization(http, discovery, { clientId: 'cli' }, { scopes: ['openid'] });
 * auth.userCode // "XFSJ-GHVB"
 */
export async function requestDeviceAuthorization(
  http: HttpClient,
  discovery: DiscoveryDocument,
  client: ClientAuth,
  request: DeviceAuthorizationRequest,
  signal?: AbortSignal,
): Promise<DeviceAuthorization> {
  const endpoint = deviceAuthorizationEndpointOf(discovery);
  if (endpoint === undefined) {
    throw new AuthLensError(
      'unsupported',
      { where: 'device_authorization_endpoint' },
      `unsupported: ${discovery.issuer} publishes no device_authorization_endpoint (RFC 8628)`,
    );
  }
  const auth = await clientAuthentication(client, discovery, { endpoint });
  const form: Record<string, string> = { ...auth.form };
  if (request.scopes.length > 0) form['scope'] = request.scopes.join(' ');
  if (request.resource !== undefined && request.resource !== '') form['resource'] = request.resource;
  if (request.audience !== undefined && request.audience !== '') form['audience'] = request.audience;
  const res = await withClientAuthContext('device authorization', auth.method, () =>
    withOAuthErrors('device authorization', () =>
      http.send({ method: 'POST', url: endpoint, headers: auth.headers, form, secrets: auth.secrets, ...(signal ? { signal } : {}) }),
    ),
  );
  return parseDeviceAuthorization(res.json);
}

/** Waits `ms`, or rejects with `cancelled` as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A real {@link Sleep} (the default; tests inject their own). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const cancelled = (): AuthLensError => new AuthLensError('cancelled', { where: 'device sign-in' }, 'cancelled: device sign-in aborted');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** One poll that did not end the wait: what the server said and the interval from now on. */
export interface PollEvent {
  readonly answer: 'authorization_pending' | 'slow_down';
  readonly intervalS: number;
}

export interface PollOptions {
  /** The clock, epoch ms; called when polling starts and before each poll. */
  readonly now: () => number;
  readonly sleep?: Sleep;
  readonly signal?: AbortSignal | undefined;
  readonly resource?: string | undefined;
  /** Told about every `authorization_pending` and `slow_down`. */
  readonly onPoll?: (event: PollEvent) => void;
}

/**
 * Polls the token endpoint (RFC 8628 §3.4) at the server's interval until the person approves:
 * `authorization_pending` waits again, `slow_down` adds 5 s to the interval for good (§3.5),
 * anything else ends the wait (`access_denied`, `expired_token` as `oauth-error` with that
 * `serverCode`). When the codes' lifetime has passed without an answer it fails as
 * `expired_token` without asking again. Aborting `signal` stops it with `cancelled`.
 */
export async function pollDeviceToken(
  http: HttpClient,
  discovery: DiscoveryDocument,
  client: ClientAuth,
  authorization: DeviceAuthorization,
  opts: PollOptions,
): Promise<TokenResponse> {
  const sleep = opts.sleep ?? abortableSleep;
  const deadline = opts.now() + authorization.expiresIn * 1000;
  let intervalS = authorization.interval;
  for (;;) {
    await sleep(intervalS * 1000, opts.signal);
    if (opts.signal?.aborted) throw new AuthLensError('cancelled', { where: 'device sign-in' }, 'cancelled: device sign-in aborted');
    if (opts.now() >= deadline) {
      throw new AuthLensError(
        'oauth-error',
        { serverCode: 'expired_token', where: `device code, ${Math.round(authorization.expiresIn)} s` },
        'oauth-error: the device code expired before the sign-in was approved',
      );
    }
    try {
      return await requestToken(
        http,
        discovery,
        client,
        { grant_type: DEVICE_CODE_GRANT_TYPE, device_code: authorization.deviceCode, resource: opts.resource },
        [authorization.deviceCode],
        opts.signal,
      );
    } catch (err) {
      const answer = oauthErrorOf(err)?.error;
      if (answer === 'authorization_pending') {
        opts.onPoll?.({ answer, intervalS });
      } else if (answer === 'slow_down') {
        intervalS += SLOW_DOWN_STEP_S;
        opts.onPoll?.({ answer, intervalS });
      } else {
        throw err;
      }
    }
  }
}
