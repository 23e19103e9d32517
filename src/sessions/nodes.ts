/**
 * The elements of the Sessions tree. They carry only ids: everything shown is looked up in the
 * model at render time, so a refresh never leaves a stale object behind a menu action.
 * Command handlers receive these objects from context menus; {@link asNode} checks them.
 */

export interface ProviderNode {
  readonly type: 'provider';
  readonly providerId: string;
}

export interface SessionNode {
  readonly type: 'session';
  readonly providerId: string;
  /** Unique within the provider: the session id (suffixed when a server repeats one). */
  readonly sessionKey: string;
}

export interface TokenNode {
  readonly type: 'token';
  readonly providerId: string;
  readonly sessionKey: string;
  readonly tokenIndex: number;
}

export interface LoadMoreNode {
  readonly type: 'loadMore';
  readonly providerId: string;
}

/** A line under a provider explaining its state, optionally with an action. */
export interface InfoNode {
  readonly type: 'info';
  readonly providerId: string;
  readonly infoKey: string;
  /** Display text (already plain: no codicon or link syntax from servers). */
  readonly label?: string;
  /** Codicon id. */
  readonly icon?: string;
  /** Command run on click, with the provider node as its argument. */
  readonly command?: { readonly id: string; readonly title: string };
}

export type ExplorerNode = ProviderNode | SessionNode | TokenNode | LoadMoreNode | InfoNode;

/** `contextValue`s, matched by `when` clauses in package.json menus (`viewItem == ...`, `viewItem =~ /.../`). */
export const ContextValue = {
  provider: 'authlens.provider',
  session: 'authlens.session',
  sessionRevocable: 'authlens.session.revocable',
  token: 'authlens.token',
  loadMore: 'authlens.loadMore',
  info: 'authlens.info',
} as const;

/** A stable id for the TreeItem, so expansion survives refreshes. */
export function nodeId(node: ExplorerNode): string {
  switch (node.type) {
    case 'provider':
      return `p/${node.providerId}`;
    case 'session':
      return `s/${node.providerId}/${node.sessionKey}`;
    case 'token':
      return `t/${node.providerId}/${node.sessionKey}/${node.tokenIndex}`;
    case 'loadMore':
      return `m/${node.providerId}`;
    case 'info':
      return `i/${node.providerId}/${node.infoKey}`;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Narrows a command argument to a tree node (or returns undefined: palette, keybinding...). */
export function asNode(arg: unknown): ExplorerNode | undefined {
  if (!isRecord(arg) || typeof arg.providerId !== 'string') return undefined;
  switch (arg.type) {
    case 'provider':
    case 'loadMore':
      return arg as unknown as ExplorerNode;
    case 'session':
      return typeof arg.sessionKey === 'string' ? (arg as unknown as SessionNode) : undefined;
    case 'token':
      return typeof arg.sessionKey === 'string' && typeof arg.tokenIndex === 'number' ? (arg as unknown as TokenNode) : undefined;
    case 'info':
      return typeof arg.infoKey === 'string' ? (arg as unknown as InfoNode) : undefined;
    default:
      return undefined;
  }
}
