/**
 * "Copy Token As" for real: every generated request (curl, fetch, HTTPie, REST Client) is run
 * against the sandbox for each provider kind, and against a real Better Auth server, with a
 * token the provider itself listed (or, for OIDC, a sign-in's access token). Each must get 200.
 *
 * curl runs through `sh -c` (so the shell quoting is tested too), the fetch snippet through
 * `node --input-type=module`. HTTPie is usually not installed: its command is split into words
 * by the real shell (a stub `http` function prints its arguments) and replayed with fetch.
 * The REST Client request is parsed as the extension's `.http` format and replayed with fetch.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { formatCopy, type CopyFormat, type CopyRequest } from '../../../src/core/copyFormats';
import { createProvider } from '../../../src/providers/index';
import { fetchDiscovery } from '../../../src/providers/oidc/discovery';
import { HttpClient } from '../../../src/providers/http';
import type { Credentials, ProviderConfig, TokenInfo } from '../../../src/providers/types';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { copyRequestFor } from '../../../src/sessions/copyRequest';
import { signUp, spawnBetterAuth, type BetterAuthChild } from '../../fixtures/betterAuthClient';

const formats: readonly CopyFormat[] = ['curl', 'fetch', 'httpie', 'restClient'];

function run(cmd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 15_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

async function replay(method: string, url: string, headers: [string, string][]): Promise<number> {
  const res = await fetch(url, { method, headers });
  await res.arrayBuffer();
  return res.status;
}

/** Executes the copied text as a person would paste it, and returns the HTTP status it got. */
async function execute(format: CopyFormat, text: string): Promise<number> {
  switch (format) {
    case 'curl':
      return Number(await run('sh', ['-c', `${text} -s -o /dev/null -w '%{http_code}'`]));
    case 'fetch': {
      const out = await run(process.execPath, ['--input-type=module', '-e', text]);
      return Number(out.split(' ')[0]);
    }
    case 'httpie': {
      assert.match(text, /^http /);
      const words = (await run('sh', ['-c', `http() { printf '%s\\0' "$@"; }; ${text}`])).split('\0').slice(0, -1);
      const [method = '', url = '', ...items] = words;
      const headers = items.map((item): [string, string] => {
        const colon = item.indexOf(':');
        assert.ok(colon > 0, `an HTTPie header item: ${item}`);
        return [item.slice(0, colon), item.slice(colon + 1)];
      });
      return replay(method, url, headers);
    }
    case 'restClient': {
      const [requestLine = '', ...rest] = text.split('\n');
      const m = /^([A-Z]+) (\S+)$/.exec(requestLine);
      assert.ok(m, `a request line: ${requestLine}`);
      const headers = rest
        .filter((l) => l !== '')
        .map((l): [string, string] => {
          const i = l.indexOf(': ');
          return [l.slice(0, i), l.slice(i + 2)];
        });
      return replay(m[1] ?? '', m[2] ?? '', headers);
    }
    default:
      throw new Error(`not an executable format: ${format}`);
  }
}

async function assertEveryFormatGets200(req: CopyRequest, what: string): Promise<void> {
  for (const format of formats) {
    const text = formatCopy(format, req);
    assert.equal(await execute(format, text), 200, `${what} as ${format}: ${req.url}`);
  }
}

/** The tokens the provider lists for the credential's own session. */
async function listedTokens(config: ProviderConfig, credentials: Credentials): Promise<TokenInfo[]> {
  const provider = createProvider(config);
  try {
    const page = await provider.listSessions({ credentials });
    assert.equal(page.state, 'ok', `${config.id} lists sessions`);
    const current = page.sessions.find((s) => s.current === true) ?? page.sessions[0];
    assert.ok(current, `${config.id} has a session`);
    return [...current.tokens];
  } finally {
    await provider.close();
  }
}

