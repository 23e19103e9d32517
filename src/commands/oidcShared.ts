import * as vscode from 'vscode';
import { providerDisplayLabel, type ConfiguredProvider } from '../plumbing/config';
import { isAuthLensError } from '../core/errors';
import { errorMessage } from '../core/errorMessages';
import { describeOAuthError } from '../core/oauthErrors';
import { translate } from '../plumbing/l10n';
import { loadProviders } from '../plumbing/lazy';
import { oidcTokenStoreFor } from '../secrets/oidcTokenStore';
import type { OidcProvider } from '../providers/oidc';
import type { ProviderContext } from '../providers/types';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { asNode } from '../sessions/nodes';

/**
 * The `oidc` provider a command means: the provider row it was invoked on, else a quick pick of
 * the configured `oidc` providers.
 */
export async function pickOidcProvider(services: Services, arg: unknown): Promise<ConfiguredProvider | undefined> {
  const model = services.explorer.model;
  const node = asNode(arg);
  if (node) {
    const config = model.provider(node.providerId);
    if (config && config.kind !== 'oidc') {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is not an OpenID Connect provider.', plainText(config.label, 60)));
      return undefined;
    }
    return config;
  }
  const oidc = model.providers.filter((p) => p.kind === 'oidc');
  if (oidc.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No OpenID Connect provider is configured. Add one with kind "oidc", its issuer and client id.'));
    return undefined;
  }
  if (oidc.length === 1) return oidc[0];
  const picked = await vscode.window.showQuickPick(
    oidc.map((p) => ({ label: providerDisplayLabel(p), description: plainText(p.issuer ?? p.baseUrl, 80), provider: p })),
    { placeHolder: vscode.l10n.t('Choose an OpenID Connect provider') },
  );
  return picked?.provider;
}

/** One line for a failure: the error's message, plus what usually fixes an OAuth error code. */
export function describeFailure(err: unknown): string {
  if (!isAuthLensError(err)) {
    return vscode.l10n.t('Unexpected error ({0}). See the AuthLens log.', err instanceof Error ? err.name : typeof err);
  }
  const message = errorMessage(err, translate);
  const hint = err.code === 'oauth-error' && err.details.serverCode ? describeOAuthError(err.details.serverCode)?.hint : undefined;
  return hint ? `${message} ${vscode.l10n.t(hint)}` : message;
}

/**
 * Runs an action on a fresh `oidc` provider instance (the discovery cache is shared in the
 * providers bundle) with the provider's credentials and SecretStorage token store, under a
 * cancellable progress notification. Failures are shown and logged; the result is undefined then.
 */
export async function withOidcProvider<T>(
  services: Services,
  config: ConfiguredProvider,
  title: string,
  /** The error line: gets the localised failure text. */
  failed: (text: string) => string,
  action: (provider: OidcProvider, ctx: ProviderContext) => Promise<T>,
): Promise<T | undefined> {
  const mod = loadProviders();
  const provider = mod.createProvider(config, { http: services.settings.current.http, log: (line) => services.log.debug(`[${config.id}] ${line}`) });
  if (!mod.isOidcProvider(provider)) {
    await provider.close();
    return undefined;
  }
  const tokens = oidcTokenStoreFor(services.context.secrets, config);
  if (config.allowInsecureTls) {
    // The TLS opt-out is announced every time it is used (SECURITY.md).
    services.log.warn(`[${config.id}] TLS certificate verification is OFF (authlens.insecureTlsProviders)`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'TLS certificate checks are off for "{0}" (authlens.insecureTlsProviders). Anyone on the network path can read its credentials.',
        plainText(config.label),
      ),
    );
  }
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, cancel) => {
      const abort = new AbortController();
      const sub = cancel.onCancellationRequested(() => abort.abort());
      try {
        // Discovery first: the credentials handed out are those bound to every origin it lets them reach.
        const discovered = await provider.credentialOrigins({ signal: abort.signal }).catch(() => undefined);
        const lookup = await services.credentials.get(config, discovered?.trusted);
        return await action(provider, {
          credentials: lookup.credentials,
          credentialOrigins: lookup.origins,
          signal: abort.signal,
          ...(tokens ? { tokens } : {}),
        });
      } finally {
        sub.dispose();
      }
    });
  } catch (err) {
    if (isAuthLensError(err) && err.code === 'cancelled') return undefined;
    const text = describeFailure(err);
    services.log.warn(`[${config.id}] ${title}: ${isAuthLensError(err) ? err.code : 'error'}: ${text}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(failed(plainText(text, 400)), showLog).then((choice) => {
      if (choice === showLog) services.log.show();
    });
    return undefined;
  } finally {
    await provider.close();
  }
}

/** "in 9m 59s" style expiry of a token set, or an empty string. */
export function expiresInText(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return '';
  const s = Math.max(0, Math.round((expiresAt - now) / 1000));
  const text = s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : `${Math.floor(s / 60)}m ${s % 60}s`;
  return vscode.l10n.t('expires in {0}', text);
}
