import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { jwtVerify } from 'jose';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

/** The secrets the sandbox hands out are the ones its servers really sign with. */
describe('sandbox: server secrets', () => {
  let sb: SandboxHandle;
  before(async function () {
    this.timeout(30_000);
    sb = await startSandbox();
  });
  after(() => sb.close());

  const secretFor = (use: string): string => {
    const found = sb.serverSecrets.find((s) => s.use === use);
    assert.ok(found, `no ${use} secret`);
    return found.secret;
  };

  it('names one secret per signing server, each bound to that server', () => {
    assert.deepEqual(
      sb.serverSecrets.map((s) => [s.providerId, s.use, s.name, s.origin]),
      [
        ['sandbox-better-auth', 'better-auth-cookie', 'BETTER_AUTH_SECRET', sb.baseUrls.betterAuth],
        ['sandbox-authing', 'express-session-cookie', 'express-session secret', sb.baseUrls.authing],
        ['sandbox-authms', 'jwt-hmac', 'AuthMS HS256 key', sb.baseUrls.authms],
      ],
    );
    assert.equal(new Set(sb.serverSecrets.map((s) => s.secret)).size, 3);
  });

  it('the AuthMS HS256 key verifies the admin token, as text', async () => {
    const admin = sb.credentials['sandbox-authms']?.['admin'];
    assert.ok(admin);
    const { protectedHeader, payload } = await jwtVerify(admin, new TextEncoder().encode(secretFor('jwt-hmac')));
    assert.equal(protectedHeader.alg, 'HS256');
    assert.equal(payload.iss, sb.baseUrls.authms);
  });

  it("BETTER_AUTH_SECRET signs the Better Auth cookie's token (HMAC-SHA256, base64)", () => {
    const cookie = decodeURIComponent(sb.credentials['sandbox-better-auth']?.['cookie'] ?? '');
    const dot = cookie.lastIndexOf('.');
    const mac = createHmac('sha256', secretFor('better-auth-cookie')).update(cookie.slice(0, dot)).digest('base64');
    assert.equal(cookie.slice(dot + 1), mac);
  });

  it("the express-session secret signs Authing's cookie (s:<sid>.<HMAC without padding>)", () => {
    const cookie = decodeURIComponent(sb.credentials['sandbox-authing']?.['cookie'] ?? '');
    assert.match(cookie, /^s:/);
    const dot = cookie.lastIndexOf('.');
    const mac = createHmac('sha256', secretFor('express-session-cookie')).update(cookie.slice(2, dot)).digest('base64').replace(/=+$/, '');
    assert.equal(cookie.slice(dot + 1), mac);
  });
});
