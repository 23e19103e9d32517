import * as vscode from 'vscode';
import { mergeProviderLevels, type ConfigProblem } from '../providers/configValidation';
import type { ConfigLevel, ConfiguredProvider } from '../providers/configValidation';
import { Disposable } from './lifecycle';
import { resolveHttpOptions } from '../providers/httpOptions';
import type { HttpOptions } from '../providers/types';
import { plainText } from '../core/hostileText';
import { refreshAheadBounds } from '../core/refreshSchedule';
import { readSwitch, section, SettingKey } from './settingKeys';

/**
 * The one place AuthLens reads its settings. {@link readConfig} returns a readonly snapshot;
 * {@link Settings}, created once in `activateFeatures()`, owns the current one and says when it changes.
 * Everything else gets the `Settings` (or a snapshot) passed in; nothing keeps a global copy.
 * The one exception is the activation shell: before the features load, it reads the few settings
 * it needs (`shell/startupChecks.ts`, `shell/standIns.ts`) with the same keys and defaults.
 *
 * Security: `authlens.providers` is a restricted setting. In Restricted Mode only the user
 * level counts, so a cloned repository cannot point AuthLens at its own server. The TLS
 * opt-out is machine-scoped and read from the user level only.
 */

export type { ConfigLevel, ConfiguredProvider } from '../providers/configValidation';

export interface AuthLensConfig {
  readonly providers: readonly ConfiguredProvider[];
  /** Localised, one per bad entry or field; the entry was skipped. */
  readonly problems: readonly string[];
  /** `!vscode.workspace.isTrusted` when read. */
  readonly restricted: boolean;
  /** Workspace-level providers ignored because of Restricted Mode. */
  readonly ignoredWorkspaceProviders: number;
  /** 0 = off. */
  readonly autoRefreshSeconds: number;
  readonly refreshOnFocus: boolean;
  readonly warnBeforeExpiry: boolean;
  readonly warnBeforeExpiryMinutes: number;
  readonly sandboxAutoStart: boolean;
  /** Keep Fresh renews tokens this many seconds before they expire (`authlens.refreshAheadSeconds`). */
  readonly refreshAheadSeconds: number;
  /** From `http.proxy` / `http.proxyStrictSSL` / `http.noProxy`. */
  readonly proxy: { readonly url?: string; readonly strictSSL: boolean; readonly noProxy?: readonly string[] };
  /** {@link proxy} combined with `HTTPS_PROXY` / `NO_PROXY`: what every provider's HttpClient takes. */
  readonly http: HttpOptions;
  /** Provider ids with TLS checks off (machine-scoped `authlens.insecureTlsProviders`). */
  readonly insecureTlsProviders: readonly string[];
  /** The editor settings (`authlens.hover.*`, `authlens.decorations.*`). */
  readonly hover: HoverConfig;
  /** `authlens.terminalLinks.enabled`: JWTs printed in the integrated terminal are links. */
  readonly terminalLinks: boolean;
}

/** The editor settings of AuthLens. */
export interface HoverConfig {
  /** `authlens.hover.enabled`: show the token hover. */
  readonly enabled: boolean;
  /** `authlens.hover.excludedLanguages`: language ids where the hover stays silent. */
  readonly excludedLanguages: ReadonlySet<string>;
  /** `authlens.decorations.expiredHint`: a subtle "expired" hint after expired tokens. */
  readonly expiredHint: boolean;
}

/** Smallest auto-refresh interval honoured, so a typo cannot hammer a server. */
export const minAutoRefreshSeconds = 5;

function describeProblem(p: ConfigProblem, level: ConfigLevel): string {
  const where =
    p.index < 0 ? `authlens.providers` : p.id !== undefined ? `authlens.providers[${p.index}] ("${plainText(p.id, 64)}")` : `authlens.providers[${p.index}]`;
  const levelText = level === 'user' ? vscode.l10n.t('user settings') : vscode.l10n.t('workspace settings');
  const field = p.field ?? '';
  let what: string;
  switch (p.problem) {
    case 'not-object':
      what = vscode.l10n.t('the entry is not an object');
      break;
    case 'missing':
      what = vscode.l10n.t('field "{0}" is missing', field);
      break;
    case 'wrong-type':
      what = p.field ? vscode.l10n.t('field "{0}" must be of type {1}', field, p.expected ?? '') : vscode.l10n.t('the setting must be an array');
      break;
    case 'bad-id':
      what = vscode.l10n.t('field "id" may only contain letters, digits, "_", "." and "-" (at most 64)');
      break;
    case 'bad-kind':
      what = vscode.l10n.t('field "kind" must be one of {0}', p.expected ?? '');
      break;
    case 'bad-url':
      what = vscode.l10n.t('field "{0}" must be an http:// or https:// URL without a fragment', field);
      break;
    case 'url-credentials':
      what = vscode.l10n.t('field "{0}" must not contain a user name or password; use AuthLens: Set Credential', field);
      break;
    case 'duplicate-id':
      what = vscode.l10n.t('the id is used by an earlier entry');
      break;
    case 'out-of-range':
      what = vscode.l10n.t('field "{0}" must be in the range {1}', field, p.expected ?? '');
      break;
    case 'not-one-of':
      what = vscode.l10n.t('field "{0}" must be one of {1}', field, p.expected ?? '');
      break;
    case 'relative-path':
      what = vscode.l10n.t('field "{0}" must be an absolute file path or start with ~/', field);
      break;
    case 'user-settings-only':
      what = vscode.l10n.t('field "{0}" names a file AuthLens reads, so only user settings may set it', field);
      break;
  }
  return vscode.l10n.t('{0} in {1}: {2}. The entry is skipped.', where, levelText, what);
}

