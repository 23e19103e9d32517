import * as vscode from 'vscode';
import { decodeJwt } from '../../core/decode';
import { errorMessage } from '../../core/errorMessages';
import { plainText } from '../../core/hostileText';
import type { RequestOf } from '../../shared/inspectorProtocol';
import { compareTokens } from '../compareModel';
import { translate } from '../../plumbing/l10n';
import type { RequestHandler } from './context';

/** `compare`: the shown token beside a pasted one or one picked from the Sessions view. */
export const compareRequest: RequestHandler<RequestOf<'compare'>> = async ({ source }, { deps, panel }) => {
  const left = panel.current()?.built.decoded;
  if (!left) return { kind: 'failed', message: vscode.l10n.t('No decodable token is shown.') };
  let token: string;
  let label: string;
  if (source.kind === 'paste') {
    token = source.token;
    label = vscode.l10n.t('Pasted token');
  } else if (source.kind === 'original') {
    const from = panel.derivedFrom();
    if (!from) return { kind: 'failed', message: vscode.l10n.t('The shown token is the original.') };
    token = from.original.token;
    label = vscode.l10n.t('The original');
  } else {
    const picked = await deps.sessions.pickToken();
    if (!picked) return { kind: 'cancelled' };
    token = picked.token;
    label = `${plainText(picked.providerLabel, 60)} · ${plainText(picked.tokenLabel, 60)}`;
  }
  const right = decodeJwt(token);
  if (!right.ok) return { kind: 'failed', message: errorMessage(right.error, translate) };
  return { kind: 'compared', comparison: compareTokens(left, right.token, label) };
};
