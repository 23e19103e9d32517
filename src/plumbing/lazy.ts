/**
 * Loaders for the bundles kept off the activation path. Each `require` runs on first use only;
 * esbuild leaves these paths external so they stay separate files in `dist/`: `./providers.js` is
 * relative to `dist/extension.js`, the bundle this file ends up in, not to this source file.
 */
let providersModule: typeof import('../providers/index') | undefined;
let sandboxModule: typeof import('../sandbox/index') | undefined;

/** Providers, undici and jose (about 90 ms to load undici, so never during activation). */
export function loadProviders(): typeof import('../providers/index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  providersModule ??= require('./providers.js') as typeof import('../providers/index');
  return providersModule;
}

/** The built-in sandbox auth server. */
export function loadSandbox(): typeof import('../sandbox/index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sandboxModule ??= require('./sandbox.js') as typeof import('../sandbox/index');
  return sandboxModule;
}
