/**
 * Putting a JWS back together from an edited header and payload, for the inspector's Edit tab:
 * unsigned (`alg: none`, RFC 7519 §6) or with the original token's signature kept (to test that a
 * server checks signatures). Signing proper is `providers/signJwt.ts` (jose, lazily loaded).
 * Pure: no `node:*`, no jose (the extension host loads this file at activation).
 */
import type { DecodedJwt } from './decode';
import type { JsonObject } from './json';

const BASE64URL = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const ascii = new TextDecoder('latin1');

/**
 * Base64url (no padding) of the UTF-8 bytes of `text`. Linear in its length: one table walk into
 * a byte buffer, not `btoa` (slow on megabytes in Node) and no regular-expression passes.
 */
export function base64UrlOfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o] = BASE64URL[n >>> 18]!;
    out[o + 1] = BASE64URL[(n >>> 12) & 63]!;
    out[o + 2] = BASE64URL[(n >>> 6) & 63]!;
    out[o + 3] = BASE64URL[n & 63]!;
    o += 4;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | ((rest > 1 ? bytes[whole + 1]! : 0) << 8);
    out[o++] = BASE64URL[n >>> 18]!;
    out[o++] = BASE64URL[(n >>> 12) & 63]!;
    if (rest > 1) out[o++] = BASE64URL[(n >>> 6) & 63]!;
  }
  return ascii.decode(out.subarray(0, o));
}

/** One segment of a compact JWS: base64url of the object's JSON, keys in the order given. */
export function encodeSegment(value: JsonObject): string {
  return base64UrlOfText(JSON.stringify(value));
}

/**
 * An unsecured JWT: the header with `alg` set to `none`, the payload, and an empty signature.
 *
 * @example
 * unsignedJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'u1' }) // 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1MSJ9.'
 */
export function unsignedJwt(header: JsonObject, payload: JsonObject): string {
  return `${encodeSegment({ ...header, alg: 'none' })}.${encodeSegment(payload)}.`;
}

/**
 * The edited header and payload with the original token's signature, which no longer matches
 * them. A part that was not changed keeps its original bytes (its base64url as the server sent
 * it), so only what the person edited differs.
 *
 * @example
 * withOriginalSignature(decoded, decoded.header, { ...decoded.payload, role: 'admin' }) // 'eyJ…(original).eyJ…(new).<original signature>'
 */
export function withOriginalSignature(original: DecodedJwt, header: JsonObject, payload: JsonObject): string {
  const [h = '', p = ''] = original.raw.split('.', 2);
  const same = (a: JsonObject, b: JsonObject): boolean => JSON.stringify(a) === JSON.stringify(b);
  return `${same(header, original.header) ? h : encodeSegment(header)}.${same(payload, original.payload) ? p : encodeSegment(payload)}.${original.signature}`;
}
