/**
 * Side-by-side comparison of two tokens: every leaf of header and payload by path, marked
 * same / changed / added / removed. Pure and bounded like the view model.
 */
import type { DecodedJwt } from '../core/decode';
import { isJsonObject, type Json } from '../core/json';
import { childPath, sensitiveFields } from '../core/warnings';
import type { CompareModel, CompareRow } from '../shared/inspectorModel';
import { displayText, ownEntries, preview } from './boundedJson';

const MAX_ROWS = 1500;
const MAX_DEPTH = 8;
const MAX_VALUE = 300;

/** Leaves of a value as (path, canonical JSON) pairs, in document order, bounded. */
function leaves(value: Json, prefix: string, out: Map<string, string>, depth: number): boolean {
  if (out.size >= MAX_ROWS * 2) return true;
  const isArr = Array.isArray(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object' || (isArr ? value.length === 0 : Object.keys(value).length === 0)) {
    out.set(prefix, preview(value, MAX_VALUE * 4));
    return depth >= MAX_DEPTH;
  }
  const entries: [string, Json][] = isArr
    ? value.slice(0, 500).map((v, i) => [`${prefix}[${i}]`, v])
    : ownEntries(value)
        .slice(0, 500)
        .map(([k, v]) => [childPath(prefix, k), v as Json]);
  let cut = entries.length < (isArr ? value.length : Object.keys(value).length);
  for (const [p, v] of entries) cut = leaves(v, p, out, depth + 1) || cut;
  return cut;
}

function masks(token: DecodedJwt): Set<string> {
  return new Set([
    ...sensitiveFields(token.header, 'header')
      .filter((f) => !f.empty)
      .map((f) => f.path),
    ...sensitiveFields(token.payload, 'payload')
      .filter((f) => !f.empty)
      .map((f) => f.path),
  ]);
}

function shown(path: string, value: string | undefined, masked: ReadonlySet<string>): string | undefined {
  if (value === undefined) return undefined;
  if ([...masked].some((m) => path === m || path.startsWith(`${m}.`) || path.startsWith(`${m}[`))) return '••••••';
  return displayText(value, MAX_VALUE).text;
}

/**
 * Compares `left` (the inspected token) with `right`.
 *
 * @example
 * const cmp = compareTokens(a, b, 'Pasted token');
 * cmp.rows.filter((r) => r.change !== 'same')
 */
export function compareTokens(left: DecodedJwt, right: DecodedJwt, rightLabel: string): CompareModel {
  const l = new Map<string, string>();
  const r = new Map<string, string>();
  let cut = false;
  for (const [side, token] of [
    [l, left],
    [r, right],
  ] as const) {
    cut = leaves(isJsonObject(token.header) ? token.header : {}, 'header', side, 0) || cut;
    cut = leaves(isJsonObject(token.payload) ? token.payload : {}, 'payload', side, 0) || cut;
  }
  const masked = new Set([...masks(left), ...masks(right)]);
  const paths = [...l.keys(), ...[...r.keys()].filter((k) => !l.has(k))];
  const rows: CompareRow[] = [];
  let differences = 0;
  for (const path of paths) {
    const a = l.get(path);
    const b = r.get(path);
    const change: CompareRow['change'] = a === undefined ? 'added' : b === undefined ? 'removed' : a === b ? 'same' : 'changed';
    if (change !== 'same') differences++;
    if (rows.length >= MAX_ROWS) continue;
    const left = shown(path, a, masked);
    const right = shown(path, b, masked);
    rows.push({ path: displayText(path, 300).text, ...(left !== undefined ? { left } : {}), ...(right !== undefined ? { right } : {}), change });
  }
  return { rows, rightLabel: displayText(rightLabel, 200).text, differences, truncated: cut || paths.length > rows.length };
}
