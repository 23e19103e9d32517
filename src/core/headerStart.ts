/**
 * Does a base64url segment start like a JSON header? The token finder asks this of every
 * candidate, so it reads a few bytes, never the whole text, and decodes nothing it need not.
 * Pure; no `Buffer`, so it runs in the webview and the extension host alike.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const JSON_WS = [0x20, 0x09, 0x0a, 0x0d];
/** What may follow `[` in a JSON array: a value's first character or `]` (`"{[]-0-9tfn`). */
const ARRAY_NEXT: ReadonlySet<number> = new Set([...'"{[]-0123456789tfn'].map((c) => c.charCodeAt(0)));

/**
 * The first two base64url characters of a header that starts like JSON: `{` followed by `"` or
 * whitespace (`ey`, `ew`), whitespace followed by whitespace or `{` (`IC`, `CQ`, `Cg`, `DQ`...,
 * as when a serializer starts the header with CRLF and a tab: `DQoJ…`), `[` and a value, or `"`
 * and a printable character. Derived from the bytes so the set cannot drift from base64. `{}`
 * (`e3`) is left out: a header without `alg` is no token, and `e3…` is common in hex ids.
 */
export const HEADER_STARTS: ReadonlySet<string> = (() => {
  const first2 = (a: number, b: number): string => `${B64URL[a >> 2]}${B64URL[((a & 3) << 4) | (b >> 4)]}`;
  const out = new Set<string>();
  for (const next of [0x22, ...JSON_WS]) out.add(first2(0x7b, next));
  for (const first of JSON_WS) for (const next of [...JSON_WS, 0x7b]) out.add(first2(first, next));
  for (const next of [...ARRAY_NEXT, ...JSON_WS]) out.add(first2(0x5b, next));
  for (let next = 0x20; next < 0x7f; next++) out.add(first2(0x22, next));
  return out;
})();

/** base64url character code -> its 6-bit value, -1 for anything else. */
const B64_VALUE: readonly number[] = (() => {
  const v = new Array<number>(128).fill(-1);
  for (let i = 0; i < 64; i++) v[B64URL.charCodeAt(i)] = i;
  return v;
})();

/** The bytes base64url `s` encodes, up to `max` of them; stops at a non-base64url character. */
function leadingBytes(s: string, max: number): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (B64_VALUE[c] ?? -1) : -1;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

const isJsonWs = (b: number | undefined): boolean => b !== undefined && JSON_WS.includes(b);

/** A whole segment that is a JSON string of printable ASCII (`"…"`): a header, if a wrong one. */
function isJsonStringSegment(seg: string): boolean {
  const bytes = leadingBytes(seg, seg.length);
  if (bytes.length < 2 || bytes[0] !== 0x22 || bytes[bytes.length - 1] !== 0x22) return false;
  let text = '';
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e) return false;
    text += String.fromCharCode(b);
  }
  try {
    return typeof JSON.parse(text) === 'string';
  } catch {
    return false;
  }
}

/** Shortest first segment worth a "malformed" report when it is not `eyJ…`: 6 bytes. */
const MIN_HEADER_CHARS = 8;

/**
 * A first segment that decodes to the start of a JSON header: `{` (after optional whitespace)
 * then whitespace, `"` or `}`, `[` then a value, or a whole JSON string. Such a string that fails to decode
 * is a broken token the user wants explained; the length floor and the second character keep
 * words and identifiers (`eyes.open` is `{'…`, `ewe.js` is short) from being called tokens.
 */
export function jsonHeaderLike(seg: string): boolean {
  if (seg.length < MIN_HEADER_CHARS) return false;
  let b = leadingBytes(seg, 48);
  // A long whitespace run before the brace (a pretty-printer's indent) is still a header.
  if (b.length === 48 && b.every(isJsonWs)) b = leadingBytes(seg, seg.length);
  let i = 0;
  while (isJsonWs(b[i])) i++;
  if (b[i] === 0x7b) return b[i + 1] === 0x22 || b[i + 1] === 0x7d || isJsonWs(b[i + 1]);
  if (i > 0) return false;
  if (b[0] === 0x5b) {
    let j = 1;
    while (isJsonWs(b[j])) j++;
    return b[j] !== undefined && ARRAY_NEXT.has(b[j]!);
  }
  return b[0] === 0x22 && isJsonStringSegment(seg);
}
