/**
 * The Edit tab's requests (issue 16, "Edit and re-sign"): `editable` asks for the shown token's
 * header and payload as JSON text (sensitive values included: the person asked to edit them) and
 * which remembered keys apply; `sign` sends the edited JSON text back and says what to sign with. `inspectorProtocol.ts` puts them in the message unions and calls the
 * validator here. Nothing here imports `vscode` or the DOM.
 */

/** What to make the new token with. Secrets and key texts travel to the host only, never back. */
export type SignKeyRequest =
  /** HS256/384/512 with a typed secret; `remember` stores it for the token's issuer. */
  | { readonly kind: 'secret'; readonly secret: string; readonly remember: boolean }
  /** The HMAC secret remembered for the token's issuer. */
  | { readonly kind: 'storedSecret' }
  /** The running sandbox's HS256 key, when the token is one of its tokens. */
  | { readonly kind: 'sandboxSecret' }
  /** A PKCS#8 PEM or private JWK; `remember` stores it for the token's issuer. */
  | { readonly kind: 'privateKey'; readonly text: string; readonly remember: boolean }
  /** The private key remembered for the token's issuer. */
  | { readonly kind: 'storedPrivateKey' }
  /** Unsigned (`alg: none`): only after the person confirmed the warning. */
  | { readonly kind: 'none'; readonly confirmed: true }
  /** The edited parts with the original token's signature (to test that the server checks it). */
  | { readonly kind: 'originalSignature' };

export type SignKeyKind = SignKeyRequest['kind'];

/** The `sign` request's fields beside `type` and `seq`. */
export interface SignFields {
  /** The header as JSON text (checked again by the host: `core/editedJson.ts`). */
  readonly header: string;
  readonly payload: string;
  readonly key: SignKeyRequest;
}

/** How the new token was made (the reply; the token itself reaches the webview as the panel's content). */
export type SignedReply = { readonly kind: 'signed'; readonly how: 'signed' | 'unsigned' | 'original-signature'; readonly alg: string };

/** What the Edit tab starts from: the shown token's parts and which remembered keys it can offer. */
export type EditableReply = {
  readonly kind: 'editable';
  /** The header and payload, pretty-printed JSON, complete (not cut like the JSON tab's views). */
  readonly header: string;
  readonly payload: string;
  readonly storedSecret: boolean;
  readonly storedPrivateKey: boolean;
  /** The sandbox secret's name (`AUTHMS_HS256_KEY`) when the token is the running sandbox's. */
  readonly sandboxSecret?: string;
};

/** Upper bounds on what the Edit tab may send. */
export const signLimits = {
  /** Header or payload JSON text. */
  json: 256 * 1024,
  secret: 64 * 1024,
  privateKey: 64 * 1024,
} as const;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: `__proto__` or an inherited one never counts. */
function ownField(obj: Fields, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function boundedText(obj: Fields, key: string, max: number, min: number): string | undefined {
  const v = ownField(obj, key);
  return typeof v === 'string' && v.length >= min && v.length <= max ? v : undefined;
}

function parseSignKey(value: unknown): SignKeyRequest | undefined {
  if (!isFields(value)) return undefined;
  const remember = ownField(value, 'remember');
  switch (ownField(value, 'kind')) {
    case 'secret': {
      const secret = boundedText(value, 'secret', signLimits.secret, 1);
      return secret !== undefined && typeof remember === 'boolean' ? { kind: 'secret', secret, remember } : undefined;
    }
    case 'privateKey': {
      const text = boundedText(value, 'text', signLimits.privateKey, 1);
      return text !== undefined && typeof remember === 'boolean' ? { kind: 'privateKey', text, remember } : undefined;
    }
    case 'storedSecret':
      return { kind: 'storedSecret' };
    case 'storedPrivateKey':
      return { kind: 'storedPrivateKey' };
    case 'sandboxSecret':
      return { kind: 'sandboxSecret' };
    case 'none':
      // Unsigned only when the webview says the warning was confirmed.
      return ownField(value, 'confirmed') === true ? { kind: 'none', confirmed: true } : undefined;
    case 'originalSignature':
      return { kind: 'originalSignature' };
    default:
      return undefined;
  }
}

/**
 * The fields of a `sign` message, checked and copied, or undefined when anything is off.
 *
 * @example
 * parseSignFields({ header: '{"alg":"HS256"}', payload: '{}', key: { kind: 'sandboxSecret' } }) // the same fields
 * parseSignFields({ header: '{}', payload: '{}', key: { kind: 'none' } })                          // undefined: not confirmed
 */
export function parseSignFields(value: Fields): SignFields | undefined {
  const header = boundedText(value, 'header', signLimits.json, 0);
  const payload = boundedText(value, 'payload', signLimits.json, 0);
  const key = parseSignKey(ownField(value, 'key'));
  return header !== undefined && payload !== undefined && key ? { header, payload, key } : undefined;
}
