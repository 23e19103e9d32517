/**
 * The activation shell (`dist/extension.js`): registers every command, the hover, the terminal
 * links, the Sessions view and the inspector's restore with stand-ins that load the features
 * bundle (`dist/features.js`, `src/features.ts`) on first use. A window where nobody uses
 * AuthLens loads nothing else, unless a start-up check (`shell/startupChecks.ts`) says it must.
 */
import * as vscode from 'vscode';
import { allCommandIds } from './commands/commandIds';
import { inspectorViewType, sessionsViewId } from './plumbing/viewIds';
import { LazyFeatures } from './shell/lazyFeatures';
import { inspectorSerializer, SessionsTreeStandIn, type FeaturesLoader, TerminalLinksStandIn, TokenHoverStandIn } from './shell/standIns';
import { onExpiredHintEnabled, startupReason, terminalLinkSettings } from './shell/startupChecks';
import { TerminalTokenLinks } from './terminal/tokenLinkRegistration';

/** Set by `activate()`; `deactivate()` shuts the sandbox down if the features were loaded. */
let features: LazyFeatures | undefined;

export function activate(context: vscode.ExtensionContext): unknown {
  // Every stand-in loads the features through this (the view must exist first: they take it over).
  const load: FeaturesLoader = (reason) => lazy.get(reason);
  const sessionsTree = new SessionsTreeStandIn(load);
  const sessionsView = vscode.window.createTreeView(sessionsViewId, { treeDataProvider: sessionsTree, showCollapseAll: true });
  const lazy = new LazyFeatures(context, { sessionsView });
  features = lazy;
  context.subscriptions.push(sessionsTree, sessionsView);
  // Nothing exported to terminals survives from an earlier window (TerminalTokenExport keeps it so).
  context.environmentVariableCollection.persistent = false;
  context.environmentVariableCollection.clear();

  for (const id of allCommandIds) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load(id).run(id, args)));
  }
  context.subscriptions.push(
    vscode.languages.registerHoverProvider({ scheme: '*' }, new TokenHoverStandIn(load, () => lazy.loaded)),
    vscode.window.registerWebviewPanelSerializer(inspectorViewType, inspectorSerializer(load)),
    // JWTs printed in the terminal are links to the inspector (while authlens.terminalLinks.enabled).
    new TerminalTokenLinks(terminalLinkSettings(), new TerminalLinksStandIn(load)),
    sessionsView.onDidChangeVisibility((e) => e.visible && load('Sessions view shown')),
    onExpiredHintEnabled(() => load('authlens.decorations.expiredHint')),
  );
  const reason = startupReason(context.globalState);
  if (reason) load(reason);
  // Test hooks for the in-host tests only (reading them loads the features); other extensions get nothing.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    get inspector() {
      return load('test hooks').testHooks.inspector;
    },
    get explorer() {
      return load('test hooks').testHooks.explorer;
    },
  };
}

export function deactivate(): Promise<void> | undefined {
  // VS Code awaits this before disposing context.subscriptions: the sandbox's settings entries
  // and credentials go now, while its port is still ours. Everything else is disposed there.
  const loaded = features?.loaded;
  features = undefined;
  return loaded?.shutdownSandbox();
}
