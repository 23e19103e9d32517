/**
 * The `privateKey` credential of an `oidc` entry (for `private_key_jwt`): a PKCS#8 PEM or a
 * private JWK, as pasted or read from a file. Read here into a key jose signs with, its
 * algorithm (the JWK's `alg`, else the first one the server accepts for the key type) and `kid`.
 * Nothing here ever puts key text into an error.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { importJWK, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { AuthLensError } from '../../core/errors';

/** Why a pasted key cannot be used; Set Credential turns each into a localised sentence. */
export type PrivateKeyProblem =
  | 'empty'
  /** `-----BEGIN RSA PRIVATE KEY-----`: PKCS#1, convert with `openssl pkcs8 -topk8 -nocrypt`. */
  | 'pkcs1'
  /** `-----BEGIN EC PRIVATE KEY-----`: SEC1, same conversion. */
  | 'sec1'
  /** `-----BEGIN ENCRYPTED PRIVATE KEY-----`: decrypt it first. */
  | 'encrypted'
  /** A public key or a certificate, not a private key. */
  | 'public-key'
  /** Neither a PEM block nor a JSON object. */
  | 'not-pem-or-jwk'
  /** PEM or JSON that does not parse as a private key. */
  | 'unreadable'
  /** A JWK without its private part (`d`). */
  | 'jwk-public'
  /** A key type or curve jose cannot sign `private_key_jwt` with (only RSA, P-256/384/521, Ed25519). */
  | 'unsupported-type';

/** English for each problem, for error details and logs (the editor shows its own l10n). */
export const privateKeyProblemText: Readonly<Record<PrivateKeyProblem, string>> = {
  empty: 'the private key is empty',
  pkcs1: 'PKCS#1 RSA key: convert it with openssl pkcs8 -topk8 -nocrypt',
  sec1: 'SEC1 EC key: convert it with openssl pkcs8 -topk8 -nocrypt',
  encrypted: 'encrypted PKCS#8 key: decrypt it first',
  'public-key': 'this is a public key or certificate, not a private key',
  'not-pem-or-jwk': 'neither a PKCS#8 PEM nor a JWK',
  unreadable: 'the key does not parse',
  'jwk-public': 'the JWK has no private part (d)',
  'unsupported-type': 'only RSA, EC P-256/P-384/P-521 and Ed25519 keys are supported',
};

/** A key ready to sign client assertions. */
export interface ClientPrivateKey {
  readonly key: CryptoKey;
  readonly alg: string;
  readonly kid?: string;
}

type Parsed =
  | { readonly ok: true; readonly format: 'pem'; readonly pem: string; readonly key: KeyObject }
  | { readonly ok: true; readonly format: 'jwk'; readonly jwk: JWK; readonly key: KeyObject };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * A PEM block rebuilt with line breaks: an input box turns a pasted multi-line PEM into one line
 * (spaces or nothing where the breaks were), which no parser reads.
 */
export function normalisePem(text: string): { label: string; pem: string } | undefined {
  const m = PEM_BLOCK.exec(text);
  if (!m) return undefined;
  const label = m[1] ?? '';
  const body = (m[2] ?? '').replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return { label, pem: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n` };
}

function parse(text: string): Parsed | { readonly ok: false; readonly problem: PrivateKeyProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
    // A JWK Set holding one key is accepted too (what `jose` and key tools print).
    const keys = typeof data === 'object' && data !== null ? (data as { keys?: unknown }).keys : undefined;
    const jwk = Array.isArray(keys) && keys.length === 1 ? (keys[0] as unknown) : data;
    if (typeof jwk !== 'object' || jwk === null || typeof (jwk as JWK).kty !== 'string') return { ok: false, problem: 'unreadable' };
    if (typeof (jwk as JWK).d !== 'string') return { ok: false, problem: 'jwk-public' };
    try {
      return { ok: true, format: 'jwk', jwk, key: createPrivateKey({ key: jwk as never, format: 'jwk' }) };
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
  }
  const block = normalisePem(trimmed);
  if (!block) return { ok: false, problem: 'not-pem-or-jwk' };
  if (block.label === 'RSA PRIVATE KEY') return { ok: false, problem: 'pkcs1' };
  if (block.label === 'EC PRIVATE KEY') return { ok: false, problem: 'sec1' };
  if (block.label === 'ENCRYPTED PRIVATE KEY') return { ok: false, problem: 'encrypted' };
  if (block.label !== 'PRIVATE KEY') return { ok: false, problem: /PUBLIC KEY|CERTIFICATE/.test(block.label) ? 'public-key' : 'not-pem-or-jwk' };
  try {
    return { ok: true, format: 'pem', pem: block.pem, key: createPrivateKey({ key: block.pem, format: 'pem' }) };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

/** The algorithms a key can sign with, preferred first. */
function algorithmsFor(key: KeyObject): readonly string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'prime256v1' ? ['ES256'] : curve === 'secp384r1' ? ['ES384'] : curve === 'secp521r1' ? ['ES512'] : [];
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      return [];
  }
}

/**
 * Reads the key and imports it with jose. The algorithm is the JWK's `alg` when it has one,
 * else the first one of the key's type that `serverAlgs` (the discovery document's
 * `token_endpoint_auth_signing_alg_values_supported`) names, else the type's usual one.
 *
 * @example
 * const { key, alg, kid } = await importClientPrivateKey(pem, ['ES256']);
 */
export async function importClientPrivateKey(text: string, serverAlgs?: readonly string[]): Promise<ClientPrivateKey> {
  const parsed = parse(text);
  const fail = (problem: PrivateKeyProblem): AuthLensError =>
    new AuthLensError(
      'config-invalid',
      { where: `privateKey credential: ${privateKeyProblemText[problem]}` },
      `config-invalid: privateKey credential: ${privateKeyProblemText[problem]}`,
    );
  if (!parsed.ok) throw fail(parsed.problem);
  const usable = algorithmsFor(parsed.key);
  if (usable.length === 0) throw fail('unsupported-type');
  const jwkAlg = parsed.format === 'jwk' && typeof parsed.jwk.alg === 'string' ? parsed.jwk.alg : undefined;
  const alg = jwkAlg ?? usable.find((a) => serverAlgs?.includes(a)) ?? usable[0] ?? 'RS256';
  try {
    if (parsed.format === 'jwk') {
      const key = await importJWK({ ...parsed.jwk, alg }, alg);
      if (key instanceof Uint8Array) throw fail('unsupported-type');
      const kid = typeof parsed.jwk.kid === 'string' && parsed.jwk.kid !== '' ? parsed.jwk.kid : undefined;
      return { key, alg, ...(kid !== undefined ? { kid } : {}) };
    }
    return { key: await importPKCS8(parsed.pem, alg), alg };
  } catch (err) {
    if (err instanceof AuthLensError) throw err;
    throw fail('unreadable');
  }
}

/**
 * What is wrong with a pasted key, or undefined when jose can sign with it (Set Credential
 * checks before storing, so a bad key is never kept).
 */
export async function privateKeyProblem(text: string): Promise<PrivateKeyProblem | undefined> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed.problem;
  if (algorithmsFor(parsed.key).length === 0) return 'unsupported-type';
  try {
    await importClientPrivateKey(text);
    return undefined;
  } catch {
    return 'unreadable';
  }
}

/** The key text in the form it is stored: a PEM with its line breaks back, or the JWK as sent. */
export function storedPrivateKeyText(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? trimmed : (normalisePem(trimmed)?.pem ?? trimmed);
}
