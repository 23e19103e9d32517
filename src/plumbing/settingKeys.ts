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
