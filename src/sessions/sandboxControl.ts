import * as vscode from 'vscode';
import { rawId, rawProviders, writeProviders, type ConfigLevel } from '../plumbing/config';
import { originOf, type CredentialStore } from '../secrets/credentials';
import { loadSandbox } from '../plumbing/lazy';
import { sandboxOwnersKey } from '../plumbing/settingKeys';
import type { CredentialKind, ProviderConfig } from '../providers/types';
import { levelsToSweep, parseOwners, removeSandboxEntries, sandboxIdPrefix, type ProviderSettings, type SandboxOwner } from './providerCleanup';

type SandboxHandle = Awaited<ReturnType<ReturnType<typeof loadSandbox>['startSandbox']>>;

/** Context key for `when` clauses: the sandbox runs in this window. */
export const sandboxRunningContext = 'authlens.sandboxRunning';

export { sandboxIdPrefix };

/** Global-state key of the running sandboxes of all windows (the shell checks it at start-up). */
const ownersKey = sandboxOwnersKey;

const hostSettings: ProviderSettings = { read: rawProviders, write: writeProviders };

/** Whether a process (another window's extension host) is still running. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs the built-in sandbox auth server in the extension host (loaded on demand, never at
 * activation). Starting writes its providers into the workspace settings (user settings when
 * no folder is open or the workspace is restricted) and its credentials into SecretStorage,
 * bound to the sandbox's origin. Stopping removes both, and so does closing the window
 * ({@link shutdown}). A window that crashed leaves them behind: the next activation (and the
 * next start) sweeps such leftovers, since the loopback port may belong to anything by then.
 */
export class SandboxControl implements vscode.Disposable {
  private handle: SandboxHandle | undefined;
  private starting: Promise<SandboxHandle> | undefined;
  private level: ConfigLevel | undefined;
  private ids: string[] = [];
  /** Shared by all windows: which extension hosts run a sandbox, so a sweep spares theirs. */
  private owners: vscode.Memento | undefined;

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

  /** Where running sandboxes register (VS Code's global state); set once by `activateFeatures()`. */
  useOwnerRegistry(state: vscode.Memento): void {
    this.owners = state;
  }

  /**
   * Removes `sandbox-*` providers a previous run of this window (or a crashed one) left in the
   * settings, with their credentials and tokens. Does nothing while this window's sandbox runs
   * or starts. Never throws.
   */
  async sweepLeftovers(): Promise<void> {
    if (this.handle || this.starting) return;
    await this.sweep();
  }

  private async sweep(): Promise<void> {
    try {
      const recorded = parseOwners(this.owners?.get(ownersKey));
      const owners = recorded.filter((o) => o.pid !== process.pid && processAlive(o.pid));
      if (owners.length !== recorded.length) await this.setOwners(owners);
      const removed = await removeSandboxEntries(
        hostSettings,
        this.credentials,
        levelsToSweep(owners, process.pid, () => true),
      );
      if (removed.length > 0) this.log.info(`Sandbox: removed leftover providers ${removed.join(', ')} and their credentials`);
    } catch (err) {
      this.log.warn(`Sandbox: leftover providers could not be removed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async setOwners(owners: readonly SandboxOwner[]): Promise<void> {
    await this.owners?.update(ownersKey, owners.length > 0 ? owners : undefined);
  }

  private async register(level: ConfigLevel | undefined): Promise<void> {
    const others = parseOwners(this.owners?.get(ownersKey)).filter((o) => o.pid !== process.pid);
    await this.setOwners(level ? [...others, { pid: process.pid, level }] : others);
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
      // Leftovers of a crashed run first: their credentials are bound to a dead port.
      await this.sweep();
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
      const level: ConfigLevel = vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders?.length ?? 0) > 0 ? 'workspace' : 'user';
      this.ids = configs.map((c) => c.id);
      await writeProviders(level, mergeProviders(rawProviders(level), configs));
      this.level = level;
      this.handle = handle;
      await this.register(level);
      await vscode.commands.executeCommand('setContext', sandboxRunningContext, true);
      this.log.info(`Sandbox running at ${handle.url} (${Date.now() - started} ms); providers written to ${level} settings`);
      return handle;
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
  }

  /** Stops the sandbox and removes its providers, credentials and OIDC tokens. */
  async stop(): Promise<void> {
    const handle = this.handle ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.handle = undefined;
    await vscode.commands.executeCommand('setContext', sandboxRunningContext, false);
    if (!handle) return;
    await this.removeTraces(handle);
    await handle.close();
    this.log.info('Sandbox stopped');
  }

  /**
   * On deactivate (window closed or reloaded): what {@link stop} does, without touching UI
   * state, and never throwing. If the host dies first, the next activation's sweep does it.
   */
  async shutdown(): Promise<void> {
    const handle = this.handle ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.handle = undefined;
    if (!handle) return;
    try {
      await this.removeTraces(handle);
    } catch (err) {
      this.log.warn(`Sandbox: providers not removed at shutdown: ${err instanceof Error ? err.message : String(err)}`);
    }
    await handle.close().catch(() => undefined);
  }

  private async removeTraces(handle: SandboxHandle): Promise<void> {
    const ids = new Set(this.ids.length > 0 ? this.ids : handle.providerConfigs().map((c) => c.id));
    const levels: ConfigLevel[] = this.level === 'user' ? ['user', 'workspace'] : ['workspace', 'user'];
    await removeSandboxEntries(hostSettings, this.credentials, levels, ids);
    await this.register(undefined);
  }
}

/** Replaces entries with the sandbox's ids and appends the sandbox providers. */
export function mergeProviders(existing: readonly unknown[], sandbox: readonly ProviderConfig[]): unknown[] {
  const ids = new Set(sandbox.map((c) => c.id));
  const kept = existing.filter((e) => !ids.has(rawId(e) ?? ''));
  return [...kept, ...sandbox.map((c) => ({ ...c }))];
}
