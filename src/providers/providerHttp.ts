import { credentialOriginsOf } from './credentialOrigins';
import { HttpClient } from './http';
import { defined } from './shape';
import type { ProviderConfig, ProviderOptions } from './types';

/**
 * The HttpClient of one provider entry: its base URL, timeout and TLS opt-out, plus the other
 * origins that the same entry names (Authing's `appHost`, an OIDC issuer), which alone may also
 * receive its credentials. The origins come from {@link credentialOriginsOf}, the function that
 * also binds stored credentials and names the origins in Set Credential's prompt.
 *
 * @example
 * this.http = providerHttpClient(config, options);
 */
export function providerHttpClient(config: ProviderConfig, options: ProviderOptions): HttpClient {
  const also = credentialOriginsOf(config)?.also ?? [];
  return new HttpClient(
    defined({
      baseUrl: config.baseUrl,
      credentialOrigins: also.length > 0 ? also : undefined,
      timeoutMs: config.timeoutMs,
      allowInsecureTls: config.allowInsecureTls,
      clientCertificate:
        config.tlsClientCertificate !== undefined && config.tlsClientKey !== undefined
          ? { certFile: config.tlsClientCertificate, keyFile: config.tlsClientKey }
          : undefined,
      tlsOptOutId: config.id,
      http: options.http,
      log: options.log,
    }),
  );
}

/** What every HTTP provider kind starts from: its settings entry and the client bound to that entry's origins. */
export abstract class ProviderOverHttp {
  protected readonly http: HttpClient;

  constructor(
    readonly config: ProviderConfig,
    options: ProviderOptions = {},
  ) {
    this.http = providerHttpClient(config, options);
  }
}
