import * as vscode from 'vscode';
import type { HoverAction } from '../editor/hover/hoverMarkdown';
import { runTokenAction } from './tokenActions';
import type { Services } from '../services';

const ACTIONS: readonly HoverAction[] = ['inspect', 'copyPayload', 'copyAuthorizationHeader'];

/**
 * `authlens.hoverAction` (internal, hidden from the palette): the target of the hover's links.
 * Its arguments are `[id, action]`, where `id` names a token the hover put in
 * `services.hoverTokens`; anything else is ignored, so no link can smuggle a token or a value in.
 */
export function hoverActionCommand(services: Services) {
  return async (...args: unknown[]): Promise<void> => {
    const [id, action] = args;
    if (typeof id !== 'string' || typeof action !== 'string' || !ACTIONS.includes(action as HoverAction)) return;
    const entry = services.hoverTokens.get(id, Date.now());
    if (!entry) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That hover is out of date. Hover over the token again.'));
      return;
    }
    await runTokenAction(services, entry.token, action as HoverAction, entry.stripped);
  };
}
