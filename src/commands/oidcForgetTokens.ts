import * as vscode from 'vscode';
import { clearOidcTokens } from '../secrets/oidcTokenStore';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { pickOidcProvider } from './oidcShared';

/**
 * AuthLens: Forget Tokens. Deletes the tokens AuthLens holds for an `oidc` provider from
 * SecretStorage, without telling the server (use Revoke for that).
 */
export function oidcForgetTokensCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const forget = vscode.l10n.t('Forget');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Forget the tokens AuthLens holds for {0}?', plainText(config.label, 60)),
      { modal: true, detail: vscode.l10n.t('They stay valid at the server until they expire; revoke them first to end them.') },
      forget,
    );
    if (choice !== forget) return;
    await clearOidcTokens(services.context.secrets, config.id);
    services.terminalExport.stopFor(config.id, undefined, 'tokens forgotten');
    services.log.info(`[${config.id}] stored OIDC tokens forgotten`);
    await services.explorer.model.refresh(config.id, 'user');
  };
}
