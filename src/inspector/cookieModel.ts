/**
 * What the inspector shows for a signed session cookie: its format, name, each part with its
 * explanation (the core's `signedCookieWords`, the same words as the hover), the listed session
 * it belongs to, and what its own Verify offers. Pure (core only, no vscode), bounded: long
 * parts are cut for display and hidden characters made visible.
 */
import type { FieldContext } from '../core/claims';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import type { SignedCookie } from '../core/signedCookie';
import { signedCookieWords } from '../core/signedCookieText';
import { fillTemplate, type Translate } from '../core/template';
import type { ProviderKind } from '../providers/types';
import type { CookieModel, CookiePartModel, CookieSessionLink, CookieVerifyModel } from '../shared/inspectorCookie';
import { displayText, type ModelLimits } from './boundedJson';

/** The name each format's server gives the secret that signs its cookies. */
const secretNames: Readonly<Record<SignedCookie['format'], string>> = {
  'express-session': 'express-session secret',
  'cookie-signature': 'cookie-parser secret',
  'better-auth': 'BETTER_AUTH_SECRET',
  itsdangerous: 'SECRET_KEY',
};

/** The name the format's server gives its signing secret (`BETTER_AUTH_SECRET`, Flask's `SECRET_KEY`). */
export function cookieSecretName(format: SignedCookie['format']): string {
  return secretNames[format];
}

/** The sandbox secret's `use` that signs cookies of this format, if any. */
export function sandboxUseOf(format: SignedCookie['format']): 'better-auth-cookie' | 'express-session-cookie' | undefined {
  if (format === 'better-auth') return 'better-auth-cookie';
  return format === 'express-session' || format === 'cookie-signature' ? 'express-session-cookie' : undefined;
}

/** The cookie name a provider kind's server uses, when the pasted text did not name it. */
export function defaultCookieName(format: SignedCookie['format'], kind: ProviderKind | undefined, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  if (kind === 'authing') return 'authing_session';
  switch (format) {
    case 'better-auth':
      return 'better-auth.session_token';
    case 'itsdangerous':
      return 'session';
    default:
      return 'connect.sid';
  }
}

/** What the host knows about a shown cookie besides its text (`cookieShown.ts` finds it). */
export interface CookieContext {
  /** The listed session the cookie belongs to. */
  readonly link?: { readonly providerId: string; readonly providerLabel: string; readonly sessionId: string };
  /** The cookie's name when the pasted text did not give it (the source provider's cookie). */
  readonly name?: string;
  /** A provider or origin the secret can be remembered for. */
  readonly canRemember?: boolean;
  /** The running sandbox signs this cookie: its secret's name. */
  readonly sandboxSecret?: string;
  /** A compressed Flask payload, inflated by the host. */
  readonly inflatedPayload?: Json;
}

export interface CookieBuildOptions extends CookieContext {
  readonly t: Translate;
  readonly limits: Pick<ModelLimits, 'maxSegment'>;
  readonly storedSecret: boolean;
}

/** The Flask session payload as a JSON object (decoded, or inflated by the host), for the payload table. */
export function cookiePayloadOf(cookie: SignedCookie | undefined, ctx: CookieContext | undefined): JsonObject | undefined {
  const json = cookie?.payload?.json ?? ctx?.inflatedPayload;
  return cookie !== undefined && json !== undefined && isJsonObject(json) ? json : undefined;
}

/** Whose field names explain the payload table: a JWT's claims, an introspection answer's, or none for a cookie's session data. */
export function payloadContext(decoded: unknown, cookie: SignedCookie | undefined): FieldContext | undefined {
  if (decoded !== undefined) return 'jwt-payload';
  return cookie !== undefined ? undefined : 'oidc.introspection';
}

function partModel(role: CookiePartModel['role'], label: string, text: string, explanation: string, max: number): CookiePartModel {
  const shown = displayText(text, max);
  return { role, label, text: shown.text, length: text.length, truncated: shown.truncatedFrom !== undefined, explanation };
}

/**
 * Builds the cookie part of the inspector model.
 *
 * @example
 * const c = parseSignedCookie('authing_session=s%3A594D….z0nB…');
 * cookieModelOf(c!, { t, limits: defaultLimits, storedSecret: false, canRemember: false }).parts.map((p) => p.role)
 * // ['prefix', 'session-id', 'separator', 'signature']
 */
export function cookieModelOf(cookie: SignedCookie, opts: CookieBuildOptions): CookieModel {
  const words = signedCookieWords(cookie, opts.t);
  const max = opts.limits.maxSegment;
  const parts: CookiePartModel[] = [];
  cookie.parts.forEach((p, i) => {
    const prev = cookie.parts[i - 1];
    // The dots between parts are kept as their own parts, so Raw shows the value exactly.
    if (prev && p.start > prev.end) parts.push(partModel('separator', '', cookie.value.slice(prev.end, p.start), '', max));
    const w = words.parts[i];
    parts.push(partModel(p.role, w?.label ?? p.role, p.text, w?.explanation ?? '', max));
  });
  const name = cookie.cookieName ?? opts.name;
  const verify: CookieVerifyModel = {
    secretName: cookieSecretName(cookie.format),
    storedSecret: opts.storedSecret,
    canRemember: opts.canRemember === true,
    ...(opts.sandboxSecret !== undefined ? { sandboxSecret: displayText(opts.sandboxSecret, 100).text } : {}),
  };
  return {
    format: cookie.format,
    formatLabel: words.formatLabel,
    algorithm: cookie.algorithm,
    ...(name !== undefined ? { name: displayText(name, 200).text } : {}),
    urlDecoded: cookie.urlDecoded,
    parts,
    length: cookie.value.length,
    notes: words.notes.map((n) => displayText(n, 500).text),
    ...(opts.link ? { session: sessionLinkOf(opts.link, opts.t) } : {}),
    verify,
  };
}

function sessionLinkOf(link: NonNullable<CookieBuildOptions['link']>, t: Translate): CookieSessionLink {
  const sessionId = displayText(link.sessionId, 200).text;
  const providerLabel = displayText(link.providerLabel, 200).text;
  return {
    providerId: displayText(link.providerId, 200).text,
    providerLabel,
    sessionId,
    text: fillTemplate(t('Belongs to session {0} of {1}.'), sessionId, providerLabel),
  };
}

/** The model's cookie once the host found a remembered secret for it. */
export function cookieWithStoredSecret(cookie: CookieModel): CookieModel {
  return cookie.verify.storedSecret ? cookie : { ...cookie, verify: { ...cookie.verify, storedSecret: true } };
}
