import * as vscode from 'vscode';
import { summariseUserAgent } from '../core/userAgent';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { sessionLabel } from '../sessions/describe';
import { toFailure } from '../sessions/sessionsModel';
import { pickSession } from '../sessions/explorerArgs';

/**
 * AuthLens: Revoke Session. A modal names the user and the device; afterwards the provider is
 * listed again, so the tree shows what the server really did.
 */
export function revokeSessionCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const picked = await pickSession(services.explorer, arg);
    if (!picked) return;
    const { provider, session, sessionKey } = picked;
    const user = sessionLabel(session);
    const device = summariseUserAgent(session.userAgent, vscode.l10n.t('{0} on {1}')).text || vscode.l10n.t('an unknown device');
    const where = session.ip ? `${plainText(device, 40)}, ${plainText(session.ip, 45)}` : plainText(device, 40);
    const revoke = vscode.l10n.t('Revoke');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Revoke the session of {0} on {1}?', user, where),
      {
        modal: true,
        detail: session.current
          ? vscode.l10n.t(
              'This is the session of your stored credential for "{0}": after revoking, AuthLens is signed out there.',
              plainText(provider.label, 60),
            )
          : vscode.l10n.t('The server at {0} ends this session; its user has to sign in again on that device.', plainText(provider.baseUrl, 80)),
      },
      revoke,
    );
    if (choice !== revoke) return;
    try {
      const outcome = await services.explorer.model.revoke(provider.id, sessionKey);
      // A revoked token must not stay in new terminals.
      if (outcome.kind === 'revoked') services.terminalExport.stopFor(provider.id, sessionKey, 'session revoked');
      switch (outcome.kind) {
        case 'revoked':
          if (outcome.note) {
            void vscode.window.showWarningMessage(vscode.l10n.t('Revoked the session of {0}. Note: {1}', user, plainText(outcome.note, 300)));
          } else {
            void vscode.window.setStatusBarMessage(vscode.l10n.t('Revoked the session of {0} on {1}', user, where), 5000);
          }
          break;
        case 'not-revoked':
          void vscode.window.showWarningMessage(vscode.l10n.t('The session of {0} was not revoked: {1}', user, plainText(outcome.reason, 300)));
          break;
        case 'unsupported':
          void vscode.window.showInformationMessage(
            vscode.l10n.t('"{0}" cannot revoke sessions: {1}', plainText(provider.label, 60), plainText(outcome.reason, 300)),
          );
          break;
      }
    } catch (err) {
      const failure = toFailure(err);
      services.log.warn(`[${provider.id}] revoke failed: ${failure.code}: ${failure.message}`);
      const retry = vscode.l10n.t('Retry');
      const showLog = vscode.l10n.t('Show Log');
      const again = await vscode.window.showErrorMessage(
        vscode.l10n.t('Revoking the session of {0} failed: {1}', user, plainText(failure.message, 300)),
        retry,
        showLog,
      );
      if (again === showLog) services.log.show();
      if (again === retry) await revokeSessionCommand(services)(arg);
    }
  };
}
