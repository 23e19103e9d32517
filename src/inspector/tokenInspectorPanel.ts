/**
 * One inspector panel's lifecycle: the page (`panelHtml.ts`), the webview's `ready` / `rendered`
 * / `stateSaved`, and the dispatch of every other message to its handler (`requests/table.ts`).
 * Every message is validated; every request is answered by exactly one reply with its `seq`.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errorMessages';
import { isAuthLensError } from '../core/errors';
import { plainText } from '../core/hostileText';
import { translate } from '../plumbing/l10n';
import { Disposable } from '../plumbing/lifecycle';
import type { PanelContent } from '../shared/inspectorModel';
import { parseWebviewMessage, type HostMessage, type Reply } from '../shared/inspectorProtocol';
import type { InspectorDeps } from './deps';
import type { InspectInput } from '../shared/inspectInput';
import { inspectorHtml, inspectorWebviewOptions } from './panelHtml';
import type { RequestContext } from './requests/context';
import { handleRequest } from './requests/table';
import { buildShown, type Shown } from './shown';
import { withStoredSecret } from './viewModel';
import { markWalkthroughDone, walkthroughContext } from '../plumbing/walkthroughEvents';
import { storedSecretKeyOf } from './storedSecretKey';
import { withDerived, type DerivedFrom } from './derivedToken';

export { inspectorViewType } from '../plumbing/viewIds';

/** Hooks for the in-host tests (exported only in test mode). */
export interface PanelStats {
  /** Messages dropped by the validator. */
  rejected: number;
  /** Last `setState` JSON the webview reported. */
  lastState?: string;
  /** ms from `open()` to the webview's `rendered`. */
  lastOpenMs?: number;
  /** The content versions the webview reported rendered, oldest first (the last 20). */
  renderedVersions: number[];
}

/**
 * One inspector panel and its message loop. The {@link TokenInspector} service keeps at most one.
 */
export class TokenInspectorPanel extends Disposable {
  private current: Shown | undefined;
  /** Set while the panel shows a token AuthLens made from `original` (see `derivedToken.ts`). */
  private derived: DerivedFrom | undefined;
  private ready = false;
  /** Of the content shown: the webview renders each version once (see `inspectorProtocol.ts`). */
  private version = 0;
  private readonly renderWaiters: (() => void)[] = [];
  private openStarted: number | undefined;
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  private readonly requests: RequestContext;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: InspectorDeps,
    readonly panelKey: string,
    private readonly stats: PanelStats,
  ) {
    super();
    const extensionUri = deps.extensionUri;
    panel.webview.options = inspectorWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'inspector.svg');
    panel.webview.html = inspectorHtml(panel.webview, extensionUri);
    this.requests = {
      deps,
      panel: {
        current: () => this.current,
        show: (input) => void this.show(input),
        showDerived: (input, derived) => void this.show(input, Date.now(), derived),
        derivedFrom: () => this.derived,
      },
    };
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.register(panel.onDidChangeViewState((e) => this.post({ type: 'visibility', visible: e.webviewPanel.visible })));
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  /** Shows a token (or the "paste again" state when `input` is undefined); `derived` when AuthLens made it. */
  show(input: InspectInput | undefined, started = Date.now(), derived?: DerivedFrom): Promise<void> {
    this.openStarted = started;
    this.derived = input ? derived : undefined;
    this.current = input ? buildShown(input, this.deps, Date.now()) : undefined;
    this.version++;
    // The content first (before `ready`, as the `init` that goes with the page); the title and
    // the stored-secret lookup (work in the workbench's renderer, which relays the webview's
    // messages) once the token is on screen.
    this.postContent();
    const rendered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      this.renderWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const shown = this.current;
    void rendered.then(() => {
      if (this.current !== shown) return;
      this.panel.title = this.title();
      void this.offerStoredSecret();
    });
    return rendered;
  }

  get input(): InspectInput | undefined {
    return this.current?.input;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    // The listeners go first (the panel's own dispose below must not call back in), then the
    // waiters and the event; the emitter is not registered because it fires after them.
    super.dispose();
    for (const w of this.renderWaiters.splice(0)) w();
    this.current = undefined;
    this.derived = undefined;
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
    this.panel.dispose();
  }

  private title(): string {
    const sub = this.current?.built.decoded?.payload['sub'];
    return typeof sub === 'string' && sub.length > 0 ? vscode.l10n.t('Token: {0}', plainText(sub, 30)) : vscode.l10n.t('Token Inspector');
  }

  private content(): PanelContent {
    return withDerived(this.current?.built.content ?? { kind: 'unavailable' }, this.derived);
  }

  /** The current content: as `content` once the page is ready, as its first `init` before. */
  private postContent(): void {
    if (this.ready) this.post({ type: 'content', version: this.version, content: this.content() });
    else this.postInit();
  }

  private postInit(): void {
    this.post({
      type: 'init',
      ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
      locale: vscode.env.language,
      panelKey: this.panelKey,
      version: this.version,
      content: this.content(),
    });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private reply(seq: number, reply: Reply): void {
    this.post({ type: 'reply', seq, reply });
  }

  /** Entry point of every webview message. Public for the in-host tests (through test hooks). */
  async receive(raw: unknown): Promise<boolean> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.stats.rejected++;
      this.deps.log.warn('Inspector: ignored a malformed message from the webview');
      return false;
    }
    switch (msg.type) {
      case 'ready':
        // Again, though the first `init` may be on screen already: a reloaded page lost it.
        this.ready = true;
        this.postInit();
        this.post({ type: 'visibility', visible: this.panel.visible });
        return true;
      case 'rendered':
        this.stats.renderedVersions = [...this.stats.renderedVersions, msg.version].slice(-20);
        if (this.openStarted !== undefined) {
          this.stats.lastOpenMs = Date.now() - this.openStarted;
          this.deps.log.debug(`Inspector rendered in ${this.stats.lastOpenMs} ms`);
          this.openStarted = undefined;
        }
        for (const w of this.renderWaiters.splice(0)) w();
        if (this.current) markWalkthroughDone(walkthroughContext.tokenInspected);
        return true;
      case 'stateSaved':
        this.stats.lastState = msg.json;
        return true;
      default:
        try {
          this.reply(msg.seq, await handleRequest(msg, this.requests));
        } catch (err) {
          this.deps.log.warn(`Inspector: ${msg.type} failed: ${err instanceof Error ? err.name : 'error'}`);
          this.reply(msg.seq, {
            kind: 'failed',
            message: isAuthLensError(err) ? errorMessage(err, translate) : vscode.l10n.t('Something went wrong; see the AuthLens log.'),
          });
        }
        return true;
    }
  }

  /** "Use stored secret" only when a secret for this token's issuer (a cookie's provider) is in SecretStorage. */
  private async offerStoredSecret(): Promise<void> {
    const current = this.current;
    const key = current ? storedSecretKeyOf(current, this.deps) : undefined;
    if (!current || key === undefined) return;
    const secret = await Promise.resolve(this.deps.secrets.get(key)).catch(() => undefined);
    if (!secret || this.current !== current) return;
    this.current = { ...current, built: withStoredSecret(current.built) };
    this.version++;
    this.postContent();
  }
}
