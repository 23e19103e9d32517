/**
 * The field tables of the Sessions tooltips, built from hostile data. Pure (no vscode), so the
 * escaping is unit-tested directly. The tree wraps the result in a `MarkdownString` with
 * `supportHtml` off and no trusted commands; every cell goes through `escapeMarkdown`
 * (core/hostileText.ts), so a value such as `[x](command:workbench.action.terminal.new)` or
 * `<img src=x onerror=...>` reads as text.
 */
import { escapeMarkdown } from '../core/hostileText';
import type { Json, JsonObject } from '../core/json';
import { redact } from '../core/redact';
import type { Translate } from '../core/template';

/** Longest value shown in a tooltip cell, in characters. */
export const maxCellLength = 160;
/** Most rows of raw fields shown in one tooltip. */
export const maxRawRows = 60;

/**
 * Tooltip text: escaped for inline markdown and cut to `max` characters, because a tooltip
 * line from a server can be a megabyte long.
 *
 * @example tooltipText('[x](command:evil)') // => '\\[x\\]\\(command\\:evil\\)'
 */
export function tooltipText(text: string, max = maxCellLength): string {
  return escapeMarkdown(text, max);
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
  const lines = [`| ${tooltipText(headers[0])} | ${tooltipText(headers[1])} |`, '|---|---|'];
  for (const r of rows) lines.push(`| ${tooltipText(r.label, 80)} | ${tooltipText(r.value)} |`);
  return lines.join('\n');
}
