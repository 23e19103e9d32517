/**
 * The inspector's `decrypt` request (a JWE, with a key the person gives) and its reply: the
 * fields `inspectorProtocol.ts` adds to its unions, and their validator. Both sides import this
 * file; nothing here imports `vscode` or the DOM. The key goes host-ward only: no reply carries it.
 */
import type { PlaintextView } from '../core/jwePlaintext';
import type { DecryptFailure } from '../providers/decryptResult';

/** `secret`: a shared key (`dir`, AES key wrap) or a PBES2 password; `privateKey`: RSA / EC / X25519, PEM or JWK. */
export type DecryptKeyKind = 'secret' | 'privateKey';
export const decryptKeyKinds: readonly DecryptKeyKind[] = ['secret', 'privateKey'];

/** The key material. Secret: never logged, never stored, never sent back. */
export interface DecryptKeyRequest {
  readonly kind: DecryptKeyKind;
  readonly text: string;
}

/** The `decrypt` request's fields beside `type` and `seq`. */
export interface DecryptFields {
  readonly key: DecryptKeyRequest;
  /** After decrypting, show the nested token in the panel (as a token AuthLens derived). */
  readonly inspectInner: boolean;
}

/** What a decryption showed: the plaintext, or exactly why not. */
export type DecryptView =
  | { readonly ok: true; readonly alg: string; readonly enc: string; readonly keyDescription: string; readonly plaintext: PlaintextView }
  | { readonly ok: false; readonly alg?: string; readonly enc?: string; readonly failure: DecryptFailure };

export type DecryptedReply = { readonly kind: 'decrypted'; readonly view: DecryptView };

/** Upper bound on the key text the webview may send (a 16384-bit RSA JWK is about 12 KiB). */
export const decryptLimits = { key: 64 * 1024 } as const;

type Untrusted = Record<string, unknown>;

function isUntrusted(value: unknown): value is Untrusted {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: Untrusted, name: string): unknown {
  // Own properties only: an inherited or `__proto__` key never counts.
  return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
}

/**
 * Checks the fields of a `decrypt` message from the webview; a fresh object with only the known
 * fields, or undefined (the host then ignores the message).
 *
 * @example
 * parseDecryptFields({ type: 'decrypt', seq: 1, key: { kind: 'secret', text: 'pw' }, inspectInner: false }) // { key, inspectInner }
 */
export function parseDecryptFields(value: Untrusted): DecryptFields | undefined {
  const key = field(value, 'key');
  const inspectInner = field(value, 'inspectInner');
  if (!isUntrusted(key) || typeof inspectInner !== 'boolean') return undefined;
  const kind = field(key, 'kind');
  const text = field(key, 'text');
  if (typeof kind !== 'string' || !(decryptKeyKinds as readonly string[]).includes(kind)) return undefined;
  if (typeof text !== 'string' || text.length < 1 || text.length > decryptLimits.key) return undefined;
  return { key: { kind: kind as DecryptKeyKind, text }, inspectInner };
}
