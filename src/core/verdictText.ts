/**
 * The words of a {@link TokenVerdict}: one table, so every view says the same thing. Views
 * render these strings and nothing of their own about kind, reason, repairs or time state.
 */
import { errorMessage } from './errorMessages';
import { signedCookieTemplates, signedCookieWords, type SignedCookieWords } from './signedCookieText';
import { english, fillTemplate, type Translate } from './template';
import type { ClaimTime, TokenTimeClaim, TokenTimeStateName } from './tokenTime';
import { TOKEN_TIME_CLAIMS } from './tokenTime';
import type { Repair, TokenVerdict, VerdictKind } from './verdict';

export const verdictKindTexts: Readonly<Record<VerdictKind, string>> = {
  jws: 'JWT (signed)',
  unsecured: 'JWT (unsigned, alg "none")',
  jwe: 'Encrypted token (JWE)',
  'signed-cookie': 'Signed session cookie',
  opaque: 'Opaque token',
  malformed: 'Malformed JWT',
};

export const repairTexts: Readonly<Record<Repair, string>> = {
  bearer: 'the "Bearer" prefix',
  quotes: 'the quotes around it',
  cookie: 'a "name=" prefix (cookie, query or .env)',
  json: 'the JSON around it',
  whitespace: 'whitespace inside it',
  'trailing-part': 'an empty part after the last dot',
  padding: 'the "=" padding',
};

/**
 * Time-state labels. None says "Valid": an auth tool saying that beside "not verified" reads as
 * "this token is good"; each names exactly what was judged.
 */
export const timeStateTexts: Readonly<Record<TokenTimeStateName, string>> = {
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  expiring: 'Not expired, expiring soon',
  'not-expired': 'Not expired',
  'within-validity': 'Within its validity period',
  'no-expiry': 'No expiry (no "exp" claim)',
  unknown: 'Validity unknown: a time claim is not a usable NumericDate',
};

export const verdictNoteTexts = {
  /** `{0}` = the part names. */
  repaired: 'Read after removing {0}.',
  /** `{0}` = seconds of skew. */
  skewExpired: 'Still accepted by servers that allow {0} s of clock skew.',
  skewNotYet: 'Already accepted by servers that allow {0} s of clock skew.',
  invalidUtf8Header: 'The header is not valid UTF-8: invalid bytes are shown as U+FFFD.',
  invalidUtf8Payload: 'The payload is not valid UTF-8: invalid bytes are shown as U+FFFD.',
  notNumeric: 'not a NumericDate (seconds since 1970)',
  negative: 'not a plausible NumericDate: negative',
  after9999: 'not a plausible NumericDate: after the year 9999',
  milliseconds: 'not a plausible NumericDate: looks like milliseconds, not seconds',
  listSeparator: ', ',
} as const;

/** What a view shows about a claim that does not read as a date, or undefined when it does. */
export function claimProblem(c: ClaimTime | undefined, t: Translate = english): string | undefined {
  if (c === undefined || c.status === 'ok') return undefined;
  if (c.status === 'not-numeric') return t(verdictNoteTexts.notNumeric);
  switch (c.why) {
    case 'negative':
      return t(verdictNoteTexts.negative);
    case 'after-9999':
      return t(verdictNoteTexts.after9999);
    case 'milliseconds':
      return t(verdictNoteTexts.milliseconds);
  }
}

/** Everything a view says about a verdict, already localised. */
export interface VerdictWords {
  readonly kind: VerdictKind;
  readonly kindLabel: string;
  /** For malformed tokens. */
  readonly reason?: string;
  /** "Read after removing the "Bearer" prefix, the quotes around it." */
  readonly repaired?: string;
  readonly repairs: readonly string[];
  /** Invalid UTF-8 notes. */
  readonly notes: readonly string[];
  readonly state?: TokenTimeStateName;
  readonly stateLabel?: string;
  /** The skew allowance, as a separate sentence. */
  readonly skewNote?: string;
  /** Per time claim, what is wrong with it (absent when it reads). */
  readonly claimProblems: Partial<Record<TokenTimeClaim, string>>;
  /** For `signed-cookie`: its format, parts and notes. */
  readonly cookie?: SignedCookieWords;
}

/** The words of a verdict. */
export function verdictWords(v: TokenVerdict, t: Translate = english): VerdictWords {
  const repairs = v.repairs.map((r) => t(repairTexts[r]));
  const notes = v.invalidUtf8.map((p) => t(p === 'header' ? verdictNoteTexts.invalidUtf8Header : verdictNoteTexts.invalidUtf8Payload));
  const claimProblems: Partial<Record<TokenTimeClaim, string>> = {};
  for (const claim of TOKEN_TIME_CLAIMS) {
    const problem = claimProblem(v.times?.claims[claim], t);
    if (problem) claimProblems[claim] = problem;
  }
  const times = v.times;
  const skewSeconds = times?.withinSkewMs !== undefined ? Math.round(times.withinSkewMs / 1000) : undefined;
  const skewNote =
    skewSeconds === undefined
      ? undefined
      : fillTemplate(t(times?.state === 'not-yet-valid' ? verdictNoteTexts.skewNotYet : verdictNoteTexts.skewExpired), skewSeconds);
  return {
    kind: v.kind,
    kindLabel: t(verdictKindTexts[v.kind]),
    ...(v.error ? { reason: errorMessage(v.error, t) } : {}),
    ...(repairs.length > 0 ? { repaired: fillTemplate(t(verdictNoteTexts.repaired), repairs.join(t(verdictNoteTexts.listSeparator))) } : {}),
    repairs,
    notes,
    ...(times ? { state: times.state, stateLabel: t(timeStateTexts[times.state]) } : {}),
    ...(skewNote ? { skewNote } : {}),
    claimProblems,
    ...(v.cookie ? { cookie: signedCookieWords(v.cookie, t) } : {}),
  };
}

/** Every English template of the verdict, for the l10n bundles and their test. */
export function verdictTemplates(): string[] {
  return [
    ...new Set([
      ...Object.values(verdictKindTexts),
      ...Object.values(repairTexts),
      ...Object.values(timeStateTexts),
      ...Object.values(verdictNoteTexts),
      ...signedCookieTemplates(),
    ]),
  ];
}
