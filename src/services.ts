import type * as vscode from 'vscode';
import type { Settings } from './plumbing/config';
import type { CredentialStore } from './secrets/credentials';
import type { DecodedDocuments } from './editor/decodedDocument';
import type { SessionsExplorer } from './sessions/explorer';
import type { KeepFresh } from './sessions/keepFresh';
import type { HoverTokenStore } from './editor/hover/hoverTokenStore';
import type { TokenInspector } from './inspector/tokenInspector';
import type { TerminalTokenExport } from './terminal/tokenExport';

/**
 * What command handlers and views share, built once in `activateFeatures()` (`src/features.ts`).
 * Features add their fields here; nothing in it holds module-level state.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The settings snapshot and its change event (the one owner; see `src/plumbing/config.ts`). */
  readonly settings: Settings;
  /** The read-only JSON documents of "Decode Token to JSON Document", created on first use. */
  readonly decodedDocuments: () => DecodedDocuments;
  /** Tokens behind the hover's command links (opaque ids only travel in links). */
  readonly hoverTokens: HoverTokenStore;
  /** Credentials in SecretStorage, bound to their origin. */
  readonly credentials: CredentialStore;
  /** The Sessions view, its model, status bar item and the sandbox. */
  readonly explorer: SessionsExplorer;
  /** Keep Fresh (owned by the explorer): `onDidRefresh(providerId)` after each renewal. */
  readonly keepFresh: KeepFresh;
  /** The token inspector panel: `inspector.open({ token, source })`. */
  readonly inspector: TokenInspector;
  /** "Export to Terminals": the one token new integrated terminals get. */
  readonly terminalExport: TerminalTokenExport;
}
