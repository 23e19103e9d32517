import * as vscode from 'vscode';
import { commandTable } from './commands/table';
import type { Services } from './services';

/** Wires AuthLens together. No logic lives here; each line hands a feature its services. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('AuthLens', { log: true });
  context.subscriptions.push(log);
  const services: Services = { context, log };

  for (const [id, factory] of Object.entries(commandTable)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(services)));
  }
  log.info('AuthLens activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
