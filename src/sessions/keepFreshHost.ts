import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import { decodeJwt } from '../core/decode';
import { plainText } from '../core/hostileText';
import { redact } from '../core/redact';
import type { FreshSetFacts, FreshSlot, SignInReason } from '../core/refreshSchedule';
import type { Settings } from '../plumbing/config';
import { loadProviders } from '../plumbing/lazy';
import type { StoredTokenSet } from '../providers/oidc/tokenStore';
import type { CredentialStore } from '../secrets/credentials';
import { oidcTokenStoreFor } from '../secrets/oidcTokenStore';
import type { FreshHost } from './keepFresh';
import type { SessionsModel } from './sessionsModel';
import { formatDuration } from './timeText';

/** A JWT's `exp` in epoch ms, if it is a JWT with a numeric `exp`. */
function jwtExpiry(token: string | undefined): number | undefined {
  if (token === undefined || token.split('.').length !== 3) return undefined;
  const d = decodeJwt(token);
  const exp = d.ok ? d.token.payload.exp : undefined;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** The scheduler's view of a stored set: expiries from the JWTs where they are JWTs, else from the token response. */
export function freshFacts(slot: FreshSlot, set: StoredTokenSet): FreshSetFacts {
  const accessExpiresAt = jwtExpiry(set.accessToken) ?? set.expiresAt;
  const refreshExpiresAt = set.refreshToken !== undefined ? (set.refreshExpiresAt ?? jwtExpiry(set.refreshToken)) : undefined;
  return {
    slot,
    hasRefreshToken: set.refreshToken !== undefined && set.grantRevokedAt === undefined,
    clientCredentials: set.grant === 'client_credentials',
    obtainedAt: set.obtainedAt,
    ...(accessExpiresAt !== undefined ? { accessExpiresAt } : {}),
    ...(refreshExpiresAt !== undefined ? { refreshExpiresAt } : {}),
  };
}

/** The notification's text for a set only a new sign-in can renew. */
function signInText(label: string, reason: SignInReason): string {
  switch (reason) {
    case 'invalid-grant':
      return vscode.l10n.t('{0}: the server refused the refresh token (invalid_grant). Sign in again to keep the tokens fresh.', label);
    case 'refresh-expired':
      return vscode.l10n.t('{0}: the refresh token has expired. Sign in again to keep the tokens fresh.', label);
    case 'no-refresh-token':
      return vscode.l10n.t('{0}: the access token expires soon and there is no refresh token. Sign in again to keep the tokens fresh.', label);
  }
}

/** Keep Fresh's window side: SecretStorage token sets, provider calls without UI, one-shot notifications. */
export function keepFreshHost(deps: { settings: Settings; credentials: CredentialStore; model: SessionsModel; log: vscode.LogOutputChannel }): FreshHost {
  const { settings, credentials, model, log } = deps;
  return {
    log,
    provider: (providerId) => model.provider(providerId),
    aheadSeconds: () => settings.current.refreshAheadSeconds,
    async readSets(config) {
      const store = oidcTokenStoreFor(credentials.secrets, config);
      if (!store) return [];
      const out: FreshSetFacts[] = [];
      for (const slot of ['user', 'service'] as const) {
        const set = await store.get(slot);
        // A set AuthLens revoked is over: renewing it would undo what the person asked for.
        if (set && set.revokedAt === undefined && set.grantRevokedAt === undefined) out.push(freshFacts(slot, set));
      }
      return out;
    },
    async renew(config, kind, slot, signal) {
      const mod = loadProviders();
      const provider = mod.createProvider(config, { http: settings.current.http, log: (line) => log.debug(`[${config.id}] ${line}`) });
      try {
        if (!mod.isOidcProvider(provider)) throw new Error('not an oidc provider');
        // The TLS opt-out is said every time it is used; in the background, in the log.
        if (config.allowInsecureTls) log.warn(`[${config.id}] TLS certificate verification is OFF (authlens.insecureTlsProviders)`);
        const tokens = oidcTokenStoreFor(credentials.secrets, config);
        const discovered = await provider.credentialOrigins({ signal }).catch(() => undefined);
        const lookup = await credentials.get(config, discovered?.trusted);
        const ctx = { credentials: lookup.credentials, credentialOrigins: lookup.origins, signal, ...(tokens ? { tokens } : {}) };
        const left = (set: StoredTokenSet): string => {
          const at = jwtExpiry(set.accessToken) ?? set.expiresAt;
          return at === undefined ? 'no expiry' : `expires in ${formatDuration(at - Date.now())}`;
        };
        if (kind === 'refresh') {
          const r = await provider.refreshTokens(ctx, slot);
          return `refreshed ${slot} tokens: access token ${redact(r.tokens.accessToken)}, ${left(r.tokens)}; refresh token ${r.rotation}`;
        }
        const set = await provider.getServiceToken(ctx);
        return `new service token (client credentials): ${redact(set.accessToken)}, ${left(set)}`;
      } finally {
        await provider.close();
      }
    },
    changed(providerId) {
      if (model.state(providerId).kind !== 'idle') void model.refresh(providerId, 'auto');
    },
    askToSignIn(config, _slot, reason) {
      const signIn = vscode.l10n.t('Sign In Again');
      void vscode.window.showWarningMessage(signInText(plainText(config.label, 60), reason), signIn).then((choice) => {
        if (choice === signIn) void vscode.commands.executeCommand(CommandId.oidcSignIn, { type: 'provider', providerId: config.id });
      });
    },
    reportGaveUp(config, slot, code) {
      const showLog = vscode.l10n.t('Show Log');
      const text = vscode.l10n.t(
        '{0}: Keep Fresh could not renew the {1} tokens ({2}) and stopped trying. Renew them by hand, or sign in again.',
        plainText(config.label, 60),
        slot,
        code,
      );
      void vscode.window.showErrorMessage(text, showLog).then((choice) => {
        if (choice === showLog) log.show();
      });
    },
  };
}
