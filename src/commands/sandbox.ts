import * as vscode from 'vscode';
import type { Services } from '../services';

/** AuthLens: Start Sandbox. Runs the local auth server and adds its four providers. */
export function startSandboxCommand(services: Services) {
  return async (): Promise<boolean> => services.explorer.startSandbox();
}

/** AuthLens: Stop Sandbox. Stops it and removes its providers and credentials. */
export function stopSandboxCommand(services: Services) {
  return async (): Promise<void> => {
    try {
      await services.explorer.sandbox.stop();
      void vscode.window.setStatusBarMessage(vscode.l10n.t('AuthLens sandbox stopped'), 3000);
    } catch (err) {
      services.log.error(`Sandbox stop failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The AuthLens sandbox did not stop cleanly. See the log.'));
    }
  };
}
