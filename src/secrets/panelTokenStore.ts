import type * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { SessionInfo, TokenInfo } from '../providers/types';
import type { InspectInput } from '../shared/inspectInput';
import { panelTokenKey } from './keys';

/** Kept at most this long: a window closed with the panel open never restores it after that. */
const maxAgeMs = 24 * 3600 * 1000;

interface StoredEntry {
  readonly panelKey: string;
  readonly savedAt: number;
  readonly input: InspectInput;
}

/**
 * What the restore slot keeps of an input: the token, where it came from, and the session's
 * structured, non-secret fields (id, user, status, times) so Revoke and Refresh still find the
 * session after a reload. Dropped: the server's raw session and user JSON (Authing's sends the
 * password hash and salt, others their cookies) and every other token of the session (refresh
 * tokens, cookies); only the shown token's own entry stays.
 */
export function restorableInput(input: InspectInput): InspectInput {
  const src = input.source;
  if (!src) return { token: input.token };
  const session = src.session ? restorableSession(src.session, input.token) : undefined;
  return {
    token: input.token,
    source: {
      providerId: src.providerId,
      providerLabel: src.providerLabel,
      ...(src.providerKind !== undefined ? { providerKind: src.providerKind } : {}),
      ...(src.tokenKind !== undefined ? { tokenKind: src.tokenKind } : {}),
      ...(session ? { session } : {}),
    },
  };
}

function restorableSession(s: SessionInfo, token: string): SessionInfo {
  const text = (v: unknown): v is string => typeof v === 'string';
  const optional = (['userAgent', 'ip', 'createdAt', 'updatedAt', 'expiresAt', 'idleExpiresAt', 'lastActiveAt', 'impersonatedBy', 'tenantId'] as const)
    .filter((k) => text(s[k]))
    .map((k) => [k, s[k]] as const);
  const user = {
    ...(text(s.user?.id) ? { id: s.user.id } : {}),
    ...(text(s.user?.name) ? { name: s.user.name } : {}),
    ...(text(s.user?.email) ? { email: s.user.email } : {}),
  };
  return {
    id: String(s.id),
    user,
    status: s.status,
    ...Object.fromEntries(optional),
    ...(s.current === true ? { current: true } : {}),
    // Array.isArray widens to any[]: the session was read back from storage, so type each item again.
    tokens: (Array.isArray(s.tokens) ? s.tokens : []).filter((t: TokenInfo) => t.value === token),
    raw: { session: {} },
  };
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
    const entry: StoredEntry = { panelKey, savedAt: this.now(), input: restorableInput(input) };
    await this.secrets.store(panelTokenKey, JSON.stringify(entry));
  }

  /** The input saved for `panelKey`, if it is still there and young enough. */
  async load(panelKey: string): Promise<InspectInput | undefined> {
    const text = await this.secrets.get(panelTokenKey);
    if (text === undefined) return undefined;
    let entry: Partial<StoredEntry> | undefined;
    try {
      entry = JSON.parse(text) as Partial<StoredEntry>;
    } catch {
      entry = undefined;
    }
    const valid = entry !== undefined && typeof entry.savedAt === 'number' && this.now() - entry.savedAt < maxAgeMs && typeof entry.input?.token === 'string';
    if (!valid) {
      await this.clear();
      return undefined;
    }
    // An entry written by an older version may still hold the raw session: never hand it out.
    return entry?.panelKey === panelKey && entry.input ? restorableInput(entry.input) : undefined;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(panelTokenKey);
  }
}
