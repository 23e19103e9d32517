/**
 * What is worth a warning about a token or a server's answer. Each warning has a severity, an
 * explanation and a fix hint (RFC 8725, "JWT Best Current Practices", where it applies).
 * Texts are English templates from one table; `opts.t` localises them.
 */
import type { DecodedJwt } from './decode';
import type { Json } from './json';
import { english, type Translate } from './template';
import { DEFAULT_SKEW_MS, DEFAULT_SOON_MS } from './time';
import { tokenTimes } from './tokenTime';
import { sensitiveFields } from './sensitiveFields';
export { SENSITIVE_MAX_DEPTH, isEmptyValue, childPath, sensitiveFields } from './sensitiveFields';
export type { SensitiveKind, SensitiveField } from './sensitiveFields';

export type WarningCode =
  | 'alg-none'
  | 'alg-symmetric'
  | 'no-exp'
  | 'expired'
  | 'expired-within-skew'
  | 'nbf-future'
  | 'iat-future'
  | 'long-lifetime'
  | 'exp-before-iat'
  | 'key-url-header'
  | 'embedded-jwk'
  | 'sensitive-field';

export type WarningSeverity = 'error' | 'warning' | 'info';

export interface TokenWarning {
  readonly code: WarningCode;
  readonly severity: WarningSeverity;
  /** One sentence: what is the matter. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** The claim, header parameter or JSON path concerned. */
  readonly field?: string;
}

/** The one table of warning texts (English; each is a key of the runtime l10n bundles). */
export const warningTexts: Readonly<Record<WarningCode, { severity: WarningSeverity; message: string; hint: string }>> = {
  'alg-none': {
    severity: 'error',
    message: 'The token is not signed (alg "none"): anyone can forge it.',
    hint: 'Never accept unsigned tokens: pin the algorithms your verifier allows (RFC 8725 §3.1, §3.2).',
  },
  'alg-symmetric': {
    severity: 'info',
    message: 'Signed with a shared secret (HMAC): whoever can verify this token can also create one.',
    hint: 'Use a long random secret kept only on servers, or an asymmetric algorithm when others verify (RFC 8725 §3.5).',
  },
  'no-exp': {
    severity: 'warning',
    message: 'The token has no expiry (exp): it stays valid until its key changes.',
    hint: 'Issue tokens with a short "exp" (RFC 7519 §4.1.4; required for access tokens by RFC 9068 §2.2).',
  },
  expired: {
    severity: 'error',
    message: 'The token has expired: servers reject it.',
    hint: 'Get a new token: refresh it or sign in again.',
  },
  'expired-within-skew': {
    severity: 'warning',
    message: 'The token expired moments ago: strict servers reject it, servers that allow clock skew still accept it.',
    hint: 'Refresh the token shortly before "exp" rather than after it.',
  },
  'nbf-future': {
    severity: 'warning',
    message: 'The token is not valid yet ("nbf" is in the future).',
    hint: 'Check the clocks of the issuer and of this machine; verifiers allow only a small leeway (RFC 7519 §4.1.5).',
  },
  'iat-future': {
    severity: 'warning',
    message: 'The token says it was issued in the future ("iat").',
    hint: "The issuer's clock is probably ahead: synchronise clocks (NTP).",
  },
  'long-lifetime': {
    severity: 'warning',
    message: 'This access token lives longer than 24 hours.',
    hint: 'Keep access tokens short-lived (minutes) and use refresh tokens for long sessions (OAuth 2.0 Security BCP, RFC 9700).',
  },
  'exp-before-iat': {
    severity: 'error',
    message: 'The token expires before it was issued ("exp" is earlier than "iat").',
    hint: 'The issuer computes "exp" wrongly (seconds versus milliseconds, or a negative lifetime).',
  },
  'key-url-header': {
    severity: 'info',
    message: 'The header points to a key URL ("jku" or "x5u"); AuthLens never follows it.',
    hint: 'Verifiers must not fetch keys from URLs in the token; use the JWKS you configured (RFC 8725 §3.10).',
  },
  'embedded-jwk': {
    severity: 'info',
    message: 'The header embeds its own key ("jwk"); a signature checked with that key proves nothing.',
    hint: 'Verify with a key you trust, never with one the token brings along (RFC 8725 §3.10).',
  },
  'sensitive-field': {
    severity: 'error',
    message: 'A sensitive field is present: it should never leave the server.',
    hint: 'Remove passwords, password hashes, salts, secrets and refresh tokens from tokens and API responses.',
  },
};

/** What a token is used as; lifetimes matter only for access tokens. */
export type WarningTokenKind = 'access-token' | 'id-token' | 'session-token' | 'refresh-token' | 'jwt';

