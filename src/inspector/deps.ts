/**
 * What the inspector needs from the rest of the extension, and nothing more: its own narrow
 * interface (not `Services`), so the inspector has no type cycle through `services.ts` and no
 * reach-through into the Sessions view's model. `sessionLookup.ts` builds it from the explorer.
 */
import type * as vscode from 'vscode';
import type { ConfiguredProvider } from '../plumbing/config';
import type { HttpOptions, SessionInfo } from '../providers/types';

/** The settings the inspector reads: Verify's key fetch goes through the resolved proxy options. */
export interface InspectorSettings {
  /** `http.proxy`, `http.proxyStrictSSL`, `http.noProxy` and the proxy environment, resolved once per settings snapshot. */
  readonly http: HttpOptions;
  /**
   * The configured providers: a pasted token whose `iss` is a Better Auth server's origin gets
   * that server's keys and TLS opt-out (`authlens.insecureTlsProviders`) for Verify.
   */
  readonly providers: readonly ConfiguredProvider[];
}

/** A token the person picked from the Sessions view (for Compare). */
export interface PickedSessionToken {
  /** The provider's label, as configured (hostile: shown through `plainText`). */
  readonly providerLabel: string;
  /** The token's label in the tree. */
  readonly tokenLabel: string;
  /** The token itself. Secret: never log it. */
  readonly token: string;
}

/**
 * A secret the running sandbox signs with (its `BETTER_AUTH_SECRET`, express-session secret or
 * HS256 key), offered as "Use the sandbox's secret" for the sandbox's own cookies and tokens.
 */
export interface SandboxSecret {
  readonly providerId: string;
  readonly use: 'better-auth-cookie' | 'express-session-cookie' | 'jwt-hmac';
  /** The name a developer knows it by (`BETTER_AUTH_SECRET`). */
  readonly name: string;
  /** The server's base URL; for `jwt-hmac`, the tokens' issuer. */
  readonly origin: string;
  /** Secret: never log it, never send it to the webview. */
  readonly secret: string;
}

/** The sessions layer as the inspector sees it. */
export interface InspectorSessions {
  /** The configured provider with this id, if any. */
  provider(providerId: string): ConfiguredProvider | undefined;
  /** Whether the provider can revoke sessions (false when it cannot say). */
  canRevoke(providerId: string): boolean;
  /** The tree key of the listed session with this id, or undefined when it is not listed. */
  listedSessionKey(providerId: string, sessionId: string): string | undefined;
  /** The listed session with this id, after the last load. */
  listedSession(providerId: string, sessionId: string): SessionInfo | undefined;
  /** Lists the provider's sessions again (as the person's refresh does). */
  refresh(providerId: string): Promise<void>;
  /** Revoke Session for a listed session: asks first, revokes, reports; resolves when done. */
  revoke(providerId: string, sessionKey: string): Promise<void>;
  /** Lets the person pick a token from the listed sessions. */
  pickToken(): Promise<PickedSessionToken | undefined>;
  /** The running sandbox's signing secrets; empty when it is not running. */
  sandboxSecrets(): readonly SandboxSecret[];
  /** The provider's listed sessions after the last load (a shown cookie names the one it belongs to). */
  listedSessions?(providerId: string): readonly SessionInfo[];
}

export interface InspectorDeps {
  /** Where the panel's token (for a reload) and remembered HMAC secrets are kept. */
  readonly secrets: vscode.SecretStorage;
  /** Root of `dist/` and `media/`. */
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly sessions: InspectorSessions;
  /** The current settings (read when needed, so changes apply without reopening the panel). */
  readonly settings: () => InspectorSettings;
}
