/**
 * Reading a provider's answer: status to error code, `Retry-After`, JSON with a nesting guard,
 * and the details of a failed response (server text clipped and redacted) for its error.
 */
import { AuthLensError, type ErrorCode, type ErrorDetails } from '../core/errors';
import { isJsonObject, type Json } from '../core/json';
import { redactText } from '../core/redact';

const MAX_SERVER_MESSAGE = 500;

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

export function errorDetails(
  status: number,
  headers: Readonly<Record<string, string>>,
  text: string | undefined,
  secrets: readonly string[],
  maxDepth: number,
): ErrorDetails {
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
  const requestId = firstHeader(headers, REQUEST_ID_HEADERS) ?? str('request_id') ?? str('requestId');
  const traceId = str('trace_id') ?? str('traceId') ?? firstHeader(headers, TRACE_ID_HEADERS) ?? traceparentId(headers['traceparent']);
  const retry = retryAfterSeconds(headers, body);
  // RFC 9457 `type` ("about:blank" says nothing) and `instance`.
  const problemType = str('type') !== 'about:blank' ? str('type') : undefined;
  const problemInstance = str('instance');
  // `errors` (AuthMS, RFC 9457 §3's example with `pointer`), or RFC 7807's `invalid-params`.
  const listed = Array.isArray(obj?.['errors']) ? obj['errors'] : Array.isArray(obj?.['invalid-params']) ? obj['invalid-params'] : undefined;
  const fieldErrors = listed
    ? listed
        .filter(isJsonObject)
        .slice(0, 50)
        .map((e) => {
          const pick = (k: string): string | undefined => (typeof e[k] === 'string' ? clip(redactText(e[k], secrets, undefined, 200), 200) : undefined);
          const fe: { field?: string; code?: string; description?: string } = {};
          const field = pick('field') ?? pick('name') ?? pick('pointer') ?? pick('param');
          const code = pick('code');
          const description = pick('description') ?? pick('message') ?? pick('reason') ?? pick('detail');
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
    ...(problemType !== undefined ? { problemType: clip(redactText(problemType, secrets, undefined, 200), 200) } : {}),
    ...(problemInstance !== undefined ? { problemInstance: clip(redactText(problemInstance, secrets, undefined, 200), 200) } : {}),
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
    throw new AuthLensError(
      'response-shape',
      { where: `${where} (nesting deeper than ${maxDepth})`, ...(status !== undefined ? { status } : {}) },
      `response-shape: ${where} nests deeper than ${maxDepth}`,
    );
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new AuthLensError(
      'response-not-json',
      { where, ...(status !== undefined ? { status } : {}) },
      `response-not-json: ${where} answered with a body that is not JSON`,
    );
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

export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /\btext\/html\b|application\/xhtml/i.test(contentType)) return true;
  const head = text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body') || head.startsWith('<?xml');
}

/** Correlation headers of common gateways and clouds, in the order they are preferred. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-ms-request-id', 'request-id', 'x-correlation-id', 'cf-ray'];
const TRACE_ID_HEADERS = ['x-trace-id', 'x-b3-traceid', 'x-amzn-trace-id', 'x-cloud-trace-context'];

function firstHeader(headers: Readonly<Record<string, string>>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = headers[name]?.trim();
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** The trace id of a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`). */
function traceparentId(value: string | undefined): string | undefined {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(value?.trim() ?? '');
  return m?.[1];
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
