import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Sign In (OpenID Connect). Authorization code + PKCE in the system browser: a
 * one-shot loopback listener on 127.0.0.1 receives the code (state checked, 2 minute limit),
 * the code is exchanged and the tokens go to SecretStorage; the tree then shows the user.
 */
export function oidcSignInCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const title = vscode.l10n.t('Signing in to {0}: finish in the browser', plainText(config.label, 60));
    const set = await withOidcProvider(
      services,
      config,
      title,
      (text) => vscode.l10n.t('Signing in to {0} failed: {1}', plainText(config.label, 60), text),
      (provider, ctx) =>
        provider.signIn(ctx, {
          openBrowser: async (url) => {
            const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
            // Remote and browser-based VS Code may route loopback URLs through a port proxy that
            // loses the path (code-server does): offer the URL for a browser on this machine.
            if (vscode.env.uiKind === vscode.UIKind.Web || vscode.env.remoteName !== undefined) {
              const copy = vscode.l10n.t('Copy Sign-In URL');
              void vscode.window
                .showInformationMessage(
                  vscode.l10n.t(
                    'If the sign-in page did not open, copy its URL into a browser on the machine running the extension host (the redirect goes to its loopback address).',
                  ),
                  copy,
                )
                .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(url) : undefined));
            }
            return opened;
          },
          timeoutMs: 120_000,
          pages: {
            success: vscode.l10n.t('AuthLens: signed in. You can close this tab and return to VS Code.'),
            failure: vscode.l10n.t('AuthLens: sign-in failed. Return to VS Code for details.'),
          },
        }),
    );
    if (!set) return;
    services.log.info(`[${config.id}] signed in (authorization code + PKCE), scope ${set.scope ?? '-'}`);
    await services.explorer.model.refresh(config.id, 'user');
    const who = services.explorer.model.session(config.id, 'user')?.user;
    const name = who?.name ?? who?.email ?? who?.id;
    void vscode.window.showInformationMessage(
      name
        ? vscode.l10n.t('Signed in to {0} as {1}.', plainText(config.label, 60), plainText(name, 80))
        : vscode.l10n.t('Signed in to {0}.', plainText(config.label, 60)),
    );
  };
}
