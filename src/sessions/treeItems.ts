import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import { plainText } from '../core/hostileText';
import { credentialRows } from './credentialRows';
import type { ProviderStateKind, SessionsModel } from './sessionsModel';
import { loadMoreLabel, sessionDescription, sessionLabel, sessionLook, tokenSummary, type SessionLook } from './describe';
import { fieldsTable, tooltipText } from './tooltipFields';
import { ContextValue, nodeId, type ExplorerNode, type InfoNode, type LoadMoreNode, type ProviderNode, type SessionNode, type TokenNode } from './nodes';
import { sessionTooltip, tokenTooltip } from './tooltips';
import { describeStrings, tokenLabelText, tooltipStrings, uiDateFormatter } from './rowStrings';
import type { KeptFreshView } from './keepFresh';

/**
 * TreeItems for the Sessions view: labels, descriptions, icons, context values, and (lazily,
 * in `resolveTreeItem`) Markdown tooltips. All text from servers is plain or escaped.
 */

/** A Markdown tooltip that renders only text: no HTML, no command links. */
export function safeMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

const stateIcon: Record<ProviderStateKind, vscode.ThemeIcon> = {
  idle: new vscode.ThemeIcon('server'),
  loading: new vscode.ThemeIcon('loading~spin'),
  ok: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  'signed-out': new vscode.ThemeIcon('sign-out', new vscode.ThemeColor('descriptionForeground')),
  unauthorized: new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.errorForeground')),
  unreachable: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

const sessionIcon: Record<SessionLook, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('account', new vscode.ThemeColor('testing.iconPassed')),
  expiring: new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground')),
  expired: new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
  impersonated: new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.purple')),
  unknown: new vscode.ThemeIcon('question'),
};

export function stateText(kind: ProviderStateKind): string {
  switch (kind) {
    case 'idle':
      return vscode.l10n.t('not loaded');
    case 'loading':
      return vscode.l10n.t('loading…');
    case 'ok':
      return vscode.l10n.t('signed in');
    case 'signed-out':
      return vscode.l10n.t('signed out');
    case 'unauthorized':
      return vscode.l10n.t('unauthorized');
    case 'unreachable':
      return vscode.l10n.t('unreachable');
    case 'error':
      return vscode.l10n.t('error');
  }
}

export class TreeItemFactory {
  private readonly describe = describeStrings();
  private readonly tooltip = tooltipStrings();

  constructor(
    private readonly model: SessionsModel,
    private readonly keptFresh?: KeptFreshView,
  ) {}

  item(node: ExplorerNode, now: number): vscode.TreeItem {
    switch (node.type) {
      case 'provider':
        return this.providerItem(node);
      case 'session':
        return this.sessionItem(node, now);
      case 'token':
        return this.tokenItem(node, now);
      case 'loadMore':
        return this.loadMoreItem(node);
      case 'info':
        return this.infoItem(node);
    }
  }

