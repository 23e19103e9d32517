import * as vscode from 'vscode';
import { tokenAtCursor } from '../editor/hover/editorToken';
import { copyAuthorizationHeader, copyPayload } from './tokenActions';
import type { Services } from '../services';

/** The selected text if it is a single line, else the token under the cursor. */
function editorToken(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  if (!editor.selection.isEmpty && editor.selection.isSingleLine) {
    const text = editor.document
      .getText(editor.selection)
      .trim()
      .replace(/^Bearer\s+/i, '');
    if (text.length > 0) return text;
  }
  return tokenAtCursor(editor)?.text;
}

async function noToken(): Promise<void> {
  void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a token (or select one) first.'));
}

/** `authlens.copyPayload`: copies the decoded payload of the token at the cursor. */
export function copyPayloadCommand(_services: Services) {
  return async (): Promise<void> => {
    const token = editorToken();
    return token ? copyPayload(token) : noToken();
  };
}

/** `authlens.copyAuthorizationHeader`: copies `Authorization: Bearer <token at the cursor>`. */
export function copyAuthorizationHeaderCommand(_services: Services) {
  return async (): Promise<void> => {
    const token = editorToken();
    return token ? copyAuthorizationHeader(token) : noToken();
  };
}
