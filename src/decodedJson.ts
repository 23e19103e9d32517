/**
 * The content of a "decoded token" JSON document: header, payload, time claims in words and
 * the warnings. Pure (no `vscode`): strings arrive through a {@link Translate}, time as `now`.
 * It never contains the raw token or its signature, only the decoded JSON.
 */
import type { DecodedJwt } from './core/decode';
import type { Json, JsonObject } from './core/json';
import { english, fillTemplate, type Translate } from './core/template';
import {
  defaultCountdownStrings,
  defaultRelativeStrings,
  formatCountdown,
  formatRelative,
  localiseStrings,
  timeState,
} from './core/time';
import type { TokenWarning } from './core/warnings';

/** English templates of this module (also keys of the l10n bundles). */
export const decodedJsonStrings = {
  notVerified: 'Decoded, NOT verified: the signature has not been checked.',
  signature: '{0} characters, not verified',
  noSignature: 'none (unsigned token)',
  /** `{0}` = ISO instant, `{1}` = relative text ("in 4m", "expired 3h ago"). */
  instant: '{0} ({1})',
  notANumber: 'not a NumericDate (seconds since 1970)',
} as const;

/** Time claims shown with their ISO instant and a relative text, in this order. */
const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;

/** Builds the document object; `JSON.stringify(result, null, 2)` is the text. */
export function decodedJson(
  token: DecodedJwt,
  warnings: readonly TokenWarning[],
  now: number,
  t: Translate = english,
): JsonObject {
  const times: JsonObject = {};
  const countdown = localiseStrings(defaultCountdownStrings, t);
  const relative = localiseStrings(defaultRelativeStrings, t);
  for (const claim of TIME_CLAIMS) {
    const v: Json | undefined = token.payload[claim];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      times[claim] = t(decodedJsonStrings.notANumber);
      continue;
    }
    const ms = v * 1000;
    const iso = Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(v);
    const words =
      claim === 'exp'
        ? formatCountdown(timeState({ exp: v }, now, { skewMs: 0 }).msLeft ?? ms - now, countdown)
        : formatRelative(ms - now, relative);
    times[claim] = fillTemplate(t(decodedJsonStrings.instant), iso, words);
  }
  const doc: JsonObject = {
    status: t(decodedJsonStrings.notVerified),
    header: token.header,
    payload: token.payload,
    signature: token.signature
      ? fillTemplate(t(decodedJsonStrings.signature), token.signature.length)
      : t(decodedJsonStrings.noSignature),
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
