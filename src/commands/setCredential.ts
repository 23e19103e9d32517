import * as vscode from 'vscode';
import { providerDisplayLabel } from '../plumbing/config';
import { credentialKindLabel } from '../secrets/credentials';
import { promptedDestinations } from './credentialDestinationsPrompt';
import type { CredentialKind } from '../providers/types';
import type { Services } from '../services';
import { pickProvider } from '../sessions/explorerArgs';
import { readPrivateKey } from './privateKeyInput';
import { markWalkthroughDone, walkthroughContext } from '../plumbing/walkthroughEvents';

function hint(kind: CredentialKind): string {
  switch (kind) {
    case 'cookie':
      return vscode.l10n.t('The session cookie value (or a whole Cookie header) from your browser');
    case 'bearer':
      return vscode.l10n.t('A bearer token (with or without "Bearer ")');
    case 'admin':
      return vscode.l10n.t('A token of an admin user (lists and revokes other users’ sessions)');
    case 'clientSecret':
      return vscode.l10n.t('The OAuth client secret');
    case 'privateKey':
      return vscode.l10n.t('The client’s private key for private_key_jwt: a PKCS#8 PEM or a private JWK');
  }
}

/**
 * AuthLens: Set Credential. Picks a kind from the provider's definition and reads the value
 * with a password box. Stored in SecretStorage, bound to every origin the provider sends it to;
 * the prompt and the status message name all of them (an `oidc` issuer or Authing `appHost`
 * on another host included), and say when the entry comes from workspace settings.
 */
export function setCredentialCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const provider = await pickProvider(services.explorer, arg, vscode.l10n.t('Set a credential for which provider?'));
    if (!provider) return;
    // The same list the HTTP client allows and the store binds to (src/providers/credentialOrigins.ts),
    // with the endpoint origins an `oidc` issuer's discovery document vouches for.
    const where = await promptedDestinations(services, provider);
    const origins = where.text;
    if (origins === '') return;
    const name = providerDisplayLabel(provider);
    let kinds: readonly CredentialKind[];
    try {
      kinds = services.explorer.model.credentialKinds(provider);
    } catch (err) {
      services.log.error(`Set Credential: providers bundle failed to load: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('AuthLens could not load its provider code. See the log.'));
      return;
    }
    const stored = new Set((await services.credentials.stored(provider.id)).map((s) => s.kind));
    let kind = kinds[0];
    if (kinds.length > 1) {
      const picked = await vscode.window.showQuickPick(
        kinds.map((k) => ({
          label: credentialKindLabel(k),
          description: stored.has(k) ? vscode.l10n.t('stored') : '',
          detail: hint(k),
          credKind: k,
        })),
        // Kept open when focus moves (the person may be off copying the cookie or secret; a
        // tree refresh right after a context-menu click must not close it either).
        { placeHolder: vscode.l10n.t('Which credential for "{0}"?', name), ignoreFocusOut: true },
      );
      kind = picked?.credKind;
    }
    if (!kind) return;
    const title = vscode.l10n.t('{0} for {1}', credentialKindLabel(kind), name);
    const notes =
      where.note +
      (provider.level === 'workspace' ? ` ${vscode.l10n.t('This provider comes from the workspace settings, which whoever wrote the repository chose.')}` : '');
    const value =
      kind === 'privateKey'
        ? await readPrivateKey(title, vscode.l10n.t('{0}. Stored in VS Code’s secret storage; it signs assertions sent to {1}.', hint(kind), origins) + notes)
        : await vscode.window.showInputBox({
            title,
            prompt: vscode.l10n.t('{0}. Stored in VS Code’s secret storage and only sent to {1}.', hint(kind), origins) + notes,
            password: true,
            ignoreFocusOut: true,
            validateInput: (v) =>
              v.trim() === '' ? vscode.l10n.t('Enter a value.') : /[\r\n]/.test(v) ? vscode.l10n.t('The value must be one line.') : undefined,
          });
    if (value === undefined) return;
    await services.credentials.set(provider, kind, value.trim(), where.discovered);
    markWalkthroughDone(walkthroughContext.credentialStored);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} stored for {1} (bound to {2})', credentialKindLabel(kind), name, origins), 5000);
    await services.explorer.model.refresh(provider.id, 'user');
  };
}
