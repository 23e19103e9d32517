/**
 * JWTs printed in the integrated terminal are links: hovering one shows what it is (`sub`,
 * `iss`, time left; never the token), Ctrl/Cmd+click opens the token inspector on it. The
 * finding is the pure `terminalTokens()` (bounded per line); this file only adapts it to
 * `vscode.TerminalLinkProvider` (`tokenLinkRegistration.ts` registers it while
 * `authlens.terminalLinks.enabled` is on).
 *
 * The token travels inside the link object, in the extension host's memory: VS Code hands the
 * same object back to `handleTerminalLink`, so it never goes into a command URI, a setting or
 * a log.
 */
import * as vscode from 'vscode';
import { terminalTokens, type TerminalToken } from '../core/terminalTokens';
import { translate } from '../plumbing/l10n';
import type { InspectInput } from '../shared/inspectInput';

/** A link on one token; `found` (with the token) stays in this process. */
export interface TokenTerminalLink extends vscode.TerminalLink {
  readonly found: TerminalToken;
}

/** What the provider needs from the rest of the extension. */
export interface TokenLinkDeps {
  /** Opens the inspector (`services.inspector.open`). */
  readonly open: (input: InspectInput) => Promise<void>;
  readonly log: Pick<vscode.LogOutputChannel, 'error'>;
  /** Epoch ms; the tests pass a fixed clock. */
  readonly now?: () => number;
}

/** Finds tokens on the terminal line VS Code asks about and opens the inspector on a click. */
export class TokenTerminalLinkProvider implements vscode.TerminalLinkProvider<TokenTerminalLink> {
  constructor(private readonly deps: TokenLinkDeps) {}

  provideTerminalLinks(context: Pick<vscode.TerminalLinkContext, 'line'>): TokenTerminalLink[] {
    const now = this.deps.now?.() ?? Date.now();
    return terminalTokens(context.line, now, { t: translate }).map((found) => ({
      startIndex: found.start,
      length: found.length,
      tooltip: found.tooltip,
      found,
    }));
  }

  async handleTerminalLink(link: TokenTerminalLink): Promise<void> {
    const { token, stripped } = link.found;
    try {
      await this.deps.open({ token, ...(stripped.length > 0 ? { stripped } : {}) });
    } catch (err) {
      // The error's message could hold the token: only its name is logged.
      this.deps.log.error(`Terminal link: the inspector did not open (${err instanceof Error ? err.name : 'unknown error'})`);
      void vscode.window.showErrorMessage(vscode.l10n.t('AuthLens could not open the token inspector.'));
    }
  }
}
