import * as vscode from 'vscode';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Refresh Discovery. Fetches the issuer's metadata again (the cache otherwise keeps
 * it), says which endpoints it has, and can show the document (public data, no secrets).
 */
export function oidcRefreshDiscoveryCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const title = vscode.l10n.t('Reading the discovery document of {0}', plainText(config.label, 60));
    const doc = await withOidcProvider(
      services,
      config,
      title,
      (text) => vscode.l10n.t('Reading the discovery document of {0} failed: {1}', plainText(config.label, 60), text),
      (provider, ctx) => provider.discovery({ refresh: true, ...(ctx.signal ? { signal: ctx.signal } : {}) }),
    );
    if (!doc) return;
    services.log.info(`[${config.id}] discovery refreshed from ${doc.url}`);
    const present = [
      ['token', doc.tokenEndpoint],
      ['authorization', doc.authorizationEndpoint],
      ['userinfo', doc.userinfoEndpoint],
      ['introspection', doc.introspectionEndpoint],
      ['revocation', doc.revocationEndpoint],
      ['jwks', doc.jwksUri],
    ]
      .filter(([, url]) => url !== undefined)
      .map(([name]) => name)
      .join(', ');
    await services.explorer.model.refresh(config.id, 'user');
    const show = vscode.l10n.t('Show Document');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Discovery refreshed from {0}. Endpoints: {1}.', plainText(doc.url, 120), present || '-'), show)
      .then(async (choice) => {
        if (choice !== show) return;
        const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(doc.raw, null, 2) });
        await vscode.window.showTextDocument(document, { preview: true });
      });
  };
}
