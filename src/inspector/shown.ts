/**
 * What the inspector panel shows, host side: the input (token, where it came from) and the built
 * model with the values withheld from the webview. Building it reads the provider's settings
 * (JWKS URL, issuer) through the inspector's dependencies; the kind comes with the input.
 */
import { translate } from '../plumbing/l10n';
import { isProviderKind } from '../providers/kinds';
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
  const source: InspectorSource | undefined = src
    ? {
        providerId: src.providerId,
        providerLabel: src.providerLabel,
        ...(providerKind ? { providerKind } : {}),
        ...(src.session ? { session: src.session } : {}),
        ...(src.tokenKind ? { tokenKind: src.tokenKind } : {}),
        ...(provider?.jwksUrl ? { jwksUrl: provider.jwksUrl } : {}),
        ...(provider?.issuer ? { issuer: provider.issuer } : {}),
      }
    : undefined;
  const built = buildInspectorModel(input.token, {
    now,
    t: translate,
    ...(source ? { source } : {}),
    storedSecret: false,
    ...(input.stripped ? { stripped: input.stripped } : {}),
    canRevoke: src?.session !== undefined && provider !== undefined && deps.sessions.canRevoke(provider.id),
    canRefresh: provider !== undefined && src?.session !== undefined,
  });
  return { input, built };
}

/** The token's `iss`, when it can name a remembered secret. */
export function issuerKey(shown: Shown | undefined): string | undefined {
  const iss = shown?.built.decoded?.payload['iss'];
  return typeof iss === 'string' && iss.length > 0 && iss.length <= 1000 ? iss : undefined;
}
