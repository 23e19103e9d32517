import * as assert from 'node:assert/strict';
import { isAuthLensError } from '../../../src/core/errors';
import { errorMessage } from '../../../src/core/errorMessages';
import { HttpClient } from '../../../src/providers/http';
import { parseDiscovery } from '../../../src/providers/oidc/discovery';
import {
  abortableSleep,
  DEVICE_CODE_GRANT_TYPE,
  parseDeviceAuthorization,
  pollDeviceToken,
  requestDeviceAuthorization,
  type PollEvent,
} from '../../../src/providers/oidc/deviceGrant';
import type { DeviceCodePrompt } from '../../../src/providers/oidc/deviceSignIn';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { startMiniServer, type MiniServer } from '../../fixtures/miniServer';
import { loadFixture, makeProvider, type Fixture } from './oidcHelpers';

type DeviceFixture = typeof import('../../fixtures/oidcDevice.mjs');

describe('providers/oidc sign-in with a code (RFC 8628, real oidc-provider with features.deviceFlow)', function () {
  this.timeout(20_000);
  let fixture: Fixture;
  let device: DeviceFixture;
  let server: OidcTestServer;

  before(async () => {
    fixture = await loadFixture();
    device = await import('../../fixtures/oidcDevice.mjs');
    server = await fixture.startOidcServer({ features: device.deviceFeatures, clients: [device.deviceClient] });
  });
  after(async () => server?.close());

  it('shows the code, polls (authorization_pending seen) at the server interval, and stores the approved user set', async () => {
    const { provider, ctx, tokens } = makeProvider(server, { clientId: device.deviceClient.client_id });
    assert.equal(await provider.deviceAuthorizationEndpoint(), `${server.issuer}/device/auth`);
    let prompt: DeviceCodePrompt | undefined;
    const polls: PollEvent[] = [];
    const waits: number[] = [];
    let approval: Promise<string> | undefined;
    const set = await provider.signInWithCode(ctx, {
      show: (p) => {
        prompt = p;
      },
      onPoll: (event) => {
        polls.push(event);
        // The person approves only after the first poll was refused as pending.
        if (event.answer === 'authorization_pending' && approval === undefined && prompt) {
          approval = device.driveDeviceApproval(prompt.verificationUri, prompt.userCode, { login: 'carol' });
        }
      },
      // The wait before each poll: the first is immediate, the next waits for the approval.
      sleep: async (ms) => {
        waits.push(ms);
        if (approval) await approval;
      },
    });
    assert.ok(prompt);
    assert.match(prompt.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(prompt.verificationUri, `${server.issuer}/device`);
    assert.equal(prompt.verificationUriComplete, `${server.issuer}/device?user_code=${prompt.userCode}`);
    assert.equal(await approval, 'Sign-in Success');
    assert.deepEqual(polls, [{ answer: 'authorization_pending', intervalS: 5 }], 'one pending answer, then the token');
    assert.deepEqual(waits, [5_000, 5_000], 'the default interval (the server names none)');

    assert.equal(set.grant, 'device_code');
    assert.ok(set.idToken, 'ID token (verified against /jwks)');
    assert.ok(set.refreshToken, 'offline_access gives a refresh token');
    assert.deepEqual(await tokens.get('user'), set, 'stored in the user slot');
    const session = (await provider.listSessions(ctx)).sessions.find((s) => s.id === 'user');
    assert.equal(session?.user.id, 'carol');
    assert.equal(session?.status, 'active');
    // The refresh token works like one from the browser sign-in.
    const refreshed = await provider.refreshTokens(ctx);
    assert.equal(refreshed.tokens.grant, 'refresh_token');
    await provider.close();
  });

  it('the person presses Abort at the confirmation page: access_denied, with a clear message', async () => {
    const { provider, ctx, tokens } = makeProvider(server, { clientId: device.deviceClient.client_id });
    let denied: Promise<string> | undefined;
    await assert.rejects(
      provider.signInWithCode(ctx, {
        show: (p) => {
          denied = device.driveDeviceApproval(p.verificationUri, p.userCode, { deny: true });
        },
        sleep: async () => {
          await denied;
        },
      }),
      (err) => {
        assert.ok(isAuthLensError(err));
        assert.equal(err.code, 'oauth-error');
        assert.equal(err.details.serverCode, 'access_denied');
        assert.match(errorMessage(err), /access_denied.*denied the request/);
        return true;
      },
    );
    assert.equal(await tokens.get('user'), undefined, 'nothing stored');
    await provider.close();
  });

  it('cancelling stops polling at once (no further request, no wait for the interval)', async () => {
    const { provider, ctx } = makeProvider(server, { clientId: device.deviceClient.client_id });
    const controller = new AbortController();
    const polls: PollEvent[] = [];
    let sleeps = 0;
    const started = Date.now();
    await assert.rejects(
      provider.signInWithCode(
        { ...ctx, signal: controller.signal },
        {
          show: () => undefined,
          onPoll: (event) => {
            polls.push(event);
            controller.abort();
          },
          // The first wait is skipped; later ones are real 5 s timers that the abort must cut short.
          sleep: (ms, signal) => (sleeps++ === 0 ? Promise.resolve() : abortableSleep(ms, signal)),
        },
      ),
      (err) => isAuthLensError(err) && err.code === 'cancelled',
    );
    assert.equal(polls.length, 1, 'polled once, then stopped');
    assert.equal(sleeps, 2);
    assert.ok(Date.now() - started < 4_000, 'did not wait out the 5 s interval');
    await provider.close();
  });

  it('a client not registered for the grant: the server says so, and no code is shown', async () => {
    const { provider, ctx } = makeProvider(server, { clientId: server.clients.web.clientId }, server.clients.web.clientSecret);
    await assert.rejects(
      provider.signInWithCode(ctx, { show: () => assert.fail('no code expected') }),
      (err) =>
        isAuthLensError(err) &&
        err.code === 'oauth-error' &&
        err.details.serverCode === 'invalid_request' &&
        /device_code is not allowed for this client/.test(err.details.serverMessage ?? '') &&
        !err.message.includes(server.clients.web.clientSecret),
    );
    await provider.close();
  });

  it('an issuer without a device_authorization_endpoint: unsupported, naming the field', async () => {
    const plain = await fixture.startOidcServer();
    const { provider, ctx } = makeProvider(plain, { clientId: plain.clients.native.clientId });
    assert.equal(await provider.deviceAuthorizationEndpoint(), undefined);
    await assert.rejects(
      provider.signInWithCode(ctx, { show: () => assert.fail('no code expected') }),
      (err) => isAuthLensError(err) && err.code === 'unsupported' && err.details.where === 'device_authorization_endpoint',
    );
    await provider.close();
    await plain.close();
  });
});

describe('providers/oidc device grant polling (a recording server: slow_down, expiry)', () => {
  let mini: MiniServer;
  let http: HttpClient;
  beforeEach(async () => {
    mini = await startMiniServer();
    http = new HttpClient({ baseUrl: mini.url, timeoutMs: 2_000 });
  });
  afterEach(async () => {
    await http.close();
    await mini.close();
  });

  const discoveryFor = (url: string) =>
    parseDiscovery(
      { issuer: url, token_endpoint: `${url}/token`, device_authorization_endpoint: `${url}/device/auth` },
      url,
      'openid-configuration',
      `${url}/.well-known/openid-configuration`,
      0,
    );

  /** Answers the token endpoint from a script; the device endpoint with a fixed authorization. */
  function script(tokenAnswers: { status: number; body: object }[], authorization: object): void {
    let next = 0;
    mini.handle((req, res) => {
      const answer = req.url === '/device/auth' ? { status: 200, body: authorization } : (tokenAnswers[next++] ?? { status: 500, body: {} });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  }

  it('slow_down adds 5 s to the interval for good; polls carry the grant type and the device code, no Authorization header', async () => {
    script(
      [
        { status: 400, body: { error: 'authorization_pending' } },
        { status: 400, body: { error: 'slow_down' } },
        { status: 400, body: { error: 'authorization_pending' } },
        { status: 200, body: { access_token: 'at-1', token_type: 'Bearer', expires_in: 60 } },
      ],
      { device_code: 'dc-secret', user_code: 'ABCD-EFGH', verification_uri: `${mini.url}/device`, expires_in: 300, interval: 2 },
    );
    const discovery = discoveryFor(mini.url);
    const client = { clientId: 'cli' };
    const authorization = await requestDeviceAuthorization(http, discovery, client, { scopes: ['openid', 'offline_access'], audience: 'api' });
    assert.equal(authorization.interval, 2);
    const auth = new URLSearchParams(mini.seen[0]?.body);
    assert.deepEqual(Object.fromEntries(auth), { client_id: 'cli', scope: 'openid offline_access', audience: 'api' });

    const waits: number[] = [];
    const events: PollEvent[] = [];
    let clock = 0;
    const response = await pollDeviceToken(http, discovery, client, authorization, {
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      onPoll: (e) => events.push(e),
    });
    assert.equal(response.accessToken, 'at-1');
    assert.deepEqual(waits, [2_000, 2_000, 7_000, 7_000]);
    assert.deepEqual(
      events.map((e) => `${e.answer}@${e.intervalS}`),
      ['authorization_pending@2', 'slow_down@7', 'authorization_pending@7'],
    );
    const polls = mini.seen.slice(1);
    assert.equal(polls.length, 4);
    for (const poll of polls) {
      assert.equal(poll.url, '/token');
      assert.equal(poll.headers.authorization, undefined, 'a public client sends no Authorization header');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(poll.body)), { client_id: 'cli', grant_type: DEVICE_CODE_GRANT_TYPE, device_code: 'dc-secret' });
    }
  });

  it('stops when the codes expire locally (no request after expires_in) and on the server expired_token', async () => {
    script(
      [
        { status: 400, body: { error: 'authorization_pending' } },
        { status: 400, body: { error: 'authorization_pending' } },
      ],
      {},
    );
    const discovery = discoveryFor(mini.url);
    const authorization = parseDeviceAuthorization({ device_code: 'dc', user_code: 'U', verification_uri: `${mini.url}/device`, expires_in: 10, interval: 4 });
    let clock = 1_000;
    await assert.rejects(
      pollDeviceToken(http, discovery, { clientId: 'cli' }, authorization, {
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      }),
      (err) => isAuthLensError(err) && err.code === 'oauth-error' && err.details.serverCode === 'expired_token' && /expired/.test(errorMessage(err)),
    );
    assert.equal(mini.seen.length, 2, 'polled at 4 s and 8 s; at 12 s the 10 s code was dead');

    script([{ status: 400, body: { error: 'expired_token', error_description: 'device code expired' } }], {});
    await assert.rejects(
      pollDeviceToken(http, discovery, { clientId: 'cli' }, authorization, { now: () => 0, sleep: async () => undefined }),
      (err) => isAuthLensError(err) && err.details.serverCode === 'expired_token' && err.details.serverMessage === 'device code expired',
    );
  });

  it('reads the response strictly: verification_url (Google), default interval, and refuses non-http URLs and missing fields', () => {
    const google = parseDeviceAuthorization({
      device_code: 'd',
      user_code: 'GQVQ-JKEC',
      verification_url: 'https://www.google.com/device',
      expires_in: '1800',
    });
    assert.equal(google.verificationUri, 'https://www.google.com/device');
    assert.equal(google.interval, 5);
    assert.equal(google.expiresIn, 1800);
    const base = { device_code: 'd', user_code: 'U', verification_uri: 'https://id.example/device', expires_in: 60 };
    const bad = (over: object, field: string) =>
      assert.throws(
        () => parseDeviceAuthorization({ ...base, ...over }),
        (err) => isAuthLensError(err) && err.code === 'response-shape' && err.details.where === `device authorization response ${field}`,
      );
    bad({ verification_uri: 'javascript:alert(1)' }, 'verification_uri');
    bad({ verification_uri: 'command:workbench.action.terminal.new' }, 'verification_uri');
    bad({ device_code: '' }, 'device_code');
    bad({ user_code: 'x'.repeat(65) }, 'user_code');
    bad({ expires_in: -1 }, 'expires_in');
    // A bad verification_uri_complete is dropped, not trusted.
    assert.equal(parseDeviceAuthorization({ ...base, verification_uri_complete: 'file:///etc/passwd' }).verificationUriComplete, undefined);
  });
});
