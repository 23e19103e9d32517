import * as vscode from 'vscode';
import { findTokenOnLine, type HoverToken } from './hoverModel';

/**
 * The token under the cursor of `editor`, read the hover's way (a bounded window of the line).
 * A caret just after the token's last character counts too, as after a double-click or a
 * right-click at its end.
 */
export function tokenAtCursor(editor: vscode.TextEditor): HoverToken | undefined {
  const { document } = editor;
  const { line, character } = editor.selection.active;
  const read = (from: number, to: number): string => document.getText(document.validateRange(new vscode.Range(line, from, line, to)));
  return findTokenOnLine(read, character) ?? (character > 0 ? findTokenOnLine(read, character - 1) : undefined);
}
