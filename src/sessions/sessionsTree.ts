import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import { Disposable, toDisposable } from '../plumbing/lifecycle';
import { plainText } from '../core/hostileText';
import { sessionExpiry, tokenSummary } from './describe';
import { nodeId, type ExplorerNode, type InfoNode, type ProviderNode, type SessionNode, type TokenNode } from './nodes';
import type { SessionsModel } from './sessionsModel';
import type { TokenInfo } from '../providers/types';
import { TreeItemFactory } from './treeItems';
import type { KeptFreshView } from './keepFresh';

/**
 * The Sessions view: provider → sessions → tokens, read from {@link SessionsModel}.
 *
 * Time-left descriptions stay current without refetching: the view owns one timer that
 * re-renders every row once a minute, and once a second only the rows in their last minute.
 * The timer runs only while the view is visible and is disposed with the view.
 */
export class SessionsTreeProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One object per row id: VS Code matches refreshed elements by identity. */
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly items: TreeItemFactory;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFullRender = 0;
  private visible = false;
  /** Token expiries, decoded once per token object. */
  private readonly tokenExpiry = new WeakMap<TokenInfo, number | null>();

  constructor(
    private readonly model: SessionsModel,
    /** Injected clock (tests). */
    private readonly now: () => number = Date.now,
    /** Which providers are kept fresh (their rows say so). */
    keptFresh?: KeptFreshView,
  ) {
    super();
    this.items = new TreeItemFactory(model, keptFresh);
    if (keptFresh) this.register(keptFresh.onDidChangeKept((providerId) => this.changed.fire(this.intern<ProviderNode>({ type: 'provider', providerId }))));
    this.register(
      toDisposable(() => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
      }),
    );
    this.register(
      model.onDidChange((providerId) => {
        if (providerId === undefined) this.changed.fire(undefined);
        else this.changed.fire(this.intern<ProviderNode>({ type: 'provider', providerId }));
        this.schedule();
      }),
    );
    this.register(this.changed);
  }

  /** The view tells us when it is shown; hidden views get no timer. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.changed.fire(undefined);
      this.lastFullRender = this.now();
    }
    this.schedule();
  }

  private intern<T extends ExplorerNode>(node: T): T {
    const id = nodeId(node);
    const existing = this.nodes.get(id);
    if (existing) return existing as T;
    this.nodes.set(id, node);
    return node;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return this.items.item(node, this.now());
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    return this.items.resolve(item, node, this.now());
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.type) {
      case 'provider':
        return undefined;
      case 'token':
        return this.intern<SessionNode>({ type: 'session', providerId: node.providerId, sessionKey: node.sessionKey });
      default:
        return this.intern<ProviderNode>({ type: 'provider', providerId: node.providerId });
    }
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.model.providers.map((p) => this.intern<ProviderNode>({ type: 'provider', providerId: p.id }));
    switch (node.type) {
      case 'provider':
        await this.model.ensureLoaded(node.providerId);
        this.schedule();
        return this.providerChildren(node.providerId);
      case 'session': {
        const session = this.model.session(node.providerId, node.sessionKey);
        return (session?.tokens ?? []).map((_t, tokenIndex) =>
          this.intern<TokenNode>({ type: 'token', providerId: node.providerId, sessionKey: node.sessionKey, tokenIndex }),
        );
      }
      default:
        return [];
    }
  }

  private info(providerId: string, infoKey: string, label: string, icon: string, command?: { id: string; title: string }): InfoNode {
    // Info rows change text with the state, so they are not interned.
    return { type: 'info', providerId, infoKey, label, icon, ...(command ? { command } : {}) };
  }

  private providerChildren(providerId: string): ExplorerNode[] {
    const state = this.model.state(providerId);
    const config = this.model.provider(providerId);
    const out: ExplorerNode[] = [];
    const setCredential = { id: CommandId.setCredential, title: vscode.l10n.t('Set Credential…') };
    for (const a of state.setAside) {
      out.push(
        this.info(
          providerId,
          `aside-${a.kind}`,
          a.addedByDiscovery !== undefined
            ? vscode.l10n.t(
                'A credential for {0} was set aside: the issuer’s discovery document now names {1}.',
                plainText(a.storedOrigin),
                plainText(a.addedByDiscovery.join(', ')),
              )
            : vscode.l10n.t('A credential for {0} was set aside: the provider now points to {1}.', plainText(a.storedOrigin), plainText(a.currentOrigin)),
          'shield',
        ),
      );
    }
    const kind = state.kind === 'loading' ? state.lastKind : state.kind;
    switch (kind) {
      case 'ok':
        for (const s of state.sessions) out.push(this.intern<SessionNode>({ type: 'session', providerId, sessionKey: s.key }));
        if (state.sessions.length === 0) out.push(this.info(providerId, 'empty', vscode.l10n.t('No sessions.'), 'info'));
        if (state.nextCursor !== undefined) out.push(this.intern({ type: 'loadMore', providerId }));
        break;
      case 'signed-out':
        out.push(
          this.info(
            providerId,
            'signed-out',
            state.noCredential
              ? vscode.l10n.t('No credential is stored for {0}.', plainText(config?.baseUrl ?? ''))
              : state.cookieMismatch
                ? vscode.l10n.t(
                    'Signed out: your cookie is {0}, the provider is set to {1}. Set "cookieName" to {0} in the provider settings if that is the server’s cookie.',
                    plainText(state.cookieMismatch.sent, 100),
                    plainText(state.cookieMismatch.configured, 100),
                  )
                : vscode.l10n.t('Nobody is signed in with the stored credential.'),
            'sign-out',
          ),
          this.info(providerId, 'set-credential', vscode.l10n.t('Set Credential…'), 'key', setCredential),
        );
        break;
      case 'unauthorized':
        out.push(
          this.info(providerId, 'failure', plainText(state.failure?.message ?? '', 200), 'lock'),
          this.info(providerId, 'set-credential', vscode.l10n.t('Set Credential…'), 'key', setCredential),
        );
        break;
      case 'unreachable':
        out.push(
          this.info(providerId, 'failure', plainText(state.failure?.message ?? '', 200), 'debug-disconnect'),
          this.info(providerId, 'retry', vscode.l10n.t('Retry'), 'refresh', { id: CommandId.refresh, title: vscode.l10n.t('Retry') }),
        );
        break;
      case 'error':
        out.push(
          this.info(providerId, 'failure', plainText(state.failure?.message ?? '', 200), 'error'),
          this.info(providerId, 'retry', vscode.l10n.t('Retry'), 'refresh', { id: CommandId.refresh, title: vscode.l10n.t('Retry') }),
        );
        break;
      default:
        break;
    }
    return out;
  }

  private expiryOfToken(token: TokenInfo, now: number, sessionExpiresAt?: string): number | undefined {
    let v = this.tokenExpiry.get(token);
    if (v === undefined) {
      v = tokenSummary(token, now, undefined, sessionExpiresAt).expiresAt ?? null;
      this.tokenExpiry.set(token, v);
    }
    return v ?? undefined;
  }

  /** Plans the next re-render: 1 s if a rendered row is in its last minute, else 60 s. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.visible) return;
    const now = this.now();
    let any = false;
    let fast = false;
    for (const p of this.model.providers) {
      for (const s of this.model.state(p.id).sessions) {
        const e = sessionExpiry(s.session);
        if (e) {
          any = true;
          if (e.at > now && e.at - now <= 61_000) fast = true;
        }
        for (const t of s.session.tokens) {
          const at = this.expiryOfToken(t, now, s.session.expiresAt);
          if (at !== undefined) {
            any = true;
            if (at > now && at - now <= 61_000) fast = true;
          }
        }
      }
    }
    if (!any) return;
    this.timer = setTimeout(() => this.tick(), fast ? 1000 : 60_000);
  }

  private tick(): void {
    this.timer = undefined;
    const now = this.now();
    if (now - this.lastFullRender >= 59_000) {
      this.lastFullRender = now;
      this.changed.fire(undefined);
    } else {
      const rows: ExplorerNode[] = [];
      for (const p of this.model.providers) {
        for (const s of this.model.state(p.id).sessions) {
          const e = sessionExpiry(s.session);
          if (e && Math.abs(e.at - now) <= 62_000) {
            const n = this.nodes.get(nodeId({ type: 'session', providerId: p.id, sessionKey: s.key }));
            if (n) rows.push(n);
          }
          s.session.tokens.forEach((t, tokenIndex) => {
            const at = this.expiryOfToken(t, now, s.session.expiresAt);
            if (at !== undefined && Math.abs(at - now) <= 62_000) {
              const n = this.nodes.get(nodeId({ type: 'token', providerId: p.id, sessionKey: s.key, tokenIndex }));
              if (n) rows.push(n);
            }
          });
        }
      }
      if (rows.length > 0) this.changed.fire(rows);
    }
    this.schedule();
  }
}
