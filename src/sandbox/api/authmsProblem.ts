/**
 * The authms sandbox's error replies: RFC 9457 problem documents with the real service's trace
 * fields, and the replies a misbehaviour setting asks for.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../../core/json';
import { statusText } from '../misbehaviour';
import type { Reply, SandboxRequest } from '../types';

const SERVICE = 'auth-service';

export interface Violation {
  readonly field: string;
  readonly code: string;
  readonly description: string;
  readonly value?: Json;
}

interface ProblemSpec {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly code: number;
  readonly i18nKey: string;
  readonly i18nArgs?: JsonObject;
  readonly errors?: readonly Violation[];
  readonly retryAfter?: number;
  readonly headers?: Record<string, string>;
}

/**
 * A dto.Problem (RFC 7807 + the seed's extensions) with content type application/problem+json.
 * `errors`, `i18n_args` and `retry_after` are left out when empty (Go `omitempty`).
 */
export function problem(req: Pick<SandboxRequest, 'rawUrl' | 'now'>, base: string, spec: ProblemSpec): Reply {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  const requestId = `req_${randomUUID()}`;
  const body: JsonObject = {
    type: `${base}/errors/${spec.slug}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    instance: req.rawUrl,
    code: spec.code,
    i18n_key: spec.i18nKey,
    request_id: requestId,
    trace_id: `00-${traceId}-${spanId}-01`,
    span_id: spanId,
    service: SERVICE,
    timestamp: new Date(req.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (spec.i18nArgs) body['i18n_args'] = spec.i18nArgs;
  if (spec.errors && spec.errors.length > 0) body['errors'] = spec.errors.map((v) => ({ ...v }));
  if (spec.retryAfter !== undefined) body['retry_after'] = spec.retryAfter;
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'x-request-id': requestId,
    traceparent: `00-${traceId}-${spanId}-01`,
    ...spec.headers,
  };
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  return { status: spec.status, headers, json: body };
}

/** What misbehaviour `status` answers under AuthMS. */
export function authmsErrorReply(req: SandboxRequest, base: string, status: number, retryAfter?: number): Reply {
  const title = statusText(status);
  const slug = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return problem(req, base, {
    status,
    slug,
    title,
    detail: status === 429 ? 'Rate limit exceeded, retry later' : `Sandbox misbehaviour: ${title}`,
    code: status * 100_000 + 99_001,
    i18nKey: `error.${slug.replace(/-/g, '_')}`,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}
