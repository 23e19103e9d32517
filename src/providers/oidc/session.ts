import type { JsonObject } from '../../core/json';
import type { SessionInfo, SessionStatus, TokenInfo } from '../types';
import type { IntrospectionResult } from './introspection';
import { unverifiedClaims } from './idToken';
import type { StoredTokenSet, TokenSlot } from './tokenStore';

/** What listing learned about a stored set, besides the set itself. */
export interface SessionFacts {
  readonly access?: IntrospectionResult;
  readonly refresh?: IntrospectionResult;
  readonly userinfo?: JsonObject;
  /** `{error, error_description}` or the error code when userinfo failed (shown, not thrown). */
  readonly userinfoError?: string;
}

function isJwt(token: string): boolean {
  return token.split('.').length === 3;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
}

function introspectionClaims(result: IntrospectionResult | undefined): JsonObject | undefined {
  return result?.kind === 'answered' ? result.claims : undefined;
}

function str(obj: JsonObject | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Epoch ms of the access token's expiry: the JWT's `exp`, introspection's `exp`, or `expires_in`. */
export function accessExpiry(set: StoredTokenSet, access: IntrospectionResult | undefined): number | undefined {
  const exp = unverifiedClaims(set.accessToken)?.['exp'] ?? introspectionClaims(access)?.['exp'];
  return typeof exp === 'number' ? exp * 1000 : set.expiresAt;
}

/**
 * Status of a set: revoked when introspection says inactive (or we revoked it and cannot ask),
 * expired past the access token's expiry, else active.
 */
export function sessionStatus(set: StoredTokenSet, facts: SessionFacts, now: number): SessionStatus {
  const expiry = accessExpiry(set, facts.access);
  const expired = expiry !== undefined && expiry <= now;
  if (facts.access?.kind === 'answered' && !facts.access.active) return expired ? 'expired' : 'revoked';
  if (expired) return 'expired';
  if (set.revokedAt !== undefined && facts.access?.kind !== 'answered') return 'revoked';
  // The grant is gone (refresh token revoked, or introspected inactive after AuthLens revoked
  // it): the session is over, though a JWT access token stays valid until its exp.
  if (set.grantRevokedAt !== undefined) return 'revoked';
  return 'active';
}

/**
 * One session for a stored token set: the signed-in user (slot `user`) or the client itself
 * (slot `service`), carrying the access token, ID token and refresh token.
 */
export function buildSession(slot: TokenSlot, set: StoredTokenSet, facts: SessionFacts, now: number): SessionInfo {
  const idClaims = unverifiedClaims(set.idToken);
  const accessClaims = unverifiedClaims(set.accessToken);
  const accessIntro = introspectionClaims(facts.access);
  const refreshIntro = introspectionClaims(facts.refresh);
  const person = facts.userinfo ?? idClaims;
  const expiry = accessExpiry(set, facts.access);

  const tokens: TokenInfo[] = [];
  const accessJwt = isJwt(set.accessToken);
  tokens.push({
    kind: 'access-token',
    label: accessJwt ? 'Access token (JWT)' : 'Access token (opaque)',
    value: set.accessToken,
    opaque: !accessJwt,
    ...(iso(expiry) !== undefined ? { expiresAt: iso(expiry) } : {}),
    ...(accessIntro ? { introspection: accessIntro } : {}),
  });
  if (set.idToken) {
    const exp = idClaims?.['exp'];
    tokens.push({
      kind: 'id-token',
      label: 'ID token',
      value: set.idToken,
      opaque: false,
      ...(typeof exp === 'number' ? { expiresAt: new Date(exp * 1000).toISOString() } : {}),
    });
  }
  if (set.refreshToken) {
    const exp = refreshIntro?.['exp'];
    const known = typeof exp === 'number' ? exp * 1000 : set.refreshExpiresAt;
    tokens.push({
      kind: 'refresh-token',
      label: set.grantRevokedAt !== undefined ? 'Refresh token (revoked)' : 'Refresh token',
      value: set.refreshToken,
      opaque: !isJwt(set.refreshToken),
      ...(iso(known) !== undefined ? { expiresAt: iso(known) } : {}),
      ...(refreshIntro ? { introspection: refreshIntro } : {}),
    });
  }

  const subject = slot === 'service' ? (str(accessClaims, 'sub') ?? str(accessIntro, 'sub') ?? set.clientId) : (str(person, 'sub') ?? str(accessIntro, 'sub'));
  const name = slot === 'service' ? set.clientId : (str(person, 'name') ?? str(person, 'preferred_username') ?? str(person, 'nickname'));
  const email = slot === 'service' ? undefined : str(person, 'email');

  const session: JsonObject = {
    slot,
    grant: set.grant,
    issuer: set.issuer,
    client_id: set.clientId,
    token_type: set.tokenType,
    obtained_at: new Date(set.obtainedAt).toISOString(),
  };
  if (set.scope !== undefined) session['scope'] = set.scope;
  if (set.resource !== undefined) session['resource'] = set.resource;
  if (expiry !== undefined) session['expires_at'] = new Date(expiry).toISOString();
  if (set.revokedAt !== undefined) session['revoked_at'] = new Date(set.revokedAt).toISOString();
  if (set.grantRevokedAt !== undefined) {
    session['grant_revoked_at'] = new Date(set.grantRevokedAt).toISOString();
    session['refresh_token'] = 'revoked';
    if (accessJwt && set.revokedAt === undefined) {
      session['access_token'] =
        expiry !== undefined ? `JWT, valid until ${new Date(expiry).toISOString()} (cannot be recalled)` : 'JWT without exp (cannot be recalled)';
    }
  }
  if (facts.access?.kind === 'refused') session['access_token_introspection'] = `refused: ${facts.access.error.error}`;
  if (facts.userinfoError !== undefined) session['userinfo_error'] = facts.userinfoError;

  const createdAt = iso(set.obtainedAt);
  const expiresAt = iso(expiry);
  return {
    id: slot,
    user: {
      ...(subject !== undefined ? { id: subject } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(email !== undefined ? { email } : {}),
    },
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    status: sessionStatus(set, facts, now),
    current: slot === 'user',
    tokens,
    raw: { session, ...(person ? { user: person } : {}) },
  };
}
