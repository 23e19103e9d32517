/** Helpers for in-host tests (they run inside the extension host, next to AuthLens). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'authlens.authlens';

/** Activates AuthLens (idempotent) and returns it. */
export async function activateAuthLens(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** Polls `probe` until it returns a value other than undefined/false. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let scratchCounter = 0;

/**
 * Writes `content` to a new file in the workspace folder and opens it in an editor. Real files
 * avoid untitled documents, whose names are reused after closing and which ask to be saved.
 */
export async function openScratchFile(name: string, content: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test window has no workspace folder');
  scratchCounter += 1;
  const uri = vscode.Uri.joinPath(folder.uri, 'scratch', `${scratchCounter}-${name}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/**
 * Closes every editor, reverting untitled documents first: closing a dirty untitled editor
 * would ask "Save changes?" and leave it open (and active) behind the dialog.
 */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled && doc.isDirty && !doc.isClosed) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function findFiles(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(p, name, out);
    else if (entry.name === name) out.push(p);
  }
  return out;
}

/**
 * The text of the "AuthLens" log output channel (its file `<logs>/exthost*\/authlens.authlens/AuthLens.log`),
 * found under `$AUTHLENS_TEST_USER_DATA_DIR` (set by the code-server driver and the electron runner).
 */
export function readAuthLensLog(): string {
  const root = process.env.AUTHLENS_TEST_USER_DATA_DIR;
  if (!root || !existsSync(root)) throw new Error('AUTHLENS_TEST_USER_DATA_DIR is not set by the test driver');
  const files = findFiles(join(root, 'logs'), 'AuthLens.log').filter((f) => f.includes(EXTENSION_ID));
  if (files.length === 0) return '';
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return readFileSync(files[0]!, 'utf8');
}
