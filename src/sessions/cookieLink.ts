/**
 * Which listed session a signed session cookie belongs to, by the one rule both the Sessions
 * view and the inspector use: a Better Auth cookie's token part is the session's `token`; an
 * express-session cookie's session id (Authing's `authing_session`) is the session's id
 * (Authing's `session._id`). Pure (no vscode); the signature is not checked here.
 */
import { cookieValueFrom, encodeCookieValue } from '../core/cookieCredential';
import { parseSignedCookie, type SignedCookie } from '../core/signedCookie';
import { providerKindTable, type KindConfig } from '../providers/kinds';
import type { ProviderKind, SessionInfo, TokenInfo } from '../providers/types';

/** The label of the cookie's row under its session (English; the tree localises labels it knows). */
export const SESSION_COOKIE_LABEL = 'Session cookie';

/** The session's own token (Better Auth's `token`), when it has one. */
function sessionToken(session: SessionInfo): string | undefined {
  const raw = session.raw.session['token'];
  return typeof raw === 'string' ? raw : session.tokens.find((t) => t.kind === 'session-token' && t.label !== SESSION_COOKIE_LABEL)?.value;
}

/**
 * True when `cookie` is the session cookie of `session` at a provider of `kind`.
 *
 * @example
 * isCookieOfSession(parseSignedCookie('s%3Asid1.<sig>')!, 'authing', { id: 'sid1', … }) // true
 */
export function isCookieOfSession(cookie: SignedCookie, kind: ProviderKind | undefined, session: SessionInfo): boolean {
  if (cookie.format === 'better-auth') return kind === 'better-auth' && sessionToken(session) === cookie.signedValue;
  if (cookie.format === 'express-session') return kind === 'authing' && session.id === cookie.signedValue;
  return false;
}

/** A provider with its listed sessions, as the caller knows them. */
export interface ListedProvider {
  readonly id: string;
  readonly label: string;
  readonly kind: ProviderKind;
  readonly sessions: readonly SessionInfo[];
}

/** The first listed session the cookie belongs to, with its provider. */
export function sessionOfCookie(cookie: SignedCookie, providers: readonly ListedProvider[]): { provider: ListedProvider; session: SessionInfo } | undefined {
  for (const provider of providers) {
    const session = provider.sessions.find((s) => isCookieOfSession(cookie, provider.kind, s));
    if (session) return { provider, session };
  }
  return undefined;
}

/**
 * The listing with the stored cookie credential added as a "Session cookie" token of the session
 * it belongs to, so the tree shows it as a row that opens the inspector with that session as its
 * source. The value is the cookie as the browser sends it (URL-encoded). Other sessions, and a
 * credential that is no signed cookie of this session, are left as they are.
 */
export function withSessionCookie<S extends { readonly session: SessionInfo }>(
  listed: readonly S[],
  credential: string | undefined,
  config: KindConfig & { readonly kind: ProviderKind },
): S[] {
  const kind = config.kind;
  if (credential === undefined || credential === '' || (kind !== 'better-auth' && kind !== 'authing')) return [...listed];
  const cookieName = providerKindTable[kind].cookieName(config);
  const cookie = parseSignedCookie(cookieName !== undefined ? cookieValueFrom(credential, cookieName) : credential);
  if (!cookie) return [...listed];
  return listed.map((entry) => {
    if (!isCookieOfSession(cookie, kind, entry.session) || entry.session.tokens.some((t) => t.label === SESSION_COOKIE_LABEL)) return entry;
    const token: TokenInfo = { kind: 'session-token', label: SESSION_COOKIE_LABEL, value: encodeCookieValue(cookie.raw), opaque: true };
    return { ...entry, session: { ...entry.session, tokens: [...entry.session.tokens, token] } };
  });
}
