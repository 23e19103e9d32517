/**
 * Claim knowledge: what a field of a token, a session or a user means, and where that is
 * written down. Unknown names give `undefined`: AuthLens never guesses a meaning.
 */
import type { AmrTable, FieldInfo, FieldTable } from './claimsTypes';
import {
  authingCookieFields,
  authingSessionFields,
  authingUserInfoFields,
  authmsSessionFields,
  betterAuthSessionFields,
  betterAuthUserFields,
} from './claimsSeed';
import { amrValues, introspectionFields, joseHeaderFields, jwtPayloadFields } from './claimsStandard';

export type { FieldInfo, FieldKind } from './claimsTypes';

/** Where a field was found; each context has its own table. */
export type FieldContext =
  | 'jwt-header'
  | 'jwt-payload'
  | 'better-auth.session'
  | 'better-auth.user'
  | 'authing.session'
  | 'authing.cookie'
  | 'authing.userInfo'
  | 'authms.session'
  | 'oidc.introspection';

// Maps, not object literals: a lookup of "__proto__" or "constructor" must find nothing.
function toMap(table: FieldTable): ReadonlyMap<string, FieldInfo> {
  return new Map(table.map(([name, summary, source, kind]) => [name, { summary, source, kind }]));
}

function amrMap(table: AmrTable): ReadonlyMap<string, FieldInfo> {
  return new Map(table.map(([value, summary, source]) => [value, { summary, source, kind: 'text' as const }]));
}

/** Tables searched for each context, in order (introspection falls back to JWT claims). */
const tablesByContext: Readonly<Record<FieldContext, readonly ReadonlyMap<string, FieldInfo>[]>> = (() => {
  const payload = toMap(jwtPayloadFields);
  return {
    'jwt-header': [toMap(joseHeaderFields)],
    'jwt-payload': [payload],
    'oidc.introspection': [toMap(introspectionFields), payload],
    'better-auth.session': [toMap(betterAuthSessionFields)],
    'better-auth.user': [toMap(betterAuthUserFields)],
    'authing.session': [toMap(authingSessionFields)],
    'authing.cookie': [toMap(authingCookieFields)],
    'authing.userInfo': [toMap(authingUserInfoFields)],
    'authms.session': [toMap(authmsSessionFields)],
  };
})();

const amr = amrMap(amrValues);

/**
 * What a field means in a context, or undefined when AuthLens does not know it. Nested fields
 * are looked up by their dotted name from the context's root (`address.locality` in a JWT
 * payload, `thirdPartyIdentity.refreshToken` in Authing's userInfo).
 *
 * @example
 * describeField('exp', 'jwt-payload')
 * // { summary: 'Expiration time: after this instant the token must be rejected.', source: 'RFC 7519 §4.1.4', kind: 'time' }
 * describeField('impersonatedBy', 'better-auth.session')?.source // 'Better Auth admin plugin'
 * describeField('favouriteColour', 'jwt-payload')                // undefined
 */
export function describeField(name: string, context: FieldContext): FieldInfo | undefined {
  const tables = tablesByContext[context];
  if (!tables || typeof name !== 'string') return undefined;
  for (const table of tables) {
    const info = table.get(name);
    if (info) return info;
  }
  return undefined;
}

/**
 * What an `amr` value means (RFC 8176 §2, plus AuthMS's `password` and `totp`).
 *
 * @example
 * describeAmr('mfa')?.summary // 'Multiple-factor authentication.'
 * describeAmr('magic')        // undefined
 */
export function describeAmr(value: string): FieldInfo | undefined {
  return typeof value === 'string' ? amr.get(value) : undefined;
}

/** Every field name known in a context (for tests and completions). */
export function knownFields(context: FieldContext): string[] {
  return [...new Set((tablesByContext[context] ?? []).flatMap((t) => [...t.keys()]))];
}

/** Every English summary of the claim tables, for the l10n bundles and their test. */
export function claimTemplates(): string[] {
  const all = [
    joseHeaderFields,
    jwtPayloadFields,
    introspectionFields,
    betterAuthSessionFields,
    betterAuthUserFields,
    authingSessionFields,
    authingCookieFields,
    authingUserInfoFields,
    authmsSessionFields,
  ].flatMap((t) => t.map((row) => row[1]));
  return [...new Set([...all, ...amrValues.map((row) => row[1])])];
}
