/**
 * Putting a JWS back together from an edited header and payload, for the inspector's Edit tab:
 * unsigned (`alg: none`, RFC 7519 §6) or with the original token's signature kept (to test that a
 * server checks signatures). Signing proper is `providers/signJwt.ts` (jose, lazily loaded).
 * Pure: no `node:*`, no jose (the extension host loads this file at activation).
 */
import type { DecodedJwt } from './decode';
import type { JsonObject } from './json';

/** Base64url (no padding) of the UTF-8 bytes of `text`. Linear in its length. */
export function base64UrlOfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Chunks keep `String.fromCharCode` far from the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
