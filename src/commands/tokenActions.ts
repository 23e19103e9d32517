import * as vscode from 'vscode';
import { decodeJwt } from '../core/decode';
import { redact } from '../core/redact';
import type { Repair } from '../core/verdict';
import { translate } from '../plumbing/l10n';
import type { Services } from '../services';
import type { HoverAction } from '../editor/hover/hoverMarkdown';

/** Opens the token in the inspector (decoded, with verification on demand). */
export async function inspectToken(services: Services, token: string, stripped?: readonly Repair[]): Promise<void> {
  await services.inspector.open({ token, ...(stripped?.length ? { stripped } : {}) });
}

/** Puts the decoded payload (pretty JSON) on the clipboard and says so. */
export async function copyPayload(token: string): Promise<void> {
  const result = decodeJwt(token);
  if (!result.ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This token has no readable payload to copy.'));
    return;
  }
  await vscode.env.clipboard.writeText(JSON.stringify(result.token.payload, null, 2));
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied the decoded payload ({0} claims) to the clipboard.', Object.keys(result.token.payload).length),
  );
}

/** Puts `Authorization: Bearer <token>` on the clipboard and says so (with the token redacted). */
export async function copyAuthorizationHeader(token: string): Promise<void> {
  // Visible ASCII only: anything else would break (or smuggle into) the HTTP request.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This token contains characters that cannot go into an HTTP header.'));
    return;
  }
  await vscode.env.clipboard.writeText(`Authorization: Bearer ${token}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied "Authorization: Bearer {0}" to the clipboard.', redact(token, translate)));
}

/** Runs one hover action on a token. */
export async function runTokenAction(services: Services, token: string, action: HoverAction, stripped?: readonly Repair[]): Promise<void> {
  switch (action) {
    case 'inspect':
      return inspectToken(services, token, stripped);
    case 'copyPayload':
      return copyPayload(token);
    case 'copyAuthorizationHeader':
      return copyAuthorizationHeader(token);
  }
}
