import * as vscode from 'vscode';
import { credentialKindLabel } from '../secrets/credentials';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { pickProvider } from '../sessions/explorerArgs';

/** AuthLens: Clear Credential. Deletes one stored credential (or all) of a provider. */
export function clearCredentialCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const provider = await pickProvider(services.explorer, arg, vscode.l10n.t('Clear a credential of which provider?'));
    if (!provider) return;
    const stored = await services.credentials.stored(provider.id);
    if (stored.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no stored credential.', plainText(provider.label, 60)));
      return;
    }
    const all = { label: vscode.l10n.t('All credentials'), description: '', credKind: undefined };
    const picked =
      stored.length === 1
        ? { label: credentialKindLabel(stored[0]!.kind), description: stored[0]!.origin, credKind: stored[0]!.kind }
        : await vscode.window.showQuickPick(
            [...stored.map((s) => ({ label: credentialKindLabel(s.kind), description: vscode.l10n.t('bound to {0}', s.origin), credKind: s.kind })), all],
            { placeHolder: vscode.l10n.t('Which credential of "{0}"?', plainText(provider.label, 60)) },
          );
    if (!picked) return;
    if (picked.credKind) await services.credentials.clear(provider.id, picked.credKind);
    else await services.credentials.clearAll(provider.id);
    // Signed out: the session's token leaves new terminals too.
    services.terminalExport.stopFor(provider.id, undefined, 'credential cleared');
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Cleared {0} of {1}', picked.label, plainText(provider.label, 60)), 5000);
  };
}
