/**
 * Which configured provider a shown token belongs to, for "Why would a server reject it?" and
 * "Ask the server": the one it came from, else the one whose issuer, base URL or (Better Auth)
 * origin is the token's `iss`. Pure (no vscode).
 */
import type { ProviderConfig } from '../providers/types';
import { keyProviderFor } from './keySource';

const trim = (s: string): string => s.replace(/\/+$/, '');

/**
 * The provider a token's `iss` names: an exact `issuer` first, then a base URL equal to `iss`
 * (AuthMS tokens name the API's base URL), then a Better Auth server at that origin.
 *
 * @example
 * providerForIssuer('http://127.0.0.1:4000/authms', providers) // the AuthMS entry at that base URL
 */
export function providerForIssuer<P extends ProviderConfig>(iss: unknown, providers: readonly P[]): P | undefined {
  if (typeof iss !== 'string' || iss === '' || iss.length > 2000) return undefined;
  const wanted = trim(iss);
  return (
    providers.find((p) => p.issuer !== undefined && trim(p.issuer) === wanted) ??
    providers.find((p) => trim(p.baseUrl) === wanted) ??
    keyProviderFor(undefined, iss, providers)
  );
}
