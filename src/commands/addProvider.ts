import * as vscode from 'vscode';
import { rawId, rawProviders, writeProviders, type ConfigLevel } from '../plumbing/config';
import { normaliseBaseUrl } from '../providers/configValidation';
import { isProviderKind, providerKindList, providerKindTable, type ProviderKind } from '../providers/kinds';
import type { Services } from '../services';
import { CommandId } from './commandIds';

/** Scripted answers (tests and the welcome view may pass them); anything missing is asked. */
interface AddProviderArgs {
  readonly kind?: ProviderKind;
  readonly baseUrl?: string;
  readonly label?: string;
  readonly level?: ConfigLevel;
  /** `oidc`: the OAuth client id (asked when missing) and an optional resource indicator. */
  readonly clientId?: string;
  readonly resource?: string;
}

/** Add Provider's words for a kind, from its row in the kind table (details are l10n keys). */
function kindLabel(kind: ProviderKind): string {
  return providerKindTable[kind].label;
}

function kindDetail(kind: ProviderKind): string {
  return vscode.l10n.t(providerKindTable[kind].detail);
}

/** A settings id from a label: lower-case letters, digits and dashes, unique among `taken`. */
export function providerIdFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'provider';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

function isArgs(v: unknown): v is AddProviderArgs {
  return typeof v === 'object' && v !== null && !('type' in v);
}

/** AuthLens: Add Provider. Kind, base URL (validated), label, then user or workspace settings. */
export function addProviderCommand(services: Services) {
  return async (arg?: unknown): Promise<string | undefined> => {
    const given: AddProviderArgs = isArgs(arg) ? arg : {};
    const kind = isProviderKind(given.kind)
      ? given.kind
      : (
          await vscode.window.showQuickPick(
            providerKindList.map((k) => ({ label: kindLabel(k), description: k, detail: kindDetail(k), providerKind: k })),
            { title: vscode.l10n.t('Add Provider (1/3)'), placeHolder: vscode.l10n.t('Which kind of auth server?') },
          )
        )?.providerKind;
    if (!kind) return undefined;

    let baseUrl = given.baseUrl !== undefined ? normaliseBaseUrl(given.baseUrl) : undefined;
    if (!baseUrl) {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Add Provider (2/3)'),
        prompt: vscode.l10n.t('Base URL of the {0} API', kindLabel(kind)),
        placeHolder: providerKindTable[kind].baseUrlExample,
        ignoreFocusOut: true,
        validateInput: (value) => {
          const r = normaliseBaseUrl(value);
          if (r.ok) return undefined;
          return r.problem === 'url-credentials'
            ? vscode.l10n.t('Leave the user name and password out of the URL; use AuthLens: Set Credential.')
            : vscode.l10n.t('Enter an http:// or https:// URL.');
        },
      });
      if (text === undefined) return undefined;
      baseUrl = normaliseBaseUrl(text);
    }
    if (!baseUrl.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Enter an http:// or https:// URL.'));
      return undefined;
    }

    const defaultLabel = `${kindLabel(kind)} (${new URL(baseUrl.url).host})`;
    const label =
      given.label ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Add Provider (3/3)'),
        prompt: vscode.l10n.t('Name shown in the Sessions view'),
        value: defaultLabel,
        ignoreFocusOut: true,
      }));
    if (label === undefined) return undefined;

    // OpenID Connect: the base URL is the issuer; the client id is needed for every token request.
    let oidcFields: { issuer: string; clientId: string; resource?: string } | undefined;
    if (providerKindTable[kind].openIdClient) {
      const clientId =
        given.clientId ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Add Provider: OpenID Connect client'),
          prompt: vscode.l10n.t('Client id registered at the issuer (the secret, if any, goes in Set Credential)'),
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a value.') : undefined),
        }));
      if (clientId === undefined) return undefined;
      const resource =
        given.resource ??
        (given.kind === undefined
          ? await vscode.window.showInputBox({
              title: vscode.l10n.t('Add Provider: OpenID Connect client'),
              prompt: vscode.l10n.t('Resource or API identifier for access tokens (optional, RFC 8707)'),
              ignoreFocusOut: true,
            })
          : undefined);
      oidcFields = { issuer: baseUrl.url, clientId: clientId.trim(), ...(resource?.trim() ? { resource: resource.trim() } : {}) };
    }

    const canUseWorkspace = vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    let level: ConfigLevel = 'user';
    if (given.level) level = given.level === 'workspace' && canUseWorkspace ? 'workspace' : 'user';
    else if (canUseWorkspace) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('User settings'), description: vscode.l10n.t('all your workspaces'), level: 'user' as const },
          {
            label: vscode.l10n.t('Workspace settings'),
            description: vscode.l10n.t('this workspace only (.vscode/settings.json)'),
            level: 'workspace' as const,
          },
        ],
        { placeHolder: vscode.l10n.t('Where should the provider be saved?') },
      );
      if (!picked) return undefined;
      level = picked.level;
    }

    const taken = new Set([...rawProviders('user'), ...rawProviders('workspace')].map(rawId).filter((x): x is string => !!x));
    const id = providerIdFor(label.trim() || defaultLabel, taken);
    const entry = { id, kind, label: label.trim() || defaultLabel, baseUrl: baseUrl.url, ...oidcFields };
    try {
      await writeProviders(level, [...rawProviders(level), entry]);
    } catch (err) {
      services.log.error(`Add Provider: could not write settings: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the provider to the settings. See the log.'));
      return undefined;
    }
    services.log.info(`Provider ${id} (${kind}) added to ${level} settings`);
    if (!isArgs(arg) || given.kind === undefined) {
      const setNow = vscode.l10n.t('Set Credential');
      void vscode.window.showInformationMessage(vscode.l10n.t('Added "{0}". Set a credential for it now?', entry.label), setNow).then((choice) => {
        if (choice === setNow) void vscode.commands.executeCommand(CommandId.setCredential, { type: 'provider', providerId: id });
      });
    }
    return id;
  };
}
