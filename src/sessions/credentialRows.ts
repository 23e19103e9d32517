import * as vscode from 'vscode';
import { credentialDestinations } from '../providers/credentialOrigins';
import type { EndpointOriginRefusal } from '../providers/oidc/endpointOrigins';
import type { ProviderConfig } from '../providers/types';
import type { ProviderState } from './providerState';

/**
 * The provider tooltip's rows on where credentials go: the list the HTTP client allows and the
 * credentials are bound to (for `oidc`, with the endpoint origins its issuer's discovery
 * document vouched for at the last load), then each origin that document names but that gets
 * nothing, with the reason.
 */
function reasonText(reason: EndpointOriginRefusal): string {
  switch (reason) {
    case 'discovery-not-https':
      return vscode.l10n.t('discovery over plain http');
    case 'discovery-tls-off':
      return vscode.l10n.t('discovery with TLS checks off');
    case 'endpoint-not-https':
      return vscode.l10n.t('plain http endpoint');
  }
}

export function credentialRows(config: ProviderConfig, state: Pick<ProviderState, 'discovered'>): { label: string; value: string }[] {
  return [
    { label: vscode.l10n.t('Credentials sent to'), value: credentialDestinations(config, state.discovered?.trusted).join(', ') },
    ...(state.discovered?.refused ?? []).map((r) => ({
      label: vscode.l10n.t('Not sent to'),
      value: `${r.origin} (${reasonText(r.reason)})`,
    })),
  ];
}
