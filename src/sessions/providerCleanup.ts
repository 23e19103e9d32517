/**
 * Forgetting a provider: its credentials, its OIDC token sets, and (for the sandbox) its settings
 * entries. No `vscode` import at run time, so the rules are unit-tested in plain Node; the
 * callers hand in SecretStorage and a settings accessor.
 */
import type * as vscode from 'vscode';
import type { ConfigLevel } from '../plumbing/config';
import { clearOidcTokens } from '../secrets/oidcTokenStore';
import { cookieSecretKey } from '../secrets/keys';

import { sandboxIdPrefix } from '../plumbing/settingKeys';

export { sandboxIdPrefix };

/** What forgetting a provider's secrets needs; `CredentialStore` is one. */
export interface ProviderSecrets {
  readonly secrets: vscode.SecretStorage;
  clearAll(providerId: string): Promise<void>;
}

/** Reads and writes `authlens.providers` at one settings level (`src/plumbing/config.ts` in the host). */
export interface ProviderSettings {
  read(level: ConfigLevel): unknown[];
  write(level: ConfigLevel, entries: readonly unknown[]): Promise<void>;
}

/**
 * Deletes every secret AuthLens keeps for a provider id: each credential kind, each OIDC
 * token set and the cookie-signing secret the inspector remembered for it. A removed provider's
 * refresh token must not wait in the keychain for a later entry that reuses the id.
 */
export async function forgetProviderSecrets(store: ProviderSecrets, providerId: string): Promise<void> {
  await store.clearAll(providerId);
  await clearOidcTokens(store.secrets, providerId);
  await store.secrets.delete(cookieSecretKey({ providerId }));
}

/**
 * Whether a settings entry is one the sandbox wrote: a `sandbox-*` id and a base URL on
 * `http://127.0.0.1:<port>`. The port is only the sandbox's while it runs; afterwards any local
 * process may bind it and would receive the credentials. A user's own `sandbox-*` entry that
 * points elsewhere is left alone.
 */
export function isSandboxEntry(entry: unknown): entry is { id: string; baseUrl: string } {
  if (typeof entry !== 'object' || entry === null) return false;
  const { id, baseUrl } = entry as { id?: unknown; baseUrl?: unknown };
  if (typeof id !== 'string' || !id.startsWith(sandboxIdPrefix) || typeof baseUrl !== 'string') return false;
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '';
  } catch {
    return false;
  }
}

function entryId(entry: unknown): string | undefined {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** A running sandbox, as registered in VS Code's global state (shared by all windows). */
export interface SandboxOwner {
  /** Process id of the extension host that runs it. */
  readonly pid: number;
  /** The settings level it wrote its providers to. */
  readonly level: ConfigLevel;
}

/** Reads the owner records; anything malformed is dropped. */
export function parseOwners(value: unknown): SandboxOwner[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (o): o is SandboxOwner =>
      typeof o === 'object' &&
      o !== null &&
      Number.isInteger((o as { pid?: unknown }).pid) &&
      ((o as { level?: unknown }).level === 'user' || (o as { level?: unknown }).level === 'workspace'),
  );
}

/**
 * The levels whose sandbox entries are leftovers. Workspace settings belong to this window (a
 * folder opens in one window only). User settings are shared by every window: they are swept
 * only when no other live extension host has registered a sandbox there.
 */
export function levelsToSweep(owners: readonly SandboxOwner[], selfPid: number, alive: (pid: number) => boolean): ConfigLevel[] {
  const otherUserOwner = owners.some((o) => o.level === 'user' && o.pid !== selfPid && alive(o.pid));
  return otherUserOwner ? ['workspace'] : ['workspace', 'user'];
}

/**
 * Removes the sandbox's entries from the given settings levels and forgets their secrets (and
 * those of `ids`, when given). Returns the ids forgotten. Secrets go first: if the host is
 * killed half-way, the entries left behind are still found by the next activation's sweep,
 * and whatever they point at gets nothing.
 */
export async function removeSandboxEntries(
  settings: ProviderSettings,
  store: ProviderSecrets,
  levels: readonly ConfigLevel[],
  ids?: ReadonlySet<string>,
): Promise<string[]> {
  // With `ids` (the running sandbox's own), its entries go even if someone edited their URL since.
  const matches = (e: unknown): boolean => (ids !== undefined ? ids.has(entryId(e) ?? '') : isSandboxEntry(e));
  const found = levels.map((level) => ({ level, before: settings.read(level) }));
  const removed = new Set<string>(ids ?? []);
  for (const { before } of found) for (const e of before.filter(matches)) removed.add(entryId(e) ?? '');
  for (const id of removed) await forgetProviderSecrets(store, id);
  for (const { level, before } of found) {
    const after = before.filter((e) => !matches(e));
    if (after.length !== before.length) await settings.write(level, after);
  }
  return [...removed].sort();
}
