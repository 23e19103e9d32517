/**
 * The one module that speaks HTTP (and the only one importing undici).
 *
 * Each provider owns one {@link HttpClient}: one keep-alive `Agent` (plus a `ProxyAgent` when a
 * proxy applies), connect/headers/body timeouts plus an overall deadline per request (a server
 * trickling a byte every few seconds never trips the per-phase ones), the caller's `AbortSignal`, a 5 MB body cap,
 * JSON parsing with a nesting guard, no automatic redirects, and every failure mapped to an
 * {@link AuthLensError}. Credentials are bound to the provider's origin and masked in every
 * error and log line. Never touches undici's global dispatcher: fetch in the extension host
 * belongs to every extension. Beside it: `httpTypes.ts` (options, request, response),
 * `httpRequest.ts` (URLs and the secrets a request carries), `httpResponse.ts` (status, JSON,
 * error details), `httpNetwork.ts` (deadline, retry wait, network errors).
 */
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { AuthLensError, isAuthLensError, type ErrorCode, type ErrorDetails, type OriginRefusal } from '../core/errors';
import { redactText } from '../core/redact';
import { clientCertificateOptions } from './clientCertificate';
import type { HttpOptions } from './types';
import type { HttpClientOptions, HttpRequest, HttpResponse } from './httpTypes';
import { statusErrorCode, errorDetails, parseJson, looksLikeHtml } from './httpResponse';
import { bypassesProxy, declaresCredential, collectSecrets, bodyOf, flattenHeaders, displayUrl, safeOrigin, originOf, parseUrl } from './httpRequest';
import { Deadline, throwIfAborted, sleep, errorCodes, networkErrorCode, tlsCauseOf, timeoutPhaseOf } from './httpNetwork';
export { bypassesProxy, joinUrl } from './httpRequest';
export { statusErrorCode, retryAfterSeconds, parseJson } from './httpResponse';
export type { HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './httpTypes';

export type { HttpOptions };
// Kept exported from here: the providers bundle and its tests import it with the client.
export { resolveHttpOptions } from './httpOptions';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
const DEFAULT_MAX_RETRY_WAIT_MS = 5_000;
const DEFAULT_MAX_DEPTH = 64;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * One provider's HTTP client. Create one per provider and `close()` it when the provider goes.
 *
 * @example
 * const http = new HttpClient({ baseUrl: 'http://127.0.0.1:4000/api/auth' });
 * const res = await http.send({ method: 'GET', url: joinUrl(base, '/get-session'),
 *   headers: { authorization: `Bearer ${token}` }, signal });
 */
export class HttpClient {
  readonly origin: string;
  private readonly credentialOrigins: ReadonlySet<string>;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxRetryWaitMs: number;
  private readonly maxJsonDepth: number;
  private agent: Agent | undefined;
  private proxyAgent: ProxyAgent | undefined;
  private closed = false;
  /** Origins the issuer's discovery document vouches for, and the ones it names but that get nothing (see `trustCredentialOrigins`). */
  private discovered: { trusted: ReadonlySet<string>; refused: ReadonlyMap<string, OriginRefusal> } | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.origin = originOf(options.baseUrl, 'baseUrl');
    this.credentialOrigins = new Set([this.origin, ...(options.credentialOrigins ?? []).map((o) => originOf(o, 'appHost'))]);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    this.deadlineMs = options.deadlineMs ?? 3 * this.timeoutMs + this.maxRetryWaitMs;
    this.maxJsonDepth = options.maxJsonDepth ?? DEFAULT_MAX_DEPTH;
  }

  /** Sends a request; resolves with a 2xx response, rejects with an {@link AuthLensError}. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const secrets = collectSecrets(req);
    const deadline = new Deadline(this.deadlineMs, req.signal);
    try {
      return await this.sendChecked({ ...req, signal: deadline.signal }, secrets);
    } catch (err) {
      if (deadline.expired && req.signal?.aborted !== true) {
        const where = safeOrigin(req.url);
        throw new AuthLensError(
          'net-timeout',
          { where, limit: Math.ceil(this.deadlineMs / 1000), timeoutPhase: 'total' },
          `net-timeout: ${req.method} ${where} sent no complete answer within ${this.deadlineMs} ms`,
        );
      }
      throw this.toAuthLensError(err, req, secrets);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Lets credentials also go to the endpoint origins an issuer's discovery document names
   * (`discoveredCredentialOrigins` in `oidc/endpointOrigins.ts`), replacing what an earlier
   * document named. `refused`: origins it names that get nothing, so the refusal says why.
   */
  trustCredentialOrigins(trusted: readonly string[], refused: ReadonlyMap<string, OriginRefusal> = new Map()): void {
    this.discovered = { trusted: new Set(trusted), refused };
  }

  /** Closes the connection pools; later calls fail with `cancelled`. */
  async close(): Promise<void> {
    this.closed = true;
    const agents = [this.agent, this.proxyAgent].filter((a): a is Agent | ProxyAgent => a !== undefined);
    this.agent = undefined;
    this.proxyAgent = undefined;
    await Promise.all(agents.map((a) => a.close().catch(() => a.destroy())));
  }

  private async sendChecked(req: HttpRequest, secrets: readonly string[]): Promise<HttpResponse> {
    let url = parseUrl(req.url);
    // Every declared secret counts here, however short: the length filter of `collectSecrets` is
    // for redaction only, and a 3-character secret must not reach another origin either.
    const carriesCredential = secrets.length > 0 || declaresCredential(req);
    if (carriesCredential && !this.credentialOrigins.has(url.origin) && this.discovered?.trusted.has(url.origin) !== true) {
      const originRefusal = this.discovered === undefined ? 'not-allowed' : (this.discovered.refused.get(url.origin) ?? 'not-in-discovery');
      throw new AuthLensError(
        'origin-mismatch',
        { where: url.origin, originRefusal },
        `origin-mismatch: refusing to send a credential to ${url.origin} (${originRefusal}; provider origin ${this.origin})`,
      );
    }
    let method = req.method;
    let withBody = true;
    let redirected = false;
    let retried = false;
    for (;;) {
      throwIfAborted(req.signal);
      const started = Date.now();
      const res = await request(url, {
        method,
        headers: this.buildHeaders(req, withBody),
        ...(withBody ? bodyOf(req) : {}),
        ...(req.signal !== undefined ? { signal: req.signal } : {}),
        dispatcher: this.dispatcherFor(url),
      });
      const headers = flattenHeaders(res.headers);
      this.log(`${method} ${displayUrl(url)} -> ${res.statusCode} (${Date.now() - started} ms)`, secrets);

      if (REDIRECT_STATUSES.has(res.statusCode)) {
        await res.body.dump().catch(() => undefined);
        const location = headers['location'];
        if (location === undefined) {
          throw new AuthLensError(
            'http-other',
            { status: res.statusCode, where: 'location' },
            `http-other: ${res.statusCode} without Location from ${displayUrl(url)}`,
          );
        }
        const target = new URL(location, url);
        if (target.origin !== url.origin || redirected) {
          throw new AuthLensError(
            'redirect-blocked',
            { status: res.statusCode, where: target.origin },
            `redirect-blocked: ${displayUrl(url)} redirects to ${target.origin}${redirected ? ' (second redirect)' : ''}`,
          );
        }
        redirected = true;
        // 303, and 301/302 after a POST, turn into a bodiless GET (as browsers do).
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          withBody = false;
        }
        url = target;
        continue;
      }

      if (res.statusCode >= 400) {
        const text = await this.readText(res.body, headers, true);
        const details = errorDetails(res.statusCode, headers, text, secrets, this.maxJsonDepth);
        if (res.statusCode === 429 && !retried && details.retryAfterSeconds !== undefined && details.retryAfterSeconds * 1000 <= this.maxRetryWaitMs) {
          retried = true;
          await sleep(details.retryAfterSeconds * 1000, req.signal);
          continue;
        }
        const code = statusErrorCode(res.statusCode);
        throw new AuthLensError(
          code,
          details,
          `${code}: ${method} ${displayUrl(url)} answered ${res.statusCode}${details.serverMessage !== undefined ? `: ${details.serverMessage}` : ''}`,
        );
      }

      const expect = req.expect ?? 'json';
      if (expect === 'none') {
        await res.body.dump().catch(() => undefined);
        return { status: res.statusCode, url: url.href, headers, json: undefined };
      }
      const text = (await this.readText(res.body, headers, false)) ?? '';
      const where = `${method} ${displayUrl(url)}`;
      if (looksLikeHtml(text, headers['content-type'])) {
        throw new AuthLensError('response-html', { status: res.statusCode, where }, `response-html: ${where} answered with an HTML page`);
      }
      if (text.trim() === '') {
        if (expect === 'json-or-empty') return { status: res.statusCode, url: url.href, headers, json: undefined };
        throw new AuthLensError('response-not-json', { status: res.statusCode, where }, `response-not-json: ${where} answered with an empty body`);
      }
      const json = parseJson(text, this.maxJsonDepth, where, res.statusCode);
      return { status: res.statusCode, url: url.href, headers, json };
    }
  }

  private buildHeaders(req: HttpRequest, withBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    if (withBody && req.json !== undefined) headers['content-type'] = 'application/json';
    if (withBody && req.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return headers;
  }

  private dispatcherFor(url: URL): Dispatcher {
    if (this.closed) throw new AuthLensError('cancelled', {}, 'cancelled: the provider was closed');
    const proxy = this.options.http?.proxy;
    const insecure = this.options.allowInsecureTls === true;
    const timeouts = { headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs, keepAliveTimeout: 10_000 };
    if (proxy !== undefined && !bypassesProxy(url, this.options.http?.noProxy)) {
      this.proxyAgent ??= new ProxyAgent({
        uri: proxy,
        ...timeouts,
        connect: { timeout: this.timeoutMs },
        requestTls: { rejectUnauthorized: !insecure, timeout: this.timeoutMs, ...clientCertificateOptions(this.options.clientCertificate) },
        proxyTls: { rejectUnauthorized: this.options.http?.strictSSL !== false, timeout: this.timeoutMs },
      });
      return this.proxyAgent;
    }
    this.agent ??= new Agent({
      ...timeouts,
      connect: { timeout: this.timeoutMs, rejectUnauthorized: !insecure, ...clientCertificateOptions(this.options.clientCertificate) },
    });
    return this.agent;
  }

  /** Reads the body up to the cap. For error responses (`lenient`) an oversized body reads as absent. */
  private async readText(body: Dispatcher.ResponseData['body'], headers: Readonly<Record<string, string>>, lenient: boolean): Promise<string | undefined> {
    const declared = Number(headers['content-length']);
    const tooLarge = (): AuthLensError =>
      new AuthLensError(
        'response-too-large',
        { where: `${Math.round(this.maxBodyBytes / 1024 / 1024)} MB` },
        `response-too-large: body over ${this.maxBodyBytes} bytes`,
      );
    // Destroying a BodyReadable emits an AbortError; nobody is listening any more by then.
    const discard = (): void => {
      body.on('error', () => undefined);
      body.destroy();
    };
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      discard();
      if (lenient) return undefined;
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        discard();
        if (lenient) return undefined;
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  private toAuthLensError(err: unknown, req: HttpRequest, secrets: readonly string[]): AuthLensError {
    if (isAuthLensError(err)) {
      // Our own errors carry redacted text already; redact again in case a message quoted a URL.
      return secrets.length === 0 ? err : new AuthLensError(err.code, err.details, redactText(err.message, secrets));
    }
    const where = safeOrigin(req.url);
    if (req.signal?.aborted === true) return new AuthLensError('cancelled', { where }, `cancelled: ${req.method} ${where}`);
    const codes = errorCodes(err);
    const code = networkErrorCode(codes, err);
    const sys = codes[0] !== undefined ? ` (${codes[0]})` : '';
    return new AuthLensError(code, { where, ...this.failureFacts(code, codes) }, redactText(`${code}: ${req.method} ${where}${sys}`, secrets));
  }

  /** A timeout's limit and phase; a certificate failure's cause and the opt-out that would apply. */
  private failureFacts(code: ErrorCode, codes: readonly string[]): ErrorDetails {
    if (code === 'net-timeout') {
      const phase = timeoutPhaseOf(codes);
      return { limit: this.timeoutMs / 1000, ...(phase !== undefined ? { timeoutPhase: phase } : {}) };
    }
    if (code !== 'net-tls') return {};
    const cause = tlsCauseOf(codes);
    const optOut = this.options.tlsOptOutId;
    return {
      ...(cause !== undefined ? { tlsCause: cause } : {}),
      ...(cause !== undefined && optOut !== undefined && this.options.allowInsecureTls !== true ? { tlsOptOutId: optOut } : {}),
    };
  }

  private log(line: string, secrets: readonly string[]): void {
    this.options.log?.(redactText(line, secrets));
  }
}
