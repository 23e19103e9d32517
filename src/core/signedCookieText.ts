/**
 * The words of a {@link SignedCookie}: format names, part names and what each part is, in one
 * table (English source strings, localised by the views with the l10n bundle), so the hover, the
 * inspector, Decode Token and the terminal explain a cookie the same way.
 */
import type { CookieSignatureReason, SignedCookie, SignedCookieFormat, SignedCookiePartRole } from './signedCookie';
import { english, fillTemplate, type Translate } from './template';

export const signedCookieFormatTexts: Readonly<Record<SignedCookieFormat, string>> = {
  'express-session': 'express-session cookie (cookie-signature, HMAC-SHA256)',
  'cookie-signature': 'Signed cookie (cookie-signature, HMAC-SHA256)',
  'better-auth': 'Better Auth session cookie (HMAC-SHA256)',
  itsdangerous: 'Flask session cookie (itsdangerous, HMAC-SHA1)',
};

export const signedCookieRoleTexts: Readonly<Record<SignedCookiePartRole, string>> = {
  prefix: 'Prefix',
  'session-id': 'Session id',
  token: 'Session token',
  value: 'Signed value',
  payload: 'Payload',
  timestamp: 'Timestamp',
  signature: 'Signature',
};

/** What each part of each format is: one sentence. */
export const signedCookiePartTexts: Readonly<Record<SignedCookieFormat, Partial<Record<SignedCookiePartRole, string>>>> = {
  'express-session': {
    prefix: '"s:" marks a value signed by express-session.',
    'session-id': "The session id: the key of the session in the server's session store.",
    signature: "HMAC-SHA256 of the session id with the server's session secret, base64 without padding.",
  },
  'cookie-signature': {
    value: 'The value the app signed (cookie-parser signed cookie).',
    signature: 'HMAC-SHA256 of the value with the cookie secret, base64 without padding.',
  },
  'better-auth': {
    token: "The session token: the key of the session in Better Auth's database.",
    signature: 'HMAC-SHA256 of the token with BETTER_AUTH_SECRET, base64 with padding.',
  },
  itsdangerous: {
    prefix: '"." marks a zlib-compressed payload.',
    payload: 'The session data as base64url JSON: signed, not encrypted, so anyone holding the cookie can read it.',
    timestamp: 'When the cookie was signed, in seconds since 1970 (base64url).',
    signature: 'HMAC-SHA1 of the payload and timestamp, keyed from SECRET_KEY with the salt "cookie-session", base64url.',
  },
};

export const signedCookieNoteTexts = {
  urlDecoded: 'URL-decoded before reading (%3A is ":", %2B "+", %2F "/", %3D "=").',
  notChecked: "Signature not checked (Inspect to verify with the server's secret).",
  /** `{0}` = the cookie name. */
  cookieName: 'Cookie name: {0}',
  /** `{0}` = an ISO 8601 instant. */
  issuedAt: 'Signed at {0}',
  compressed: 'The payload is zlib-compressed: Inspect shows it inflated.',
  payloadInvalidUtf8: 'The payload is not valid UTF-8: invalid bytes are shown as U+FFFD.',
  payloadNotJson: 'The payload is not JSON.',
  payloadTooDeep: 'The payload is nested too deeply to show.',
} as const;

/** What a signature check found, in words (`providers/cookieSignature.ts` `verifySignedCookie`). */
export const cookieSignatureTexts: Readonly<Record<CookieSignatureReason, string>> = {
  valid: 'Signature valid: made with this secret.',
  'wrong-secret': 'Signature does not match: the secret is wrong, or the value was changed after signing.',
  'not-a-signature': 'Not a signature of this format: it does not decode to an HMAC of the right length.',
  'empty-secret': "Give the server's secret to check the signature.",
};

/** One part, ready to show. */
export interface SignedCookiePartWords {
  readonly role: SignedCookiePartRole;
  readonly label: string;
  /** The part's text. Hostile: render as text only. */
  readonly text: string;
  readonly explanation: string;
}

/** Everything a view says about a signed cookie, already localised. */
export interface SignedCookieWords {
  readonly formatLabel: string;
  readonly parts: readonly SignedCookiePartWords[];
  /** URL decoding, cookie name, when signed, payload problems: one sentence each. */
  readonly notes: readonly string[];
  readonly notChecked: string;
}

/** ISO 8601 for an epoch-seconds instant, or undefined when out of the Date range. */
export function issuedAtIso(seconds: number): string | undefined {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The words of a signed cookie. */
export function signedCookieWords(c: SignedCookie, t: Translate = english): SignedCookieWords {
  const table = signedCookiePartTexts[c.format];
  const parts = c.parts.map((p) => ({ role: p.role, label: t(signedCookieRoleTexts[p.role]), text: p.text, explanation: t(table[p.role] ?? '') }));
  const notes: string[] = [];
  if (c.cookieName !== undefined) notes.push(fillTemplate(t(signedCookieNoteTexts.cookieName), c.cookieName));
  if (c.urlDecoded) notes.push(t(signedCookieNoteTexts.urlDecoded));
  const issued = c.issuedAt === undefined ? undefined : issuedAtIso(c.issuedAt);
  if (issued !== undefined) notes.push(fillTemplate(t(signedCookieNoteTexts.issuedAt), issued));
  const payload = c.payload;
  if (payload?.compressed) notes.push(t(signedCookieNoteTexts.compressed));
  if (payload?.invalidUtf8) notes.push(t(signedCookieNoteTexts.payloadInvalidUtf8));
  if (payload?.problem === 'not-json') notes.push(t(signedCookieNoteTexts.payloadNotJson));
  if (payload?.problem === 'too-deep') notes.push(t(signedCookieNoteTexts.payloadTooDeep));
  return { formatLabel: t(signedCookieFormatTexts[c.format]), parts, notes, notChecked: t(signedCookieNoteTexts.notChecked) };
}

/** Every English template of the signed-cookie words, for the l10n bundles and their test. */
export function signedCookieTemplates(): string[] {
  const parts = Object.values(signedCookiePartTexts).flatMap((table) => Object.values(table));
  return [
    ...new Set([
      ...Object.values(signedCookieFormatTexts),
      ...Object.values(signedCookieRoleTexts),
      ...parts,
      ...Object.values(signedCookieNoteTexts),
      ...Object.values(cookieSignatureTexts),
    ]),
  ];
}
