/**
 * The context keys the "Get Started with AuthLens" walkthrough completes its steps on
 * (`completionEvents: ["onContext:…"]` in package.json). Each is set once, where the thing
 * happened, and stays true for the window: the walkthrough remembers a checked step itself.
 * The sandbox step uses `authlens.sandboxRunning` (sessions/sandboxControl.ts).
 */
import * as vscode from 'vscode';

export const walkthroughContext = {
  /** The inspector has rendered a token. */
  tokenInspected: 'authlens.tokenInspected',
  /** A credential was stored with AuthLens: Set Credential. */
  credentialStored: 'authlens.credentialStored',
  /** An OpenID Connect sign-in (browser or code) succeeded. */
  signedIn: 'authlens.signedIn',
} as const;

export type WalkthroughContextKey = (typeof walkthroughContext)[keyof typeof walkthroughContext];

/** Marks a walkthrough milestone reached in this window. */
export function markWalkthroughDone(key: WalkthroughContextKey): void {
  void vscode.commands.executeCommand('setContext', key, true);
}
