import * as vscode from 'vscode';
import { decodeJwt } from '../../core/decode';
import { errorMessage } from '../../core/errorMessages';
import type { RequestOf } from '../../shared/inspectorProtocol';
import { translate } from '../../plumbing/l10n';
import type { RequestHandler } from './context';

/** `inspect`: shows a pasted token in this panel (after "token no longer available"). */
export const inspectRequest: RequestHandler<RequestOf<'inspect'>> = ({ token }, { panel }) => {
  const result = decodeJwt(token);
  if (!result.ok) return { kind: 'failed', message: errorMessage(result.error, translate) };
  panel.show({ token: result.token.raw });
  return { kind: 'done', message: vscode.l10n.t('Showing the pasted token.') };
};
