import * as vscode from 'vscode';
import { Disposable } from '../plumbing/lifecycle';
import { credentialDestinations, credentialOriginsOf, originOf } from '../providers/credentialOrigins';
import type { CredentialKind, Credentials, ProviderConfig } from '../providers/types';
import { plainText } from '../core/hostileText';
import { credentialKey, providerIdOfCredentialKey } from './keys';

export { credentialDestinations, credentialOriginsOf, originOf };

/**
 * Credentials (session cookies, bearer and admin tokens, client secrets) in VS Code's
 * SecretStorage, each bound to the origin it was entered for.
 *
 * Key: `authlens.credential/<providerId>/<kind>`, value: JSON `{ "origin": "http://host:port", "value": "..." }`
 * plus `"also": ["https://other:port"]` when the provider sends credentials to further origins
 * (Authing's `appHost`, an `oidc` issuer on another origin, the endpoint origins the issuer's
 * discovery document names; see {@link credentialOriginsOf}). A credential is handed to a
 * provider only while every origin the provider would send it to is one it was entered for:
 * when a workspace's settings point the provider elsewhere, or a refreshed discovery document
 * names a new endpoint origin, the credential is set aside (not sent) and the person is asked
 * whether to use it for the new origins or clear it.
 * Values never reach settings, workspace state, logs or messages.
 */

export const credentialKinds: readonly CredentialKind[] = ['cookie', 'bearer', 'admin', 'clientSecret', 'privateKey'];

export interface StoredCredential {
  readonly origin: string;
  readonly value: string;
  /** Further origins the credential was entered for (sorted; absent = none). */
  readonly also?: readonly string[];
}

/** A credential that exists but was not used, because it belongs to another origin. */
export interface SetAsideCredential {
  readonly kind: CredentialKind;
  readonly storedOrigin: string;
  readonly currentOrigin: string;
  /** Origins it would now go to that it was not stored for, when only the issuer's discovery document added them. */
  readonly addedByDiscovery?: readonly string[];
}

export interface CredentialLookup {
  /** Only the credentials bound to the provider's current origin. */
  readonly credentials: Credentials;
  readonly setAside: readonly SetAsideCredential[];
  /** Every origin the handed-out credentials may go to (all of them are bound to each): `ProviderContext.credentialOrigins`. */
  readonly origins: readonly string[];
}

/**
 * Every origin a credential of this provider goes to, for a person to read ("a, b"). Built from
 * {@link credentialDestinations}, the list the HTTP client allows and the binding stores, so the
 * prompt cannot name fewer origins than the credential is sent to.
 */
export function credentialDestinationsText(config: ProviderConfig, discovered: readonly string[] = []): string {
  return credentialDestinations(config, discovered)
    .map((o) => plainText(o, 120))
    .join(', ');
}

/**
 * The origins a credential would now go to that it was not stored for. None: it may be used
 * (an origin it was stored for and no longer goes to is harmless: it goes to fewer places).
 */
function unboundOrigins(stored: StoredCredential, current: { origin: string; also: readonly string[] }): string[] {
  if (stored.origin !== current.origin) return [current.origin];
  const bound = [stored.origin, ...(stored.also ?? [])];
  return current.also.filter((o) => !bound.includes(o));
}

function originsText(origin: string, also: readonly string[] | undefined): string {
  return [origin, ...(also ?? [])].join(' + ');
}

function parseStored(text: string | undefined): StoredCredential | undefined {
  if (text === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    if (
      typeof data === 'object' &&
      data !== null &&
      typeof (data as { origin?: unknown }).origin === 'string' &&
      typeof (data as { value?: unknown }).value === 'string'
    ) {
      const also = (data as { also?: unknown }).also;
      return {
        origin: (data as StoredCredential).origin,
        value: (data as StoredCredential).value,
        ...(Array.isArray(also) && also.every((o): o is string => typeof o === 'string') && also.length > 0 ? { also } : {}),
      };
    }
  } catch {
    // A value that is not our JSON is treated as absent (and never used: it has no origin).
  }
  return undefined;
}

/** Human name of a credential kind, for pickers and messages. */
export function credentialKindLabel(kind: CredentialKind): string {
  switch (kind) {
    case 'cookie':
      return vscode.l10n.t('Session cookie');
    case 'bearer':
      return vscode.l10n.t('Bearer token');
    case 'admin':
      return vscode.l10n.t('Admin token');
    case 'clientSecret':
      return vscode.l10n.t('Client secret');
    case 'privateKey':
      return vscode.l10n.t('Private key (private_key_jwt)');
  }
}

