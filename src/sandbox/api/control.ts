import type { JsonObject } from '../../core/json';
import { contentType, header, json, jsonBody, loopbackHostAllowed } from '../httpUtil';
import { parseRule } from '../misbehaviour';
import type { Handler, MisbehaviourRule, Reply } from '../types';

export interface ControlTarget {
  readonly origin: string;
  misbehave(rule: MisbehaviourRule): void;
  reset(): void;
  /** `{url, baseUrls, providers, credentials}` for the out-of-process case. */
  describe(): JsonObject;
}

/**
 * `/__sandbox/*`: misbehaviour and reset over HTTP for a sandbox in another process, plus
 * `GET /` (an index) and `GET /__sandbox/config`. Guarded against DNS rebinding (the Host must
 * be the loopback address) and cross-site form posts (POSTs must be `application/json`).
 */
export function createControlApi(target: ControlTarget): Handler {
  const problem = (status: number, message: string): Reply => json(status, { message });

  return (req) => {
    if (!loopbackHostAllowed(header(req, 'host'), target.origin)) return problem(403, 'Host not allowed');
    if (req.method === 'GET' && req.path === '/') {
      const d = target.describe();
      return json(200, { name: 'AuthLens sandbox', baseUrls: d['baseUrls'] ?? null });
    }
    if (req.method === 'GET' && req.path === '/__sandbox/config') return json(200, target.describe());
    if (req.method === 'POST' && (req.path === '/__sandbox/misbehave' || req.path === '/__sandbox/reset')) {
      if (contentType(req) !== 'application/json') return problem(415, 'Content-Type must be application/json');
      if (req.path === '/__sandbox/reset') {
        target.reset();
        return { status: 204 };
      }
      const rule = parseRule(jsonBody(req));
      if (typeof rule === 'string') return problem(400, rule);
      target.misbehave(rule);
      return { status: 204 };
    }
    return problem(404, 'Not Found');
  };
}
