import * as vscode from 'vscode';

/** The editor settings of AuthLens, read once per change (`authlens.hover.*`, `authlens.decorations.*`). */
export interface HoverConfig {
  /** `authlens.hover.enabled`: show the token hover. */
  readonly enabled: boolean;
  /** `authlens.hover.excludedLanguages`: language ids where the hover stays silent. */
  readonly excludedLanguages: ReadonlySet<string>;
  /** `authlens.decorations.expiredHint`: a subtle "expired" hint after expired tokens. */
  readonly expiredHint: boolean;
}

/** A readonly snapshot of the hover settings. */
export function readHoverConfig(): HoverConfig {
  const config = vscode.workspace.getConfiguration('authlens');
  const excluded = config.get<unknown>('hover.excludedLanguages', []);
  return {
    enabled: config.get<boolean>('hover.enabled', true) !== false,
    excludedLanguages: new Set(Array.isArray(excluded) ? excluded.filter((l): l is string => typeof l === 'string') : []),
    expiredHint: config.get<boolean>('decorations.expiredHint', false) === true,
  };
}

/** True when a configuration change touches a setting in {@link HoverConfig}. */
export function affectsHoverConfig(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('authlens.hover') || e.affectsConfiguration('authlens.decorations');
}
