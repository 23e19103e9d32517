/**
 * Time and the network for one request: the overall deadline, aborts, the wait before a retry,
 * and a network failure (undici wraps system errors) mapped to an error code.
 */
import { AuthLensError, type ErrorCode, type ErrorDetails, type TlsCause } from '../core/errors';

/**
 * An abort signal that fires at `ms` or when the caller's signal does, whichever comes first;
 * `expired` tells the two apart.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort = (): void => this.controller.abort();
  expired = false;

  constructor(
    ms: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, ms);
    if (caller?.aborted === true) this.controller.abort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AuthLensError('cancelled', {}, 'cancelled');
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new AuthLensError('cancelled', {}, 'cancelled'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AuthLensError('cancelled', {}, 'cancelled while waiting for Retry-After'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Every `code` along the error's `cause` chain (undici wraps system errors). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && typeof cur === 'object' && cur !== null; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') codes.push(c);
    // AggregateError (happy eyeballs: IPv4 and IPv6 both refused).
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const e of errors) codes.push(...errorCodes(e));
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

export function networkErrorCode(codes: readonly string[], err: unknown): ErrorCode {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  if (name === 'AbortError' || codes.includes('UND_ERR_ABORTED') || codes.includes('ABORT_ERR')) return 'cancelled';
  if (codes.some((c) => c === 'ECONNREFUSED')) return 'net-refused';
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME' || c === 'EAI_FAIL' || c === 'EAI_NODATA')) return 'net-dns';
  if (codes.some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT' || c === 'ETIMEDOUT'))
    return 'net-timeout';
  if (codes.some((c) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO|UND_ERR_PRX_TLS|ERR_TLS/.test(c))) return 'net-tls';
  if (codes.includes('UND_ERR_DESTROYED') || codes.includes('UND_ERR_CLOSED')) return 'cancelled';
  return 'net-other';
}

/**
 * What a TLS failure says about the certificate, from Node's (OpenSSL's) error codes; undefined
 * for handshake and protocol failures, which have other causes.
 */
export function tlsCauseOf(codes: readonly string[]): TlsCause | undefined {
  if (codes.some((c) => c === 'DEPTH_ZERO_SELF_SIGNED_CERT' || c === 'SELF_SIGNED_CERT_IN_CHAIN')) return 'self-signed';
  if (codes.some((c) => c === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || c === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' || c === 'UNABLE_TO_GET_ISSUER_CERT')) {
    return 'unknown-issuer';
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID') || codes.includes('HOSTNAME_MISMATCH')) return 'hostname-mismatch';
  if (codes.includes('CERT_HAS_EXPIRED')) return 'expired';
  if (codes.includes('CERT_NOT_YET_VALID')) return 'not-yet-valid';
  return undefined;
}

/** Which per-phase timeout ran out, from undici's error codes. */
export function timeoutPhaseOf(codes: readonly string[]): ErrorDetails['timeoutPhase'] {
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) return 'connect';
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) return 'headers';
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) return 'body';
  return undefined;
}