export class CredentialStore extends Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the provider id whose credentials changed (here or in another window). */
  readonly onDidChange = this.changed.event;
  /** Origin changes already asked about in this window, so a refresh loop does not nag. */
  private readonly asked = new Set<string>();

  constructor(
    /** Also holds the `oidc` provider's token sets (`src/secrets/oidcTokenStore.ts`). */
    readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      secrets.onDidChange((e) => {
        const providerId = providerIdOfCredentialKey(e.key);
        if (providerId) this.changed.fire(providerId);
      }),
    );
    this.register(this.changed);
  }

  /** Stores a credential bound to the provider's current origins, the `discovered` endpoint origins of its issuer included. */
  async set(config: ProviderConfig, kind: CredentialKind, value: string, discovered: readonly string[] = []): Promise<void> {
    const origins = credentialOriginsOf(config, discovered);
    if (!origins) throw new Error(vscode.l10n.t('The base URL of "{0}" is not an http(s) URL.', plainText(config.label)));
    await this.setForOrigin(config.id, kind, origins.origin, value, origins.also);
  }

  /** Stores a credential bound to an explicit origin (the sandbox's credentials), plus `also` origins. */
  async setForOrigin(providerId: string, kind: CredentialKind, origin: string, value: string, also: readonly string[] = []): Promise<void> {
    const stored: StoredCredential = { origin, value, ...(also.length > 0 ? { also: [...also].sort() } : {}) };
    await this.secrets.store(credentialKey(providerId, kind), JSON.stringify(stored));
    this.log.info(`Credential ${kind} stored for provider ${providerId} (bound to ${originsText(origin, stored.also)})`);
  }

  async clear(providerId: string, kind: CredentialKind): Promise<void> {
    await this.secrets.delete(credentialKey(providerId, kind));
    this.log.info(`Credential ${kind} cleared for provider ${providerId}`);
  }

  async clearAll(providerId: string): Promise<void> {
    for (const kind of credentialKinds) await this.secrets.delete(credentialKey(providerId, kind));
  }

  /** Which kinds are stored for a provider, with their origins (never the values). */
  async stored(providerId: string): Promise<{ kind: CredentialKind; origin: string }[]> {
    const out: { kind: CredentialKind; origin: string }[] = [];
    for (const kind of credentialKinds) {
      const s = parseStored(await this.secrets.get(credentialKey(providerId, kind)));
      if (s) out.push({ kind, origin: s.origin });
    }
    return out;
  }

  /**
   * The credentials a provider may use now: only those bound to every origin it would send them
   * to (its settings' origins, and `discovered`: the endpoint origins its issuer's discovery
   * document vouches for). Others are set aside and the person is asked, once per window, what
   * to do with them.
   */
  async get(config: ProviderConfig, discovered: readonly string[] = []): Promise<CredentialLookup> {
    const current = credentialOriginsOf(config, discovered);
    const credentials: Partial<Record<CredentialKind, string>> = {};
    const setAside: SetAsideCredential[] = [];
    for (const kind of credentialKinds) {
      const s = parseStored(await this.secrets.get(credentialKey(config.id, kind)));
      if (!s) continue;
      const unbound = current !== undefined ? unboundOrigins(s, current) : undefined;
      if (unbound !== undefined && unbound.length === 0) {
        credentials[kind] = s.value;
      } else {
        const byDiscovery = unbound !== undefined && unbound.every((o) => discovered.includes(o));
        const item: SetAsideCredential = {
          kind,
          storedOrigin: originsText(s.origin, s.also),
          currentOrigin: current !== undefined ? originsText(current.origin, current.also) : config.baseUrl,
          ...(byDiscovery ? { addedByDiscovery: unbound } : {}),
        };
        setAside.push(item);
        this.log.warn(`Credential ${kind} of provider ${config.id} set aside: bound to ${item.storedOrigin}, provider now sends to ${item.currentOrigin}`);
        void this.askAboutOrigin(config, item, discovered);
      }
    }
    return { credentials, setAside, origins: current !== undefined ? [current.origin, ...current.also] : [] };
  }

  private async askAboutOrigin(config: ProviderConfig, item: SetAsideCredential, discovered: readonly string[]): Promise<void> {
    const askKey = `${config.id}/${item.kind}/${item.storedOrigin}/${item.currentOrigin}`;
    if (this.asked.has(askKey)) return;
    this.asked.add(askKey);
    const useIt = vscode.l10n.t('Use for new origin');
    const clear = vscode.l10n.t('Clear');
    const question =
      item.addedByDiscovery !== undefined
        ? vscode.l10n.t(
            'The issuer of "{0}" now names {1} in its discovery document, but its {2} was stored for {3} only. AuthLens did not send it. Send it to {1} too?',
            plainText(config.label),
            plainText(item.addedByDiscovery.join(', ')),
            credentialKindLabel(item.kind),
            plainText(item.storedOrigin),
          )
        : vscode.l10n.t(
            'The {0} of "{1}" was entered for {2}, but the provider now points to {3}. AuthLens did not send it. Use it for the new origin?',
            credentialKindLabel(item.kind),
            plainText(config.label),
            plainText(item.storedOrigin),
            plainText(item.currentOrigin),
          );
    // Whoever moved the provider may also sit on the network path: say when nothing checks the certificate.
    const tls =
      config.allowInsecureTls === true
        ? ` ${vscode.l10n.t('TLS certificate checks are off for this provider (authlens.insecureTlsProviders): the new origin is not verified either.')}`
        : '';
    const choice = await vscode.window.showWarningMessage(`${question}${tls}`, useIt, clear);
    // Re-read: the credential may have changed while the notification was open.
    const now = parseStored(await this.secrets.get(credentialKey(config.id, item.kind)));
    if (!now || originsText(now.origin, now.also) !== item.storedOrigin) return;
    if (choice === useIt) {
      const origins = credentialOriginsOf(config, discovered);
      if (origins) await this.setForOrigin(config.id, item.kind, origins.origin, now.value, origins.also);
    } else if (choice === clear) {
      await this.clear(config.id, item.kind);
    } else {
      // Dismissed: keep it set aside; ask again in a new window.
    }
  }

  /** Forgets which origin changes were asked about (tests, and after settings change). */
  resetPrompts(): void {
    this.asked.clear();
  }
}
