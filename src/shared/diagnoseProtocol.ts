/**
 * The inspector's "Why would a server reject it?" requests (issue 16): `diagnose` runs every
 * check on the shown token with the skew the person set and what they say the token is;
 * `probe` sends the shown token to its provider ("Ask the server"). `inspectorProtocol.ts` puts
 * them in the message unions and calls the validator here. Nothing here imports `vscode` or the DOM.
 */
import type { DiagnoseResult, ProbeOutcome } from '../core/rejectionTypes';

/** What the person says the token is; `auto`: what its source or `typ` says. */
export type DiagnoseTokenUse = 'auto' | 'id' | 'access';
export const diagnoseTokenUses: readonly DiagnoseTokenUse[] = ['auto', 'id', 'access'];

/** Largest skew the person may set: one day. */
export const MAX_SKEW_SECONDS = 86_400;

/** The `diagnose` request's fields beside `type` and `seq`. */
export interface DiagnoseFields {
  /** Clock skew allowed, whole seconds, 0 to {@link MAX_SKEW_SECONDS}. */
  readonly skewSeconds: number;
  readonly tokenUse: DiagnoseTokenUse;
}

export type DiagnosedReply = { readonly kind: 'diagnosed'; readonly result: DiagnoseResult };
export type ProbedReply = { readonly kind: 'probed'; readonly outcome: ProbeOutcome };

/**
 * Checks the fields of a `diagnose` message from the webview (hostile data).
 *
 * @example
 * parseDiagnoseFields({ skewSeconds: 60, tokenUse: 'auto' }) // { skewSeconds: 60, tokenUse: 'auto' }
 * parseDiagnoseFields({ skewSeconds: -1, tokenUse: 'auto' }) // undefined
 */
export function parseDiagnoseFields(value: Record<string, unknown>): DiagnoseFields | undefined {
  const skew = Object.prototype.hasOwnProperty.call(value, 'skewSeconds') ? value['skewSeconds'] : undefined;
  const use = Object.prototype.hasOwnProperty.call(value, 'tokenUse') ? value['tokenUse'] : undefined;
  if (typeof skew !== 'number' || !Number.isInteger(skew) || skew < 0 || skew > MAX_SKEW_SECONDS) return undefined;
  if (typeof use !== 'string' || !(diagnoseTokenUses as readonly string[]).includes(use)) return undefined;
  return { skewSeconds: skew, tokenUse: use as DiagnoseTokenUse };
}
