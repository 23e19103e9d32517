import type { Services } from '../services';
import { asNode } from '../sessions/nodes';

/** AuthLens: Load More. The next page of a paged provider (AuthMS). */
export function loadMoreCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const node = asNode(arg);
    if (node) await services.explorer.model.loadMore(node.providerId);
  };
}
