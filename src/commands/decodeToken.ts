import * as vscode from 'vscode';
import type { Services } from '../services';

/** Placeholder until the foundation slice lands: the test-infra helper replaces this file. */
export function decodeTokenCommand(services: Services) {
  return async (): Promise<void> => {
    services.log.info('decodeToken invoked');
    await vscode.window.showInformationMessage(vscode.l10n.t('Decode Token'));
  };
}
