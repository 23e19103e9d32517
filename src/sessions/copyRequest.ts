/**
 * Which request a copied token is for: the endpoint the token authenticates and how it is
 * carried. Each kind's rule is its `copyRequest` in the kind table (`src/providers/kinds.ts`).
 * Pure (no vscode), unit-tested.
 */
import type { CopyRequest } from '../core/copyFormats';
import { providerKindTable, type CopyDiscovery } from '../providers/kinds';
import type { ProviderConfig, TokenInfo } from '../providers/types';

/**
 * The request a token is copied for (Better Auth's `/get-session`, Authing's `/oidc/me`,
 * AuthMS's `/sessions`, an OpenID Connect issuer's discovered `userinfo_endpoint`).
 *
 * @example
 * copyRequestFor({ id: 'x', kind: 'better-auth', label: 'x', baseUrl: 'http://127.0.0.1:4000/api/auth' }, token).url
 * // => 'http://127.0.0.1:4000/api/auth/get-session'
 */
export function copyRequestFor(config: ProviderConfig, token: Pick<TokenInfo, 'value' | 'kind'>, discovered: CopyDiscovery = {}): CopyRequest {
  return providerKindTable[config.kind].copyRequest(config, token.value, discovered);
}
