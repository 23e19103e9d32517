/**
 * The features bundle (`dist/features.js`, built from `src/features.ts`), loaded on first use.
 * esbuild leaves `./features.js` external: the path is relative to `dist/extension.js`, the
 * bundle this file ends up in, not to this source file (the unit tests resolve it to the source).
 */
import type * as vscode from 'vscode';
import type { Features, ShellParts } from '../features';

/** Loads and activates the features once; every stand-in of the shell goes through {@link get}. */
export class LazyFeatures {
  private features: Features | undefined;
  private loading = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly parts: ShellParts,
  ) {}

  /** The features, loaded now if they were not; `reason` says what needed them (logged once). */
  get(reason: string): Features {
    if (this.features) return this.features;
    // Activating the features must not ask for them again (it would wire everything twice).
    if (this.loading) throw new Error(`AuthLens features were asked for while loading (${reason})`);
    this.loading = true;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require('./features.js') as typeof import('../features');
      this.features = bundle.activateFeatures(this.context, this.parts, reason);
      return this.features;
    } finally {
      this.loading = false;
    }
  }

  /** The features if something loaded them already (`deactivate()` does not load them). */
  get loaded(): Features | undefined {
    return this.features;
  }
}
