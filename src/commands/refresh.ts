import type { Services } from '../services';
import { asNode } from '../sessions/nodes';

/** AuthLens: Refresh. One provider (from its row) or all of them (view title, palette). */
export function refreshCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const node = asNode(arg);
    services.credentials.resetPrompts();
    await services.explorer.model.refresh(node?.providerId, 'user');
  };
}
