/**
 * Set Credential's reader for the `privateKey` credential (`private_key_jwt`): pasted into a
 * password box or picked from a file, checked with jose before anything is stored, and never
 * shown back. What is wrong with a key is said in words; the key text never is.
 */
import * as vscode from 'vscode';
import { loadProviders } from '../plumbing/lazy';
import type { PrivateKeyProblem } from '../providers/oidc/clientPrivateKey';

/** Larger files are not keys (an RSA 8192 PKCS#8 PEM is about 6.5 KB). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The sentence for each problem, localised. */
export function privateKeyProblemMessage(problem: PrivateKeyProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a private key.');
    case 'pkcs1':
      return vscode.l10n.t('This is a PKCS#1 RSA key ("BEGIN RSA PRIVATE KEY"). Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem');
    case 'sec1':
      return vscode.l10n.t('This is a SEC1 EC key ("BEGIN EC PRIVATE KEY"). Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem');
    case 'encrypted':
      return vscode.l10n.t('This key is encrypted. Decrypt it first: openssl pkcs8 -in key.pem -out plain.pem');
    case 'public-key':
      return vscode.l10n.t('This is a public key or a certificate. private_key_jwt needs the private key.');
    case 'not-pem-or-jwk':
      return vscode.l10n.t('Paste a PKCS#8 PEM ("BEGIN PRIVATE KEY") or a private JWK (JSON with "d").');
    case 'unreadable':
      return vscode.l10n.t('The key does not parse as a private key.');
    case 'jwk-public':
      return vscode.l10n.t('This JWK has no private part ("d"): it is a public key.');
    case 'unsupported-type':
      return vscode.l10n.t('Only RSA, EC (P-256, P-384, P-521) and Ed25519 keys can sign private_key_jwt assertions.');
  }
}

async function problemOf(text: string): Promise<string | undefined> {
  const problem = await loadProviders().privateKeyProblem(text);
  return problem !== undefined ? privateKeyProblemMessage(problem) : undefined;
}

async function fromFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Use This Key'),
    filters: { [vscode.l10n.t('Keys')]: ['pem', 'key', 'json', 'jwk'], [vscode.l10n.t('All files')]: ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_KEY_FILE_BYTES) {
    void vscode.window.showErrorMessage(vscode.l10n.t('This file is too large to be a private key.'));
    return undefined;
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * Asks for the key (paste or file) and returns its text once jose reads it, or undefined when
 * the person cancels or the key is not usable (then an error message says why).
 */
export async function readPrivateKey(title: string, prompt: string): Promise<string | undefined> {
  const paste = vscode.l10n.t('Paste the key');
  const file = vscode.l10n.t('Choose a key file…');
  const how = await vscode.window.showQuickPick([{ label: paste }, { label: file }], { title, placeHolder: prompt });
  if (!how) return undefined;
  const text =
    how.label === file ? await fromFile() : await vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: problemOf });
  if (text === undefined) return undefined;
  const problem = await problemOf(text);
  if (problem !== undefined) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  return loadProviders().storedPrivateKeyText(text);
}
