/**
 * Reading the JSON the person typed in the inspector's Edit tab: the header (an object with a
 * string `alg`) or the payload (an object). The webview checks as the person types; the host
 * checks again what the webview sends (it is hostile). Linear in the text's length.
 */
import { jsonDepthExceeds, MAX_JSON_DEPTH, MAX_TOKEN_LENGTH } from './decode';
import { isJsonObject, type JsonObject } from './json';

export type EditedPart = 'header' | 'payload';

/** Why the text cannot be used; the views turn each into a sentence. */
export type EditedJsonProblem =
  /** Not JSON: where the parser stopped (1-based line and column), when it says. */
  | { readonly code: 'syntax'; readonly line?: number; readonly column?: number }
  | { readonly code: 'not-object' }
  /** Header only: no `alg`, or one that is not a non-empty string. */
  | { readonly code: 'missing-alg' }
  | { readonly code: 'too-deep'; readonly limit: number }
  | { readonly code: 'too-large'; readonly limit: number };

export type EditedJsonResult = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly problem: EditedJsonProblem };

/** Largest header or payload text accepted (the size of a token AuthLens decodes). */
export const MAX_EDITED_JSON = MAX_TOKEN_LENGTH;

/** 1-based line and column of the character at `index`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(index, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** Where `JSON.parse` stopped, from its message (V8: "... at position 12" or "Unexpected end of JSON input"). */
function syntaxProblem(text: string, err: unknown): EditedJsonProblem {
  const message = err instanceof Error ? err.message.slice(0, 300) : '';
  const position = /position (\d{1,9})/.exec(message);
  const index = position ? Number(position[1]) : /end of JSON input|Unterminated/.test(message) ? text.length : undefined;
  return index === undefined ? { code: 'syntax' } : { code: 'syntax', ...lineAndColumn(text, index) };
}

/**
 * Parses the text of one part.
 *
 * @example
 * parseEditedJson('{"alg":"HS256"}', 'header')       // { ok: true, value: { alg: 'HS256' } }
 * parseEditedJson('{\n  "sub": 1,\n}', 'payload')     // { ok: false, problem: { code: 'syntax', line: 3, column: 1 } }
 * parseEditedJson('[1]', 'payload')                  // { ok: false, problem: { code: 'not-object' } }
 */
export function parseEditedJson(text: string, part: EditedPart): EditedJsonResult {
  if (text.length > MAX_EDITED_JSON) return { ok: false, problem: { code: 'too-large', limit: MAX_EDITED_JSON / 1024 } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: syntaxProblem(text, err) };
  }
  if (!isJsonObject(value)) return { ok: false, problem: { code: 'not-object' } };
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) return { ok: false, problem: { code: 'too-deep', limit: MAX_JSON_DEPTH } };
  if (part === 'header') {
    const alg = value['alg'];
    if (typeof alg !== 'string' || alg.length === 0) return { ok: false, problem: { code: 'missing-alg' } };
  }
  return { ok: true, value };
}
