/**
 * Where a command gets the token to work on: an explicit argument, the editor's selection (or
 * the token under the cursor), the clipboard when it holds a token, else an input box that
 * validates as you type. Reused by every "take a token" command (decode, inspect...).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errorMessages';
import { redact } from '../core/redact';
import { findTokens } from '../core/tokenFinder';
import { foundWrapping, stripWrapping, tokenVerdict, type Repair } from '../core/verdict';
import { tokenAtCursor } from './hover/editorToken';
import { translate } from '../plumbing/l10n';

export type TokenSource = 'argument' | 'selection' | 'cursor' | 'clipboard' | 'input';

export interface TokenInput {
  /** The bare token. Secret: log it only through `redact()`. */
  readonly token: string;
  readonly source: TokenSource;
  /** Wrappers removed to get `token` (`Bearer `, quotes...): the views say so. */
  readonly stripped?: readonly Repair[];
}

export interface TokenInputOptions {
  /** Look at the active editor's selection / cursor (default true). */
  readonly editor?: boolean;
  /** Look at the clipboard (default true). */
  readonly clipboard?: boolean;
  /** Ask with an input box when nothing else gave a token (default true). */
  readonly ask?: boolean;
  readonly log?: vscode.LogOutputChannel;
}

/** The first token in `text` (JWS or JWE), or undefined. Selections hold at most a few. */
function firstToken(text: string): { token: string; stripped: Repair[] } | undefined {
  const found = findTokens(text, { limit: 4 }).find((f) => f.shape !== 'malformed');
  // What surrounded it (`Bearer `, quotes, a JSON member, `name=`) is named by the views.
  return found ? { token: found.text, stripped: foundWrapping(text, found.start, found.end) } : undefined;
}

/** A token from the active editor: the selection, else the token under the cursor. */
function fromEditor(): TokenInput | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    const text = editor.document.getText(sel);
    // A selection that is not a recognisable token is still what the user asked for: decode it
    // as typed so the error says what is wrong with it.
    return { ...(firstToken(text) ?? stripWrapping(text)), source: 'selection' };
  }
  // Bounded like the hover: a window of the cursor's line, never the whole document.
  const found = tokenAtCursor(editor);
  return found && found.shape !== 'malformed' && found.shape !== 'opaque' ? { token: found.text, source: 'cursor' } : undefined;
}

async function fromClipboard(): Promise<TokenInput | undefined> {
  const text = await vscode.env.clipboard.readText();
  if (!text || text.length > 1024 * 1024) return undefined;
  const first = firstToken(text);
  return first ? { ...first, source: 'clipboard' } : undefined;
}

/** Input-box validation: an empty field or a token that does not decode gets a message. */
export function validateTokenText(value: string): string | undefined {
  const { token } = stripWrapping(value);
  if (!token) return vscode.l10n.t('Paste a JWT (three base64url parts separated by dots).');
  // The same verdict the views will give: what it accepts (after repairs) they can show.
  const verdict = tokenVerdict(value, 0);
  if (verdict.decoded || verdict.kind === 'jwe' || verdict.kind === 'signed-cookie') return undefined;
  return verdict.error ? errorMessage(verdict.error, translate) : vscode.l10n.t('Paste a JWT (three base64url parts separated by dots).');
}

async function fromInputBox(): Promise<TokenInput | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('AuthLens: Decode Token'),
    prompt: vscode.l10n.t('Paste a JWT to decode. It stays on this machine and is not verified.'),
    placeHolder: 'eyJhbGciOi…',
    ignoreFocusOut: true,
    validateInput: (v) => (v ? validateTokenText(v) : undefined),
  });
  if (value === undefined) return undefined;
  const { token, stripped } = stripWrapping(value);
  return token ? { token, stripped, source: 'input' } : undefined;
}

/**
 * Gathers a token for a command. `arg` is the command's first argument: a string is taken as
 * the token (hover links, other commands). Returns undefined when the user cancelled.
 */
export async function gatherToken(arg: unknown, opts: TokenInputOptions = {}): Promise<TokenInput | undefined> {
  let input: TokenInput | undefined;
  if (typeof arg === 'string' && arg.trim()) input = { ...stripWrapping(arg), source: 'argument' };
  if (!input && opts.editor !== false) input = fromEditor();
  if (!input && opts.clipboard !== false) input = await fromClipboard();
  if (!input && opts.ask !== false) input = await fromInputBox();
  if (input) opts.log?.info(`Token from ${input.source}: ${redact(input.token)}`);
  return input;
}
