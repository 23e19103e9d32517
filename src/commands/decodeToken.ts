/**
 * "AuthLens: Decode Token", "Decode Token to JSON Document" and "Decode Token from Clipboard":
 * take a token (see `gatherToken`), decode it (not verified) and show header, payload, time
 * claims and warnings in a read-only JSON document. The log sees redacted tokens only.
 */
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { decodedDocumentFor } from '../core/decodedJson';
import { translate } from '../plumbing/l10n';
import type { Services } from '../services';
import { gatherToken, type TokenInput, type TokenInputOptions } from '../editor/tokenInput';
import { inspectFrom } from './inspectToken';

/**
 * Decodes `input.token` and opens the JSON document. Returns the editor, or undefined when the
 * token did not decode (the user then sees why, in words made from the error code).
 */
export async function showDecodedDocument(services: Services, input: TokenInput): Promise<vscode.TextEditor | undefined> {
  const { log } = services;
  const now = Date.now();
  // The verdict every view shares (core/verdict.ts), rendered as a document.
  const doc = decodedDocumentFor(input.token, now, translate, input.stripped);
  if (!doc.ok) {
    log.warn(`Could not decode ${redact(input.token)} (${input.source}): ${doc.verdict.error?.code ?? doc.verdict.kind}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AuthLens could not decode the token: {0}', doc.message));
    return undefined;
  }
  const text = JSON.stringify(doc.json, null, 2) + '\n';
  const header = doc.verdict.decoded?.header ?? doc.verdict.header;
  const alg = typeof header?.['alg'] === 'string' ? header['alg'] : '?';
  const warnings = doc.warnings;
  log.info(
    `Decoded ${redact(input.token)} from ${input.source}: alg ${alg}, ${doc.verdict.kind}, ${warnings.length} warning(s)` +
      (warnings.length ? ` [${warnings.map((w) => w.code).join(', ')}]` : ''),
  );
  return services.decodedDocuments().show(vscode.l10n.t('Decoded token'), text);
}

async function decodeFrom(services: Services, arg: unknown, opts: TokenInputOptions): Promise<void> {
  try {
    const input = await gatherToken(arg, { ...opts, log: services.log });
    if (!input) {
      services.log.info('Decode cancelled: no token given');
      return;
    }
    await showDecodedDocument(services, input);
  } catch (err) {
    // Never echo the input: the message of an unexpected error could contain it.
    services.log.error(`Decode failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AuthLens could not decode the token.'));
  }
}

/** "AuthLens: Decode Token": opens the token inspector (the JSON document is the command below). */
export function decodeTokenCommand(services: Services) {
  return (arg?: unknown, options?: unknown): Promise<void> => inspectFrom(services, arg, options);
}

/** "AuthLens: Decode Token to JSON Document". */
export function decodeTokenToDocumentCommand(services: Services) {
  return (arg?: unknown): Promise<void> => decodeFrom(services, arg, {});
}

/** "AuthLens: Decode Token from Clipboard": the clipboard only; says so when it holds no token. */
export function decodeClipboardCommand(services: Services) {
  return async (): Promise<void> => {
    const input = await gatherToken(undefined, { editor: false, ask: false, log: services.log });
    if (!input) {
      services.log.info('Decode from clipboard: the clipboard holds no JWT');
      void vscode.window.showInformationMessage(vscode.l10n.t('The clipboard holds no JWT.'));
      return;
    }
    await showDecodedDocument(services, input);
  };
}
