import type * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { InspectInput } from './inspectInput';

/** SecretStorage key of the token shown by the (one) inspector panel. */
const secretKey = 'authlens.inspector/panelToken';

/** Kept at most this long: a window closed with the panel open never restores it after that. */
const maxAgeMs = 24 * 3600 * 1000;

/** Session data beyond this size is not kept for a restore (only the token is). */
const maxStoredBytes = 512 * 1024;

interface StoredEntry {
  readonly panelKey: string;
  readonly savedAt: number;
  readonly input: InspectInput;
}

/** A new opaque id for a panel's content (no meaning, no token material). */
export function newPanelKey(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Where the inspector keeps its token so that a window reload can restore the panel: in
 * SecretStorage (encrypted by VS Code), keyed by an opaque panel key that is the only thing the
 * webview state holds. The entry is deleted when the panel closes, replaced when another token
 * is shown, and ignored (and deleted) once older than a day.
 */
export class PanelTokenStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async save(panelKey: string, input: InspectInput): Promise<void> {
    let entry: StoredEntry = { panelKey, savedAt: this.now(), input };
    let text = JSON.stringify(entry);
    if (text.length > maxStoredBytes) {
      // Keep the token and where it came from; drop the (large) session data.
      const { session: _dropped, ...source } = input.source ?? { providerId: '', providerLabel: '' };
      entry = { panelKey, savedAt: entry.savedAt, input: { token: input.token, ...(input.source ? { source } : {}) } };
      text = JSON.stringify(entry);
    }
    await this.secrets.store(secretKey, text);
  }

  /** The input saved for `panelKey`, if it is still there and young enough. */
  async load(panelKey: string): Promise<InspectInput | undefined> {
    const text = await this.secrets.get(secretKey);
    if (text === undefined) return undefined;
    let entry: Partial<StoredEntry> | undefined;
    try {
      entry = JSON.parse(text) as Partial<StoredEntry>;
    } catch {
      entry = undefined;
    }
    const valid =
      entry !== undefined &&
      typeof entry.savedAt === 'number' &&
      this.now() - entry.savedAt < maxAgeMs &&
      typeof entry.input?.token === 'string';
    if (!valid) {
      await this.clear();
      return undefined;
    }
    return entry?.panelKey === panelKey ? entry.input : undefined;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretKey);
  }
}
