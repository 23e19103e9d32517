/**
 * The keys the Edit tab can sign with besides what the person types: the HMAC secret and the
 * private key remembered for the shown token's issuer (SecretStorage), and the running sandbox's
 * HS256 key for the sandbox's own tokens. Values stay in the host: the webview learns only
 * whether each exists.
 */
import type { InspectorDeps, SandboxSecret } from './deps';
import { issuerKey, type Shown } from './shown';
import { hsSecretKey, signingKeyKey } from '../secrets/keys';

/** The issuer the remembered keys are filed under: the shown token's `iss`. */
export function signingIssuer(shown: Shown | undefined): string | undefined {
  return issuerKey(shown);
}

/** The running sandbox's HMAC key for tokens it issues as `iss` (a trailing slash does not count). */
export function sandboxSecretFor(shown: Shown | undefined, deps: InspectorDeps): SandboxSecret | undefined {
  const iss = issuerKey(shown)?.replace(/\/+$/, '');
  if (iss === undefined) return undefined;
  return deps.sessions.sandboxSecrets().find((s) => s.use === 'jwt-hmac' && s.origin.replace(/\/+$/, '') === iss);
}

/** The HMAC secret remembered for the shown token's issuer. */
export async function storedSecretFor(shown: Shown | undefined, deps: InspectorDeps): Promise<string | undefined> {
  const iss = signingIssuer(shown);
  return iss ? ((await Promise.resolve(deps.secrets.get(hsSecretKey(iss))).catch(() => undefined)) ?? undefined) : undefined;
}

/** The private key remembered for the shown token's issuer. */
export async function storedPrivateKeyFor(shown: Shown | undefined, deps: InspectorDeps): Promise<string | undefined> {
  const iss = signingIssuer(shown);
  return iss ? ((await Promise.resolve(deps.secrets.get(signingKeyKey(iss))).catch(() => undefined)) ?? undefined) : undefined;
}

/** Remembers what signed the token, for its issuer, only when the person ticked "remember". */
export async function rememberSigningKey(
  shown: Shown | undefined,
  deps: InspectorDeps,
  key: { kind: 'secret' | 'privateKey'; value: string },
): Promise<boolean> {
  const iss = signingIssuer(shown);
  if (!iss) return false;
  await deps.secrets.store(key.kind === 'secret' ? hsSecretKey(iss) : signingKeyKey(iss), key.value);
  deps.log.info(`Inspector: remembered a signing ${key.kind === 'secret' ? 'secret' : 'private key'} for an issuer in SecretStorage`);
  return true;
}
