import * as vscode from 'vscode';
import { plainText } from '../../core/hostileText';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { RequestHandler } from './context';

/**
 * `action`: Revoke or Refresh the session the shown token came from, through the sessions layer.
 * Afterwards the provider's listing says what the server really did.
 */
export const actionRequest: RequestHandler<RequestOf<'action'>> = async ({ action }, { deps, panel }) => {
  const src = panel.current()?.input.source;
  const session = src?.session;
  if (!src || !session) return { kind: 'failed', message: vscode.l10n.t('This token did not come from a session.') };
  const sessions = deps.sessions;
  const providerLabel = plainText(src.providerLabel, 60);
  switch (action) {
    case 'revoke': {
      const sessionKey = sessions.listedSessionKey(src.providerId, session.id);
      if (sessionKey === undefined) return { kind: 'failed', message: vscode.l10n.t('The session is no longer listed by {0}.', providerLabel) };
      await sessions.revoke(src.providerId, sessionKey);
      return sessions.listedSessionKey(src.providerId, session.id) !== undefined
        ? { kind: 'done', message: vscode.l10n.t('The session is still listed by {0}.', providerLabel) }
        : { kind: 'done', message: vscode.l10n.t('The session was revoked.') };
    }
    case 'refresh': {
      await sessions.refresh(src.providerId);
      const fresh = sessions.listedSession(src.providerId, session.id);
      if (!fresh) return { kind: 'failed', message: vscode.l10n.t('The session is no longer listed by {0}.', providerLabel) };
      // The same value first: a session cookie and its session's token share a kind.
      const shownValue = panel.current()?.input.token;
      const token = fresh.tokens.find((t) => t.value === shownValue) ?? fresh.tokens.find((t) => t.kind === src.tokenKind);
      if (!token) return { kind: 'failed', message: vscode.l10n.t('The session no longer carries this token.') };
      panel.show({ token: token.value, source: { ...src, session: fresh } });
      return { kind: 'done', message: vscode.l10n.t('Refreshed from {0}.', providerLabel) };
    }
  }
};
