import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from '../core/json';
import { BodyTooLarge, loopbackHostAllowed, parseCookies, readBody, writeReply } from './httpUtil';
import { type Misbehaviour, breakJwtsInReply, htmlReply, notJsonReply } from './misbehaviour';
import type { Handler, MisbehaviourRule, Reply, SandboxRequest } from './types';

/** One API under a base path, with the shape its errors take when told to misbehave. */
export interface Mount {
  readonly prefix: string;
  readonly handler: Handler;
  readonly errorReply: (req: SandboxRequest, status: number, retryAfter: number | undefined) => Reply;
}

/** Routes requests to the mounted APIs and applies misbehaviour rules on the way. */
export class Router {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly mounts: readonly Mount[],
    private readonly misbehaviour: Misbehaviour,
    /** Handles `/__sandbox/*` and `/`; never subject to misbehaviour. */
    private readonly control: Handler,
    /** The sandbox's origin: API requests must name its port on a loopback host. */
    private readonly origin: string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.dispatch(req, res);
    } catch (err) {
      reply =
        err instanceof BodyTooLarge ? { status: 413, json: { message: 'Payload Too Large' } } : { status: 500, json: { message: 'Sandbox internal error' } };
    }
    if (!res.writableEnded && !res.destroyed) writeReply(res, reply);
  }

  /** Stops pending `slow` waits (on close). */
  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
    const base = {
      method: req.method ?? 'GET',
      rawUrl: req.url ?? '/',
      query: url.searchParams,
      headers: req.headers,
      cookies: parseCookies(req.headers.cookie),
      body,
      now: Date.now(),
    };
    const mount = this.mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
    if (!mount) return this.control({ ...base, path: url.pathname });
    // DNS rebinding: a web page whose host name resolves to 127.0.0.1 could otherwise drive the
    // APIs with the browser's sandbox cookies. Checked before misbehaviour, so no rule hides it.
    if (!loopbackHostAllowed(req.headers.host, this.origin)) return { status: 421, json: { message: 'Misdirected Request: Host not allowed' } };
    const sreq: SandboxRequest = { ...base, path: url.pathname.slice(mount.prefix.length) || '/' };

    const rules = this.misbehaviour.take(url.pathname);
    for (const rule of rules) {
      if (rule.kind === 'slow') await this.wait(rule.ms, res);
    }
    if (res.destroyed) return { status: 499, text: '' };
    const replacing = rules.find((r) => r.kind === 'status' || r.kind === 'html' || r.kind === 'not-json');
    let reply = replacing ? replaced(replacing, mount, { ...sreq, now: Date.now() }) : undefined;
    reply ??= await mount.handler({ ...sreq, now: Date.now() });
    if (rules.some((r) => r.kind === 'malformed-jwt')) reply = breakJwtsInReply(reply);
    return reply;
  }

  private wait(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timers.add(timer);
      // A client that gives up (timeout, abort) ends the wait early.
      res.on('close', done);
    });
  }
}

function replaced(rule: MisbehaviourRule, mount: Mount, req: SandboxRequest): Reply {
  if (rule.kind === 'html') return htmlReply();
  if (rule.kind === 'not-json') return notJsonReply();
  if (rule.kind !== 'status') throw new Error('not a replacing rule');
  const reply = mount.errorReply(req, rule.status, rule.retryAfter);
  if (rule.body === undefined) return reply;
  return withBody(reply, rule.body);
}

function withBody(reply: Reply, body: Json): Reply {
  const headers = { ...reply.headers };
  delete headers['content-type'];
  if (typeof body === 'string') return { status: reply.status, headers: { ...headers, 'content-type': 'text/plain' }, text: body };
  return { status: reply.status, headers, json: body };
}
