import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import type { AuthLensConfig, ConfiguredProvider, Settings } from '../plumbing/config';
import type { CredentialStore } from '../secrets/credentials';
import { Disposable, toDisposable } from '../plumbing/lifecycle';
import { plainText } from '../core/hostileText';
import { SandboxControl } from './sandboxControl';
import { SessionsModel, type ProviderFailure } from './sessionsModel';
import { SessionsTreeProvider } from './sessionsTree';
import { SessionStatusBar } from './statusBar';
import { KeepFresh } from './keepFresh';
import { keepFreshHost } from './keepFreshHost';
import { providerIdOfTokenKey } from '../secrets/keys';

/** What the in-host tests reach through the extension's exports (test mode only). */
export interface ExplorerTestHooks {
  readonly model: SessionsModel;
  readonly tree: SessionsTreeProvider;
  readonly statusBar: SessionStatusBar;
  readonly sandbox: SandboxControl;
  readonly credentials: CredentialStore;
  readonly view: vscode.TreeView<import('./nodes').ExplorerNode>;
  config(): AuthLensConfig;
  reload(): void;
}

/** Refreshes on window focus come at most this often. */
const focusThrottleMs = 10_000;

/**
 * The session explorer: model, tree view, status bar, sandbox, and the timers for auto-refresh.
 * It follows the {@link Settings} it is given (their owner is `activateFeatures()`). Constructing it is
 * cheap: nothing is fetched and no provider code is loaded until the view is shown (or the
 * sandbox auto-starts).
 */
export class SessionsExplorer extends Disposable {
  readonly model: SessionsModel;
  readonly tree: SessionsTreeProvider;
  readonly view: vscode.TreeView<import('./nodes').ExplorerNode>;
  readonly statusBar: SessionStatusBar;
  readonly sandbox: SandboxControl;
  /** Keep Fresh: renews kept-fresh providers' tokens ahead of expiry (in memory, this window only). */
  readonly keepFresh: KeepFresh;
  private autoRefreshTimer: ReturnType<typeof setInterval> | undefined;
  private initialLoadDone = false;
  private lastFocusRefresh = 0;
  private reportedProblems = '';

  /**
   * `view` is the Sessions tree view the activation shell created (with a data provider that
   * hands on to {@link tree} once the features are loaded).
   */
  constructor(
    private readonly settings: Settings,
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
    view: vscode.TreeView<import('./nodes').ExplorerNode>,
  ) {
    super();
    // Registered first so it runs first on dispose, as the hand-written dispose() did.
    this.register(toDisposable(() => this.stopAutoRefresh()));
    this.model = new SessionsModel(this.config, credentials, log, (p, f) => this.reportFailure(p, f));
    this.keepFresh = new KeepFresh(keepFreshHost({ settings, credentials, model: this.model, log }));
    this.tree = new SessionsTreeProvider(this.model, Date.now, this.keepFresh);
    this.view = view;
    this.statusBar = new SessionStatusBar(this.model, () => this.config, Date.now, this.keepFresh);
    this.sandbox = new SandboxControl(credentials, log);
    this.register(this.view);
    this.register(this.view.onDidChangeVisibility((e) => this.onVisible(e.visible)));
    this.register(settings.onDidChange(() => this.applySettings()));
    this.register(
      credentials.onDidChange((providerId) => {
        if (this.model.state(providerId).kind !== 'idle') void this.model.refresh(providerId, 'auto');
      }),
    );
    this.register(
      vscode.window.onDidChangeWindowState((e) => {
        if (e.focused) this.onFocus();
      }),
    );
    // A kept-fresh provider's sets changed (sign-in, forget, a renewal): plan its timer again.
    this.register(
      credentials.secrets.onDidChange((e) => {
        const providerId = providerIdOfTokenKey(e.key);
        if (providerId !== undefined) void this.keepFresh.tokensChanged(providerId);
      }),
    );
    this.register(this.keepFresh);
    this.register(this.statusBar);
    this.register(this.tree);
    this.register(this.model);
    this.register(this.sandbox);
    this.applyConfig();
    if (this.view.visible) this.onVisible(true);
    if (this.config.sandboxAutoStart) void this.startSandbox();
  }

  /** The settings snapshot in force (owned by {@link Settings}). */
  private get config(): AuthLensConfig {
    return this.settings.current;
  }

  /** For the in-host tests only (`activate()` returns it in test mode). */
  get testHooks(): ExplorerTestHooks {
    return {
      model: this.model,
      tree: this.tree,
      statusBar: this.statusBar,
      sandbox: this.sandbox,
      credentials: this.credentials,
      view: this.view,
      config: () => this.config,
      reload: () => this.reload(),
    };
  }

