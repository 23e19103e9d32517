import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionLabel } from '../sessions/describe';
import { pickSession } from '../sessions/explorerArgs';

/** AuthLens: Pin as Active. The status bar follows this session's countdown. */
export function pinAsActiveCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const picked = await pickSession(services.explorer, arg);
    if (!picked) return;
    services.explorer.statusBar.pin({ providerId: picked.provider.id, sessionKey: picked.sessionKey });
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Pinned the session of {0}', sessionLabel(picked.session)), 3000);
  };
}
