import type { Json } from '../core/json';
import type { MisbehaviourRule, Reply } from './types';

interface ActiveRule {
  readonly rule: MisbehaviourRule;
  remaining: number;
}

const KINDS = new Set(['slow', 'status', 'html', 'not-json', 'malformed-jwt']);

/**
 * The rules a test has set. Rules are matched by path prefix in the order they were added;
 * each matching request uses up one of a rule's `times`.
 */
export class Misbehaviour {
  private rules: ActiveRule[] = [];

  add(rule: MisbehaviourRule): void {
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules that apply to a request for `path`, counted as used. */
  take(path: string): MisbehaviourRule[] {
    const out: MisbehaviourRule[] = [];
    for (const active of this.rules) {
      const prefix = active.rule.path;
      if (prefix !== undefined && prefix !== '' && !pathHasPrefix(path, prefix)) continue;
      if (active.remaining <= 0) continue;
      active.remaining -= 1;
      out.push(active.rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return out;
  }
}

function pathHasPrefix(path: string, prefix: string): boolean {
  const p = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || (p.endsWith('/') && path.startsWith(p));
}

/** Checks a rule received over HTTP; returns an error text or the rule. */
export function parseRule(value: Json | undefined): MisbehaviourRule | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'rule must be a JSON object';
  const kind = value['kind'];
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `kind must be one of ${[...KINDS].join(', ')}`;
  const path = value['path'];
  if (path !== undefined && typeof path !== 'string') return 'path must be a string';
  const times = value['times'];
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return 'times must be a positive integer';
  }
  if (kind === 'slow') {
    const ms = value['ms'];
    if (typeof ms !== 'number' || ms < 0 || ms > 600_000) return 'ms must be a number from 0 to 600000';
  }
  if (kind === 'status') {
    const status = value['status'];
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
      return 'status must be an integer from 200 to 599';
    }
    const retryAfter = value['retryAfter'];
    if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) {
      return 'retryAfter must be a non-negative number of seconds';
    }
  }
  return value as unknown as MisbehaviourRule;
}

/** A page like the one a corporate proxy or an SSO login wall puts in front of an API. */
export function htmlReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    text:
      '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Sign in - Corporate Proxy</title></head>' +
      '<body><h1>Sign in to continue</h1><form method="post" action="/login"><input name="user">' +
      '<input name="password" type="password"><button>Sign in</button></form></body></html>\n',
  };
}

/** JSON content type, plain-text body (an upstream gateway's message). */
export function notJsonReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    text: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
  };
}

const JWT_RE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** base64url of `{"sub":"sandbox","exp":17` - a payload cut short, not JSON. */
const BROKEN_PAYLOAD = Buffer.from('{"sub":"sandbox","exp":17').toString('base64url');

export function breakJwt(token: string): string {
  if (!JWT_RE.test(token)) return token;
  const [h, , s] = token.split('.');
  return `${h}.${BROKEN_PAYLOAD}.${s}`;
}

function breakJwtsIn(value: Json): Json {
  if (typeof value === 'string') return breakJwt(value);
  if (Array.isArray(value)) return value.map(breakJwtsIn);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = breakJwtsIn(v);
    return out;
  }
  return value;
}

/** Makes every JWT in a reply (JSON body and headers) malformed. */
export function breakJwtsInReply(reply: Reply): Reply {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k] = breakJwt(v);
  if (reply.json !== undefined) return { ...reply, headers, json: breakJwtsIn(reply.json) };
  return { ...reply, headers };
}

export function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : 'OK');
}
