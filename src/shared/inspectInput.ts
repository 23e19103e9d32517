import type { Repair } from '../core/verdict';
import type { ProviderKind, SessionInfo, TokenKind } from '../providers/types';

/**
 * What `Services.inspector.open()` takes: a token and, when it came from a provider's session,
 * where from. Built by the extension only (tree, hover, commands), never from token contents.
 */
export interface InspectInput {
  /** The bare token. Secret: never log it (use `redact()`). */
  readonly token: string;
  /** Wrappers removed to get `token` (`Bearer `, quotes...): the inspector says so. */
  readonly stripped?: readonly Repair[];
  readonly source?: {
    readonly providerId: string;
    readonly providerLabel: string;
    /** The provider's kind (its claim contexts): set by whoever names the provider, never parsed from the id. */
    readonly providerKind?: ProviderKind;
    readonly session?: SessionInfo;
    readonly tokenKind?: TokenKind;
  };
}

/** How to show the panel. */
export interface OpenOptions {
  /** Open beside the active editor ("Open to the Side"). */
  readonly toSide?: boolean;
  /** Keep the focus where it is. */
  readonly preserveFocus?: boolean;
}
