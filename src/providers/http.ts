/**
 * The one module that speaks HTTP (and the only one importing undici).
 *
 * Each provider owns one {@link HttpClient}: one keep-alive `Agent` (plus a `ProxyAgent` when a
 * proxy applies), connect/headers/body timeouts plus an overall deadline per request (a server
 * trickling a byte every few seconds never trips the per-phase ones), the caller's `AbortSignal`, a 5 MB body cap,
 * JSON parsing with a nesting guard, no automatic redirects, and every failure mapped to an
 * {@link AuthLensError}. Credentials are bound to the provider's origin and masked in every
 * error and log line. Never touches undici's global dispatcher: fetch in the extension host
 * belongs to every extension.
 */
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { AuthLensError, isAuthLensError, type ErrorCode, type ErrorDetails } from '../core/errors';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import { redactText } from '../core/redact';
import type { HttpOptions } from './types';

export type { HttpOptions };
// Kept exported from here: the providers bundle and its tests import it with the client.
export { resolveHttpOptions } from './httpOptions';

/**
 * True when `url` must bypass the proxy: loopback always (a proxy cannot reach our localhost),
 * otherwise by the `NO_PROXY` entries.
 */
export function bypassesProxy(url: URL, noProxy: readonly string[] = []): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes('::')) {
      entry = m[1] ?? '';
      entryPort = m[2];
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\*/, '');
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/** Per-provider settings of a client. */
export interface HttpClientOptions {
  /** The provider's base URL: credentials are only ever sent to its origin. */
  readonly baseUrl: string;
  /** Connect, headers and body timeout each (default 10 000 ms): inactivity per phase. */
  readonly timeoutMs?: number;
  /**
   * Longest one `send()` may take in all, redirect and Retry-After wait included (default three
   * times `timeoutMs` plus `maxRetryWaitMs`). The per-phase timeouts only measure silence.
   */
  readonly deadlineMs?: number;
  /** The provider's TLS opt-out (`allowInsecureTls`). */
  readonly allowInsecureTls?: boolean;
  readonly http?: HttpOptions;
  /**
   * Further origins the user configured for this same provider (Authing's `appHost`) that may
   * receive its credentials. Anything else gets `origin-mismatch`.
   */
  readonly credentialOrigins?: readonly string[];
  /** Response body cap in bytes (default 5 MiB). */
  readonly maxBodyBytes?: number;
  /** Longest `Retry-After` a 429 is waited out for (then retried once), in ms (default 5 000). */
  readonly maxRetryWaitMs?: number;
  /** Deepest JSON nesting accepted (default 64). */
  readonly maxJsonDepth?: number;
  /** Receives one already-redacted line per request (`GET http://h/p -> 200 (12 ms)`). */
  readonly log?: (line: string) => void;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL (use {@link joinUrl} with the base URL). */
  readonly url: string;
  /** Headers; `authorization` and `cookie` are treated as credentials. */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body (sets `content-type: application/json`). */
  readonly json?: Json;
  /** Form body (`application/x-www-form-urlencoded`). */
  readonly form?: Readonly<Record<string, string>>;
  /**
   * Secret values this request carries besides the credential headers (form fields, tokens in
   * bodies). They bind the request to the provider's origin and are masked in all error text.
   */
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
  /**
   * `json` (default): the body must be JSON. `json-or-empty`: an empty body gives
   * `json: undefined`. `none`: the body is discarded.
   */
  readonly expect?: 'json' | 'json-or-empty' | 'none';
}

export interface HttpResponse {
  readonly status: number;
  /** Final URL (after a same-origin redirect). */
  readonly url: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly json: Json | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
const DEFAULT_MAX_RETRY_WAIT_MS = 5_000;
const DEFAULT_MAX_DEPTH = 64;
const MAX_SERVER_MESSAGE = 500;
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
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

