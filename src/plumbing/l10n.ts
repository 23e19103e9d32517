import * as vscode from 'vscode';

/**
 * The one adapter from `vscode.l10n.t` to the `Translate` shape the pure code takes
 * (`core/template.ts`, the hover's formatter). Pure modules never import `vscode`, so the
 * VS Code layer hands them this function instead of writing its own wrapper.
 *
 * Literal texts still go through `vscode.l10n.t('...')` directly: the guard test collects those
 * literals to check that both runtime bundles have them. This adapter is for texts the core
 * chose (warnings, error templates), whose lists are checked by their own tests.
 *
 * @example
 * errorMessage(err, translate)
 */
export function translate(message: string, ...args: Array<string | number | boolean>): string {
  return vscode.l10n.t(message, ...args);
}
