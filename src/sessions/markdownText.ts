/**
 * Markdown text for tooltips built from hostile data. Pure (no vscode), so the escaping is
 * unit-tested directly. The tree wraps the result in a `MarkdownString` with `supportHtml`
 * off and no trusted commands; this module makes sure that, even so, a value such as
 * `[x](command:workbench.action.terminal.new)` or `<img src=x onerror=...>` reads as text.
 */
import type { Json, JsonObject } from '../core/json';
import { redact } from '../core/redact';
import type { Translate } from '../core/template';

/** Longest value shown in a tooltip cell, in characters. */
export const maxCellLength = 160;
/** Most rows of raw fields shown in one tooltip. */
export const maxRawRows = 60;

// C0/C1 controls, zero-width and bidi overrides: these can hide or reorder what a person reads.
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Escapes text for inline Markdown: every ASCII punctuation character gets a backslash
 * (CommonMark allows that for all of them), line breaks become spaces, invisible and bidi
 * control characters become U+FFFD, and the text is cut to `max` characters.
 *
 * @example
 * escapeMarkdown('[x](command:evil)') // => '\\[x\\]\\(command\\:evil\\)'
 */
export function escapeMarkdown(text: string, max = maxCellLength): string {
  let t = text.length > max ? `${text.slice(0, max)}…` : text;
  t = t.replace(invisible, '\ufffd').replace(/[\r\n\u2028\u2029]+/g, ' ');
  return t.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Field names whose values are secrets: shown shortened, never in full. */
const secretKey = /token|secret|password|passwd|salt|cookie|hash|credential|private|api[_-]?key/i;

/**
 * A secret shortened for display by the log's rule (`redact`): a 6-character prefix only for
 * secrets of 12 characters or more, shorter ones fully masked (6 of 8 characters of a password
 * would give it away).
 */
export function maskSecret(value: string, t?: Translate): string {
  return redact(value, t);
}

export interface FieldRow {
  readonly path: string;
  readonly value: string;
  readonly secret: boolean;
}

/**
 * Flattens a JSON object into `path: value` rows (depth-limited, at most {@link maxRawRows}),
 * masking values whose key looks like a secret.
 */
export function flattenFields(obj: JsonObject, prefix = '', depth = 0, out: FieldRow[] = [], t?: Translate): FieldRow[] {
  for (const key of Object.keys(obj)) {
    if (out.length >= maxRawRows) break;
    const value: Json | undefined = obj[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 3) {
      if (secretKey.test(key)) out.push({ path, value: '{…}', secret: true });
      else flattenFields(value, path, depth + 1, out, t);
      continue;
    }
    const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    const secret = secretKey.test(key) && text !== '' && text !== 'null' && typeof value !== 'boolean';
    out.push({ path, value: secret ? maskSecret(text, t) : text, secret });
  }
  return out;
}

/** One Markdown table of fields; every cell escaped. */
export function fieldsTable(rows: readonly { label: string; value: string }[], headers: readonly [string, string]): string {
  if (rows.length === 0) return '';
  const lines = [`| ${escapeMarkdown(headers[0])} | ${escapeMarkdown(headers[1])} |`, '|---|---|'];
  for (const r of rows) lines.push(`| ${escapeMarkdown(r.label, 80)} | ${escapeMarkdown(r.value)} |`);
  return lines.join('\n');
}
