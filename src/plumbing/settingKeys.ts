/**
 * The names of AuthLens's settings, once. Import-free so the activation shell can read the few
 * settings it checks at start-up without loading `config.ts` (which validates providers).
 */

export const section = 'authlens';

/** Setting keys under `authlens.`; `package.json` declares each one. */
export const SettingKey = {
  providers: 'providers',
  insecureTlsProviders: 'insecureTlsProviders',
  autoRefreshSeconds: 'autoRefresh.seconds',
  autoRefreshOnFocus: 'autoRefresh.onFocus',
  warnBeforeExpiry: 'statusBar.warnBeforeExpiry',
  warnBeforeExpiryMinutes: 'statusBar.warnBeforeExpiryMinutes',
  sandboxAutoStart: 'sandbox.autoStart',
  hoverEnabled: 'hover.enabled',
  hoverExcludedLanguages: 'hover.excludedLanguages',
  expiredHint: 'decorations.expiredHint',
  refreshAheadSeconds: 'refreshAheadSeconds',
  terminalLinksEnabled: 'terminalLinks.enabled',
} as const;

/** Global-state key of the running sandboxes of all windows (pid and settings level each). */
export const sandboxOwnersKey = 'authlens.sandbox.owners';

/** Sandbox provider ids start with this. */
export const sandboxIdPrefix = 'sandbox-';

/** What `readSwitch` needs of a `WorkspaceConfiguration` (named here so this file stays import-free). */
export interface SettingSource {
  get(key: string, fallback?: unknown): unknown;
}

/**
 * The switches both `readConfig()` and the activation shell read, with one rule each: a value of
 * the wrong type keeps the setting's default (on-by-default switches are on unless exactly `false`).
 */
export const readSwitch = {
  hoverEnabled: (settings: SettingSource): boolean => settings.get(SettingKey.hoverEnabled, true) !== false,
  terminalLinks: (settings: SettingSource): boolean => settings.get(SettingKey.terminalLinksEnabled, true) !== false,
  sandboxAutoStart: (settings: SettingSource): boolean => settings.get(SettingKey.sandboxAutoStart) === true,
  expiredHint: (settings: SettingSource): boolean => settings.get(SettingKey.expiredHint, false) === true,
  /** The language ids listed in `authlens.hover.excludedLanguages` (non-strings dropped). */
  excludedLanguages: (settings: SettingSource): string[] => {
    const value = settings.get(SettingKey.hoverExcludedLanguages, []);
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : [];
  },
} as const;
