import * as vscode from 'vscode';
import { translate } from '../../plumbing/l10n';
import { loadProviders } from '../../plumbing/lazy';
import type { RequestOf } from '../../shared/inspectorProtocol';
import { tokenProvider } from './diagnose';
import type { RequestHandler } from './context';

/**
 * `probe`: "Ask the server". Sends the shown token as `Authorization: Bearer` to its provider's
 * own endpoint (only that provider's origins) and reports the status and the server's error.
 * The token is redacted from everything reported and logged.
 */
export const probeRequest: RequestHandler<RequestOf<'probe'>> = async (_request, { deps, panel }) => {
  const decoded = panel.current()?.built.decoded;
  if (!decoded) return { kind: 'failed', message: vscode.l10n.t('No decodable token is shown.') };
  const provider = tokenProvider(panel, deps);
  if (!provider) return { kind: 'failed', message: vscode.l10n.t('No configured provider for this issuer: add one to ask its server.') };
  const sub = decoded.payload['sub'];
  const outcome = await loadProviders().probeToken(decoded.raw, typeof sub === 'string' ? sub : undefined, provider, {
    now: Date.now(),
    http: deps.settings().http,
    log: (line) => deps.log.debug(line),
    translate,
  });
  deps.log.info(`Inspector: asked ${provider.id} about the shown token: ${outcome.accepted ? 'accepted' : 'rejected'} (${outcome.status ?? 'no answer'})`);
  return { kind: 'probed', outcome };
};
