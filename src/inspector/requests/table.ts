/**
 * The inspector's request table: one handler per webview request type, the same pattern as the
 * command table. Adding a request = its message and replies in `shared/inspectorProtocol.ts`,
 * one handler file here, one line below (the mapped type makes a missing line a type error).
 */
import type { ReplyTo, RequestOf, WebviewRequest } from '../../shared/inspectorProtocol';
import { actionRequest } from './action';
import { compareRequest } from './compare';
import type { RequestContext, RequestHandler } from './context';
import { copyRequest } from './copy';
import { decryptRequest } from './decrypt';
import { diagnoseRequest } from './diagnose';
import { editableRequest } from './editable';
import { inspectRequest } from './inspect';
import { originalRequest } from './original';
import { probeRequest } from './probe';
import { revealRequest } from './reveal';
import { signRequest } from './sign';
import { verifyRequest } from './verify';
import { verifyCookieRequest } from './verifyCookie';

export const requestTable: { readonly [T in WebviewRequest['type']]: RequestHandler<RequestOf<T>> } = {
  reveal: revealRequest,
  copy: copyRequest,
  verify: verifyRequest,
  verifyCookie: verifyCookieRequest,
  compare: compareRequest,
  action: actionRequest,
  inspect: inspectRequest,
  sign: signRequest,
  editable: editableRequest,
  original: originalRequest,
  diagnose: diagnoseRequest,
  probe: probeRequest,
  decrypt: decryptRequest,
};

/** Runs the handler of `request`'s type; its reply can only be one {@link ReplyTo} allows. */
export async function handleRequest<R extends WebviewRequest>(request: R, ctx: RequestContext): Promise<ReplyTo<R>> {
  // TypeScript cannot relate `requestTable[request.type]` to R (a correlated union); the table's type guarantees it.
  const handler = requestTable[request.type] as unknown as RequestHandler<R>;
  return handler(request, ctx);
}