export interface TokenWarningOptions {
  /** Clock-skew tolerance (default 60 s). */
  readonly skewMs?: number;
  /** "Expiring soon" threshold (default 5 min), passed on to `tokenTimes`. */
  readonly soonMs?: number;
  /** What the token is used as; guessed from `typ: at+jwt`, `scope`, `client_id` when absent. */
  readonly kind?: WarningTokenKind;
  /** Longest acceptable access-token lifetime (default 24 h). */
  readonly maxAccessLifetimeMs?: number;
  /** Localises the texts (e.g. `(s) => vscode.l10n.t(s)`). */
  readonly t?: Translate;
}

const SEVERITY_ORDER: Record<WarningSeverity, number> = { error: 0, warning: 1, info: 2 };

function num(v: Json | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function isAccessToken(decoded: DecodedJwt, kind: WarningTokenKind | undefined): boolean {
  if (kind) return kind === 'access-token';
  const typ = decoded.header['typ'];
  if (typeof typ === 'string' && /^(application\/)?at\+jwt$/i.test(typ)) return true;
  const p = decoded.payload;
  // An ID token has a nonce or at_hash; an access token scopes or names its client.
  if ('nonce' in p || 'at_hash' in p) return false;
  return 'scope' in p || 'scp' in p || 'client_id' in p;
}

function make(code: WarningCode, t: Translate, field?: string): TokenWarning {
  const w = warningTexts[code];
  return {
    code,
    severity: w.severity,
    message: t(w.message),
    hint: t(w.hint),
    ...(field !== undefined ? { field } : {}),
  };
}

/**
 * The warnings for a decoded token at `now` (epoch ms), errors first: `alg: none`, HMAC noted,
 * no `exp`, expired (or within the skew grace), `nbf`/`iat` in the future, an access token
 * living over 24 h, `exp` before `iat`, `jku`/`x5u`/`jwk` in the header, and sensitive fields in
 * the payload (see {@link sensitiveFields}).
 *
 * @example
 * const r = decodeJwt(raw);
 * if (r.ok) for (const w of tokenWarnings(r.token, Date.now())) console.log(w.severity, w.message);
 */
export function tokenWarnings(decoded: DecodedJwt, now: number, opts?: TokenWarningOptions): TokenWarning[] {
  const t = opts?.t ?? english;
  const skew = opts?.skewMs ?? DEFAULT_SKEW_MS;
  const out: TokenWarning[] = [];
  const { header, payload } = decoded;

  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  if (alg.toLowerCase() === 'none') out.push(make('alg-none', t, 'alg'));
  else if (/^HS\d+$/i.test(alg)) out.push(make('alg-symmetric', t, 'alg'));

  const exp = num(payload['exp']);
  const nbf = num(payload['nbf']);
  const iat = num(payload['iat']);
  // The same time verdict as every view: `exp` now or past is expired; the skew is a note.
  const times = tokenTimes(payload, now, { skewMs: skew, soonMs: opts?.soonMs ?? DEFAULT_SOON_MS });
  if (!Object.prototype.hasOwnProperty.call(payload, 'exp')) {
    out.push(make('no-exp', t, 'exp'));
  } else if (times.state === 'expired') {
    out.push(make(times.withinSkewMs !== undefined ? 'expired-within-skew' : 'expired', t, 'exp'));
  }
  const nbfRead = times.claims.nbf;
  if (nbfRead?.status === 'ok' && nbfRead.ms > now) out.push(make('nbf-future', t, 'nbf'));
  if (iat !== undefined && iat * 1000 > now + skew) out.push(make('iat-future', t, 'iat'));
  if (exp !== undefined && iat !== undefined && exp < iat) {
    out.push(make('exp-before-iat', t, 'exp'));
  } else if (exp !== undefined && isAccessToken(decoded, opts?.kind)) {
    const from = iat ?? nbf;
    const max = opts?.maxAccessLifetimeMs ?? 24 * 3600 * 1000;
    if (from !== undefined && (exp - from) * 1000 > max) out.push(make('long-lifetime', t, 'exp'));
  }
  for (const name of ['jku', 'x5u'] as const) {
    if (name in header) out.push(make('key-url-header', t, name));
  }
  if ('jwk' in header) out.push(make('embedded-jwk', t, 'jwk'));
  for (const f of sensitiveFields(payload)) {
    if (!f.empty) out.push(make('sensitive-field', t, f.path));
  }
  // Stable sort: errors, then warnings, then notes.
  return out
    .map((w, i) => ({ w, i }))
    .sort((a, b) => SEVERITY_ORDER[a.w.severity] - SEVERITY_ORDER[b.w.severity] || a.i - b.i)
    .map(({ w }) => w);
}

/** Every English template of this module, for the l10n bundles and their test. */
export function warningTemplates(): string[] {
  return Object.values(warningTexts).flatMap((w) => [w.message, w.hint]);
}