  /** Starts the sandbox; failures are shown, never thrown. */
  async startSandbox(): Promise<boolean> {
    try {
      const handle = await this.sandbox.start();
      // The settings change reloads the config; make sure what we show is current.
      this.reload();
      await this.model.refresh(undefined, 'user');
      void vscode.window.setStatusBarMessage(vscode.l10n.t('AuthLens sandbox running at {0}', handle.url), 5000);
      return true;
    } catch (err) {
      this.log.error(`Sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
      const showLog = vscode.l10n.t('Show Log');
      const retry = vscode.l10n.t('Retry');
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('The AuthLens sandbox could not start. See the log for details.'), retry, showLog);
      if (choice === showLog) this.log.show();
      if (choice === retry) return this.startSandbox();
      return false;
    }
  }

  private onVisible(visible: boolean): void {
    this.tree.setVisible(visible);
    if (visible && !this.initialLoadDone) {
      this.initialLoadDone = true;
      void this.model.refresh(undefined, 'initial');
    }
  }

  private onFocus(): void {
    if (!this.config.refreshOnFocus) return;
    const now = Date.now();
    if (now - this.lastFocusRefresh < focusThrottleMs) return;
    this.lastFocusRefresh = now;
    for (const p of this.model.providers) {
      if (this.model.state(p.id).kind !== 'idle') void this.model.refresh(p.id, 'focus');
    }
  }

  /** Reads the settings again; {@link applySettings} then hands the snapshot on. */
  reload(): void {
    this.settings.reload();
  }

  /** Hands a new settings snapshot to everything that uses it. */
  private applySettings(): void {
    this.credentials.resetPrompts();
    this.model.setConfig(this.config);
    this.applyConfig();
    void this.keepFresh.settingsChanged();
    // Providers whose entry changed start over; load them if the view already showed them.
    if (this.initialLoadDone) {
      for (const p of this.model.providers) {
        if (this.model.state(p.id).kind === 'idle') void this.model.refresh(p.id, 'initial');
      }
    }
  }

  private stopAutoRefresh(): void {
    if (this.autoRefreshTimer) clearInterval(this.autoRefreshTimer);
    this.autoRefreshTimer = undefined;
  }

  private applyConfig(): void {
    this.stopAutoRefresh();
    if (this.config.autoRefreshSeconds > 0) {
      this.autoRefreshTimer = setInterval(() => {
        if (!this.view.visible && !this.statusBar.active) return;
        for (const p of this.model.providers) {
          if (this.model.state(p.id).kind !== 'idle') void this.model.refresh(p.id, 'auto');
        }
      }, this.config.autoRefreshSeconds * 1000);
    }
    const messages: string[] = [];
    if (this.config.restricted && this.config.ignoredWorkspaceProviders > 0) {
      messages.push(
        vscode.l10n.t(
          'Restricted Mode: {0} provider(s) from the workspace settings are ignored. Trust the workspace to use them.',
          this.config.ignoredWorkspaceProviders,
        ),
      );
    }
    if (this.config.problems.length > 0) {
      messages.push(vscode.l10n.t('{0} provider setting(s) skipped; see the notification or the log.', this.config.problems.length));
    }
    this.view.message = messages.length > 0 ? messages.join(' ') : undefined;
    this.reportProblems();
  }

  private reportProblems(): void {
    const key = this.config.problems.join('\n');
    if (key === this.reportedProblems) return;
    this.reportedProblems = key;
    if (this.config.problems.length === 0) return;
    for (const p of this.config.problems) this.log.warn(p);
    const openSettings = vscode.l10n.t('Open Settings');
    const showLog = vscode.l10n.t('Show Log');
    const first = this.config.problems[0] ?? '';
    const more = this.config.problems.length > 1 ? ` ${vscode.l10n.t('(and {0} more)', this.config.problems.length - 1)}` : '';
    void vscode.window.showWarningMessage(`${first}${more}`, openSettings, showLog).then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
      if (choice === showLog) this.log.show();
    });
  }

  /** A user-initiated load failed: say so with the actions that can fix it. */
  private reportFailure(provider: ConfiguredProvider, failure: ProviderFailure): void {
    const setCredential = vscode.l10n.t('Set Credential');
    const retry = vscode.l10n.t('Retry');
    const openSettings = vscode.l10n.t('Open Settings');
    const showLog = vscode.l10n.t('Show Log');
    const actions: string[] = [];
    if (failure.code === 'http-unauthorized' || failure.code === 'http-forbidden') actions.push(setCredential);
    else if (failure.code === 'config-invalid' || failure.code === 'net-dns' || failure.code === 'origin-mismatch') actions.push(openSettings, retry);
    else actions.push(retry);
    actions.push(showLog);
    const node = { type: 'provider', providerId: provider.id } as const;
    void vscode.window.showErrorMessage(`${plainText(provider.label, 60)}: ${plainText(failure.message, 300)}`, ...actions).then((choice) => {
      if (choice === setCredential) void vscode.commands.executeCommand(CommandId.setCredential, node);
      else if (choice === retry) void vscode.commands.executeCommand(CommandId.refresh, node);
      else if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'authlens.providers');
      else if (choice === showLog) this.log.show();
    });
  }
}
