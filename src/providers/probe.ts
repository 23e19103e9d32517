/**
 * "Ask the server": sends a token as `Authorization: Bearer` to its provider's own endpoint
 * (the kind table's `probeUrl`: AuthMS sessions, OIDC userinfo, Better Auth get-session,
 * Authing's userinfo) and reports whether the server accepted it and, if not, what it said.
 * The HTTP client sends the token to the entry's own origins only and redacts it from errors.
 */
import { errorMessage } from '../core/errorMessages';
import { isAuthLensError } from '../core/errors';
import { plainText } from '../core/hostileText';
import type { ProbeOutcome } from '../core/rejectionTypes';
import { english, type Translate } from '../core/template';
import { HttpClient } from './http';
import { providerKindTable } from './kinds';
import { fetchDiscovery } from './oidc/discovery';
import type { HttpOptions, ProviderConfig } from './types';

const NO_SESSION = 'The server answered with no session (null): it did not take the token.';

export interface ProbeOptions {
  readonly http?: HttpOptions;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  readonly now: number;
  readonly translate?: Translate;
}

/** The origin the token goes to, for the button ("Send to 127.0.0.1:4000"). */
export function probeOrigin(provider: ProviderConfig): string | undefined {
  const row = providerKindTable[provider.kind];
  const url = row.probeUrl(provider, undefined, {});
  return URL.canParse(url) ? new URL(url).origin : undefined;
}

const targetOf = (url: string): string => (URL.canParse(url) ? plainText(`${new URL(url).origin}${new URL(url).pathname}`, 300) : '');

/**
 * Sends `token` to the provider's probe endpoint and says what the server made of it.
 *
 * @example
 * const r = await probeToken(jwt, 'usr_1', provider, { now: Date.now() });
 * r.accepted ? r.status : `${r.status} ${r.message}` // 200, or "401 Invalid token"
 */
export async function probeToken(token: string, sub: string | undefined, provider: ProviderConfig, options: ProbeOptions): Promise<ProbeOutcome> {
  const t = options.translate ?? english;
  const row = providerKindTable[provider.kind];
  const extra = row.extraCredentialUrl(provider);
  const http = new HttpClient({
    baseUrl: provider.baseUrl,
    ...(extra !== undefined ? { credentialOrigins: [extra] } : {}),
    ...(provider.allowInsecureTls === true ? { allowInsecureTls: true, tlsOptOutId: provider.id } : {}),
    ...(provider.timeoutMs !== undefined ? { timeoutMs: provider.timeoutMs } : {}),
    ...(options.http !== undefined ? { http: options.http } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
    maxBodyBytes: 1024 * 1024,
  });
  let url = '';
  try {
    // OIDC: the userinfo endpoint is the discovery document's (fetched without the token).
    const userinfoEndpoint = row.openIdClient
      ? (await fetchDiscovery(http, provider.issuer ?? provider.baseUrl, options.now, options.signal)).userinfoEndpoint
      : undefined;
    url = row.probeUrl(provider, sub, { userinfoEndpoint });
    const res = await http.send({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      secrets: [token],
      expect: 'json-or-empty',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // Better Auth's get-session answers 200 with `null` for a token it does not take.
    if (res.json === null) return { accepted: false, status: res.status, target: targetOf(url), message: t(NO_SESSION) };
    return { accepted: true, status: res.status, target: targetOf(url) };
  } catch (err) {
    if (!isAuthLensError(err)) throw err;
    const d = err.details;
    // The server's words when it answered; otherwise why nothing was sent or received.
    const message = d.status !== undefined && d.serverMessage !== undefined ? d.serverMessage : errorMessage(err, t);
    return {
      accepted: false,
      ...(d.status !== undefined ? { status: d.status } : {}),
      target: targetOf(url),
      message: plainText(message.split(token).join('…'), 500),
      ...(d.serverCode !== undefined ? { serverCode: plainText(d.serverCode, 100) } : {}),
    };
  } finally {
    await http.close();
  }
}
