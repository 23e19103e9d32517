import * as vscode from 'vscode';
import type { Services } from '../services';
import { CommandId } from './commandIds';
import { pickToken } from '../sessions/explorerArgs';

/**
 * AuthLens: Inspect Token (from the Sessions view). Opens the inspector webview when it is
 * there, else the decoded JSON document.
 */
export function inspectSessionTokenCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const picked = await pickToken(services.explorer, arg);
    if (!picked) return;
    const { provider, session, token } = picked;
    // The inspector webview when it is wired (it always is in the extension); else the JSON document.
    const inspector: Pick<Services['inspector'], 'open'> | undefined = services.inspector;
    if (inspector) {
      await inspector.open({
        token: token.value,
        source: { providerId: provider.id, providerLabel: provider.label, providerKind: provider.kind, session, tokenKind: token.kind },
      });
      return;
    }
    if (token.opaque) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This token is opaque (not a JWT): there is nothing to decode.'));
      return;
    }
    await vscode.commands.executeCommand(CommandId.decodeTokenToDocument, token.value);
  };
}
