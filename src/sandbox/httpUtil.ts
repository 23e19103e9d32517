import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from '../core/json';
import type { Reply, SandboxRequest } from './types';

/** Largest request body the sandbox reads. */
export const MAX_BODY = 1024 * 1024;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // Values stay as sent (still URL-encoded), like the raw cookie jar of a browser.
    if (!(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Whether a request's `Host` names the sandbox: `127.0.0.1:<port>` or `localhost:<port>` of
 * `origin`. Any other host means the request came through another name (DNS rebinding).
 */
export function loopbackHostAllowed(host: string | undefined, origin: string): boolean {
  const port = new URL(origin).port;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: SandboxRequest): string | undefined {
  const auth = header(req, 'authorization');
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  return m?.[1];
}

export function contentType(req: SandboxRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A JSON object body, or undefined when the body is not a JSON object. */
export function jsonBody(req: SandboxRequest): Record<string, Json> | undefined {
  try {
    const value: unknown = JSON.parse(req.body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, Json>) : undefined;
  } catch {
    return undefined;
  }
}

export function formBody(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

export function json(status: number, body: Json, headers?: Record<string, string>): Reply {
  return headers ? { status, json: body, headers } : { status, json: body };
}

/** Writes a reply. JSON bodies get `application/json` unless the reply set a content type. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  let body = '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  } else if (reply.text !== undefined) {
    body = reply.text;
  }
  res.writeHead(reply.status, headers);
  res.end(reply.status === 204 || reply.status === 304 ? undefined : body);
}
