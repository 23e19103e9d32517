import * as vscode from 'vscode';
import { foreignTokenBinding } from '../secrets/oidcTokenStore';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { asNode } from '../sessions/nodes';
import { expiresInText, pickOidcProvider, withOidcProvider } from './oidcShared';

/**
 * AuthLens: Refresh Tokens. Refresh grant (RFC 6749 §6) for the signed-in user, and what it did
 * to the refresh token: rotated (the old one introspected to show it is dead) or kept.
 */
export function oidcRefreshTokensCommand(services: Services) {
  return async (arg?: unknown): Promise<void> => {
    const config = await pickOidcProvider(services, arg);
    if (!config) return;
    const node = asNode(arg);
    const slot = node && node.type !== 'provider' && 'sessionKey' in node && node.sessionKey === 'service' ? 'service' : 'user';
    // Tokens issued for another issuer or client (a workspace entry reusing this id) are never
    // sent; say so instead of the "no refresh token" the provider would otherwise report.
    const foreign = await foreignTokenBinding(services.context.secrets, config, slot);
    if (foreign) {
      services.log.warn(`[${config.id}] refresh: stored ${slot} tokens belong to another issuer or client; not sent`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'The tokens stored for "{0}" were issued by {1} to client {2}, but the provider now names {3} and client {4}. AuthLens did not send them. Sign in again, or forget the tokens.',
          plainText(config.label, 60),
          plainText(foreign.issuer, 200),
          plainText(foreign.clientId, 100),
          plainText(config.issuer ?? config.baseUrl, 200),
          plainText(config.clientId ?? '', 100),
        ),
      );
      return;
    }
    const title = vscode.l10n.t('Refreshing the tokens of {0}', plainText(config.label, 60));
    const result = await withOidcProvider(
      services,
      config,
      title,
      (text) => vscode.l10n.t('Refreshing the tokens of {0} failed: {1}', plainText(config.label, 60), text),
      (provider, ctx) => provider.refreshTokens(ctx, slot),
    );
    if (!result) return;
    services.log.info(
      `[${config.id}] refresh: ${result.rotation}${result.oldRefreshTokenActive !== undefined ? `, old refresh token active=${result.oldRefreshTokenActive}` : ''}`,
    );
    await services.explorer.model.refresh(config.id, 'user');
    const expires = expiresInText(result.tokens.expiresAt, Date.now());
    if (result.rotation === 'kept') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Tokens refreshed ({0}). The server kept the same refresh token (no rotation).', expires));
    } else if (result.oldRefreshTokenActive === false) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Tokens refreshed ({0}). The refresh token was rotated: introspection confirms the old one is dead.', expires),
      );
    } else if (result.oldRefreshTokenActive === true) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Tokens refreshed ({0}). The refresh token was rotated, but the server still accepts the old one: a stolen refresh token would keep working.',
          expires,
        ),
      );
    } else {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Tokens refreshed ({0}). The refresh token was rotated; the server cannot be asked whether the old one is dead (no introspection).',
          expires,
        ),
      );
    }
  };
}
