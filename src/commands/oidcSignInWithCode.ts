import * as vscode from 'vscode';
import type { ConfiguredProvider } from '../plumbing/config';
import { plainText } from '../core/hostileText';
import { loadProviders } from '../plumbing/lazy';
import type { DeviceCodePrompt } from '../providers/oidc';
import type { Services } from '../services';
import { announceSignedIn } from './oidcSignedIn';
import { pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Sign In with a Code (RFC 8628 device authorization grant). The person enters a
 * short code at the server's page in any browser, on any machine; AuthLens polls meanwhile.
 * Nothing has to reach this machine, so it works over SSH, in containers, Codespaces, and in
 * VS Code for the Web. The tokens go to SecretStorage like the browser sign-in's.
 */
export function oidcSignInWithCodeCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    await signInWithCode(services, config);
  };
}

/** The device sign-in for one provider: progress (Cancel), the code message (Copy Code, Open Browser, Cancel). */
export async function signInWithCode(services: Services, config: ConfiguredProvider): Promise<void> {
  const label = plainText(config.label, 60);
  const stop = new AbortController();
  let waiting = true;
  const set = await withOidcProvider(
    services,
    config,
    vscode.l10n.t('Signing in to {0} with a code: waiting for approval', label),
    (text) => vscode.l10n.t('Signing in to {0} failed: {1}', label, text),
    async (provider, ctx) => {
      // Cancel in the progress notification or in the code message: either stops the polling.
      ctx.signal?.addEventListener('abort', () => stop.abort(), { once: true });
      try {
        return await provider.signInWithCode(
          { ...ctx, signal: stop.signal },
          {
            show: (prompt) => void showCode(services, label, prompt, () => waiting, stop),
            onPoll: (event) => services.log.debug(`[${config.id}] device sign-in: ${event.answer}, next poll in ${event.intervalS} s`),
          },
        );
      } finally {
        waiting = false;
      }
    },
  );
  if (set) await announceSignedIn(services, config, set, 'device code');
}

/**
 * The code and the page as plain text (the server chose both) with Copy Code / Open Browser /
 * Cancel. Shown again after Copy or Open while the sign-in still waits, so both stay at hand.
 */
async function showCode(services: Services, label: string, prompt: DeviceCodePrompt, stillWaiting: () => boolean, stop: AbortController): Promise<void> {
  const code = plainText(prompt.userCode, 64);
  const page = plainText(prompt.verificationUri, 200);
  const minutes = Math.max(1, Math.round((prompt.expiresAt - Date.now()) / 60_000));
  const copy = vscode.l10n.t('Copy Code');
  const open = vscode.l10n.t('Open Browser');
  const cancel = vscode.l10n.t('Cancel');
  const message = vscode.l10n.t('To sign in to {0}, enter the code {1} at {2} (in any browser, within {3} minutes).', label, code, page, minutes);
  while (stillWaiting()) {
    const choice = await vscode.window.showInformationMessage(message, copy, open, cancel);
    if (!stillWaiting()) return;
    if (choice === copy) {
      await vscode.env.clipboard.writeText(prompt.userCode);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Code {0} copied.', code), 3_000);
    } else if (choice === open) {
      // An http(s) URL (checked when the answer was read); the complete one carries the code.
      const url = prompt.verificationUriComplete ?? prompt.verificationUri;
      const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
      services.log.info(`device sign-in: opened the verification page (${opened ? 'ok' : 'refused'})`);
    } else if (choice === cancel) {
      stop.abort();
      return;
    } else {
      // Dismissed: the progress notification still offers Cancel.
      return;
    }
  }
}

/**
 * True when the issuer publishes a device authorization endpoint (discovery, cached). Any
 * failure counts as "no": the browser sign-in then reports it.
 */
export async function offersSignInWithCode(services: Services, config: ConfiguredProvider): Promise<boolean> {
  const mod = loadProviders();
  const provider = mod.createProvider(config, { http: services.settings.current.http });
  try {
    return mod.isOidcProvider(provider) && (await provider.deviceAuthorizationEndpoint()) !== undefined;
  } catch {
    return false;
  } finally {
    await provider.close();
  }
}
