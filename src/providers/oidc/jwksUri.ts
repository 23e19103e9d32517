import { baseJwksUrl, providerKindTable } from '../kinds';
import { OidcProvider } from '../oidc';
import type { ProviderConfig, ProviderOptions } from '../types';

/**
 * The JWKS URL to verify a provider's tokens with: the configured `jwksUrl`, else for `oidc`
 * providers the discovered `jwks_uri` (from the shared discovery cache), for Better Auth
 * `{baseUrl}/jwks`. The inspector calls
 * it when the person asks to verify a token that came from this provider.
 *
 * @example
 * const url = await jwksUriFor(config); // "https://id.example.com/realms/dev/protocol/openid-connect/certs"
 */
export async function jwksUriFor(config: ProviderConfig, options?: ProviderOptions & { signal?: AbortSignal }): Promise<string | undefined> {
  if (config.jwksUrl !== undefined && config.jwksUrl !== '') return config.jwksUrl;
  if (providerKindTable[config.kind].defaultJwks !== 'discovery') return baseJwksUrl(config.kind, config.baseUrl);
  const provider = new OidcProvider(config, options);
  try {
    return await provider.jwksUri(options?.signal);
  } finally {
    await provider.close();
  }
}
