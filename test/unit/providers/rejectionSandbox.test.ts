/**
 * "Why would a server reject this token?" and "Ask the server" against the sandbox: AuthMS's
 * RS256 bearer token and Better Auth's jwt-plugin token (EdDSA) pass the checks their provider
 * can make; the AuthMS server itself accepts its own token (200) and rejects a tampered copy
 * (401, its own "Invalid token"), and the token never appears in what is reported.
 */
import * as assert from 'node:assert/strict';
import { decodeJwt } from '../../../src/core/decode';
import { rejectionChecks } from '../../../src/core/rejectionChecks';
import { probeOrigin, probeToken } from '../../../src/providers/probe';
import { gatherRejectionFacts } from '../../../src/providers/rejectionFacts';
import type { ProviderConfig } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

/** Every check with its verdict, as `id:verdict`. */
async function verdicts(token: string, provider: ProviderConfig): Promise<string[]> {
  const d = decodeJwt(token);
  assert.ok(d.ok);
  const now = Date.now();
  const facts = await gatherRejectionFacts(token, provider, { now, timeoutMs: 5_000 });
  const checks = rejectionChecks({ header: d.token.header, payload: d.token.payload, now, skewMs: 60_000, tokenUse: 'unknown', provider: facts, ...facts });
  return checks.map((c) => `${c.id}:${c.verdict}`);
}

/** The token with one payload claim changed and the signature kept. */
function tampered(token: string, claim: string, value: string): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
  payload[claim] = value;
  return [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
}

describe('providers/rejectionFacts and probe (sandbox)', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  let authms: ProviderConfig;
  let betterAuth: ProviderConfig;
  let authmsToken: string;

  before(async () => {
    sandbox = await startSandbox({ authmsPagedSessions: 5 });
    const configs = sandbox.providerConfigs();
    authms = configs.find((c) => c.kind === 'authms')!;
    betterAuth = configs.find((c) => c.kind === 'better-auth')!;
    authmsToken = sandbox.credentials['sandbox-authms']?.bearer ?? '';
  });
  after(async () => sandbox.close());

  it('AuthMS: signature, kid and alg pass with its JWKS; iss and aud are not configured, so not checked', async () => {
    assert.deepEqual(await verdicts(authmsToken, authms), [
      'signature:pass',
      'kid:pass',
      'alg:pass',
      'iss:skipped',
      'aud:skipped',
      'exp:pass',
      'nbf:pass',
      'iat:pass',
      'typ:skipped',
      'required:skipped',
    ]);
  });

  it("Better Auth's jwt plugin token (EdDSA): iss and aud are the server's origin; everything checkable passes", async () => {
    const cookie = decodeURIComponent(sandbox.credentials['sandbox-better-auth']?.cookie ?? '');
    const res = await fetch(`${betterAuth.baseUrl}/token`, { headers: { authorization: `Bearer ${cookie}` } });
    assert.equal(res.status, 200);
    const { token } = (await res.json()) as { token: string };
    assert.deepEqual(
      (await verdicts(token, betterAuth)).filter((v) => !v.endsWith(':pass')),
      ['typ:skipped', 'required:skipped'],
    );
  });

  it('probe: the AuthMS server accepts its own token (200) and rejects a tampered one (401 "Invalid token")', async () => {
    assert.equal(probeOrigin(authms), new URL(authms.baseUrl).origin);
    const sub = 'usr_ada0250';
    const ok = await probeToken(authmsToken, sub, authms, { now: Date.now() });
    assert.deepEqual([ok.accepted, ok.status], [true, 200]);
    assert.equal(ok.target, `${new URL(authms.baseUrl).origin}${new URL(authms.baseUrl).pathname}/sessions`);
    const bad = tampered(authmsToken, 'roles', 'admin');
    const refused = await probeToken(bad, sub, authms, { now: Date.now() });
    assert.deepEqual([refused.accepted, refused.status], [false, 401]);
    assert.match(refused.message ?? '', /Invalid token/);
    const reported = JSON.stringify(refused);
    assert.ok(!reported.includes(bad) && !reported.includes(bad.split('.')[2] ?? '-'), 'the token is not in the report');
  });

  it("probe: Better Auth's get-session takes its session token (200) and answers null to its jwt-plugin token", async () => {
    const cookie = decodeURIComponent(sandbox.credentials['sandbox-better-auth']?.cookie ?? '');
    const sessionToken = cookie.slice(0, cookie.lastIndexOf('.'));
    const ok = await probeToken(sessionToken, undefined, betterAuth, { now: Date.now() });
    assert.deepEqual([ok.accepted, ok.status], [true, 200]);
    const jwt = ((await (await fetch(`${betterAuth.baseUrl}/token`, { headers: { authorization: `Bearer ${cookie}` } })).json()) as { token: string }).token;
    const refused = await probeToken(jwt, undefined, betterAuth, { now: Date.now() });
    assert.deepEqual([refused.accepted, refused.status], [false, 200]);
    assert.match(refused.message ?? '', /no session/);
  });

  it('probe: a server that is down says why nothing was answered', async () => {
    const gone = { ...authms, baseUrl: 'http://127.0.0.1:9/authms', timeoutMs: 2_000 };
    const r = await probeToken(authmsToken, undefined, gone, { now: Date.now() });
    assert.equal(r.accepted, false);
    assert.equal(r.status, undefined);
    assert.ok((r.message ?? '').length > 0);
  });
});