function numberSetting(cfg: vscode.WorkspaceConfiguration, key: string, fallback: number, min: number, max: number): number {
  const v = cfg.get<unknown>(key);
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, v));
}

/** Reads every AuthLens setting once. */
export function readConfig(): AuthLensConfig {
  const cfg = vscode.workspace.getConfiguration(section);
  const restricted = !vscode.workspace.isTrusted;
  const inspected = cfg.inspect<unknown>(SettingKey.providers);

  const merged = mergeProviderLevels({
    user: inspected?.globalValue,
    workspace: inspected?.workspaceValue,
    restricted,
    insecureTlsProviders: cfg.inspect<unknown>(SettingKey.insecureTlsProviders)?.globalValue,
  });
  const problems = merged.problems.map((p) => describeProblem(p, p.level));
  const { providers, ignoredWorkspaceProviders, insecureTlsProviders } = merged;

  const autoRefresh = numberSetting(cfg, SettingKey.autoRefreshSeconds, 0, 0, 86_400);
  const http = vscode.workspace.getConfiguration('http');
  const proxyUrl = http.get<unknown>('proxy');
  const noProxyRaw = http.get<unknown>('noProxy');
  const noProxy = Array.isArray(noProxyRaw) ? noProxyRaw.filter((s): s is string => typeof s === 'string') : [];
  const proxy = {
    ...(typeof proxyUrl === 'string' && proxyUrl.trim() !== '' ? { url: proxyUrl.trim() } : {}),
    strictSSL: http.get<unknown>('proxyStrictSSL') !== false,
    ...(noProxy.length > 0 ? { noProxy } : {}),
  };
  return {
    providers,
    problems,
    restricted,
    ignoredWorkspaceProviders,
    autoRefreshSeconds: autoRefresh > 0 ? Math.max(minAutoRefreshSeconds, autoRefresh) : 0,
    refreshOnFocus: cfg.get<unknown>(SettingKey.autoRefreshOnFocus) === true,
    warnBeforeExpiry: cfg.get<unknown>(SettingKey.warnBeforeExpiry) !== false,
    warnBeforeExpiryMinutes: numberSetting(cfg, SettingKey.warnBeforeExpiryMinutes, 5, 1, 1440),
    sandboxAutoStart: readSwitch.sandboxAutoStart(cfg),
    refreshAheadSeconds: numberSetting(cfg, SettingKey.refreshAheadSeconds, refreshAheadBounds.default, refreshAheadBounds.min, refreshAheadBounds.max),
    proxy,
    // Resolved here, once per snapshot, so no caller maps the settings to HttpOptions again.
    http: resolveHttpOptions({
      ...(proxy.url !== undefined ? { settingProxy: proxy.url } : {}),
      strictSSL: proxy.strictSSL,
      ...(proxy.noProxy ? { settingNoProxy: proxy.noProxy } : {}),
      env: process.env,
    }),
    insecureTlsProviders,
    hover: {
      enabled: readSwitch.hoverEnabled(cfg),
      excludedLanguages: new Set(readSwitch.excludedLanguages(cfg)),
      expiredHint: readSwitch.expiredHint(cfg),
    },
    terminalLinks: readSwitch.terminalLinks(cfg),
  };
}

/** True when a configuration change touches anything {@link readConfig} reads. */
export function affectsConfig(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(section) ||
    e.affectsConfiguration('http.proxy') ||
    e.affectsConfiguration('http.proxyStrictSSL') ||
    e.affectsConfiguration('http.noProxy')
  );
}

/**
 * The owner of the settings snapshot: reads it once, again on every change that touches it (and
 * when the workspace becomes trusted, which changes what counts), and fires {@link onDidChange}
 * with the new one. Created once in `activateFeatures()` and passed to whoever needs settings.
 */
export class Settings extends Disposable {
  private snapshot: AuthLensConfig;
  private readonly changed = this.register(new vscode.EventEmitter<AuthLensConfig>());
  /** Fires after {@link current} was replaced. */
  readonly onDidChange = this.changed.event;

  /** `read` is {@link readConfig}; the unit tests pass their own. */
  constructor(private readonly read: () => AuthLensConfig = readConfig) {
    super();
    this.snapshot = read();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsConfig(e)) this.reload();
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
  }

  /** The snapshot in force. */
  get current(): AuthLensConfig {
    return this.snapshot;
  }

  /** Reads the settings again and tells the listeners, even when nothing differs. */
  reload(): AuthLensConfig {
    this.snapshot = this.read();
    this.changed.fire(this.snapshot);
    return this.snapshot;
  }
}

/** The raw `authlens.providers` array at one level, unvalidated (so writes keep unknown entries). */
export function rawProviders(level: ConfigLevel): unknown[] {
  const inspected = vscode.workspace.getConfiguration(section).inspect<unknown>(SettingKey.providers);
  const v = level === 'user' ? inspected?.globalValue : inspected?.workspaceValue;
  return Array.isArray(v) ? [...(v as unknown[])] : [];
}

/** Replaces `authlens.providers` at one level. */
export async function writeProviders(level: ConfigLevel, entries: readonly unknown[]): Promise<void> {
  const target = level === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration(section).update(SettingKey.providers, entries.length > 0 ? entries : undefined, target);
}

/**
 * A provider's label for pickers, titles and prompts, marked when the entry comes from workspace
 * settings: those are written by whoever wrote the repository, and a person choosing where a
 * credential goes should see that.
 */
export function providerDisplayLabel(provider: Pick<ConfiguredProvider, 'label' | 'level'>, max = 60): string {
  const label = plainText(provider.label, max);
  return provider.level === 'workspace' ? vscode.l10n.t('{0} (workspace settings)', label) : label;
}

/** The id of a raw entry, if it has one. */
export function rawId(entry: unknown): string | undefined {
  return typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;
}
