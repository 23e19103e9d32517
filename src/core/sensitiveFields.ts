/**
 * Secrets inside decoded JSON (passwords, hashes, salts, keys, tokens) found by field name, for
 * warnings and masking; `warnings.ts` re-exports these.
 */
import { isJsonObject, type Json } from './json';

/** What kind of secret a {@link SensitiveField} is. */
export type SensitiveKind = 'password' | 'password-hash' | 'salt' | 'secret' | 'private-key' | 'refresh-token' | 'access-token' | 'api-key';

export interface SensitiveField {
  /** JSON path from the root, e.g. `userInfo.password`, `items[0].salt`. */
  readonly path: string;
  /** The key as it appears. */
  readonly name: string;
  readonly kind: SensitiveKind;
  /** True when the value is null, empty or `false`: the field exists but leaks nothing. */
  readonly empty: boolean;
}

/**
 * Sensitive names, compared case-insensitively with `_` and `-` removed. Exact names only:
 * `passwordSecurityLevel` or `resetPasswordOnFirstLogin` are not secrets.
 */
const SENSITIVE = new Map<string, SensitiveKind>([
  ['password', 'password'],
  ['passwd', 'password'],
  ['pwd', 'password'],
  ['plainpassword', 'password'],
  ['newpassword', 'password'],
  ['oldpassword', 'password'],
  ['passwordhash', 'password-hash'],
  ['hashedpassword', 'password-hash'],
  ['encryptedpassword', 'password-hash'],
  ['passwordhashed', 'password-hash'],
  ['passwordencrypted', 'password-hash'],
  ['salt', 'salt'],
  ['passwordsalt', 'salt'],
  ['secret', 'secret'],
  ['clientsecret', 'secret'],
  ['appsecret', 'secret'],
  ['apisecret', 'secret'],
  ['secretkey', 'secret'],
  ['secretinfo', 'secret'],
  ['sharedsecret', 'secret'],
  ['otpsecret', 'secret'],
  ['totpsecret', 'secret'],
  ['mfasecret', 'secret'],
  ['twofactorsecret', 'secret'],
  ['backupcodes', 'secret'],
  ['recoverycodes', 'secret'],
  ['privatekey', 'private-key'],
  ['signingkey', 'private-key'],
  ['refreshtoken', 'refresh-token'],
  ['accesstoken', 'access-token'],
  ['apikey', 'api-key'],
]);

/** Deepest level {@link sensitiveFields} walks, and the most nodes it visits. */
export const SENSITIVE_MAX_DEPTH = 32;

const SENSITIVE_MAX_NODES = 100_000;

/** Null, empty string, `false`, empty array or object: a field that exists but holds nothing. */
export function isEmptyValue(v: Json): boolean {
  return v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);
}

/** The JSON path of `key` under `parent` (`a.b`, `a["x-y"]`): the syntax every sensitive-field path uses. */
export function childPath(parent: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (plain) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Finds fields that hold secrets (password, passwordHash, encryptedPassword, salt, secret,
 * client_secret, otp/totp secrets, privateKey, refreshToken/refresh_token, accessToken, apiKey…)
 * anywhere in a JSON value, walking at most 32 levels deep and 100,000 nodes, without recursion.
 * `path` prefixes the reported paths.
 *
 * @example
 * sensitiveFields({ userInfo: { password: '1b6d…', salt: 'eZH…', encryptedPassword: null } })
 * // [{ path: 'userInfo.password', kind: 'password', empty: false, … },
 * //  { path: 'userInfo.salt', kind: 'salt', empty: false, … },
 * //  { path: 'userInfo.encryptedPassword', kind: 'password-hash', empty: true, … }]
 */
export function sensitiveFields(value: Json, path = ''): SensitiveField[] {
  const out: SensitiveField[] = [];
  const queue: { v: Json; p: string; d: number }[] = [{ v: value, p: path, d: 0 }];
  let visited = 0;
  // Breadth-first, so the shallow (most visible) findings come first.
  for (let qi = 0; qi < queue.length && visited < SENSITIVE_MAX_NODES; qi++) {
    const { v, p, d } = queue[qi]!;
    visited++;
    if (d >= SENSITIVE_MAX_DEPTH || typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (typeof item === 'object' && item !== null && queue.length < SENSITIVE_MAX_NODES) queue.push({ v: item, p: `${p}[${i}]`, d: d + 1 });
      });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = v[key] as Json;
      const kind = SENSITIVE.get(key.toLowerCase().replace(/[_-]/g, ''));
      const cp = childPath(p, key);
      if (kind) out.push({ path: cp, name: key, kind, empty: isEmptyValue(child) });
      if (typeof child === 'object' && child !== null && queue.length < SENSITIVE_MAX_NODES) queue.push({ v: child, p: cp, d: d + 1 });
    }
  }
  return out;
}
