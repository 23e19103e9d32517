/**
 * What the inspector panel shows, host side: the input (token, where it came from) and the built
 * model with the values withheld from the webview. Building it reads the provider's settings
 * (JWKS URL, issuer) through the inspector's dependencies; the kind comes with the input.
 */
import { translate } from '../plumbing/l10n';
import { decodeJwt } from '../core/decode';
import type { ConfiguredProvider } from '../plumbing/config';
import { isProviderKind } from '../providers/kinds';
import { keyProviderFor, keySourceOf } from './keySource';
import { cookieContextOf } from './cookieShown';
import type { InspectorDeps } from './deps';
import type { InspectInput } from '../shared/inspectInput';
import { buildInspectorModel, type BuiltInspector, type InspectorSource } from './viewModel';

export interface Shown {
  readonly input: InspectInput;
  readonly built: BuiltInspector;
}

/** Builds what the panel shows for `input` at `now`. */
export function buildShown(input: InspectInput, deps: InspectorDeps, now: number): Shown {
  const src = input.source;
  const provider = src ? deps.sessions.provider(src.providerId) : undefined;
  // The input names the kind (checked: a command argument is untyped); an input restored from an
  // older version's store may not, and then the configured provider's counts.
  const providerKind = isProviderKind(src?.providerKind) ? src.providerKind : provider?.kind;
  const keys = provider ? keySourceOf(provider) : undefined;
  const source: InspectorSource | undefined = src
    ? {
        providerId: src.providerId,
        providerLabel: src.providerLabel,
        ...(providerKind ? { providerKind } : {}),
        ...(src.session ? { session: src.session } : {}),
        ...(src.tokenKind ? { tokenKind: src.tokenKind } : {}),
        ...(keys?.jwksUrl ? { jwksUrl: keys.jwksUrl } : {}),
        ...(provider?.issuer ? { issuer: provider.issuer } : {}),
      }
    : undefined;
  // A pasted token of a configured Better Auth server: its keys are offered as for one from the tree.
  const issuerProvider = src ? undefined : keyProviderFor(undefined, unverifiedIss(input.token), deps.settings().providers);
  const cookie = cookieContextOf(input, deps);
  const built = buildInspectorModel(input.token, {
    now,
    t: translate,
    ...(source ? { source } : {}),
    ...(issuerProvider ? { keySource: keySourceOf(issuerProvider) } : {}),
    storedSecret: false,
    ...(input.stripped ? { stripped: input.stripped } : {}),
    ...(cookie ? { cookie } : {}),
    canRevoke: src?.session !== undefined && provider !== undefined && deps.sessions.canRevoke(provider.id),
    canRefresh: provider !== undefined && src?.session !== undefined,
  });
  return { input, built };
}

/**
 * The configured provider whose keys and TLS opt-out Verify uses for the shown token: the one it
 * came from, else a Better Auth server whose origin is the token's `iss`.
 */
export function keyProviderOf(shown: Shown | undefined, deps: InspectorDeps): ConfiguredProvider | undefined {
  const src = shown?.input.source;
  const from = src ? deps.sessions.provider(src.providerId) : undefined;
  if (src) return from;
  return keyProviderFor(undefined, shown?.built.decoded?.payload['iss'], deps.settings().providers);
}

/** The `iss` of a token, decoded without any check (only to match it to a configured server). */
function unverifiedIss(token: string): unknown {
  const decoded = decodeJwt(token);
  return decoded.ok ? decoded.token.payload['iss'] : undefined;
}

/** The token's `iss`, when it can name a remembered secret. */
export function issuerKey(shown: Shown | undefined): string | undefined {
  const iss = shown?.built.decoded?.payload['iss'];
  return typeof iss === 'string' && iss.length > 0 && iss.length <= 1000 ? iss : undefined;
}
