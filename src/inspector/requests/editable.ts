import * as vscode from 'vscode';
import type { RequestOf } from '../../shared/inspectorProtocol';
import { sandboxSecretFor, storedPrivateKeyFor, storedSecretFor } from '../signingKeys';
import type { RequestHandler } from './context';

/**
 * `editable` (the Edit tab's start): the shown token's header and payload as complete JSON text,
 * and which remembered keys apply (whether they exist, never their values).
 */
export const editableRequest: RequestHandler<RequestOf<'editable'>> = async (_request, { deps, panel }) => {
  const shown = panel.current();
  const decoded = shown?.built.decoded;
  if (!decoded) return { kind: 'failed', message: vscode.l10n.t('No decodable token is shown.') };
  const sandbox = sandboxSecretFor(shown, deps);
  return {
    kind: 'editable',
    header: JSON.stringify(decoded.header, null, 2),
    payload: JSON.stringify(decoded.payload, null, 2),
    storedSecret: (await storedSecretFor(shown, deps)) !== undefined,
    storedPrivateKey: (await storedPrivateKeyFor(shown, deps)) !== undefined,
    ...(sandbox ? { sandboxSecret: sandbox.name } : {}),
  };
};
