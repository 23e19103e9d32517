/**
 * Entry of the features bundle (`dist/features.js`): everything AuthLens does, wired together.
 * The activation shell (`src/extension.ts`) loads it on the first command, hover, terminal link,
 * Sessions view or inspector restore (or at start-up when a cheap check says it must) and reaches
 * it only through {@link Features}. No logic lives here; each line hands a feature its services.
 */
import * as vscode from 'vscode';
import { commandTable } from './commands/table';
import type { CommandIdValue } from './commands/commandIds';
import { Settings } from './plumbing/config';
import { DecodedDocuments } from './editor/decodedDocument';
import { onFirstUse } from './plumbing/lifecycle';
import type { Services } from './services';
import { CredentialStore } from './secrets/credentials';
import { SessionsExplorer, type ExplorerTestHooks } from './sessions/explorer';
import type { ExplorerNode } from './sessions/nodes';
import { HoverTokenStore } from './editor/hover/hoverTokenStore';
import { followHoverSettings, TokenHoverProvider } from './editor/hover/tokenHoverProvider';
import { TokenInspector, type InspectorTestHooks } from './inspector/tokenInspector';
import { inspectorSessions } from './inspector/sessionLookup';
import { revokeSessionCommand } from './commands/revokeSession';
import { showExportIn, TerminalTokenExport } from './terminal/tokenExport';
import { TokenTerminalLinkProvider, type TokenTerminalLink } from './terminal/tokenLinks';

/** What the shell made before the features were loaded, and hands over to them. */
export interface ShellParts {
  /** The Sessions view; its data provider forwards to {@link Features.sessionsTree}. */
  readonly sessionsView: vscode.TreeView<ExplorerNode>;
}

/** What the in-host tests reach through the extension's exports (test mode only). */
export interface TestHooks {
  readonly inspector: InspectorTestHooks;
  readonly explorer: ExplorerTestHooks;
}

/** The features as the shell sees them: its stand-ins forward to these. */
export interface Features {
  /** Runs a command's handler (the shell registered the id). */
  run(id: CommandIdValue, args: readonly unknown[]): unknown;
  readonly hover: vscode.HoverProvider;
  readonly terminalLinks: vscode.TerminalLinkProvider<TokenTerminalLink>;
  readonly sessionsTree: vscode.TreeDataProvider<ExplorerNode>;
  /** The inspector's `WebviewPanelSerializer` restore. */
  restoreInspector(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  readonly testHooks: TestHooks;
  /** Removes a running sandbox's providers and credentials (`deactivate()`). */
  shutdownSandbox(): Promise<void>;
}

/** Builds the services and the command handlers; `reason` (what loaded the features) goes to the log. */
export function activateFeatures(context: vscode.ExtensionContext, shell: ShellParts, reason: string): Features {
  const log = vscode.window.createOutputChannel('AuthLens', { log: true });
  context.subscriptions.push(log);
  // The one owner of the settings snapshot; the explorer and the hover follow its changes.
  const settings = new Settings();
  context.subscriptions.push(settings);
  const credentials = new CredentialStore(context.secrets, log);
  const explorer = new SessionsExplorer(settings, credentials, log, shell.sessionsView);
  context.subscriptions.push(credentials, explorer);
  explorer.sandbox.useOwnerRegistry(context.globalState);
  // Safety net for a window that crashed with the sandbox running (see SandboxControl).
  void explorer.sandbox.sweepLeftovers();
  const inspector = new TokenInspector({
    secrets: context.secrets,
    extensionUri: context.extensionUri,
    log,
    // The inspector's Revoke runs Revoke Session's flow (confirmation, revoke, report) directly.
    sessions: inspectorSessions(explorer, (providerId, sessionKey) => revokeSessionCommand(services)({ type: 'session', providerId, sessionKey })),
    settings: () => settings.current,
  });
  context.subscriptions.push(inspector);
  // Not persisted; follows the token's refreshes (Keep Fresh's and any stored); the status bar names the variable.
  const terminalExport = new TerminalTokenExport(
    context.environmentVariableCollection,
    { model: explorer.model, secrets: context.secrets, refreshed: explorer.keepFresh.onDidRefresh },
    log,
  );
  context.subscriptions.push(terminalExport, showExportIn(terminalExport, explorer.statusBar));
  const decodedDocuments = onFirstUse(() => new DecodedDocuments(), context.subscriptions);
  const services: Services = {
    context,
    log,
    settings,
    decodedDocuments,
    hoverTokens: new HoverTokenStore(),
    credentials,
    explorer,
    keepFresh: explorer.keepFresh,
    inspector,
    terminalExport,
  };

  const handlers = new Map(Object.entries(commandTable).map(([id, factory]) => [id, factory(services)]));
  context.subscriptions.push(followHoverSettings(services, settings));
  log.info(`AuthLens features loaded (${reason})`);
  return {
    run: (id, args) => {
      const handler = handlers.get(id);
      if (!handler) throw new Error(`AuthLens has no handler for ${id}`);
      return handler(...args);
    },
    hover: new TokenHoverProvider(services.hoverTokens, () => settings.current.hover),
    // JWTs printed in the terminal are links to the inspector (the shell follows authlens.terminalLinks.enabled).
    terminalLinks: new TokenTerminalLinkProvider({ open: (input) => inspector.open(input), log }),
    sessionsTree: explorer.tree,
    restoreInspector: (panel, state) => inspector.restore(panel, state),
    testHooks: { inspector: inspector.testHooks, explorer: explorer.testHooks },
    shutdownSandbox: () => explorer.sandbox.shutdown(),
  };
}
