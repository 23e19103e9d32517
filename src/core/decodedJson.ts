/**
 * The content of a "decoded token" JSON document: what the token is, what was stripped to read
 * it, header, payload, its time state and time claims in words, and the warnings. The kind,
 * reason, repairs and time words come from the token verdict (`core/verdict.ts`), the same as
 * the hover's and the inspector's. Pure (no `vscode`): strings arrive through a
 * {@link Translate}, time as `now`. It never contains the raw token or its signature.
 */
import { cookieDocumentJson } from './cookieDocument';
import type { DecodedJwt } from './decode';
import type { JsonObject } from './json';
import { english, fillTemplate, type Translate } from './template';
import { defaultCountdownStrings, defaultRelativeStrings, formatCountdown, formatRelative, localiseStrings } from './time';
import { TOKEN_TIME_CLAIMS, tokenTimes } from './tokenTime';
import { tokenVerdict, type Repair, type TokenVerdict } from './verdict';
import { verdictWords, type VerdictWords } from './verdictText';
import { tokenWarnings, type TokenWarning } from './warnings';

/** English templates of this module (also keys of the l10n bundles). */
export const decodedJsonStrings = {
  notVerified: 'Decoded, NOT verified: the signature has not been checked.',
  signature: '{0} characters, not verified',
  noSignature: 'none (unsigned token)',
  /** `{0}` = ISO instant, `{1}` = relative text ("in 4m", "expired 3h ago"). */
  instant: '{0} ({1})',
  notANumber: 'not a NumericDate (seconds since 1970)',
  encrypted: 'Encrypted: the claims cannot be read without the decryption key.',
} as const;

/** The verdict of a decoded token taken as it is (no repairs), for callers without one. */
function verdictOf(token: DecodedJwt, now: number): TokenVerdict {
  const alg = token.header['alg'];
  return {
    kind: typeof alg === 'string' && alg.toLowerCase() === 'none' ? 'unsecured' : 'jws',
    token: token.raw,
    repairs: [],
    invalidUtf8: token.invalidUtf8 ?? [],
    times: tokenTimes(token.payload, now),
    decoded: token,
  };
}

/** The verdict's words as document fields: kind, what was stripped, notes, time state. */
function verdictFields(words: VerdictWords): JsonObject {
  const out: JsonObject = { kind: words.kindLabel };
  if (words.repaired) out.repaired = words.repaired;
  if (words.notes.length > 0) out.notes = [...words.notes];
  if (words.stateLabel) out.state = words.stateLabel;
  if (words.skewNote) out.stateNote = words.skewNote;
  return out;
}

/** Builds the document object; `JSON.stringify(result, null, 2)` is the text. */
export function decodedJson(
  token: DecodedJwt,
  warnings: readonly TokenWarning[],
  now: number,
  t: Translate = english,
  verdict: TokenVerdict = verdictOf(token, now),
): JsonObject {
  const words = verdictWords(verdict, t);
  const times: JsonObject = {};
  const countdown = localiseStrings(defaultCountdownStrings, t);
  const relative = localiseStrings(defaultRelativeStrings, t);
  const claims = verdict.times?.claims ?? tokenTimes(token.payload, now).claims;
  for (const claim of TOKEN_TIME_CLAIMS) {
    const read = claims[claim];
    if (read === undefined) continue;
    const problem = words.claimProblems[claim];
    if (read.status !== 'ok' || problem !== undefined) {
      times[claim] = problem ?? t(decodedJsonStrings.notANumber);
      continue;
    }
    const words2 = claim === 'exp' ? formatCountdown(read.ms - now, countdown) : formatRelative(read.ms - now, relative);
    times[claim] = fillTemplate(t(decodedJsonStrings.instant), new Date(read.ms).toISOString(), words2);
  }
  const doc: JsonObject = {
    status: t(decodedJsonStrings.notVerified),
    ...verdictFields(words),
    header: token.header,
    payload: token.payload,
    signature: token.signature ? fillTemplate(t(decodedJsonStrings.signature), token.signature.length) : t(decodedJsonStrings.noSignature),
  };
  if (Object.keys(times).length > 0) doc.times = times;
  doc.warnings = warnings.map((w) => {
    const o: JsonObject = { severity: w.severity, code: w.code, message: w.message };
    if (w.hint) o.hint = w.hint;
    if (w.field) o.field = w.field;
    return o;
  });
  return doc;
}

/** What the document command shows for an input: a document, or why there is none. */
export type DecodedDocument =
  | { readonly ok: true; readonly verdict: TokenVerdict; readonly json: JsonObject; readonly warnings: readonly TokenWarning[] }
  | { readonly ok: false; readonly verdict: TokenVerdict; readonly message: string };

/**
 * The document for a pasted or selected token: its verdict rendered. A JWE gets its protected
 * header; a signed cookie its parts (`cookieDocument.ts`); a malformed or opaque value gets the verdict's reason (and what was stripped first).
 */
export function decodedDocumentFor(input: string, now: number, t: Translate = english, stripped?: readonly Repair[]): DecodedDocument {
  const verdict = tokenVerdict(input, now, stripped ? { stripped } : undefined);
  const words = verdictWords(verdict, t);
  if (verdict.decoded) {
    const warnings = tokenWarnings(verdict.decoded, now, { t });
    return { ok: true, verdict, warnings, json: decodedJson(verdict.decoded, warnings, now, t, verdict) };
  }
  if (verdict.kind === 'jwe' && verdict.header) {
    const json: JsonObject = { status: t(decodedJsonStrings.encrypted), ...verdictFields(words), header: verdict.header };
    return { ok: true, verdict, warnings: [], json };
  }
  if (verdict.kind === 'signed-cookie') return { ok: true, verdict, warnings: [], json: cookieDocumentJson(verdict, t) };
  const reason = words.reason ?? words.kindLabel;
  return { ok: false, verdict, message: words.repaired ? `${reason} ${words.repaired}` : reason };
}