  constructor(private readonly options: HttpClientOptions) {
    this.origin = originOf(options.baseUrl, 'baseUrl');
    this.credentialOrigins = new Set([
      this.origin,
      ...(options.credentialOrigins ?? []).map((o) => originOf(o, 'appHost')),
    ]);
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
        throw new AuthLensError('net-timeout', { where, limit: Math.ceil(this.deadlineMs / 1000) }, `net-timeout: ${req.method} ${where} sent no complete answer within ${this.deadlineMs} ms`);
      }
      throw this.toAuthLensError(err, req, secrets);
    } finally {
      deadline.dispose();
    }
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
    if (carriesCredential && !this.credentialOrigins.has(url.origin)) {
      throw new AuthLensError('origin-mismatch', { where: url.origin }, `origin-mismatch: refusing to send a credential to ${url.origin} (provider origin ${this.origin})`);
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
          throw new AuthLensError('http-other', { status: res.statusCode, where: 'location' }, `http-other: ${res.statusCode} without Location from ${displayUrl(url)}`);
        }
        const target = new URL(location, url);
        if (target.origin !== url.origin || redirected) {
          throw new AuthLensError('redirect-blocked', { status: res.statusCode, where: target.origin }, `redirect-blocked: ${displayUrl(url)} redirects to ${target.origin}${redirected ? ' (second redirect)' : ''}`);
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
        throw new AuthLensError(code, details, `${code}: ${method} ${displayUrl(url)} answered ${res.statusCode}${details.serverMessage !== undefined ? `: ${details.serverMessage}` : ''}`);
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
        requestTls: { rejectUnauthorized: !insecure, timeout: this.timeoutMs },
        proxyTls: { rejectUnauthorized: this.options.http?.strictSSL !== false, timeout: this.timeoutMs },
      });
      return this.proxyAgent;
    }
    this.agent ??= new Agent({ ...timeouts, connect: { timeout: this.timeoutMs, rejectUnauthorized: !insecure } });
    return this.agent;
  }

  /** Reads the body up to the cap. For error responses (`lenient`) an oversized body reads as absent. */
  private async readText(body: Dispatcher.ResponseData['body'], headers: Readonly<Record<string, string>>, lenient: boolean): Promise<string | undefined> {
    const declared = Number(headers['content-length']);
    const tooLarge = (): AuthLensError => new AuthLensError('response-too-large', { where: `${Math.round(this.maxBodyBytes / 1024 / 1024)} MB` }, `response-too-large: body over ${this.maxBodyBytes} bytes`);
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
    return new AuthLensError(code, { where }, redactText(`${code}: ${req.method} ${where}${sys}`, secrets));
  }

  private log(line: string, secrets: readonly string[]): void {
    this.options.log?.(redactText(line, secrets));
  }
}

/**
 * An abort signal that fires at `ms` or when the caller's signal does, whichever comes first;
 * `expired` tells the two apart.
 */
class Deadline {
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

/** Joins a base URL and a path (`joinUrl('http://h/api/auth', '/get-session')`), keeping the base path. */
export function joinUrl(baseUrl: string, path: string, query?: Readonly<Record<string, string | number | undefined>>): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.href;
}

/** The HTTP status to error-code mapping used for every provider call. */
export function statusErrorCode(status: number): ErrorCode {
  if (status === 401) return 'http-unauthorized';
  if (status === 403) return 'http-forbidden';
  if (status === 404) return 'http-not-found';
  if (status === 429) return 'http-rate-limited';
  if (status >= 500) return 'http-server';
  return 'http-other';
}

/**
 * Parses `Retry-After` (seconds or an HTTP date), `x-retry-after` or a body's `retry_after`,
 * in that order, to whole seconds (>= 0).
 */
export function retryAfterSeconds(headers: Readonly<Record<string, string>>, body: Json | undefined, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after', 'x-retry-after']) {
    const v = headers[name]?.trim();
    if (v === undefined || v === '') continue;
    if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v));
    const date = Date.parse(v);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  if (isJsonObject(body)) {
    const v = body['retry_after'] ?? body['retryAfter'];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.ceil(v);
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

function errorDetails(status: number, headers: Readonly<Record<string, string>>, text: string | undefined, secrets: readonly string[], maxDepth: number): ErrorDetails {
  let body: Json | undefined;
  if (text !== undefined && text.trim() !== '' && !looksLikeHtml(text, headers['content-type'])) {
    try {
      body = parseJson(text, maxDepth, 'error body', status);
    } catch {
      body = undefined;
    }
  }
  const obj = isJsonObject(body) ? body : undefined;
  const str = (k: string): string | undefined => {
    const v = obj?.[k];
    return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const title = str('title');
  const detail = str('detail') ?? str('message') ?? str('error_description') ?? str('msg');
  let serverMessage = title !== undefined && detail !== undefined && title !== detail ? `${title}: ${detail}` : (detail ?? title);
  if (serverMessage === undefined && typeof obj?.['error'] === 'string') serverMessage = obj['error'];
  if (serverMessage !== undefined) {
    serverMessage = clip(redactText(serverMessage, secrets, undefined, MAX_SERVER_MESSAGE), MAX_SERVER_MESSAGE);
  }
  const serverCode = str('code') ?? (typeof obj?.['error'] === 'string' && obj['error'] !== serverMessage ? obj['error'] : undefined);
  const requestId = headers['x-request-id'] ?? str('request_id') ?? str('requestId');
  const traceId = str('trace_id') ?? str('traceId') ?? headers['x-trace-id'];
  const retry = retryAfterSeconds(headers, body);
  const fieldErrors = Array.isArray(obj?.['errors'])
    ? (obj['errors']).filter(isJsonObject).slice(0, 50).map((e) => {
        const pick = (k: string): string | undefined => (typeof e[k] === 'string' ? clip(redactText(e[k], secrets, undefined, 200), 200) : undefined);
        const fe: { field?: string; code?: string; description?: string } = {};
        const field = pick('field');
        const code = pick('code');
        const description = pick('description') ?? pick('message');
        if (field !== undefined) fe.field = field;
        if (code !== undefined) fe.code = code;
        if (description !== undefined) fe.description = description;
        return fe;
      })
    : undefined;
  return {
    status,
    ...(serverMessage !== undefined ? { serverMessage } : {}),
    ...(serverCode !== undefined ? { serverCode: clip(redactText(serverCode, secrets, undefined, 100), 100) } : {}),
    ...(requestId !== undefined ? { requestId: clip(redactText(requestId, secrets, undefined, 200), 200) } : {}),
    ...(traceId !== undefined ? { traceId: clip(redactText(traceId, secrets, undefined, 200), 200) } : {}),
    ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
    ...(fieldErrors !== undefined && fieldErrors.length > 0 ? { fieldErrors } : {}),
  };
}

/**
 * `JSON.parse` behind a nesting guard: a body nested deeper than `maxDepth` is refused before
 * parsing, so later recursive walks (shape checks, redaction, the inspector) cannot overflow.
 */
export function parseJson(text: string, maxDepth: number, where: string, status?: number): Json {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) {
    throw new AuthLensError('response-shape', { where: `${where} (nesting deeper than ${maxDepth})`, ...(status !== undefined ? { status } : {}) }, `response-shape: ${where} nests deeper than ${maxDepth}`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new AuthLensError('response-not-json', { where, ...(status !== undefined ? { status } : {}) }, `response-not-json: ${where} answered with a body that is not JSON`);
  }
}

/** Maximum bracket depth outside strings; stops counting once past `limit`. */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /\btext\/html\b|application\/xhtml/i.test(contentType)) return true;
  const head = text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body') || head.startsWith('<?xml');
}

