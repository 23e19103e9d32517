/**
 * `Services.inspector`: opens THE token inspector (one panel, reused), restores it after a window
 * reload ({@link TokenInspector.restore}: the activation shell registers the
 * `WebviewPanelSerializer`, so a restore needs no more than the shell at start-up), and forgets
 * the token when the panel closes.
 */
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { Disposable } from '../plumbing/lifecycle';
import { parseWebviewState } from '../shared/inspectorProtocol';
import type { InspectorDeps } from './deps';
import type { InspectInput, OpenOptions } from '../shared/inspectInput';
import { newPanelKey, PanelTokenStore } from '../secrets/panelTokenStore';
import { inspectorViewType } from '../plumbing/viewIds';
import { TokenInspectorPanel, type PanelStats } from './tokenInspectorPanel';

/** What the in-host tests may look at (exported from `activate()` in test mode only). */
export interface InspectorTestHooks {
  /** Panels created since activation and how many are open now. */
  readonly panels: () => { created: number; open: number };
  readonly stats: PanelStats;
  /** Feeds a raw message to the open panel's handler; true when it was accepted. */
  readonly receive: (message: unknown) => Promise<boolean>;
  /** Runs the serializer's restore on a fresh panel with the given state; returns what it shows. */
  readonly restore: (state: unknown) => Promise<'token' | 'unavailable'>;
}

export class TokenInspector extends Disposable {
  private panel: TokenInspectorPanel | undefined;
  private readonly store: PanelTokenStore;
  /** True while the extension is shutting down: the panel then closes without forgetting its token. */
  private shuttingDown = false;
  private created = 0;
  readonly stats: PanelStats = { rejected: 0, renderedVersions: [] };

  constructor(private readonly deps: InspectorDeps) {
    super();
    this.store = new PanelTokenStore(deps.secrets);
  }

  override dispose(): void {
    // Shutting down (window reload, extension host exit): leave the panel to the workbench, which
    // serializes it, and keep the stored token for the restore.
    this.shuttingDown = true;
    super.dispose();
  }

  /**
   * Shows `input` in the inspector: reveals the open panel (keeping its column unless `toSide`)
   * or creates it. Resolves when the webview has rendered the token (at most 5 s).
   */
  async open(input: InspectInput, options: OpenOptions = {}): Promise<void> {
    const started = Date.now();
    const column = options.toSide ? vscode.ViewColumn.Beside : (this.panel?.panel.viewColumn ?? vscode.ViewColumn.Active);
    // A panel that is the active, visible editor shows the new token in place and is not revealed again:
    // that reveal only moved the focus to it (from the tree or the terminal, say), and it cost
    // the workbench 15-20 ms per open, also when done after the paint (the bench's warm figures).
    const onScreen = this.panel !== undefined && this.panel.panel.active && this.panel.panel.visible && !options.toSide;
    if (!this.panel) {
      const webviewPanel = vscode.window.createWebviewPanel(
        inspectorViewType,
        vscode.l10n.t('Token Inspector'),
        { viewColumn: column, preserveFocus: options.preserveFocus === true },
        // Context is kept while hidden so revealed fields and verification results survive a tab switch;
        // countdowns pause (the host tells the webview when it is hidden).
        { enableScripts: true, retainContextWhenHidden: true },
      );
      this.adopt(webviewPanel, newPanelKey());
    } else if (!onScreen) {
      this.panel.panel.reveal(column, options.preserveFocus === true);
    }
    const panel = this.panel!;
    this.deps.log.info(`Inspector: showing ${redact(input.token)}${input.source ? ` from ${input.source.providerId}` : ''}`);
    // The SecretStorage write (for a window reload) is work in the workbench's renderer, which
    // relays the webview's messages, so it waits until the token is on screen.
    await panel.show(input, started);
    void this.store.save(panel.panelKey, input).catch(() => this.deps.log.warn('Inspector: could not keep the token for a window reload'));
  }

  private adopt(webviewPanel: vscode.WebviewPanel, panelKey: string): TokenInspectorPanel {
    this.panel?.dispose();
    this.created++;
    const panel = new TokenInspectorPanel(webviewPanel, this.deps, panelKey, this.stats);
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
      // Closing the panel forgets the token; a shutdown keeps it for the restore after reload.
      if (!this.shuttingDown) void this.store.clear().catch(() => undefined);
    });
    return panel;
  }

  /**
   * The serializer's restore (registered by the shell, `src/extension.ts`): state holds
   * only the opaque panel key; the token comes from SecretStorage.
   */
  async restore(webviewPanel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parseWebviewState(rawState);
    const input = state.panelKey ? await this.store.load(state.panelKey).catch(() => undefined) : undefined;
    const panelKey = state.panelKey ?? newPanelKey();
    const panel = this.adopt(webviewPanel, panelKey);
    if (input) await this.store.save(panelKey, input).catch(() => undefined);
    this.deps.log.info(`Inspector: restored after reload (${input ? 'token kept' : 'token no longer available'})`);
    await panel.show(input);
  }

  /** Test hooks; see {@link InspectorTestHooks}. */
  get testHooks(): InspectorTestHooks {
    return {
      panels: () => ({ created: this.created, open: this.panel ? 1 : 0 }),
      stats: this.stats,
      receive: async (message) => (this.panel ? this.panel.receive(message) : false),
      restore: async (state) => {
        const webviewPanel = vscode.window.createWebviewPanel(inspectorViewType, vscode.l10n.t('Token Inspector'), vscode.ViewColumn.Active, {
          enableScripts: true,
          retainContextWhenHidden: true,
        });
        await this.restore(webviewPanel, state);
        return this.panel?.input ? 'token' : 'unavailable';
      },
    };
  }
}
