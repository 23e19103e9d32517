/**
 * What a webview request's handler gets: the inspector's dependencies and the panel it answers
 * for. One handler per request type, listed in `table.ts`; each returns only the replies
 * {@link ReplyTo} pairs with its request.
 */
import type { ReplyTo, WebviewRequest } from '../../shared/inspectorProtocol';
import type { InspectorDeps } from '../deps';
import type { InspectInput } from '../../shared/inspectInput';
import type { Shown } from '../shown';
import type { DerivedFrom } from '../derivedToken';

/** The panel, as a handler sees it. */
export interface PanelAccess {
  /** What the panel shows now; read it again after every `await` (the person may have moved on). */
  current(): Shown | undefined;
  /** Shows another token in the panel (does not wait for the webview). */
  show(input: InspectInput): void;
  /** Shows a token AuthLens made from the shown one, keeping the original (use `derivedToken.ts` `showDerivedToken`). */
  showDerived(input: InspectInput, derived: DerivedFrom): void;
  /** The original and how the shown token was made from it, when AuthLens made it. */
  derivedFrom(): DerivedFrom | undefined;
}

export interface RequestContext {
  readonly deps: InspectorDeps;
  readonly panel: PanelAccess;
}

/** A handler for one request type. Throwing is allowed: the panel answers with a failure. */
export type RequestHandler<R extends WebviewRequest> = (request: R, ctx: RequestContext) => ReplyTo<R> | Promise<ReplyTo<R>>;