/** True when the request declares any secret or sets a credential header, whatever its length. */
function declaresCredential(req: HttpRequest): boolean {
  if ((req.secrets ?? []).some((s) => s !== '')) return true;
  return Object.entries(req.headers ?? {}).some(([k, v]) => CREDENTIAL_HEADERS.includes(k.toLowerCase()) && v !== '');
}

function collectSecrets(req: HttpRequest): string[] {
  const out = new Set<string>();
  for (const s of req.secrets ?? []) if (s !== '') out.add(s);
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    if (!CREDENTIAL_HEADERS.includes(k.toLowerCase()) || v === '') continue;
    out.add(v);
    // Also the bare parts: `Bearer <t>`, `name=<v>; name2=<v2>`, and their URL-decoded forms.
    const bearer = /^\s*\w+\s+(.+)$/.exec(v);
    if (bearer?.[1] !== undefined) out.add(bearer[1]);
    for (const part of v.split(';')) {
      const eq = part.indexOf('=');
      const value = (eq >= 0 ? part.slice(eq + 1) : part).trim();
      if (value.length >= 4) {
        out.add(value);
        try {
          out.add(decodeURIComponent(value));
        } catch {
          // Not URL-encoded; the raw value is already in the set.
        }
      }
    }
  }
  return [...out].filter((s) => s.length >= 4);
}

function bodyOf(req: HttpRequest): { body?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json) };
  if (req.form !== undefined) return { body: new URLSearchParams(req.form as Record<string, string>).toString() };
  return {};
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Origin and path only: queries and userinfo never reach a message. */
function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function safeOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid URL)';
  }
}

function originOf(raw: string, setting: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin;
  } catch {
    throw new AuthLensError('config-invalid', { where: setting }, `config-invalid: ${setting} is not an http(s) URL`);
  }
}

function parseUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url;
  } catch {
    throw new AuthLensError('config-invalid', { where: 'baseUrl' }, 'config-invalid: request URL is not an http(s) URL');
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AuthLensError('cancelled', {}, 'cancelled');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
function errorCodes(err: unknown): string[] {
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

function networkErrorCode(codes: readonly string[], err: unknown): ErrorCode {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  if (name === 'AbortError' || codes.includes('UND_ERR_ABORTED') || codes.includes('ABORT_ERR')) return 'cancelled';
  if (codes.some((c) => c === 'ECONNREFUSED')) return 'net-refused';
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME' || c === 'EAI_FAIL' || c === 'EAI_NODATA')) return 'net-dns';
  if (codes.some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT' || c === 'ETIMEDOUT')) return 'net-timeout';
  if (codes.some((c) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO|UND_ERR_PRX_TLS|ERR_TLS/.test(c))) return 'net-tls';
  if (codes.includes('UND_ERR_DESTROYED') || codes.includes('UND_ERR_CLOSED')) return 'cancelled';
  return 'net-other';
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
