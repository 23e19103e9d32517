/**
 * Labels and descriptions of the Sessions view's rows. Pure (no vscode, `now` a parameter,
 * localised templates passed in), so the text is unit-tested exactly.
 * Values from servers pass through `plainText` (no codicon syntax, no control characters).
 */
import { decodeJwt } from '../core/decode';
import { parseSignedCookie } from '../core/signedCookie';
import { summariseUserAgent } from '../core/userAgent';
import type { SessionInfo, TokenInfo } from '../providers/types';
import { plainText } from '../core/hostileText';
import { effectiveExpiry, englishTimeLeft, soonMs, timeLeftText, type Expiry, type TimeLeftStrings } from './timeText';

/** Which icon a session gets. */
export type SessionLook = 'active' | 'expiring' | 'expired' | 'revoked' | 'impersonated' | 'unknown';

export function sessionExpiry(session: SessionInfo): Expiry | undefined {
  return effectiveExpiry(session.expiresAt, session.idleExpiresAt);
}

/**
 * The icon class of a session. Revoked and expired win over everything; an impersonated
 * session is flagged before "expiring soon" because who is acting matters more.
 */
export function sessionLook(session: SessionInfo, now: number): SessionLook {
  if (session.status === 'revoked') return 'revoked';
  const expiry = sessionExpiry(session);
  if (session.status === 'expired' || session.status === 'idle-expired' || (expiry && expiry.at <= now)) return 'expired';
  if (session.impersonatedBy) return 'impersonated';
  if (expiry && expiry.at - now <= soonMs) return 'expiring';
  return session.status === 'unknown' && !expiry ? 'unknown' : 'active';
}

export interface DescribeStrings {
  readonly unknownUser: string;
  readonly revoked: string;
  readonly impersonated: string;
  readonly current: string;
  readonly opaque: string;
  /** A signed session cookie (express-session, Better Auth): not a JWT, but not opaque either. */
  readonly signedCookie: string;
  readonly jwt: string;
  /** "{0} on {1}": a browser and its system ("Chrome 120 on macOS"). */
  readonly clientOnOs: string;
  /** A refresh token whose expiry nobody told us. */
  readonly lifetimeUnknown: string;
  readonly time: TimeLeftStrings;
}

export const englishDescribeStrings: DescribeStrings = {
  unknownUser: '(unknown user)',
  revoked: 'revoked',
  impersonated: 'impersonated',
  current: 'this credential',
  opaque: 'opaque',
  signedCookie: 'signed cookie',
  jwt: 'JWT',
  clientOnOs: '{0} on {1}',
  lifetimeUnknown: 'lifetime unknown',
  time: englishTimeLeft,
};

/** The row label: the user's name, else email, else id. */
export function sessionLabel(session: SessionInfo, s: DescribeStrings = englishDescribeStrings): string {
  const u = session.user;
  const name = u.name?.trim() || u.email?.trim() || u.id?.trim();
  return name ? plainText(name, 60) : s.unknownUser;
}

/**
 * The row description: device, IP, and time left, e.g. "Chrome 120 on macOS · 203.0.113.7 · expires in 2h 5m".
 */
export function sessionDescription(session: SessionInfo, now: number, s: DescribeStrings = englishDescribeStrings): string {
  const parts: string[] = [];
  if (session.current) parts.push(s.current);
  if (session.status === 'revoked') parts.push(s.revoked);
  else if (session.impersonatedBy) parts.push(s.impersonated);
  const device = summariseUserAgent(session.userAgent, s.clientOnOs).text;
  if (device) parts.push(plainText(device, 40));
  if (session.ip) parts.push(plainText(session.ip, 45));
  if (session.status !== 'revoked') parts.push(timeLeftText(sessionExpiry(session), now, s.time));
  return parts.join(' · ');
}

/** What the tree shows about a token, worked out once per render. */
export interface TokenSummary {
  readonly alg?: string;
  /** Epoch ms: `exp` for JWTs, else the provider's separate expiry. */
  readonly expiresAt?: number;
  readonly claims: readonly { label: string; value: string }[];
  readonly description: string;
}

const shownClaims = ['sub', 'iss', 'aud', 'iat', 'nbf', 'exp', 'jti', 'scope', 'sid'] as const;

/**
 * Decodes (never verifies) a JWT token for its row: "JWT · RS256 · expires in 4m";
 * opaque tokens: "opaque · expires in 1h".
 */
export function tokenSummary(
  token: TokenInfo,
  now: number,
  s: DescribeStrings = englishDescribeStrings,
  /** An opaque session token lives as long as its session: the session's expiry (ISO). */
  sessionExpiresAt?: string,
): TokenSummary {
  let alg: string | undefined;
  let expiresAt: number | undefined;
  const claims: { label: string; value: string }[] = [];
  if (!token.opaque) {
    const d = decodeJwt(token.value);
    if (d.ok) {
      const a = d.token.header.alg;
      if (typeof a === 'string') alg = plainText(a, 20);
      const exp = d.token.payload.exp;
      if (typeof exp === 'number' && Number.isFinite(exp)) expiresAt = exp * 1000;
      for (const name of shownClaims) {
        const v = d.token.payload[name];
        if (v === undefined) continue;
        claims.push({ label: name, value: typeof v === 'string' ? v : JSON.stringify(v) });
      }
    }
  }
  const fallback = token.expiresAt ?? (token.kind === 'session-token' ? sessionExpiresAt : undefined);
  if (expiresAt === undefined && fallback) {
    const t = Date.parse(fallback);
    if (!Number.isNaN(t)) expiresAt = t;
  }
  const expiry: Expiry | undefined = expiresAt !== undefined ? { at: expiresAt, kind: 'absolute' } : undefined;
  const parts = [token.opaque ? (parseSignedCookie(token.value) ? s.signedCookie : s.opaque) : s.jwt];
  if (alg) parts.push(alg);
  // A refresh token without a stated expiry may well expire: "no expiry" would claim too much.
  parts.push(!expiry && token.kind === 'refresh-token' ? s.lifetimeUnknown : timeLeftText(expiry, now, s.time));
  return { ...(alg ? { alg } : {}), ...(expiresAt !== undefined ? { expiresAt } : {}), claims, description: parts.join(' · ') };
}

/** "Load more (100 of 250)"; without a total, "Load more (100 loaded)". */
export function loadMoreLabel(
  loaded: number,
  total: number | undefined,
  templates = { ofTotal: 'Load more ({0} of {1})', loaded: 'Load more ({0} loaded)' },
): string {
  return total !== undefined ? templates.ofTotal.replace('{0}', String(loaded)).replace('{1}', String(total)) : templates.loaded.replace('{0}', String(loaded));
}
