import * as vscode from 'vscode';
import { rawId, rawProviders, writeProviders, type ConfigLevel } from '../config';
import { originOf, type CredentialStore } from '../credentials';
import { loadSandbox } from '../lazy';
import type { CredentialKind, ProviderConfig } from '../providers/types';

type SandboxHandle = Awaited<ReturnType<ReturnType<typeof loadSandbox>['startSandbox']>>;

/** Context key for `when` clauses: the sandbox runs in this window. */
export const sandboxRunningContext = 'authlens.sandboxRunning';

/** Sandbox provider ids start with this. */
export const sandboxIdPrefix = 'sandbox-';

/**
 * Runs the built-in sandbox auth server in the extension host (loaded on demand, never at
 * activation). Starting writes its providers into the workspace settings (user settings when
 * no folder is open or the workspace is restricted) and its credentials into SecretStorage,
 * bound to the sandbox's origin. Stopping removes both.
 */
export class SandboxControl implements vscode.Disposable {
  private handle: SandboxHandle | undefined;
  private starting: Promise<SandboxHandle> | undefined;
  private level: ConfigLevel | undefined;
  private ids: string[] = [];

  constructor(
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get running(): SandboxHandle | undefined {
    return this.handle;
  }

  dispose(): void {
    const h = this.handle;
    this.handle = undefined;
    void h?.close().catch(() => undefined);
    void vscode.commands.executeCommand('setContext', sandboxRunningContext, false);
  }

  /** Starts the sandbox (or returns the running one). */
  start(): Promise<SandboxHandle> {
    if (this.handle) return Promise.resolve(this.handle);
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<SandboxHandle> {
    const started = Date.now();
    const handle = await loadSandbox().startSandbox();
    try {
      const configs = handle.providerConfigs();
      // Credentials first, so the refresh the settings change triggers finds them.
      for (const config of configs) {
        const origin = originOf(config.baseUrl);
        const creds = handle.credentials[config.id] ?? {};
        if (!origin) continue;
        for (const [kind, value] of Object.entries(creds) as [CredentialKind, string | undefined][]) {
          if (typeof value === 'string' && value !== '') await this.credentials.setForOrigin(config.id, kind, origin, value);
        }
      }
      const level: ConfigLevel =
        vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders?.length ?? 0) > 0 ? 'workspace' : 'user';
      this.ids = configs.map((c) => c.id);
      await writeProviders(level, mergeProviders(rawProviders(level), configs));
      this.level = level;
      this.handle = handle;
      await vscode.commands.executeCommand('setContext', sandboxRunningContext, true);
      this.log.info(`Sandbox running at ${handle.url} (${Date.now() - started} ms); providers written to ${level} settings`);
      return handle;
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
  }

  /** Stops the sandbox and removes its providers and credentials. */
  async stop(): Promise<void> {
    const handle = this.handle ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.handle = undefined;
    await vscode.commands.executeCommand('setContext', sandboxRunningContext, false);
    if (!handle) return;
    const ids = new Set(this.ids.length > 0 ? this.ids : handle.providerConfigs().map((c) => c.id));
    for (const level of [this.level ?? 'workspace', 'user'] as const) {
      const before = rawProviders(level);
      const after = before.filter((e) => !ids.has(rawId(e) ?? ''));
      if (after.length !== before.length) await writeProviders(level, after);
    }
    for (const id of ids) await this.credentials.clearAll(id);
    await handle.close();
    this.log.info('Sandbox stopped');
  }
}

/** Replaces entries with the sandbox's ids and appends the sandbox providers. */
export function mergeProviders(existing: readonly unknown[], sandbox: readonly ProviderConfig[]): unknown[] {
  const ids = new Set(sandbox.map((c) => c.id));
  const kept = existing.filter((e) => !ids.has(rawId(e) ?? ''));
  return [...kept, ...sandbox.map((c) => ({ ...c }))];
}
