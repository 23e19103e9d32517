import * as vscode from 'vscode';
import type { HoverConfig, Settings } from '../../plumbing/config';
import { translate } from '../../plumbing/l10n';
import type { Services } from '../../services';
import { ExpiredHintDecorations } from './expiredHints';
import { tokenHoverOnLine } from './hoverModel';
import type { HoverTokenStore } from './hoverTokenStore';

/**
 * Shows a decoded JWT (or names a JWE, an opaque or a malformed token) when the mouse rests on
 * one, in any document. Reads only a bounded window of the hovered line, never the whole line
 * or document, so it costs the same in a 10 MB minified file as in a small one.
 */
export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: HoverTokenStore,
    private readonly config: () => HoverConfig,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const config = this.config();
    if (!config.enabled || config.excludedLanguages.has(document.languageId)) return undefined;
    const { line } = position;
    // validateRange clamps `to` to the line's end without materialising anything else.
    const read = (from: number, to: number): string => document.getText(document.validateRange(new vscode.Range(line, from, line, to)));
    const hover = tokenHoverOnLine(read, position.character, Date.now(), this.store, translate);
    if (!hover) return undefined;
    // Theme icons off: token text must never render as an icon (see hoverMarkdown.ts).
    const markdown = new vscode.MarkdownString(hover.markdown, hover.supportThemeIcons);
    markdown.supportHtml = false;
    markdown.isTrusted = hover.enabledCommands.length > 0 ? { enabledCommands: [...hover.enabledCommands] } : false;
    return new vscode.Hover(markdown, new vscode.Range(line, hover.start, line, hover.end));
  }
}

/**
 * The editor feature besides the provider (which the activation shell registers): the optional
 * expired-token hints, and forgetting hover tokens when the hover is turned off. Follows
 * `authlens.hover.*` and `authlens.decorations.expiredHint` live.
 */
export function followHoverSettings(services: Pick<Services, 'hoverTokens'>, settings: Settings): vscode.Disposable {
  const config = (): HoverConfig => settings.current.hover;
  let hints: ExpiredHintDecorations | undefined;
  const applyHints = (): void => {
    if (config().expiredHint && !hints) hints = new ExpiredHintDecorations(translate);
    if (!config().expiredHint && hints) {
      hints.dispose();
      hints = undefined;
    }
  };
  applyHints();
  return vscode.Disposable.from(
    // Every settings change, not only `authlens.hover.*`: both steps are idempotent.
    settings.onDidChange(() => {
      if (!config().enabled) services.hoverTokens.clear();
      applyHints();
    }),
    { dispose: () => hints?.dispose() },
  );
}
