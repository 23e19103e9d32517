import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { expiresInText, pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Get Service Token. Client credentials grant (RFC 6749 §4.4) with the provider's
 * `resource`/`audience` and non-user scopes; the token lands in SecretStorage and the tree.
 */
export function oidcGetServiceTokenCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const title = vscode.l10n.t('Getting a service token from {0}', plainText(config.label, 60));
    const set = await withOidcProvider(
      services,
      config,
      title,
      (text) => vscode.l10n.t('Getting a service token from {0} failed: {1}', plainText(config.label, 60), text),
      (provider, ctx) => provider.getServiceToken(ctx),
    );
    if (!set) return;
    services.log.info(`[${config.id}] service token (client credentials), ${set.accessToken.split('.').length === 3 ? 'JWT' : 'opaque'}`);
    await services.explorer.model.refresh(config.id, 'user');
    const kind = set.accessToken.split('.').length === 3 ? vscode.l10n.t('JWT') : vscode.l10n.t('opaque');
    const inspect = vscode.l10n.t('Inspect');
    // Not awaited: the command is done when the token is stored and listed.
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Got a service token ({0}) from {1}, {2}.', kind, plainText(config.label, 60), expiresInText(set.expiresAt, Date.now())),
        inspect,
      )
      .then(async (choice) => {
        if (choice === inspect) {
          await vscode.commands.executeCommand(CommandId.inspectSessionToken, { type: 'token', providerId: config.id, sessionKey: 'service', tokenIndex: 0 });
        }
      });
  };
}
