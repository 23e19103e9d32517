import * as vscode from 'vscode';
import { rawId, rawProviders, writeProviders } from '../plumbing/config';
import { plainText } from '../core/hostileText';
import { forgetProviderSecrets } from '../sessions/providerCleanup';
import type { Services } from '../services';
import { pickProvider } from '../sessions/explorerArgs';

/** AuthLens: Remove Provider. Asks, removes the entry from its settings level and its credentials. */
export function removeProviderCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const provider = await pickProvider(services.explorer, arg, vscode.l10n.t('Choose the provider to remove'));
    if (!provider) return;
    const remove = vscode.l10n.t('Remove');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the provider "{0}"?', plainText(provider.label, 60)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Its entry is deleted from your {0} and its stored credentials are cleared.',
          provider.level === 'user' ? vscode.l10n.t('user settings') : vscode.l10n.t('workspace settings'),
        ),
      },
      remove,
    );
    if (choice !== remove) return;
    const entries = rawProviders(provider.level);
    await writeProviders(
      provider.level,
      entries.filter((e) => rawId(e) !== provider.id),
    );
    // Credentials and OIDC token sets: a later entry reusing the id must find nothing.
    await forgetProviderSecrets(services.credentials, provider.id);
    services.terminalExport.stopFor(provider.id, undefined, 'provider removed');
    services.log.info(`Provider ${provider.id} removed from ${provider.level} settings`);
  };
}
