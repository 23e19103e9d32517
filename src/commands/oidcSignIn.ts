import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import type { ConfiguredProvider } from '../plumbing/config';
import type { Services } from '../services';
import { announceSignedIn, isRemoteOrWeb } from './oidcSignedIn';
import { offersSignInWithCode, signInWithCode } from './oidcSignInWithCode';
import { describeFailure, pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Sign In (OpenID Connect). Authorization code + PKCE in the system browser: a
 * one-shot loopback listener on 127.0.0.1 (the provider's `redirectPort`, else any free port)
 * receives the code (state checked, 2 minute limit), the code is exchanged and the tokens go
 * to SecretStorage; the tree then shows the user. The redirect URI goes through
 * `vscode.env.asExternalUri`, which forwards the port when the extension host is remote. When
 * VS Code is remote or in a browser and the issuer supports it, sign-in with a code is offered
 * first: it needs no redirect at all.
 */
export function oidcSignInCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    if (isRemoteOrWeb() && (await offersSignInWithCode(services, config))) {
      const withCode = vscode.l10n.t('Sign In with a Code');
      const inBrowser = vscode.l10n.t('Sign In in the Browser');
      const picked = await vscode.window.showQuickPick(
        [
          { label: withCode, detail: vscode.l10n.t('Enter a short code in any browser. Recommended here: nothing has to reach this machine.') },
          { label: inBrowser, detail: vscode.l10n.t('The browser is redirected back to VS Code through a forwarded port.') },
        ],
        { placeHolder: vscode.l10n.t('How do you want to sign in to {0}?', plainText(config.label, 60)) },
      );
      if (!picked) return;
      if (picked.label === withCode) {
        await signInWithCode(services, config);
        return;
      }
    }
    await signInInBrowser(services, config);
  };
}

async function signInInBrowser(services: Services, config: ConfiguredProvider): Promise<void> {
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
          // Where the port is not simply forwarded (code-server's proxy drops path and query) the
          // redirect stays on the extension host's loopback address: say what else works.
          if (isRemoteOrWeb()) {
            const copy = vscode.l10n.t('Copy Sign-In URL');
            void vscode.window
              .showInformationMessage(
                vscode.l10n.t(
                  'If the sign-in page did not open or does not come back to VS Code, copy its URL into a browser on the machine running the extension host, or use "Sign In with a Code" if the server offers it.',
                ),
                copy,
              )
              .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(url) : undefined));
          }
          return opened;
        },
        // A forwarded port when remote (SSH, containers); the provider uses it only if it just forwards the port.
        externalUri: async (uri) => (await vscode.env.asExternalUri(vscode.Uri.parse(uri, true))).toString(true),
        timeoutMs: 120_000,
        pages: {
          success: vscode.l10n.t('AuthLens: signed in. You can close this tab and return to VS Code.'),
          failure: vscode.l10n.t('AuthLens: sign-in failed. Return to VS Code for details.'),
        },
        describeFailure,
      }),
  );
  if (set) await announceSignedIn(services, config, set, 'authorization code + PKCE');
}
