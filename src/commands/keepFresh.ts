import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { pickOidcProvider } from './oidcShared';

/**
 * AuthLens: Keep Fresh. Turns on, for one `oidc` provider and this window only, the renewal of its
 * tokens ahead of expiry (`authlens.refreshAheadSeconds`): refresh grant with the stored refresh
 * token, a new client-credentials token for the service set.
 */
export function keepFreshCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const label = plainText(config.label, 60);
    if (services.keepFresh.isKeptFresh(config.id)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already kept fresh.', label));
      return;
    }
    if (config.allowInsecureTls) {
      // The TLS opt-out is announced when it starts being used in the background (SECURITY.md).
      void vscode.window.showWarningMessage(
        vscode.l10n.t('TLS certificate checks are off for "{0}" (authlens.insecureTlsProviders). Anyone on the network path can read its credentials.', label),
      );
    }
    await services.keepFresh.start(config.id);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Keeping {0} fresh: its tokens are renewed {1} s before they expire, until you stop it or close the window.',
        label,
        services.settings.current.refreshAheadSeconds,
      ),
    );
  };
}

/** AuthLens: Stop Keeping Fresh. */
export function stopKeepingFreshCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickKeptFresh(services, arg);
    if (!config) return;
    services.keepFresh.stop(config.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is no longer kept fresh.', plainText(config.label, 60)));
  };
}

/** The provider row it was invoked on, else the one kept-fresh provider, else a pick of them. */
async function pickKeptFresh(services: Services, arg: unknown): Promise<{ id: string; label: string } | undefined> {
  if (arg !== undefined) return pickOidcProvider(services, arg);
  const kept = services.keepFresh.providerIds.map((id) => services.explorer.model.provider(id)).filter((p) => p !== undefined);
  if (kept.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No provider is kept fresh.'));
    return undefined;
  }
  if (kept.length === 1) return kept[0];
  const picked = await vscode.window.showQuickPick(
    kept.map((p) => ({ label: plainText(p.label, 60), provider: p })),
    { placeHolder: vscode.l10n.t('Stop keeping which provider fresh?') },
  );
  return picked?.provider;
}
