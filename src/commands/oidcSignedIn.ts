import * as vscode from 'vscode';
import type { ConfiguredProvider } from '../plumbing/config';
import { plainText } from '../core/hostileText';
import type { StoredTokenSet } from '../providers/oidc/tokenStore';
import type { Services } from '../services';
import { markWalkthroughDone, walkthroughContext } from '../plumbing/walkthroughEvents';

/**
 * After either sign-in (browser or code): logs it, refreshes the provider's user row and says
 * who is signed in (the name is server text: made plain).
 */
export async function announceSignedIn(services: Services, config: ConfiguredProvider, set: StoredTokenSet, how: string): Promise<void> {
  services.log.info(`[${config.id}] signed in (${how}), scope ${set.scope ?? '-'}`);
  markWalkthroughDone(walkthroughContext.signedIn);
  await services.explorer.model.refresh(config.id, 'user');
  const who = services.explorer.model.session(config.id, 'user')?.user;
  const name = who?.name ?? who?.email ?? who?.id;
  void vscode.window.showInformationMessage(
    name
      ? vscode.l10n.t('Signed in to {0} as {1}.', plainText(config.label, 60), plainText(name, 80))
      : vscode.l10n.t('Signed in to {0}.', plainText(config.label, 60)),
  );
}

/** True when VS Code runs remotely (SSH, container, Codespaces) or in a browser: no loopback browser redirect by default. */
export function isRemoteOrWeb(): boolean {
  return vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
}
