import * as vscode from 'vscode';
import { commandTable } from './commands/table';
import { Settings } from './plumbing/config';
import { DecodedDocuments } from './editor/decodedDocument';
import { onFirstUse } from './plumbing/lifecycle';
import type { Services } from './services';
import { CredentialStore } from './secrets/credentials';
import { SessionsExplorer } from './sessions/explorer';
import { HoverTokenStore } from './editor/hover/hoverTokenStore';
import { registerTokenHover } from './editor/hover/tokenHoverProvider';
import { TokenInspector } from './inspector/tokenInspector';
import { inspectorSessions } from './inspector/sessionLookup';
import { revokeSessionCommand } from './commands/revokeSession';
import { showExportIn, TerminalTokenExport } from './terminal/tokenExport';
import { TerminalTokenLinks, TokenTerminalLinkProvider } from './terminal/tokenLinks';

/** Wires AuthLens together. No logic lives here; each line hands a feature its services. */
export function activate(context: vscode.ExtensionContext): unknown {
  const log = vscode.window.createOutputChannel('AuthLens', { log: true });
  context.subscriptions.push(log);
  // The one owner of the settings snapshot; the explorer and the hover follow its changes.
  const settings = new Settings();
  context.subscriptions.push(settings);
  const credentials = new CredentialStore(context.secrets, log);
  const explorer = new SessionsExplorer(settings, credentials, log);
  context.subscriptions.push(credentials, explorer);
  explorer.sandbox.useOwnerRegistry(context.globalState);
  // Safety net for a window that crashed with the sandbox running (see SandboxControl).
  void explorer.sandbox.sweepLeftovers();
  shutdownSandbox = () => explorer.sandbox.shutdown();
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

  for (const [id, factory] of Object.entries(commandTable)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(services)));
  }
  context.subscriptions.push(registerTokenHover(services, settings));
  // JWTs printed in the terminal are links to the inspector (while authlens.terminalLinks.enabled).
  context.subscriptions.push(new TerminalTokenLinks(settings, new TokenTerminalLinkProvider({ open: (input) => inspector.open(input), log })));
  log.info('AuthLens activated');
  // Test hooks for the in-host tests only; other extensions get nothing.
  return context.extensionMode === vscode.ExtensionMode.Test ? { inspector: inspector.testHooks, explorer: explorer.testHooks } : undefined;
}

/** Set by `activate()`: removes a running sandbox's providers and credentials. */
let shutdownSandbox: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  // VS Code awaits this before disposing context.subscriptions: the sandbox's settings entries
  // and credentials go now, while its port is still ours. Everything else is disposed there.
  const shutdown = shutdownSandbox;
  shutdownSandbox = undefined;
  return shutdown?.();
}
