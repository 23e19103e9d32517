/**
 * The "decoded token" JSON document of a signed session cookie: its format, what was stripped,
 * each part with what it is, and a Flask payload decoded. Like the JWT document it never holds
 * the whole value: the signature is shown by its length, and it says the signature was not checked.
 */
import type { Json, JsonObject } from './json';
import { issuedAtIso } from './signedCookieText';
import { english, fillTemplate, type Translate } from './template';
import type { TokenVerdict } from './verdict';
import { verdictWords } from './verdictText';

/** English templates of this module (keys of the l10n bundles). */
export const cookieDocumentStrings = {
  /** `{0}` = characters. */
  signature: '{0} characters, not checked',
} as const;

/** The document object of a `signed-cookie` verdict; `JSON.stringify(result, null, 2)` is the text. */
export function cookieDocumentJson(verdict: TokenVerdict, t: Translate = english): JsonObject {
  const words = verdictWords(verdict, t);
  const cookie = verdict.cookie;
  const doc: JsonObject = { status: words.cookie?.notChecked ?? '', kind: words.kindLabel };
  if (words.cookie) doc.format = words.cookie.formatLabel;
  if (words.repaired) doc.repaired = words.repaired;
  if (words.cookie && words.cookie.notes.length > 0) doc.notes = [...words.cookie.notes];
  doc.parts = (words.cookie?.parts ?? []).map((p): JsonObject => ({
    part: p.label,
    value: p.role === 'signature' ? fillTemplate(t(cookieDocumentStrings.signature), p.text.length) : p.text,
    meaning: p.explanation,
  }));
  if (cookie) doc.algorithm = cookie.algorithm;
  const issued = cookie?.issuedAt !== undefined ? issuedAtIso(cookie.issuedAt) : undefined;
  if (issued !== undefined) doc.issuedAt = issued;
  const payload: Json | undefined = cookie?.payload?.json;
  if (payload !== undefined) doc.payload = payload;
  return doc;
}

/** Every English template of the cookie document, for the l10n bundles and their test. */
export function cookieDocumentTemplates(): string[] {
  return Object.values(cookieDocumentStrings);
}
