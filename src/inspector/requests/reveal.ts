import * as vscode from 'vscode';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { RequestHandler } from './context';

/** `reveal`: sends one masked value (already cut to the reveal limit) to the webview. */
export const revealRequest: RequestHandler<RequestOf<'reveal'>> = ({ fieldId }, { deps, panel }) => {
  const value = panel.current()?.built.withheld.get(fieldId);
  if (!value) return { kind: 'failed', message: vscode.l10n.t('That field is no longer available.') };
  deps.log.info(`Inspector: revealed a masked field (${fieldId})`);
  return { kind: 'revealed', fieldId, value: value.value, truncated: value.truncated };
};
