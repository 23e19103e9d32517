/**
 * Issue 15, "Export to Terminals": the token goes into the extension's environment variable
 * collection (what every new integrated terminal gets) as `$AUTHLENS_TOKEN` and
 * `$AUTHLENS_AUTHORIZATION`, follows refreshes, and leaves on Forget Tokens, revoke, Remove
 * Provider, sign-out and Stop Exporting. The tokens come from the real oidc-provider (client
 * credentials); the commands run against a stubbed `vscode` whose collection records every call.
 */
import * as assert from 'node:assert/strict';
import type { OidcProvider } from '../../../src/providers/oidc';
import type { ProviderContext, SessionInfo } from '../../../src/providers/types';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { ProviderState } from '../../../src/sessions/providerState';
import type { Services } from '../../../src/services';
import { makeProvider, oidcConfig, realOidcServer } from '../providers/oidcHelpers';
import { FakeEnvironmentCollection } from './fakeEnvironment';
import { eventually, fake, FakeLog, FakeSecrets, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode') as { EventEmitter: new <T>() => { event: (l: (e: T) => void) => { dispose(): void }; fire(e: T): void } };
const { TerminalTokenExport } = require('../../../src/terminal/tokenExport') as typeof import('../../../src/terminal/tokenExport');
const { exportToTerminalsCommand, stopExportingCommand } =
  require('../../../src/commands/exportToTerminals') as typeof import('../../../src/commands/exportToTerminals');
const { revokeSessionCommand } = require('../../../src/commands/revokeSession') as typeof import('../../../src/commands/revokeSession');
const { oidcForgetTokensCommand } = require('../../../src/commands/oidcForgetTokens') as typeof import('../../../src/commands/oidcForgetTokens');
const { removeProviderCommand } = require('../../../src/commands/removeProvider') as typeof import('../../../src/commands/removeProvider');
const { clearCredentialCommand } = require('../../../src/commands/clearCredential') as typeof import('../../../src/commands/clearCredential');
const { oidcTokenStoreFor, clearOidcTokens } = require('../../../src/secrets/oidcTokenStore') as typeof import('../../../src/secrets/oidcTokenStore');
const { CredentialStore } = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
const { emptyState, keyed } = require('../../../src/sessions/providerState') as typeof import('../../../src/sessions/providerState');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A sessions model that holds what a test puts in it and announces changes like the real one. */
function fakeModel(providers: ConfiguredProvider[]) {
  const emitter = new vscode.EventEmitter<string | undefined>();
  const states = new Map<string, ProviderState>();
  const model = {
    onDidChange: emitter.event,
    get providers(): readonly ConfiguredProvider[] {
      return providers;
    },
    provider: (id: string) => providers.find((p) => p.id === id),
    state: (id: string) => states.get(id) ?? emptyState,
    session: (id: string, key: string) => model.state(id).sessions.find((s) => s.key === key)?.session,
    revoke: async () => ({ kind: 'revoked' as const }),
    refresh: async () => undefined,
    ensureLoaded: async () => undefined,
    /** Lists these sessions as the provider's answer and fires the change. */
    list(id: string, sessions: readonly SessionInfo[], kind: 'ok' | 'signed-out' | 'unreachable' = 'ok'): void {
      states.set(id, { ...emptyState, kind, sessions: keyed(sessions, new Set()) });
      emitter.fire(id);
    },
    /** The provider list changed (an entry removed). */
    remove(id: string): void {
      providers.splice(
        providers.findIndex((p) => p.id === id),
        1,
      );
      emitter.fire(undefined);
    },
  };
  return model;
}

function harness(providers: ConfiguredProvider[]) {
  const secrets = new FakeSecrets();
  const log = new FakeLog();
  const collection = new FakeEnvironmentCollection();
  const model = fakeModel(providers);
  const terminalExport = new TerminalTokenExport(collection as never, { model, secrets: secrets }, log);
  const credentials = new CredentialStore(secrets, log as never);
  const services = { context: { secrets }, log, explorer: { model }, terminalExport, credentials } as unknown as Services;
  return { secrets, log, collection, model, terminalExport, credentials, services };
}

type Harness = ReturnType<typeof harness>;

/** Nothing the person or the log sees holds the token. */
function assertNowhere(h: Harness, ...tokens: string[]): void {
  const seen = [...h.log.lines, ...fake.messages, ...fake.warnings, String(h.collection.description ?? '')].join('\n');
  for (const t of tokens) assert.ok(!seen.includes(t), 'a token appeared in a log line, message or the terminal description');
}

describe('terminal/tokenExport: Export to Terminals', function () {
  this.timeout(20_000);
  const real = realOidcServer();
  let h: Harness;
  let config: ConfiguredProvider;
  let provider: OidcProvider;
  let ctx: ProviderContext;
  const node = { type: 'session', providerId: 'test-oidc', sessionKey: 'service' };

  /** A service token from the real server, stored like the extension stores it, and listed. */
  async function signInService(): Promise<string> {
    const set = await provider.getServiceToken(ctx);
    h.model.list(config.id, (await provider.listSessions(ctx)).sessions);
    return set.accessToken;
  }

  beforeEach(() => {
    fake.reset();
    config = { ...oidcConfig(real.server), level: 'user' };
    h = harness([config]);
    const tokens = oidcTokenStoreFor(h.secrets, config);
    assert.ok(tokens);
    ({ provider, ctx } = makeProvider(real.server, {}, real.server.clients.service.clientSecret));
    ctx = { ...ctx, tokens };
  });
  afterEach(async () => {
    h.terminalExport.dispose();
    await provider.close();
  });

  it('exports the token and `Bearer <token>` to new terminals, not persisted, described without the token', async () => {
    const token = await signInService();
    fake.inputAnswer = 'AUTHLENS_TOKEN';
    const name = await exportToTerminalsCommand(h.services)(node);
    assert.equal(name, 'AUTHLENS_TOKEN');
    assert.equal(fake.inputBoxes[0]?.value, 'AUTHLENS_TOKEN', 'the default name is offered');
    assert.equal(h.collection.persistent, false);
    assert.equal(fake.contextKeys.get('authlens.exporting'), true, 'Stop Exporting is offered');
    assert.equal(h.collection.values.get('AUTHLENS_TOKEN'), token);
    assert.equal(h.collection.values.get('AUTHLENS_AUTHORIZATION'), `Bearer ${token}`);
    const description = String(h.collection.description);
    assert.match(description, /Test OIDC/);
    assert.match(description, /\$AUTHLENS_TOKEN and \$AUTHLENS_AUTHORIZATION/);
    assert.deepEqual(h.terminalExport.current?.target, { providerId: 'test-oidc', sessionKey: 'service', tokenKind: 'access-token' });
    assert.ok(
      h.log.lines.some((l) => l.includes('exporting access-token') && l.includes(token.slice(0, 6))),
      'the log names a redacted prefix',
    );
    assertNowhere(h, token);
  });

  it('follows a refresh: a new token in the store replaces both values', async () => {
    const first = await signInService();
    await exportToTerminalsCommand(h.services)(node, 'API_TOKEN');
    assert.equal(h.collection.values.get('API_TOKEN'), first);
    // The next token arrives the way a refresh stores it (SecretStorage), with no listing yet.
    const second = (await provider.getServiceToken(ctx)).accessToken;
    assert.notEqual(second, first);
    await eventually('the variables to follow the new token', () => h.collection.values.get('API_TOKEN') === second);
    assert.equal(h.collection.values.get('API_AUTHORIZATION'), `Bearer ${second}`);
    assert.ok(h.log.lines.some((l) => l.includes('follows the new access-token')));
    assertNowhere(h, first, second);
  });

  it('follows the Keep Fresh event when it is wired', async () => {
    const refreshed = new vscode.EventEmitter<string>();
    const collection = new FakeEnvironmentCollection();
    const ownExport = new TerminalTokenExport(collection as never, { model: h.model, secrets: h.secrets, refreshed: refreshed.event as never }, h.log);
    try {
      const first = await signInService();
      ownExport.start(
        { providerId: config.id, sessionKey: 'service', tokenKind: 'access-token' },
        { token: 'T', authorization: 'A' },
        { provider: 'p', session: 's', token: 't' },
        first,
        'Bearer',
      );
      // Written behind the store's back (as another window would), then announced by Keep Fresh only.
      const second = (await provider.getServiceToken({ ...ctx, tokens: oidcTokenStoreFor(new FakeSecrets(), config)! })).accessToken;
      const raw = JSON.parse((await h.secrets.get('authlens.oidcTokens/test-oidc/service')) ?? '{}') as { origin: string; tokens: Record<string, unknown> };
      h.secrets.map.set('authlens.oidcTokens/test-oidc/service', JSON.stringify({ ...raw, tokens: { ...raw.tokens, accessToken: second } }));
      assert.equal(collection.values.get('T'), first);
      refreshed.fire(config.id);
      await eventually('the Keep Fresh event to update the variable', () => collection.values.get('T') === second);
    } finally {
      ownExport.dispose();
    }
  });

  it('uses the scheme the token type names (DPoP), `Bearer` otherwise', async () => {
    await signInService();
    const key = 'authlens.oidcTokens/test-oidc/service';
    const raw = JSON.parse((await h.secrets.get(key)) ?? '{}') as { origin: string; tokens: Record<string, unknown> };
    await h.secrets.store(key, JSON.stringify({ ...raw, tokens: { ...raw.tokens, tokenType: 'DPoP' } }));
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    assert.equal(h.collection.values.get('AUTHLENS_AUTHORIZATION'), `DPoP ${String(raw.tokens['accessToken'])}`);
  });

  it('Forget Tokens clears the variables; so does a sign-out seen only in SecretStorage', async () => {
    const token = await signInService();
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    fake.warningAnswer = 'Forget';
    await oidcForgetTokensCommand(h.services)({ type: 'provider', providerId: config.id });
    assert.equal(h.collection.values.size, 0);
    assert.equal(h.collection.description, undefined);
    assert.equal(h.terminalExport.current, undefined);

    await signInService();
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    assert.equal(h.collection.values.size, 2);
    await clearOidcTokens(h.secrets, config.id);
    await eventually('the variables to leave with the tokens', () => h.collection.values.size === 0);
    assertNowhere(h, token);
  });

  it('revoking the session clears the variables', async () => {
    await signInService();
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    fake.warningAnswer = 'Revoke';
    await revokeSessionCommand(h.services)(node);
    assert.equal(h.collection.values.size, 0);
    assert.equal(h.terminalExport.current, undefined);
  });

  it('Remove Provider clears the variables; so does the entry leaving the settings', async () => {
    fake.settings.set('authlens.providers', { globalValue: [{ id: config.id, kind: 'oidc' }] });
    await signInService();
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    fake.warningAnswer = 'Remove';
    await removeProviderCommand(h.services)({ type: 'provider', providerId: config.id });
    assert.equal(h.collection.values.size, 0);

    await signInService();
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    h.model.remove(config.id);
    await eventually('the variables to leave with the provider', () => h.collection.values.size === 0);
  });

  it('Stop Exporting clears the variables and says so without the token', async () => {
    const token = await signInService();
    await exportToTerminalsCommand(h.services)(node, 'MY_TOKEN');
    assert.equal(stopExportingCommand(h.services)(), true);
    assert.equal(h.collection.values.size, 0);
    assert.equal(fake.contextKeys.get('authlens.exporting'), false, 'Stop Exporting leaves the palette');
    assert.ok(h.collection.calls.includes('clear'));
    assert.ok(fake.messages.some((m) => m.includes('$MY_TOKEN') && m.includes('$MY_AUTHORIZATION')));
    assert.equal(stopExportingCommand(h.services)(), false, 'a second stop has nothing to stop');
    assertNowhere(h, token);
  });

  it('refuses a name that is not a shell variable, from the input box and as an argument', async () => {
    await signInService();
    fake.inputAnswer = 'MY-TOKEN';
    assert.equal(await exportToTerminalsCommand(h.services)(node), undefined);
    assert.match(fake.inputBoxes[0]?.validation ?? '', /not a shell variable name/);
    assert.equal(await exportToTerminalsCommand(h.services)(node, '1TOKEN'), undefined);
    assert.equal(await exportToTerminalsCommand(h.services)(node, 'A B'), undefined);
    assert.equal(fake.messages.filter((m) => /is not a shell variable name/.test(m)).length, 3);
    assert.equal(h.collection.values.size, 0);
    assert.equal(h.terminalExport.current, undefined);
  });
});

describe('terminal/tokenExport: a provider listed by the model (session tokens)', () => {
  const config: ConfiguredProvider = { id: 'ba', kind: 'better-auth', label: 'App', baseUrl: 'http://127.0.0.1:9/api/auth', level: 'user' };
  const session = (value: string): SessionInfo => ({
    id: 's1',
    user: { name: 'Alice' },
    status: 'active',
    current: true,
    tokens: [{ kind: 'session-token', label: 'Session token', value, opaque: true }],
    raw: { session: {} },
  });
  const node = { type: 'session', providerId: 'ba', sessionKey: 's1' };
  let h: Harness;
  beforeEach(() => {
    fake.reset();
    h = harness([config]);
  });
  afterEach(() => h.terminalExport.dispose());

  it('follows a new listing, keeps the value while unreachable, clears on sign-out', async () => {
    h.model.list('ba', [session('session-token-value-one')]);
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    assert.equal(h.collection.values.get('AUTHLENS_AUTHORIZATION'), 'Bearer session-token-value-one');
    assert.match(String(h.collection.description), /Session token of Alice at App/);
    h.model.list('ba', [session('session-token-value-two')]);
    await eventually('the new listing to replace the value', () => h.collection.values.get('AUTHLENS_TOKEN') === 'session-token-value-two');
    h.model.list('ba', [], 'unreachable');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.collection.values.get('AUTHLENS_TOKEN'), 'session-token-value-two', 'a failed load says nothing about the session');
    h.model.list('ba', [], 'signed-out');
    await eventually('sign-out to clear the variables', () => h.collection.values.size === 0);
    assertNowhere(h, 'session-token-value-one', 'session-token-value-two');
  });

  it('Clear Credential (sign-out) clears the variables', async () => {
    await h.credentials.setForOrigin('ba', 'cookie', 'http://127.0.0.1:9', 'cookie-value-xyz');
    h.model.list('ba', [session('session-token-value-one')]);
    await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN');
    await clearCredentialCommand(h.services)({ type: 'provider', providerId: 'ba' });
    assert.equal(h.collection.values.size, 0);
  });

  it('does not export a token with a line break (it would add lines to a header)', async () => {
    h.model.list('ba', [session('abc\r\nX-Injected: 1')]);
    assert.equal(await exportToTerminalsCommand(h.services)(node, 'AUTHLENS_TOKEN'), undefined);
    assert.equal(h.collection.values.size, 0);
    assert.match(fake.warnings[0] ?? '', /cannot carry safely/);
  });
});
