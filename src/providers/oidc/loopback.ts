import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthLensError } from '../../core/errors';
import { plainText } from '../../core/hostileText';

/** The texts of the small page the browser shows after the redirect (localised by the caller). */
export interface LoopbackPages {
  readonly success: string;
  readonly failure: string;
}

export interface LoopbackOptions {
  /** The `state` sent in the authorization request; any other value is rejected. */
  readonly state: string;
  /** How long to wait for the browser (default 2 minutes). */
  readonly timeoutMs?: number;
  /** Callback path (default `/callback`). */
  readonly path?: string;
  /** A fixed port (the provider's `redirectPort`, for servers that want a registered redirect URI); default any free port. */
  readonly port?: number;
  readonly pages?: LoopbackPages;
  readonly signal?: AbortSignal;
}

/** What arrived on the redirect URI. */
export interface LoopbackResult {
  readonly code: string;
  /** RFC 9207 `iss`, when the server sends it. */
  readonly iss?: string;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback` (RFC 8252 §7.3: loopback IP literal, not `localhost`). */
  readonly redirectUri: string;
  /**
   * Resolves with the code; rejects with `oauth-error`, `cancelled`, or on timeout with
   * `oidc-state-mismatch` (only forged callbacks arrived) or `oidc-login-timeout`.
   */
  readonly result: Promise<LoopbackResult>;
  /**
   * Also accepts the callback with this `Host` (the host and port of the URI that
   * `vscode.env.asExternalUri` mapped the redirect URI to: the browser names that one).
   */
  allowHost(host: string): void;
  /**
   * Answers the browser, whose callback request was held open since {@link result} resolved:
   * the success page, or the failure page with `failure` (plain text, made plain again here).
   * Then stops listening. Only the first call counts.
   */
  respond(outcome: { readonly ok: true } | { readonly ok: false; readonly failure?: string }): void;
  /** Stops listening (idempotent); a held browser request gets the failure page. */
  close(): void;
}

const DEFAULT_PAGES: LoopbackPages = {
  success: 'Signed in. You can close this tab and return to VS Code.',
  failure: 'Sign-in failed. Return to VS Code for details.',
};

/**
 * A one-shot HTTP listener on 127.0.0.1 and a random (or the fixed) port for the authorization
 * code redirect (RFC 8252 §7.3). The first callback that carries the right `state` resolves
 * {@link LoopbackListener.result}; its browser request is held open until the caller has
 * exchanged the code and calls `respond()`, so the page says "signed in" only once that is
 * true. A callback carrying an error is answered at once. It also closes on timeout or abort. Other paths (a browser's
 * favicon) get 404. A callback with another `state`, or a `Host` other than `127.0.0.1:<port>`,
 * gets 400 and the listener keeps waiting: any local process or web page can reach the port,
 * and letting one forged request end the sign-in would let it cancel every sign-in.
 *
 * @example
 * const listener = await startLoopbackListener({ state });
 * await openBrowser(buildAuthorizationUrl({ ..., redirectUri: listener.redirectUri }));
 * const { code } = await listener.result;
 * // ... exchange the code ...
 * listener.respond({ ok: true });
 */
export async function startLoopbackListener(opts: LoopbackOptions): Promise<LoopbackListener> {
  const path = opts.path ?? '/callback';
  const pages = opts.pages ?? DEFAULT_PAGES;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let settle: { resolve: (r: LoopbackResult) => void; reject: (e: unknown) => void } | undefined;
  const result = new Promise<LoopbackResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may never await `result` (e.g. the browser failed to open): no unhandled rejection.
  result.catch(() => undefined);
  let done = false;
  /** A callback with another state arrived (and was refused): reported if nothing else comes. */
  let sawWrongState = false;

  const server = createServer((req, res) => handle(req, res));
  let timer: NodeJS.Timeout | undefined;
  /** `127.0.0.1:<port>`, set once the port is known (before any request can arrive), plus mapped hosts. */
  const expectedHosts = new Set<string>();
  /** The browser's callback request, waiting for the outcome of the code exchange. */
  let held: ServerResponse | undefined;

  const respond = (outcome: { readonly ok: true } | { readonly ok: false; readonly failure?: string }): void => {
    const res = held;
    held = undefined;
    if (res === undefined) {
      close();
      return;
    }
    // text/plain with nosniff: server text in the failure cannot become markup or a link.
    const text = outcome.ok ? pages.success : outcome.failure ? `${pages.failure}\n\n${plainText(outcome.failure, 600)}` : pages.failure;
    answer(res, outcome.ok ? 200 : 400, text, close);
  };
  const close = (): void => {
    if (held !== undefined) {
      respond({ ok: false });
      return;
    }
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  };
  const finish = (outcome: { ok: LoopbackResult } | { error: unknown }): void => {
    if (done) return;
    done = true;
    if ('ok' in outcome) settle?.resolve(outcome.ok);
    else settle?.reject(outcome.error);
  };
  const onAbort = (): void => {
    finish({ error: new AuthLensError('cancelled', { where: 'sign-in' }, 'cancelled: sign-in aborted') });
    close();
  };

  function answer(res: ServerResponse, status: number, text: string, after?: () => void): void {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      connection: 'close',
    });
    res.end(`${text}\n`, after);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (done || req.method !== 'GET' || url.pathname !== path) {
      answer(res, 404, 'Not found');
      return;
    }
    // The redirect URI names 127.0.0.1:<port>, so the browser sends exactly that; any other
    // Host is a page reaching the port through another name (DNS rebinding).
    if (req.headers.host === undefined || !expectedHosts.has(req.headers.host.toLowerCase())) {
      answer(res, 400, pages.failure);
      return;
    }
    const params = url.searchParams;
    const state = params.get('state');
    const error = params.get('error');
    const code = params.get('code');
    if (state !== opts.state) {
      // Checked first: an error response with a wrong state is not ours either (RFC 6749 §10.12).
      // Not ours, so it does not end the sign-in: the real redirect may still come.
      sawWrongState = true;
      answer(res, 400, pages.failure);
      return;
    }
    let outcome: { ok: LoopbackResult } | { error: unknown };
    if (error !== null) {
      const description = params.get('error_description');
      outcome = {
        error: new AuthLensError(
          'oauth-error',
          { serverCode: error.slice(0, 100), where: 'authorization', ...(description ? { serverMessage: description.slice(0, 500) } : {}) },
          `oauth-error: authorization answered ${error.slice(0, 100)}`,
        ),
      };
    } else if (code === null || code === '') {
      outcome = { error: new AuthLensError('response-shape', { where: 'redirect code' }, 'response-shape: the redirect carried no code') };
    } else {
      const iss = params.get('iss');
      outcome = { ok: { code, ...(iss !== null ? { iss } : {}) } };
    }
    if ('ok' in outcome) {
      // Held until the caller knows whether the exchange worked; no more callbacks are taken.
      held = res;
      if (timer) clearTimeout(timer);
    } else {
      answer(res, 400, pages.failure, close);
    }
    finish(outcome);
  }

  server.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (opts.port === undefined) reject(err);
      else {
        const why = err.code === 'EADDRINUSE' ? 'in use by another program' : err.code === 'EACCES' ? 'not allowed' : 'unusable';
        reject(new AuthLensError('config-invalid', { where: `redirectPort ${opts.port} (${why})` }, `config-invalid: redirectPort ${opts.port} is ${why}`));
      }
    });
  });
  const { port } = server.address() as AddressInfo;
  expectedHosts.add(`127.0.0.1:${port}`);

  timer = setTimeout(() => {
    finish({
      error: sawWrongState
        ? new AuthLensError('oidc-state-mismatch', { where: 'state' }, 'oidc-state-mismatch: only redirects with another state arrived')
        : new AuthLensError('oidc-login-timeout', { where: `${Math.round(timeoutMs / 1000)} s` }, 'oidc-login-timeout: no redirect arrived'),
    });
    close();
  }, timeoutMs);
  timer.unref?.();
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    result,
    allowHost: (host) => {
      expectedHosts.add(host.toLowerCase());
    },
    respond,
    close: () => {
      if (!done) finish({ error: new AuthLensError('cancelled', { where: 'sign-in' }, 'cancelled: sign-in closed') });
      close();
    },
  };
}