describe('Copy Token As: the generated requests work against real servers', function () {
  this.timeout(60_000);

  describe('against the sandbox', () => {
    let sb: SandboxHandle;
    const config = (id: string): ProviderConfig => {
      const c = sb.providerConfigs().find((p) => p.id === id);
      assert.ok(c, id);
      return c;
    };
    before(async () => {
      sb = await startSandbox();
    });
    after(async () => {
      await sb?.close();
    });

    it('Better Auth: the session token against get-session', async () => {
      const c = config('sandbox-better-auth');
      const token = (await listedTokens(c, sb.credentials[c.id] ?? {})).find((t) => t.kind === 'session-token');
      assert.ok(token, 'a session token');
      await assertEveryFormatGets200(copyRequestFor(c, token), 'Better Auth session token');
    });

    it('Authing: the user token against the app host’s userinfo (/oidc/me)', async () => {
      const c = config('sandbox-authing');
      const token = (await listedTokens(c, sb.credentials[c.id] ?? {})).find((t) => t.kind === 'jwt');
      assert.ok(token, 'the user token');
      const req = copyRequestFor(c, token);
      assert.match(req.url, /\/oidc\/me$/);
      await assertEveryFormatGets200(req, 'Authing user token');
    });

    it('AuthMS: the bearer credential against the sessions list', async () => {
      const c = config('sandbox-authms');
      const bearer = sb.credentials[c.id]?.bearer;
      assert.ok(bearer, 'an AuthMS bearer');
      await assertEveryFormatGets200(copyRequestFor(c, { value: bearer, kind: 'access-token' }), 'AuthMS bearer');
    });

    it('OpenID Connect: a sign-in’s access token against the discovered userinfo_endpoint', async () => {
      const c = config('sandbox-oidc');
      const issuer = c.issuer ?? c.baseUrl;
      const http = new HttpClient({ baseUrl: issuer });
      const discovery = await fetchDiscovery(http, issuer, Date.now());
      await http.close();
      assert.ok(discovery.userinfoEndpoint, 'the sandbox names a userinfo endpoint');
      // The authorization code flow by hand: the sandbox's /auth approves at once.
      const redirect = 'http://127.0.0.1:53682/callback';
      const verifier = randomBytes(32).toString('base64url');
      const auth = new URL(discovery.authorizationEndpoint ?? '');
      const params = {
        response_type: 'code',
        client_id: 'authlens-sandbox',
        redirect_uri: redirect,
        scope: 'openid profile email',
        state: 's',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      };
      for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
      const res = await fetch(auth, { redirect: 'manual' });
      const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
      assert.ok(code, 'an authorization code');
      const tokenRes = await fetch(discovery.tokenEndpoint ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirect,
          code_verifier: verifier,
          client_id: 'authlens-sandbox',
        }).toString(),
      });
      const access = ((await tokenRes.json()) as { access_token?: string }).access_token;
      assert.ok(access, 'an access token');
      const req = copyRequestFor(c, { value: access, kind: 'access-token' }, { userinfoEndpoint: discovery.userinfoEndpoint });
      assert.equal(req.url, discovery.userinfoEndpoint);
      await assertEveryFormatGets200(req, 'OIDC access token');
    });
  });

  describe('against a real Better Auth server', () => {
    let server: BetterAuthChild;
    before(async () => {
      server = await spawnBetterAuth();
    });
    after(async () => {
      await server?.close();
    });

    it('the listed session token against get-session', async () => {
      const alice = await signUp(server, `copy-${randomBytes(4).toString('hex')}@authlens.test`, 'password-123456', 'Copy');
      const c: ProviderConfig = { id: 'real-ba', kind: 'better-auth', label: 'Real Better Auth', baseUrl: server.baseUrl };
      const token = (await listedTokens(c, { cookie: alice.cookie })).find((t) => t.kind === 'session-token');
      assert.equal(token?.value, alice.token);
      assert.ok(token);
      await assertEveryFormatGets200(copyRequestFor(c, token), 'real Better Auth session token');
    });
  });
});
