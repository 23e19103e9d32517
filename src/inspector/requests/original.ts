import * as vscode from 'vscode';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { RequestHandler } from './context';

/** `original` ("Show the original"): back from a token AuthLens made to the one it was made from. */
export const originalRequest: RequestHandler<RequestOf<'original'>> = (_request, { deps, panel }) => {
  const from = panel.derivedFrom();
  if (!from) return { kind: 'failed', message: vscode.l10n.t('The shown token is the original.') };
  deps.log.info('Inspector: showing the original token again');
  panel.show(from.original);
  return { kind: 'done', message: vscode.l10n.t('Showing the original token.') };
};
