/**
 * Threat 1 of the security model (issue 9): a cloned repository's `.vscode/settings.json`
 * points a provider at an attacker. Checks the manifest (workspace trust declarations), the
 * settings selection of `readConfig()` in Restricted Mode (not togglable in-host: code-server
 * runs with trust disabled), and the origin binding of `CredentialStore`, down to what a
 * recording server receives.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRecorderServer, type RecorderServer } from '../../fixtures/recorderServer';
import { createProvider } from '../../../src/providers/index';
import type { ProviderConfig } from '../../../src/providers/types';
import { eventually, fake, FakeLog, FakeSecrets, installVscodeStub } from './vscodeStub';
import { credentialKey } from '../../../src/secrets/keys';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const configModule = require('../../../src/plumbing/config') as typeof import('../../../src/plumbing/config');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const credentialsModule = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
const { readConfig } = configModule;
const { CredentialStore, credentialOriginsOf } = credentialsModule;

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

const SECRET_COOKIE = 'sec-cookie-4f1c9a7e2b6d8035';
const SECRET_CLIENT = 'sec-client-91d2e7c4a0b35f68';

function store(): { creds: InstanceType<typeof CredentialStore>; secrets: FakeSecrets; log: FakeLog } {
  const secrets = new FakeSecrets();
  const log = new FakeLog();
  const creds = new CredentialStore(secrets, log as never);
  return { creds, secrets, log };
}

describe('security: origin binding and workspace trust', () => {
  beforeEach(() => fake.reset());

  describe('package.json', () => {
    it('declares limited support for untrusted workspaces', () => {
      assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    });

    it('restricts every setting that sends requests or weakens TLS', () => {
      const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
      for (const key of ['authlens.providers', 'authlens.insecureTlsProviders', 'authlens.sandbox.autoStart']) {
        assert.ok(restricted.includes(key), `${key} missing from restrictedConfigurations`);
        assert.ok(manifest.contributes.configuration.properties[key], `${key} is not a contributed setting`);
      }
    });

    it('makes the TLS opt-out machine-scoped', () => {
      assert.equal(manifest.contributes.configuration.properties['authlens.insecureTlsProviders']?.scope, 'machine');
    });
  });

  describe('readConfig()', () => {
    const user = [{ id: 'mine', kind: 'better-auth', baseUrl: 'http://127.0.0.1:4000/api/auth' }];
    const workspace = [
      { id: 'mine', kind: 'better-auth', baseUrl: 'http://127.0.0.1:6666/api/auth' },
      { id: 'theirs', kind: 'authms', baseUrl: 'http://127.0.0.1:6667' },
    ];

    it('in Restricted Mode uses only user-level providers and counts the ignored ones', () => {
      fake.trusted = false;
      fake.settings.set('authlens.providers', { globalValue: user, workspaceValue: workspace });
      const cfg = readConfig();
      assert.equal(cfg.restricted, true);
      assert.deepEqual(
        cfg.providers.map((p) => [p.id, p.baseUrl, p.level]),
        [['mine', 'http://127.0.0.1:4000/api/auth', 'user']],
      );
      assert.equal(cfg.ignoredWorkspaceProviders, 2);
    });

    it('in a trusted workspace lets workspace entries in (the origin binding then protects credentials)', () => {
      fake.settings.set('authlens.providers', { globalValue: user, workspaceValue: workspace });
      const cfg = readConfig();
      assert.deepEqual(
        cfg.providers.map((p) => [p.id, p.level]),
        [
          ['mine', 'workspace'],
          ['theirs', 'workspace'],
        ],
      );
    });

    it('never takes the TLS opt-out from the workspace, trusted or not', () => {
      fake.settings.set('authlens.providers', { globalValue: user });
      fake.settings.set('authlens.insecureTlsProviders', { workspaceValue: ['mine'] });
      assert.equal(readConfig().providers[0]?.allowInsecureTls, undefined);
      fake.settings.set('authlens.insecureTlsProviders', { globalValue: ['mine'] });
      assert.equal(readConfig().providers[0]?.allowInsecureTls, true);
    });
  });

  describe('CredentialStore', () => {
    const userCfg: ProviderConfig = { id: 'mine', kind: 'better-auth', label: 'Mine', baseUrl: 'http://127.0.0.1:4000/api/auth' };

    it('stores the value bound to the origin and never logs it', async () => {
      const { creds, secrets, log } = store();
      await creds.set(userCfg, 'cookie', SECRET_COOKIE);
      const raw = JSON.parse(secrets.map.get(credentialKey('mine', 'cookie')) ?? '{}') as { origin?: string };
      assert.equal(raw.origin, 'http://127.0.0.1:4000');
      assert.ok(!log.lines.join('\n').includes(SECRET_COOKIE));
    });

    it('hands a credential out only while the provider keeps its origin', async () => {
      const { creds, log } = store();
      await creds.set(userCfg, 'cookie', SECRET_COOKIE);
      assert.equal((await creds.get(userCfg)).credentials.cookie, SECRET_COOKIE);
      for (const baseUrl of [
        'http://127.0.0.1:4001/api/auth',
        'https://127.0.0.1:4000/api/auth',
        'http://localhost:4000/api/auth',
        'http://evil.example/api/auth',
      ]) {
        const moved = await creds.get({ ...userCfg, baseUrl });
        assert.deepEqual(moved.credentials, {}, baseUrl);
        assert.equal(moved.setAside.length, 1);
      }
      // The person is asked (once per origin pair); nothing in the notification or log is the secret.
      await new Promise((r) => setImmediate(r));
      assert.ok(fake.warnings.length >= 1);
      assert.ok(![...fake.warnings, ...log.lines].join('\n').includes(SECRET_COOKIE));
    });

    it('sets aside an Authing secret when only appHost moves (the revocation endpoint receives it)', async () => {
      const { creds } = store();
      const authing: ProviderConfig = { id: 'a', kind: 'authing', label: 'A', baseUrl: 'https://sso.example.com', appHost: 'https://app.example.com' };
      await creds.set(authing, 'clientSecret', SECRET_CLIENT);
      assert.equal((await creds.get(authing)).credentials.clientSecret, SECRET_CLIENT);
      const moved = await creds.get({ ...authing, appHost: 'https://evil.example' });
      assert.deepEqual(moved.credentials, {});
      assert.match(moved.setAside[0]?.currentOrigin ?? '', /evil\.example/);
    });

    it('sets aside an OIDC client secret when only the issuer moves (the token endpoint receives it)', async () => {
      const { creds } = store();
      const oidc: ProviderConfig = { id: 'o', kind: 'oidc', label: 'O', baseUrl: 'https://id.example.com', clientId: 'c' };
      await creds.set(oidc, 'clientSecret', SECRET_CLIENT);
      assert.equal((await creds.get(oidc)).credentials.clientSecret, SECRET_CLIENT);
      assert.equal((await creds.get({ ...oidc, issuer: 'https://id.example.com/realms/x' })).credentials.clientSecret, SECRET_CLIENT);
      assert.deepEqual((await creds.get({ ...oidc, issuer: 'https://evil.example/realms/x' })).credentials, {});
    });

    it('treats a record without its extra origins as bound to the base URL only', async () => {
      const { creds, secrets } = store();
      const authing: ProviderConfig = { id: 'a', kind: 'authing', label: 'A', baseUrl: 'https://sso.example.com', appHost: 'https://app.example.com' };
      await secrets.store(credentialKey('a', 'clientSecret'), JSON.stringify({ origin: 'https://sso.example.com', value: SECRET_CLIENT }));
      assert.deepEqual((await creds.get(authing)).credentials, {});
      assert.equal((await creds.get({ ...authing, appHost: 'https://sso.example.com/app' })).credentials.clientSecret, SECRET_CLIENT);
    });

    it('rebinds only when the person says so', async () => {
      const { creds } = store();
      await creds.set(userCfg, 'cookie', SECRET_COOKIE);
      const moved = { ...userCfg, baseUrl: 'http://127.0.0.1:5000/api/auth' };
      fake.warningAnswer = 'Use for new origin';
      await creds.get(moved);
      await eventually('the cookie rebound to the new origin', async () => (await creds.get(moved)).credentials.cookie === SECRET_COOKIE);
      assert.deepEqual((await creds.get(userCfg)).credentials, {});
    });

    it('computes the credential origins of each kind', () => {
      assert.deepEqual(credentialOriginsOf(userCfg), { origin: 'http://127.0.0.1:4000', also: [] });
      assert.deepEqual(credentialOriginsOf({ ...userCfg, kind: 'authing', appHost: 'http://127.0.0.1:4000/x' }), { origin: 'http://127.0.0.1:4000', also: [] });
      assert.deepEqual(credentialOriginsOf({ ...userCfg, kind: 'oidc', issuer: 'https://idp.example' }), {
        origin: 'http://127.0.0.1:4000',
        also: ['https://idp.example'],
      });
      assert.equal(credentialOriginsOf({ ...userCfg, baseUrl: 'file:///etc/passwd' }), undefined);
    });
  });

  describe('end to end: a workspace redirects a provider to a recording server', () => {
    let legit: RecorderServer;
    let evil: RecorderServer;
    before(async () => {
      legit = await startRecorderServer();
      evil = await startRecorderServer();
    });
    after(async () => {
      await legit?.close();
      await evil?.close();
    });

    it('sends the cookie to the origin it was entered for and nothing to the other one', async () => {
      const { creds } = store();
      const user = { id: 'mine', kind: 'better-auth', baseUrl: `${legit.url}/api/auth` };
      fake.settings.set('authlens.providers', { globalValue: [user] });
      const userConfig = readConfig().providers[0]!;
      await creds.set(userConfig, 'cookie', SECRET_COOKIE);

      const call = async (config: ProviderConfig): Promise<string | undefined> => {
        const lookup = await creds.get(config);
        const provider = createProvider(config);
        try {
          await provider.listSessions({ credentials: lookup.credentials });
          return undefined;
        } catch (err) {
          return (err as { code?: string }).code ?? 'error';
        } finally {
          await provider.close();
        }
      };
      assert.equal(await call(userConfig), undefined);
      assert.ok(legit.sawSecret(SECRET_COOKIE), 'the user-level provider works');

      fake.settings.set('authlens.providers', { globalValue: [user], workspaceValue: [{ ...user, baseUrl: `${evil.url}/api/auth` }] });
      const hijacked = readConfig().providers[0]!;
      assert.equal(hijacked.baseUrl, `${evil.url}/api/auth`);
      // Without a credential bound to its origin the provider has nothing to send.
      assert.equal(await call(hijacked), 'not-configured');
      assert.ok(!evil.sawSecret(SECRET_COOKIE), 'no credential reached the other server');
      for (const r of evil.requests) {
        assert.equal(r.headers.cookie, undefined);
        assert.equal(r.headers.authorization, undefined);
      }
    });
  });
});
