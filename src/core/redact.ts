/**
 * Redaction: how a token, cookie or secret may appear in a log line, an error or a notification.
 * Only a short prefix and the length survive; short secrets are masked completely.
 */
import { english, fillTemplate, type Translate } from './template';

/** English templates; the VS Code layer may pass a {@link Translate} to localise them. */
export const redactStrings = {
  /** `{0}` = the first characters, `{1}` = the length. */
  prefix: '{0}… ({1} chars)',
  /** `{0}` = the length. */
  masked: '••• ({0} chars)',
} as const;

/** Secrets shorter than this are masked completely: six characters would give too much away. */
export const REDACT_MIN_PREFIX_LENGTH = 12;
const PREFIX_CHARS = 6;

/**
 * Renders a secret for logs and errors: its first 6 characters, an ellipsis and its length.
 * Secrets shorter than 12 characters are masked completely.
 *
 * @example
 * redact('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig') // 'eyJhbG… (40 chars)'
 * redact('hunter2')                                   // '••• (7 chars)'
 */
export function redact(secret: string, t: Translate = english): string {
  const n = secret.length;
  if (n < REDACT_MIN_PREFIX_LENGTH) return fillTemplate(t(redactStrings.masked), n);
  let prefix = secret.slice(0, PREFIX_CHARS);
  // Never cut a surrogate pair in half.
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) prefix = prefix.slice(0, -1);
  return fillTemplate(t(redactStrings.prefix), prefix, n);
}

/** A JWS/JWE-looking run: `eyJ…` followed by at least one dot-separated part. */
const JWT_LIKE = 'eyJ[A-Za-z0-9_\\-+/=]*(?:\\.[A-Za-z0-9_\\-+/=]*)+';
/** `Bearer <anything token-like>` (RFC 6750 b64token). */
const BEARER = '(?<=\\bBearer\\s+)[A-Za-z0-9._~+/\\-]+=*';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks every given secret and anything that looks like a JWT or a Bearer credential in `text`,
 * in one pass (so a redacted prefix is never redacted twice).
 *
 * @example
 * redactText('cookie=s%3Aabcdef0123456789; ok', ['s%3Aabcdef0123456789'])
 * // 'cookie=s%3Aab… (20 chars); ok'
 * redactText('Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln', [])
 * // 'Authorization: Bearer eyJhbG… (24 chars)'
 */
export function redactText(text: string, secrets: readonly string[], t?: Translate): string {
  const unique = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length > 0))];
  // Longest first, so a secret that contains another is masked whole.
  unique.sort((a, b) => b.length - a.length);
  const alternatives = [...unique.map(escapeRegExp), JWT_LIKE, BEARER];
  const re = new RegExp(alternatives.join('|'), 'g');
  return text.replace(re, (m) => redact(m, t));
}
