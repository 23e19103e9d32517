/**
 * The cheap start-up checks of the activation shell: the few things AuthLens must do in a window
 * before anyone uses it, each behind a global-state key or a setting read without loading the
 * features. Anything else waits for the first command, hover, terminal link or view.
 */
import * as vscode from 'vscode';
import { readSwitch, sandboxIdPrefix, sandboxOwnersKey, section, SettingKey } from '../plumbing/settingKeys';
import type { TerminalLinkSettings } from '../terminal/tokenLinkRegistration';

/** Whether a raw `authlens.providers` value holds an entry with a sandbox id (a possible leftover). */
function hasSandboxId(value: unknown): boolean {
  return (
    Array.isArray(value) && value.some((e: unknown) => typeof e === 'object' && e !== null && String((e as { id?: unknown }).id).startsWith(sandboxIdPrefix))
  );
}

/**
 * Why the features must load at start-up, or `undefined` when nothing needs them yet:
 * - a sandbox owner is registered (a window runs or ran one) or a `sandbox-*` provider is in the
 *   settings: the leftover sweep (SandboxControl) removes what a crashed window left behind;
 * - `authlens.sandbox.autoStart`: the sandbox starts with the window;
 * - `authlens.decorations.expiredHint`: the hints decorate the visible editors.
 * The Sessions view shown at start-up loads them through its data provider (standIns.ts).
 */
export function startupReason(globalState: vscode.Memento): string | undefined {
  if (globalState.get<unknown>(sandboxOwnersKey) !== undefined) return 'sandbox owner registered: sweep leftovers';
  const cfg = vscode.workspace.getConfiguration(section);
  const providers = cfg.inspect<unknown>(SettingKey.providers);
  if (hasSandboxId(providers?.globalValue) || hasSandboxId(providers?.workspaceValue)) return 'sandbox providers in settings: sweep leftovers';
  if (readSwitch.sandboxAutoStart(cfg)) return 'authlens.sandbox.autoStart';
  if (readSwitch.expiredHint(cfg)) return 'authlens.decorations.expiredHint';
  return undefined;
}

/** Calls `load` when `authlens.decorations.expiredHint` is turned on (the features follow it from then on). */
export function onExpiredHintEnabled(load: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(`${section}.${SettingKey.expiredHint}`)) return;
    if (readSwitch.expiredHint(vscode.workspace.getConfiguration(section))) load();
  });
}

/** `authlens.terminalLinks.enabled` (the rule `readConfig()` uses too) and its changes. */
export function terminalLinkSettings(): TerminalLinkSettings {
  const read = (): boolean => readSwitch.terminalLinks(vscode.workspace.getConfiguration(section));
  return {
    get current() {
      return { terminalLinks: read() };
    },
    onDidChange: (listener) =>
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${section}.${SettingKey.terminalLinksEnabled}`)) listener();
      }),
  };
}
