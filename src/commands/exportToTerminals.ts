import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import type { TokenKind } from '../providers/types';
import type { Services } from '../services';
import { sessionLabel } from '../sessions/describe';
import { pickToken, type PickedToken } from '../sessions/explorerArgs';
import { asNode } from '../sessions/nodes';
import { currentToken } from '../terminal/exportedToken';
import { authorizationScheme, defaultTokenVariable, exportNames, isExportableToken, isShellVariableName } from '../terminal/exportVariables';

/** On a session row, the token a request is made with, in this order of preference. */
const requestTokenKinds: readonly TokenKind[] = ['access-token', 'session-token', 'jwt'];

/** A session row exports its request token without asking; a token row or the palette picks. */
async function pickExportToken(services: Services, arg: unknown): Promise<PickedToken | undefined> {
  const node = asNode(arg);
  if (node?.type === 'session') {
    const provider = services.explorer.model.provider(node.providerId);
    const session = services.explorer.model.session(node.providerId, node.sessionKey);
    const token = requestTokenKinds.map((k) => session?.tokens.find((t) => t.kind === k)).find((t) => t !== undefined);
    if (provider && session && token) return { provider, sessionKey: node.sessionKey, session, token };
  }
  return pickToken(services.explorer, arg);
}

function invalidNameMessage(name: string): string {
  return vscode.l10n.t(
    '"{0}" is not a shell variable name: use letters, digits and underscores, not starting with a digit (at most 64 characters).',
    plainText(name, 64),
  );
}

/**
 * AuthLens: Export to Terminals. Puts the token into every new integrated terminal as
 * `$AUTHLENS_TOKEN` (or the name given) and `$AUTHLENS_AUTHORIZATION` (`Bearer <token>`). A
 * second argument gives the name without the input box.
 */
export function exportToTerminalsCommand(services: Services) {
  return async (arg?: unknown, nameArg?: unknown): Promise<string | undefined> => {
    const picked = await pickExportToken(services, arg);
    if (!picked) return undefined;
    const { provider, sessionKey, session, token } = picked;
    const target = { providerId: provider.id, sessionKey, tokenKind: token.kind };
    // The freshest value: an `oidc` session's store may be newer than the last listing.
    const now = await currentToken(services.explorer.model, services.context.secrets, target);
    const value = now.kind === 'token' ? now.value : token.value;
    const rawType = session.raw.session['token_type'];
    const scheme = now.kind === 'token' ? now.scheme : authorizationScheme(token.kind === 'access-token' && typeof rawType === 'string' ? rawType : undefined);
    if (!isExportableToken(value)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This token contains characters that a terminal variable cannot carry safely (spaces, line breaks or non-ASCII). It was not exported.'),
      );
      return undefined;
    }
    const name =
      typeof nameArg === 'string'
        ? nameArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Export to Terminals'),
            prompt: vscode.l10n.t('Name of the environment variable that holds the token in new terminals (a second one holds the Authorization header value)'),
            value: services.terminalExport.current?.names.token ?? defaultTokenVariable,
            validateInput: (v) => (isShellVariableName(v.trim()) ? undefined : invalidNameMessage(v.trim())),
          });
    if (name === undefined) return undefined;
    const trimmed = name.trim();
    if (!isShellVariableName(trimmed)) {
      void vscode.window.showErrorMessage(invalidNameMessage(trimmed));
      return undefined;
    }
    const names = exportNames(trimmed);
    const labels = { provider: plainText(provider.label, 60), session: sessionLabel(session), token: plainText(token.label, 60) };
    services.terminalExport.start(target, names, labels, value, scheme);
    void vscode.window.setStatusBarMessage(
      vscode.l10n.t('$(terminal) New terminals get ${0} and ${1} ({2} of {3})', names.token, names.authorization, labels.token, labels.session),
      5000,
    );
    return names.token;
  };
}

/** AuthLens: Stop Exporting. New terminals no longer get the token. */
export function stopExportingCommand(services: Services) {
  return (): boolean => {
    const was = services.terminalExport.current;
    if (!services.terminalExport.stop('Stop Exporting')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('AuthLens is not exporting a token to terminals.'));
      return false;
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'New terminals no longer get ${0} and ${1}. Terminals already open keep their copy until you close them.',
        was?.names.token ?? '',
        was?.names.authorization ?? '',
      ),
    );
    return true;
  };
}
