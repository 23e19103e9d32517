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
import { claimRules, claimTablesByProvider } from './claimsIdp';
import type { IdentityProvider } from './identityProviders';

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

const providerTables: ReadonlyMap<IdentityProvider, ReadonlyMap<string, FieldInfo>> = new Map(
  (Object.entries(claimTablesByProvider) as [IdentityProvider, FieldTable][]).map(([p, table]) => [p, toMap(table)]),
);

/** Token claims (a JWT payload, an introspection answer) are where a provider's names apply. */
function isTokenContext(context: FieldContext): boolean {
  return context === 'jwt-payload' || context === 'oidc.introspection';
}

/** What a provider's own claim means: its exact names first, then its rules (prefixes, namespaces). */
function describeProviderClaim(name: string, provider: IdentityProvider): FieldInfo | undefined {
  const exact = providerTables.get(provider)?.get(name);
  if (exact) return exact;
  // Claim names are token data: the rules only run on names of a sane length.
  if (name.length > 1000) return undefined;
  const rule = claimRules[provider]?.find((r) => r.test(name));
  return rule ? { summary: rule.summary, source: rule.source, kind: rule.kind } : undefined;
}

/**
 * What a field means in a context, or undefined when AuthLens does not know it. Nested fields
 * are looked up by their dotted name from the context's root (`address.locality` in a JWT
 * payload, `thirdPartyIdentity.refreshToken` in Authing's userInfo). With the provider that
 * issued the token (`identityProviderOf(payload.iss)`), that provider's meaning of a token claim
 * wins over the standard one: `scp` at Entra is not `scp` at Okta.
 *
 * @example
 * describeField('exp', 'jwt-payload')
 * // { summary: 'Expiration time: after this instant the token must be rejected.', source: 'RFC 7519 §4.1.4', kind: 'time' }
 * describeField('impersonatedBy', 'better-auth.session')?.source // 'Better Auth admin plugin'
 * describeField('favouriteColour', 'jwt-payload')                // undefined
 * describeField('ver', 'jwt-payload', 'okta')?.summary           // 'Version of the Okta token format (1).'
 */
export function describeField(name: string, context: FieldContext, provider?: IdentityProvider): FieldInfo | undefined {
  const tables = tablesByContext[context];
  if (!tables || typeof name !== 'string') return undefined;
  if (provider !== undefined && isTokenContext(context)) {
    const own = describeProviderClaim(name, provider);
    if (own) return own;
  }
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
    ...Object.values(claimTablesByProvider),
  ].flatMap((t) => t.map((row) => row[1]));
  const rules = Object.values(claimRules).flatMap((list) => list.map((r) => r.summary));
  return [...new Set([...all, ...rules, ...amrValues.map((row) => row[1])])];
}
