/**
 * `loadProviders()` (src/plumbing/lazy.ts) requires the built bundle `./providers.js` beside
 * dist/extension.js; in unit tests the sources stand in for it. Install before requiring a module
 * that loads the providers bundle: `installProvidersBundle(); require('../../../src/inspector/...')`.
 */
import Module from 'node:module';

const BUNDLE_ID = 'authlens-providers-bundle';
let installed = false;

export function installProvidersBundle(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === './providers.js' ? BUNDLE_ID : resolve.call(this, request, ...rest);
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  M._cache[BUNDLE_ID] ??= { id: BUNDLE_ID, loaded: true, exports: require('../../../src/providers/index') as unknown };
}
