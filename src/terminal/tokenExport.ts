import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import { redact } from '../core/redact';
import { Disposable, toDisposable } from '../plumbing/lifecycle';
import { providerIdOfTokenKey } from '../secrets/keys';
import type { SessionStatusBar } from '../sessions/statusBar';
import { currentToken, type ExportModel, type ExportTarget } from './exportedToken';
import { exportedValues, isExportableToken, type ExportNames } from './exportVariables';

/** Where an export's token comes from and which events say it may have changed. */
export interface ExportSources {
  readonly model: ExportModel;
  /** Holds the `oidc` token sets; its change event is how a refresh (here or in another window) arrives. */
  readonly secrets: vscode.SecretStorage;
  /** Fires with a provider id after Keep Fresh refreshed its tokens, when that feature is wired. */
  readonly refreshed?: vscode.Event<string>;
}

/** How the export names what it carries (plain text from the tree; no token). */
export interface ExportLabels {
  readonly provider: string;
  readonly session: string;
  readonly token: string;
}

/** What is exported right now (never the token). */
export interface ExportedToken {
  readonly target: ExportTarget;
  readonly names: ExportNames;
  readonly labels: ExportLabels;
}

type Log = Pick<vscode.LogOutputChannel, 'info' | 'warn'>;

/** Context key, true while a token is exported (`when` clauses in package.json). */
export const exportingContextKey = 'authlens.exporting';

/** The status bar names the exported variable while it shows the exported session. */
export function showExportIn(exporter: Pick<TerminalTokenExport, 'onDidChange'>, statusBar: Pick<SessionStatusBar, 'showExport'>): vscode.Disposable {
  return exporter.onDidChange((e) => statusBar.showExport(e && { providerId: e.target.providerId, sessionKey: e.target.sessionKey, variable: e.names.token }));
}

/**
 * "Export to Terminals": one token at a time in every new integrated terminal, through the
 * extension's environment variable collection. Not persisted (`persistent = false`: a reload
 * starts clean), never written to a file or setting; the log sees redacted prefixes only. It
 * follows refreshes of the token and clears itself when the token is gone.
 */
export class TerminalTokenExport extends Disposable {
  private exported: (ExportedToken & { value: string; scheme: string }) | undefined;
  /** Bumped by every start, stop and re-read, so a slow re-read never overwrites a newer state. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<ExportedToken | undefined>();
  /** Fires when an export starts, changes its variables' target or stops (the status bar listens). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly sources: ExportSources,
    private readonly log: Log,
  ) {
    super();
    collection.persistent = false;
    // Nothing survives from an earlier window, whatever the collection held.
    collection.clear();
    collection.description = undefined;
    this.register(this.changed);
    // "Stop Exporting" is offered in the palette only while something is exported.
    this.register(this.changed.event((e) => void vscode.commands.executeCommand('setContext', exportingContextKey, e !== undefined)));
    this.register(toDisposable(() => this.collection.clear()));
    this.register(
      sources.model.onDidChange((providerId) => {
        // `undefined`: the provider list changed (Remove Provider, sandbox stopped).
        if (this.exported && (providerId === undefined || providerId === this.exported.target.providerId)) void this.follow();
      }),
    );
    this.register(
      sources.secrets.onDidChange((e) => {
        if (this.exported && providerIdOfTokenKey(e.key) === this.exported.target.providerId) void this.follow();
      }),
    );
    if (sources.refreshed) {
      this.register(
        sources.refreshed((providerId) => {
          if (this.exported?.target.providerId === providerId) void this.follow();
        }),
      );
    }
  }

  /** What is exported now, if anything. */
  get current(): ExportedToken | undefined {
    const e = this.exported;
    return e ? { target: e.target, names: e.names, labels: e.labels } : undefined;
  }

  /**
   * Exports `value` under `names` (replacing any earlier export). The caller checked the names
   * and that the token is exportable ({@link isExportableToken}).
   */
  start(target: ExportTarget, names: ExportNames, labels: ExportLabels, value: string, scheme: string): void {
    this.generation++;
    this.collection.clear();
    this.exported = { target, names, labels, value, scheme };
    this.apply();
    this.log.info(`[${target.providerId}] exporting ${target.tokenKind} to terminals as $${names.token}, $${names.authorization} (${redact(value)})`);
    this.changed.fire(this.current);
  }

  /** Stops exporting; `why` goes to the log. Returns whether something was exported. */
  stop(why: string): boolean {
    this.generation++;
    const was = this.exported;
    this.exported = undefined;
    this.collection.clear();
    this.collection.description = undefined;
    if (!was) return false;
    this.log.info(`[${was.target.providerId}] stopped exporting $${was.names.token}, $${was.names.authorization} to terminals (${why})`);
    this.changed.fire(undefined);
    return true;
  }

  /** Stops when the export is a token of this provider (and of this session, when given). */
  stopFor(providerId: string, sessionKey: string | undefined, why: string): boolean {
    const t = this.exported?.target;
    if (!t || t.providerId !== providerId || (sessionKey !== undefined && t.sessionKey !== sessionKey)) return false;
    return this.stop(why);
  }

  /** Re-reads the exported token after a change; replaces the values or stops. */
  private async follow(): Promise<void> {
    const exported = this.exported;
    if (!exported) return;
    const generation = ++this.generation;
    const now = await currentToken(this.sources.model, this.sources.secrets, exported.target);
    // Started, stopped or re-read again meanwhile: that newer state wins.
    if (generation !== this.generation || this.exported !== exported) return;
    if (now.kind === 'unknown') return;
    if (now.kind === 'gone') {
      this.stop('the token is gone: signed out, forgotten, revoked or the provider removed');
      return;
    }
    if (now.value === exported.value && now.scheme === exported.scheme) return;
    if (!isExportableToken(now.value)) {
      this.log.warn(`[${exported.target.providerId}] the new ${exported.target.tokenKind} has characters a terminal variable cannot carry`);
      this.stop('the new token cannot be exported');
      return;
    }
    this.exported = { ...exported, value: now.value, scheme: now.scheme };
    this.apply();
    this.log.info(
      `[${exported.target.providerId}] terminal variable $${exported.names.token} follows the new ${exported.target.tokenKind} (${redact(now.value)})`,
    );
  }

  private apply(): void {
    const e = this.exported;
    if (!e) return;
    for (const [name, value] of exportedValues(e.names, e.value, e.scheme)) this.collection.replace(name, value);
    // Shown in the terminal's tooltip: plain text, names only, never the token.
    this.collection.description = vscode.l10n.t(
      'AuthLens: the {0} of {1} at {2}, in ${3} and ${4}',
      plainText(e.labels.token, 60),
      plainText(e.labels.session, 80),
      plainText(e.labels.provider, 60),
      e.names.token,
      e.names.authorization,
    );
  }
}
