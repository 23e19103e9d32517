/**
 * The TLS client certificate of a provider (`tlsClientCertificate` / `tlsClientKey`, for
 * `tls_client_auth`, RFC 8705): two PEM files read when the first connection is made. The key's
 * text never reaches an error; the messages name the setting and the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { AuthLensError } from '../core/errors';

/** Larger files are no certificate or key (a chain of a few certificates is a few KB). */
const MAX_PEM_BYTES = 1024 * 1024;

/** Where the certificate and its key are (the settings, as written). */
export interface ClientCertificateFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** What undici's `connect` options take. */
export interface ClientCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** A settings path made absolute: `~/x` under the home folder; anything else must be absolute already. */
export function resolveSettingPath(path: string, home: string = homedir()): string | undefined {
  const p = path.trim();
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return join(home, p.slice(2));
  return isAbsolute(p) ? p : undefined;
}

function readPem(setting: 'tlsClientCertificate' | 'tlsClientKey', path: string, label: RegExp, home: string): Buffer {
  const resolved = resolveSettingPath(path, home);
  const fail = (why: string): AuthLensError =>
    new AuthLensError('config-invalid', { where: `${setting}: ${why}` }, `config-invalid: ${setting} ${resolved ?? path}: ${why}`);
  if (resolved === undefined) throw fail('not an absolute path or ~/...');
  let data: Buffer;
  try {
    // A device or a huge file (a path typed wrong, /dev/zero) is refused before it is read.
    const stat = statSync(resolved);
    if (!stat.isFile() || stat.size > MAX_PEM_BYTES) throw Object.assign(new Error('not a PEM file'), { code: stat.isFile() ? 'too large' : 'not a file' });
    data = readFileSync(resolved);
  } catch (err) {
    const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
    throw fail(`cannot read ${resolved}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const text = data.toString('latin1');
  // PKCS#8 `ENCRYPTED PRIVATE KEY`, or a traditional PEM with `Proc-Type: 4,ENCRYPTED`.
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text))
    throw fail(`${resolved} is encrypted; decrypt it (AuthLens asks for no passphrase)`);
  if (!label.test(text)) throw fail(`${resolved} holds no PEM ${setting === 'tlsClientKey' ? 'private key' : 'certificate'}`);
  return data;
}

/**
 * Reads both files. Throws `config-invalid` naming the setting and the file when one cannot be
 * read or is not PEM (an encrypted key is refused: nothing here asks for its passphrase).
 *
 * @example
 * const { cert, key } = readClientCertificate({ certFile: '~/certs/client.pem', keyFile: '~/certs/client.key' });
 */
export function readClientCertificate(files: ClientCertificateFiles, home: string = homedir()): ClientCertificate {
  const cert = readPem('tlsClientCertificate', files.certFile, /-----BEGIN CERTIFICATE-----/, home);
  const key = readPem('tlsClientKey', files.keyFile, /-----BEGIN (RSA |EC )?PRIVATE KEY-----/, home);
  return { cert, key };
}

/**
 * The `cert` and `key` of undici's connect options for a client's files, or nothing when it names
 * none. Called when an agent is made, so the files are read once per agent.
 */
export function clientCertificateOptions(files: ClientCertificateFiles | undefined): Partial<ClientCertificate> {
  return files !== undefined ? readClientCertificate(files) : {};
}
