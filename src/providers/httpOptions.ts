/**
 * Proxy settings plus environment, resolved to the {@link HttpOptions} every HttpClient takes.
 * Its own file, free of undici, so the settings owner (`src/plumbing/config.ts`, main bundle) resolves
 * them once per settings snapshot without loading the providers bundle.
 */
import type { HttpOptions } from './types';

/**
 * Combines VS Code's settings with the environment the way VS Code does: the `http.proxy`
 * setting wins, then `HTTPS_PROXY`/`HTTP_PROXY` (either case); `NO_PROXY` adds bypass entries.
 *
 * @example
 * resolveHttpOptions({ settingProxy: '', strictSSL: true, env: process.env })
 */
export function resolveHttpOptions(input: {
  readonly settingProxy?: string;
  readonly strictSSL?: boolean;
  readonly settingNoProxy?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}): HttpOptions {
  const env = input.env ?? {};
  const proxy =
    nonEmpty(input.settingProxy) ?? nonEmpty(env['HTTPS_PROXY']) ?? nonEmpty(env['https_proxy']) ?? nonEmpty(env['HTTP_PROXY']) ?? nonEmpty(env['http_proxy']);
  const envNoProxy = (nonEmpty(env['NO_PROXY']) ?? nonEmpty(env['no_proxy']) ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
  const noProxy = [...(input.settingNoProxy ?? []), ...envNoProxy];
  return {
    ...(proxy !== undefined ? { proxy } : {}),
    strictSSL: input.strictSSL ?? true,
    ...(noProxy.length > 0 ? { noProxy } : {}),
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s.trim() : undefined;
}
