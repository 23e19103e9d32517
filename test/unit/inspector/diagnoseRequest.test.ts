/**
 * The `diagnose` and `probe` requests on the host side, against the sandbox: a pasted AuthMS
 * token finds its provider by `iss`, passes the signature and key checks, and the AuthMS server
 * accepts it; a tampered copy fails the signature and the server answers 401 "Invalid token".
 * Messages go through the validator first, as the webview's would; no token reaches the log.
 */
import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { parseWebviewMessage, type ReplyTo, type RequestOf } from '../../../src/shared/inspectorProtocol';
import { editHarness, type EditHarness } from './editHarness';
/* eslint-disable @typescript-eslint/no-require-imports */
const { diagnoseRequest } = require('../../../src/inspector/requests/diagnose') as typeof import('../../../src/inspector/requests/diagnose');
const { probeRequest } = require('../../../src/inspector/requests/probe') as typeof import('../../../src/inspector/requests/probe');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A panel showing `token`, with the sandbox's providers configured. */
function panelFor(token: string, providers: readonly ConfiguredProvider[], secrets: SandboxHandle['serverSecrets'] = []): EditHarness {
  const h = editHarness({ token }, secrets);
  Object.assign(h.deps, { settings: () => ({ http: { strictSSL: true }, providers }) });
  return h;
}

async function diagnose(h: EditHarness, over: Record<string, unknown> = {}): Promise<ReplyTo<RequestOf<'diagnose'>>> {
  const msg = parseWebviewMessage({ type: 'diagnose', seq: 1, skewSeconds: 60, tokenUse: 'auto', ...over });
  assert.ok(msg && msg.type === 'diagnose', 'the validator refused a well-formed diagnose message');
  return diagnoseRequest(msg, { deps: h.deps, panel: h.panel });
}

async function probe(h: EditHarness): Promise<ReplyTo<RequestOf<'probe'>>> {
  const msg = parseWebviewMessage({ type: 'probe', seq: 2 });
  assert.ok(msg && msg.type === 'probe');
  return probeRequest(msg, { deps: h.deps, panel: h.panel });
}

const verdictsOf = (reply: ReplyTo<RequestOf<'diagnose'>>): Record<string, string> =>
  reply.kind === 'diagnosed' ? Object.fromEntries(reply.result.checks.map((c) => [c.id, c.verdict])) : {};

describe('inspector/requests/diagnose and probe (sandbox)', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  let providers: ConfiguredProvider[];
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ authmsPagedSessions: 5 });
    providers = sandbox.providerConfigs() as ConfiguredProvider[];
    token = sandbox.credentials['sandbox-authms']?.bearer ?? '';
  });
  after(async () => sandbox.close());

  it('a pasted AuthMS token: its provider is found by iss, the signature and kid pass, and the server accepts it (200)', async () => {
    const h = panelFor(token, providers);
    const reply = await diagnose(h);
    assert.equal(reply.kind, 'diagnosed');
    assert.equal(reply.kind === 'diagnosed' && reply.result.providerLabel, 'Sandbox: AuthMS');
    assert.equal(reply.kind === 'diagnosed' && reply.result.probeOrigin, sandbox.url);
    assert.deepEqual([verdictsOf(reply)['signature'], verdictsOf(reply)['kid'], verdictsOf(reply)['exp']], ['pass', 'pass', 'pass']);
    const answer = await probe(h);
    assert.deepEqual(answer.kind === 'probed' ? [answer.outcome.accepted, answer.outcome.status] : answer, [true, 200]);
    assert.ok(!h.log.lines.join('\n').includes(token.split('.')[2] ?? '-'), 'the token is not logged');
  });

  it('a tampered copy: the signature fails, and the server rejects it with its own words (401 Invalid token)', async () => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'), signature].join('.');
    const h = panelFor(tampered, providers);
    assert.equal(verdictsOf(await diagnose(h))['signature'], 'fail');
    const answer = await probe(h);
    assert.equal(answer.kind, 'probed');
    if (answer.kind !== 'probed') return;
    assert.deepEqual([answer.outcome.accepted, answer.outcome.status], [false, 401]);
    assert.match(answer.outcome.message ?? '', /Invalid token/);
    assert.ok(!JSON.stringify(answer).includes(signature ?? '-'));
  });

  it("an HS256 token: checked with the sandbox's secret when it runs, else not checked; alg warns beside the issuer's public keys", async () => {
    const admin = sandbox.credentials['sandbox-authms']?.admin ?? '';
    const withSecret = verdictsOf(await diagnose(panelFor(admin, providers, sandbox.serverSecrets)));
    assert.deepEqual([withSecret['signature'], withSecret['kid'], withSecret['alg']], ['pass', 'skipped', 'warn']);
    const [h, p] = admin.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    assert.equal(verdictsOf(await diagnose(panelFor(forged, providers, sandbox.serverSecrets)))['signature'], 'fail');
    const without = verdictsOf(await diagnose(panelFor(admin, providers)));
    assert.deepEqual([without['signature'], without['alg']], ['skipped', 'fail']);
  });

  it("the person's skew and token kind count: an expired token warns within a wide skew, and 'access' checks typ", async () => {
    const expired = await new SignJWT({ sub: 'u' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://unknown.example')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(new TextEncoder().encode('a-test-secret-that-is-32-bytes!!'));
    const h = panelFor(expired, providers);
    const narrow = verdictsOf(await diagnose(h, { skewSeconds: 60, tokenUse: 'access' }));
    const wide = verdictsOf(await diagnose(h, { skewSeconds: 600 }));
    assert.deepEqual([narrow['exp'], narrow['typ'], narrow['iss'], wide['exp'], wide['typ']], ['fail', 'fail', 'skipped', 'warn', 'skipped']);
    const answer = await probe(h);
    assert.equal(answer.kind, 'failed', 'no provider for this issuer: nothing is sent');
  });
});
