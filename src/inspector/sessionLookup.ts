/**
 * The inspector's view of the sessions layer ({@link InspectorSessions}), built from the Sessions
 * view's explorer. The one place that knows how the explorer's model is shaped.
 */
import { pickToken } from '../sessions/explorerArgs';
import type { SessionsExplorer } from '../sessions/explorer';
import type { InspectorSessions } from './deps';

/**
 * @param revoke Revoke Session's flow (confirmation, revoke, report) for a listed session; the
 *   extension passes the command's handler, called directly.
 */
export function inspectorSessions(explorer: SessionsExplorer, revoke: (providerId: string, sessionKey: string) => Promise<void>): InspectorSessions {
  const listed = (providerId: string, sessionId: string) => explorer.model.state(providerId).sessions.find((s) => s.session.id === sessionId);
  return {
    provider: (providerId) => explorer.model.provider(providerId),
    canRevoke: (providerId) => {
      try {
        return explorer.model.canRevoke(providerId);
      } catch {
        return false;
      }
    },
    listedSessionKey: (providerId, sessionId) => listed(providerId, sessionId)?.key,
    listedSession: (providerId, sessionId) => listed(providerId, sessionId)?.session,
    refresh: (providerId) => explorer.model.refresh(providerId, 'user'),
    revoke,
    pickToken: async () => {
      const picked = await pickToken(explorer, undefined);
      return picked ? { providerLabel: picked.provider.label, tokenLabel: picked.token.label, token: picked.token.value } : undefined;
    },
    sandboxSecrets: () => explorer.sandbox.running?.serverSecrets ?? [],
    listedSessions: (providerId) => explorer.model.state(providerId).sessions.map((s) => s.session),
  };
}
