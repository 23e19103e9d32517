import { HttpClient } from './http';
import { defined } from './shape';
import type { ProviderConfig, ProviderOptions } from './types';

/**
 * The HttpClient of one provider entry: its base URL, timeout and TLS opt-out, plus the other
 * origins that the same entry names (Authing's `appHost`, an OIDC issuer), which alone may also
 * receive its credentials.
 *
 * @example
 * this.http = providerHttpClient(config, options, config.appHost ? [config.appHost] : []);
 */
export function providerHttpClient(
  config: ProviderConfig,
  options: ProviderOptions,
  credentialOrigins: readonly string[] = [],
): HttpClient {
  return new HttpClient(
    defined({
      baseUrl: config.baseUrl,
      credentialOrigins: credentialOrigins.length > 0 ? credentialOrigins : undefined,
      timeoutMs: config.timeoutMs,
      allowInsecureTls: config.allowInsecureTls,
      http: options.http,
      log: options.log,
    }),
  );
}
