/**
 * Registers the terminal link provider while `authlens.terminalLinks.enabled` is on (so nothing
 * runs on terminal output when it is off) and follows the setting live. Loaded by the activation
 * shell: it imports no AuthLens code at run time; the provider it registers is the shell's
 * stand-in, which loads the features bundle on the first terminal line VS Code asks about.
 */
import * as vscode from 'vscode';
import type { AuthLensConfig } from '../plumbing/config';
import { Disposable } from '../plumbing/lifecycle';

/** The part of `Settings` the feature follows. */
export interface TerminalLinkSettings {
  readonly current: Pick<AuthLensConfig, 'terminalLinks'>;
  readonly onDidChange: (listener: () => void) => vscode.Disposable;
}

/** Keeps `provider` registered exactly while the setting is on. */
export class TerminalTokenLinks<L extends vscode.TerminalLink = vscode.TerminalLink> extends Disposable {
  private registration: vscode.Disposable | undefined;

  constructor(
    private readonly settings: TerminalLinkSettings,
    private readonly provider: vscode.TerminalLinkProvider<L>,
    private readonly registerProvider: (provider: vscode.TerminalLinkProvider<L>) => vscode.Disposable = (p) => vscode.window.registerTerminalLinkProvider(p),
  ) {
    super();
    this.apply();
    this.register(settings.onDidChange(() => this.apply()));
    this.register({ dispose: () => this.unregister() });
  }

  /** True while the provider is registered with VS Code. */
  get active(): boolean {
    return this.registration !== undefined;
  }

  private apply(): void {
    if (this.isDisposed) return;
    if (this.settings.current.terminalLinks && !this.registration) this.registration = this.registerProvider(this.provider);
    if (!this.settings.current.terminalLinks) this.unregister();
  }

  private unregister(): void {
    this.registration?.dispose();
    this.registration = undefined;
  }
}
