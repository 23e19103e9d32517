/**
 * Tokens AuthLens made from the shown one: edited and signed (or left unsigned, or given back its
 * original signature) by the Edit tab, or decrypted from a JWE. The panel shows such a token like
 * any other, keeps the original beside it ("Show the original", "Compare with the original"), and
 * the model says how it was made, so the webview's banner can say that the server did not make it.
 */
import { redact } from '../core/redact';
import type { DerivedModel, PanelContent } from '../shared/inspectorModel';
import type { InspectInput } from '../shared/inspectInput';
import type { InspectorDeps } from './deps';
import type { Shown } from './shown';

/** How AuthLens made a token from the shown one. */
export type Derivation =
  | { readonly kind: 'edited'; readonly how: 'signed' | 'unsigned' | 'original-signature'; readonly alg?: string }
  | { readonly kind: 'decrypted'; readonly alg: string; readonly enc: string };

/** What the panel keeps beside a derived token. */
export interface DerivedFrom {
  /** What the panel showed before AuthLens made a token from it (the server's token). */
  readonly original: InspectInput;
  readonly derivation: Derivation;
}

/** What a derivation needs of the panel (`requests/context.ts` `PanelAccess` has it all). */
export interface DerivingPanel {
  current(): Shown | undefined;
  showDerived(input: InspectInput, derived: DerivedFrom): void;
  derivedFrom(): DerivedFrom | undefined;
}

/**
 * Shows `token`, made by AuthLens from the shown token, in the same panel. The original stays
 * the server's token even when the person derives again from a derived one. Returns false when
 * the panel shows nothing to derive from. Logs only a redacted prefix of the new token.
 *
 * @example
 * showDerivedToken(panel, deps, signed, { kind: 'edited', how: 'signed', alg: 'HS256' });
 * showDerivedToken(panel, deps, inner, { kind: 'decrypted', alg: 'RSA-OAEP-256', enc: 'A256GCM' });
 */
export function showDerivedToken(panel: DerivingPanel, deps: Pick<InspectorDeps, 'log'>, token: string, derivation: Derivation): boolean {
  const current = panel.current();
  if (!current) return false;
  const original = panel.derivedFrom()?.original ?? current.input;
  deps.log.info(`Inspector: showing a token AuthLens made (${derivedModel(derivation).how}) ${redact(token)}`);
  panel.showDerived(derivedInput(original, token), { original, derivation });
  return true;
}

/**
 * The input of a derived token: where the original came from still names the provider (Copy as
 * curl targets it, Verify finds its keys), but not its session: the session is the original's.
 */
export function derivedInput(original: InspectInput, token: string): InspectInput {
  const src = original.source;
  return {
    token,
    ...(src
      ? {
          source: {
            providerId: src.providerId,
            providerLabel: src.providerLabel,
            ...(src.providerKind ? { providerKind: src.providerKind } : {}),
            ...(src.tokenKind ? { tokenKind: src.tokenKind } : {}),
          },
        }
      : {}),
  };
}

/** What the webview's banner needs to know about a derivation. */
export function derivedModel(derivation: Derivation): DerivedModel {
  if (derivation.kind === 'decrypted') return { how: 'decrypted', alg: derivation.alg, enc: derivation.enc };
  return { how: derivation.how, ...(derivation.alg !== undefined ? { alg: derivation.alg } : {}) };
}

/** The panel's content with the derivation marked on the model (unchanged when there is none). */
export function withDerived(content: PanelContent, from: DerivedFrom | undefined): PanelContent {
  if (!from || content.kind !== 'token') return content;
  return { kind: 'token', model: { ...content.model, derived: derivedModel(from.derivation) } };
}
