/**
 * What an `oidc` provider does with {@link discoveredCredentialOrigins}: extend its HTTP
 * client's allow-list after each discovery, and refuse credentials that were stored before
 * the document named an origin they would now go to (the caller's binding, `ctx.credentialOrigins`).
 */
import { AuthLensError, type OriginRefusal } from '../../core/errors';
import { credentialDestinations } from '../credentialOrigins';
import type { HttpClient } from '../http';
import type { ProviderConfig, ProviderContext } from '../types';
import { discoveredCredentialOrigins, type DiscoveredCredentialOrigins } from './endpointOrigins';
import type { DiscoveryDocument } from './discovery';

/**
 * Lets `http` send this entry's credentials to the endpoint origins `doc` vouches for (and only
 * those, replacing an earlier document's), and returns them.
 *
 * @example
 * this.endpointOrigins = trustDiscoveredOrigins(this.http, this.config, await fetchDiscovery(...));
 */
export function trustDiscoveredOrigins(http: HttpClient, config: ProviderConfig, doc: Pick<DiscoveryDocument, 'url' | 'raw'>): DiscoveredCredentialOrigins {
  const origins = discoveredCredentialOrigins(doc, credentialDestinations(config), { tlsVerified: config.allowInsecureTls !== true });
  http.trustCredentialOrigins(origins.trusted, new Map<string, OriginRefusal>(origins.refused.map((r) => [r.origin, r.reason])));
  return origins;
}

/**
 * Throws `origin-mismatch` (`added-since-stored`) when the context carries credentials bound to
 * fewer origins than discovery now lets them reach. The credential store sets such credentials
 * aside before they get here; this holds when the document changed in between.
 */
export function refuseOriginsAddedSinceStored(origins: DiscoveredCredentialOrigins, ctx: ProviderContext): void {
  const bound = ctx.credentialOrigins;
  if (bound === undefined || !Object.values(ctx.credentials).some((v) => v !== undefined && v !== '')) return;
  const added = origins.trusted.find((o) => !bound.includes(o));
  if (added !== undefined) {
    throw new AuthLensError(
      'origin-mismatch',
      { where: added, originRefusal: 'added-since-stored' },
      `origin-mismatch: discovery names ${added}, which the stored credential is not bound to`,
    );
  }
}