  /** Adds the Markdown tooltip on hover (built only for rows a person points at). */
  resolve(item: vscode.TreeItem, node: ExplorerNode, now: number): vscode.TreeItem {
    switch (node.type) {
      case 'provider':
        item.tooltip = safeMarkdown(this.providerTooltip(node));
        break;
      case 'session': {
        const session = this.model.session(node.providerId, node.sessionKey);
        if (session) item.tooltip = safeMarkdown(sessionTooltip(session, now, this.tooltip));
        break;
      }
      case 'token': {
        const session = this.model.session(node.providerId, node.sessionKey);
        const token = session?.tokens[node.tokenIndex];
        if (token) {
          const t = tokenSummary(token, now, this.describe, session?.expiresAt);
          item.tooltip = safeMarkdown(
            tokenTooltip(
              token,
              { ...(t.alg ? { alg: t.alg } : {}), ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}), claims: t.claims },
              now,
              this.tooltip,
            ),
          );
        }
        break;
      }
      default:
        break;
    }
    return item;
  }

  private providerItem(node: ProviderNode): vscode.TreeItem {
    const config = this.model.provider(node.providerId);
    const state = this.model.state(node.providerId);
    const item = new vscode.TreeItem(plainText(config?.label ?? node.providerId, 60), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = nodeId(node);
    // `authlens.provider.<kind>`: menus for every provider match the prefix, kind-specific ones the suffix.
    // `.keptFresh` picks "Stop Keeping Fresh" over "Keep Fresh" in the menu.
    const kept = this.keptFresh?.isKeptFresh(node.providerId) === true;
    item.contextValue = config ? `${ContextValue.provider}.${config.kind}${kept ? '.keptFresh' : ''}` : ContextValue.provider;
    const shown = state.kind === 'loading' ? (state.lastKind ?? 'loading') : state.kind;
    item.iconPath = state.kind === 'loading' ? stateIcon.loading : stateIcon[shown];
    const parts: string[] = [];
    if (shown === 'ok') {
      const n = state.sessions.length;
      parts.push(
        state.total !== undefined && state.total > n
          ? vscode.l10n.t('{0} of {1} sessions', n, state.total)
          : n === 1
            ? vscode.l10n.t('1 session')
            : vscode.l10n.t('{0} sessions', n),
      );
    } else if (shown === 'signed-out') {
      parts.push(state.noCredential ? vscode.l10n.t('signed out · no credential') : stateText(shown));
    } else if (state.failure && (shown === 'unauthorized' || shown === 'unreachable' || shown === 'error')) {
      parts.push(plainText(state.failure.message, 100));
    } else {
      parts.push(stateText(shown));
    }
    if (kept) parts.push(vscode.l10n.t('kept fresh'));
    if (state.setAside.length > 0) parts.push(vscode.l10n.t('credential set aside'));
    if (config?.allowInsecureTls) parts.push(vscode.l10n.t('⚠ TLS checks off'));
    // Workspace entries are the repository author's choice of server: say so next to the name.
    if (config?.level === 'workspace') parts.push(vscode.l10n.t('workspace settings'));
    item.description = parts.join(' · ');
    item.accessibilityInformation = { label: `${item.label as string}, ${stateText(shown)}, ${item.description}` };
    return item;
  }

  private providerTooltip(node: ProviderNode): string {
    const config = this.model.provider(node.providerId);
    const state = this.model.state(node.providerId);
    if (!config) return '';
    const rows: { label: string; value: string }[] = [
      { label: vscode.l10n.t('Kind'), value: config.kind },
      { label: vscode.l10n.t('Base URL'), value: config.baseUrl },
      { label: vscode.l10n.t('Defined in'), value: config.level === 'user' ? vscode.l10n.t('user settings') : vscode.l10n.t('workspace settings') },
      // Where credentials go: the list the HTTP client allows and the credentials are bound to.
      ...credentialRows(config, state),
      { label: vscode.l10n.t('State'), value: stateText(state.kind === 'loading' ? (state.lastKind ?? 'loading') : state.kind) },
    ];
    const f = state.failure;
    if (f) {
      rows.push({ label: vscode.l10n.t('Error'), value: f.message });
      rows.push({ label: vscode.l10n.t('Error code'), value: f.code });
      if (f.status !== undefined) rows.push({ label: vscode.l10n.t('HTTP status'), value: String(f.status) });
      if (f.requestId) rows.push({ label: vscode.l10n.t('Request id'), value: f.requestId });
      if (f.traceId) rows.push({ label: vscode.l10n.t('Trace id'), value: f.traceId });
    }
    for (const a of state.setAside) {
      rows.push({ label: vscode.l10n.t('Set aside'), value: vscode.l10n.t('{0} bound to {1}', a.kind, a.storedOrigin) });
    }
    if (config.allowInsecureTls) rows.push({ label: 'TLS', value: vscode.l10n.t('certificate checks are off (authlens.insecureTlsProviders)') });
    if (state.loadedAt) rows.push({ label: vscode.l10n.t('Loaded'), value: uiDateFormatter({ style: 'time' })(state.loadedAt) });
    return `**${tooltipText(config.label)}**\n\n${fieldsTable(rows, [vscode.l10n.t('Field'), vscode.l10n.t('Value')])}`;
  }

  private sessionItem(node: SessionNode, now: number): vscode.TreeItem {
    const session = this.model.session(node.providerId, node.sessionKey);
    if (!session) return new vscode.TreeItem(vscode.l10n.t('(gone)'));
    const item = new vscode.TreeItem(
      sessionLabel(session, this.describe),
      session.tokens.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = nodeId(node);
    item.description = sessionDescription(session, now, this.describe);
    const look = sessionLook(session, now);
    item.iconPath = sessionIcon[look];
    item.contextValue = session.status !== 'revoked' && this.model.canRevoke(node.providerId) ? ContextValue.sessionRevocable : ContextValue.session;
    return item;
  }

  private tokenItem(node: TokenNode, now: number): vscode.TreeItem {
    const session = this.model.session(node.providerId, node.sessionKey);
    const token = session?.tokens[node.tokenIndex];
    if (!token) return new vscode.TreeItem(vscode.l10n.t('(gone)'));
    const item = new vscode.TreeItem(plainText(tokenLabelText(token.label), 60), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.description = tokenSummary(token, now, this.describe, session?.expiresAt).description;
    item.iconPath = new vscode.ThemeIcon(token.opaque ? 'lock' : 'key');
    item.contextValue = ContextValue.token;
    item.command = { command: CommandId.inspectSessionToken, title: vscode.l10n.t('Inspect Token'), arguments: [node] };
    return item;
  }

  private loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
    const state = this.model.state(node.providerId);
    const label = loadMoreLabel(state.sessions.length, state.total, {
      ofTotal: vscode.l10n.t('Load more ({0} of {1})'),
      loaded: vscode.l10n.t('Load more ({0} loaded)'),
    });
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.iconPath = new vscode.ThemeIcon(state.loadingMore ? 'loading~spin' : 'ellipsis');
    item.contextValue = ContextValue.loadMore;
    item.command = { command: CommandId.loadMore, title: label, arguments: [node] };
    return item;
  }

  private infoItem(node: InfoNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label ?? '', vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    // Messages can be longer than the side bar is wide: the plain-text tooltip has all of it.
    item.tooltip = node.label ?? '';
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = ContextValue.info;
    if (node.command) {
      const providerNode: ProviderNode = { type: 'provider', providerId: node.providerId };
      item.command = { command: node.command.id, title: node.command.title, arguments: [providerNode] };
    }
    return item;
  }
}
