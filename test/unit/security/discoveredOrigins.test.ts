/**
 * Issue 14: what the person is told is what is sent, with endpoints that an issuer's discovery
 * document names on other origins. Set Credential fetches discovery and names every origin;
 * the binding records them; the tree tooltip names them; a refreshed document that adds an
 * origin sets the credential aside and asks, and until the person says yes nothing reaches it
 * (checked against the real oidc-provider with its endpoints behind a second origin).
 */
import * as assert from 'node:assert/strict';
import { OidcProvider } from '../../../src/providers/oidc';
import type { DiscoveredCredentialOrigins } from '../../../src/providers/oidc/endpointOrigins';
import type { ProviderConfig } from '../../../src/providers/types';
import { credentialKey } from '../../../src/secrets/keys';
import { startSplitOriginOidc, type SplitOriginOidc } from '../../fixtures/splitOriginOidc';
import { loadFixture, oidcConfig } from '../providers/oidcHelpers';
import { eventually, fake, FakeLog, FakeSecrets, installVscodeStub } from './vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CredentialStore } = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setCredentialCommand } = require('../../../src/commands/setCredential') as typeof import('../../../src/commands/setCredential');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TreeItemFactory } = require('../../../src/sessions/treeItems') as typeof import('../../../src/sessions/treeItems');

const SECRET = `client-secret-${Math.random().toString(36).slice(2)}`;
const issuer = 'https://accounts.example';
const google: ProviderConfig = { id: 'g', kind: 'oidc', label: 'G', baseUrl: issuer, issuer, clientId: 'c' };
const tokenHost = 'https://oauth2.example';
const userinfoHost = 'https://openidconnect.example';

function stored(secrets: FakeSecrets, id: string): string[] {
  const raw = JSON.parse(secrets.map.get(credentialKey(id, 'clientSecret')) ?? '{}') as { origin?: string; also?: string[] };
  return [raw.origin ?? '', ...(raw.also ?? [])];
}

describe('security: credentials and the origins an issuer’s discovery names', function () {
  this.timeout(20_000);
  beforeEach(() => fake.reset());

  describe('CredentialStore', () => {
    it('binds a credential to the discovered endpoint origins and hands it out while discovery names no more', async () => {
      const secrets = new FakeSecrets();
      const creds = new CredentialStore(secrets, new FakeLog() as never);
      await creds.set(google, 'clientSecret', SECRET, [tokenHost, userinfoHost]);
      assert.deepEqual(stored(secrets, 'g'), [issuer, tokenHost, userinfoHost]);
      const same = await creds.get(google, [userinfoHost, tokenHost]);
      assert.equal(same.credentials.clientSecret, SECRET);
      assert.deepEqual(same.origins, [issuer, userinfoHost, tokenHost]);
      // Fewer origins than it was stored for: it goes to fewer places, which is fine.
      assert.equal((await creds.get(google, [tokenHost])).credentials.clientSecret, SECRET);
      assert.equal((await creds.get(google)).credentials.clientSecret, SECRET);
      // The question would be asked before get() returns (nothing is awaited before it).
      assert.deepEqual(fake.warnings, []);
    });

    it('sets the credential aside when a refreshed document adds an origin, and asks in those words', async () => {
      const secrets = new FakeSecrets();
      const log = new FakeLog();
      const creds = new CredentialStore(secrets, log as never);
      await creds.set(google, 'clientSecret', SECRET, [tokenHost]);
      const moved = await creds.get(google, [tokenHost, 'https://new-endpoint.example']);
      assert.deepEqual(moved.credentials, {});
      assert.deepEqual(moved.setAside[0]?.addedByDiscovery, ['https://new-endpoint.example']);
      await eventually('the set-aside question', () => fake.warnings.length > 0);
      assert.equal(fake.warnings.length, 1);
      assert.match(fake.warnings[0]!, /now names https:\/\/new-endpoint\.example in its discovery document/);
      assert.match(fake.warnings[0]!, /stored for https:\/\/accounts\.example \+ https:\/\/oauth2\.example only/);
      assert.ok(![...fake.warnings, ...log.lines].join('\n').includes(SECRET));
    });

    it('rebinds to the discovered origins only when the person says so', async () => {
      const secrets = new FakeSecrets();
      const creds = new CredentialStore(secrets, new FakeLog() as never);
      await creds.set(google, 'clientSecret', SECRET);
      fake.warningAnswer = 'Use for new origin';
      assert.deepEqual((await creds.get(google, [tokenHost])).credentials, {});
      await eventually('the credential rebound to the discovered origin', () => stored(secrets, 'g').length === 2);
      assert.deepEqual(stored(secrets, 'g'), [issuer, tokenHost]);
      assert.equal((await creds.get(google, [tokenHost])).credentials.clientSecret, SECRET);
    });

    it('still sets aside a credential whose base origin moved, whatever discovery says', async () => {
      const secrets = new FakeSecrets();
      const creds = new CredentialStore(secrets, new FakeLog() as never);
      await creds.set(google, 'clientSecret', SECRET, [tokenHost]);
      const other = await creds.get({ ...google, baseUrl: 'https://evil.example', issuer: 'https://evil.example' }, [tokenHost]);
      assert.deepEqual(other.credentials, {});
      assert.equal(other.setAside[0]?.addedByDiscovery, undefined, 'not worded as a discovery change');
    });
  });

  describe('Set Credential, the tooltip and the real server', () => {
    let split: SplitOriginOidc;
    before(async () => {
      split = await startSplitOriginOidc(await loadFixture(), { extra: { revocation_endpoint: 'http://authlens-split-origin.invalid/revoke' } });
    });
    after(async () => split?.close());

    function services(config: ProviderConfig & { level: 'user' }, secrets: FakeSecrets) {
      const credentials = new CredentialStore(secrets, new FakeLog() as never);
      const model = {
        providers: [config],
        provider: (id: string) => (id === config.id ? config : undefined),
        credentialKinds: () => ['clientSecret'],
        refresh: async () => undefined,
        discoveredOrigins: async (c: ProviderConfig): Promise<DiscoveredCredentialOrigins> => {
          const provider = new OidcProvider(c);
          try {
            return await provider.credentialOrigins();
          } finally {
            await provider.close();
          }
        },
      };
      return { credentials, svc: { explorer: { model }, credentials, log: new FakeLog() } as never };
    }

    it('names every origin the credential will go to, says which named endpoint gets nothing, and binds exactly those', async () => {
      const config = { ...oidcConfig(split.server), id: 'split-set', level: 'user' as const };
      const secrets = new FakeSecrets();
      const { svc } = services(config, secrets);
      fake.inputAnswer = SECRET;
      await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
      const prompt = fake.inputBoxes[0]?.prompt ?? '';
      const both = `${split.server.issuer}, ${split.endpointsOrigin}`;
      assert.ok(prompt.includes(`only sent to ${both}.`), prompt);
      assert.match(prompt, /Not sent to http:\/\/authlens-split-origin\.invalid \(a plain http endpoint on another machine\)/);
      assert.ok(
        fake.messages.some((m) => m.includes(`bound to ${both}`)),
        fake.messages.join('\n'),
      );
      assert.deepEqual(stored(secrets, config.id), [split.server.issuer, split.endpointsOrigin]);
      assert.ok(![...fake.messages, prompt].join('\n').includes(SECRET));
    });

    it('says so when discovery cannot be read, and binds the settings’ origins only', async () => {
      const config = {
        ...oidcConfig(split.server),
        id: 'split-down',
        issuer: 'http://127.0.0.1:9/down',
        baseUrl: 'http://127.0.0.1:9/down',
        level: 'user' as const,
      };
      const secrets = new FakeSecrets();
      const { svc } = services(config, secrets);
      fake.inputAnswer = SECRET;
      await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
      const prompt = fake.inputBoxes[0]?.prompt ?? '';
      assert.match(prompt, /only sent to http:\/\/127\.0\.0\.1:9\. The issuer’s discovery document could not be read \(/);
      assert.deepEqual(stored(secrets, config.id), ['http://127.0.0.1:9']);
    });

    it('the provider tooltip names the discovered origin and the refused one, from the last load', () => {
      const config = { ...oidcConfig(split.server), level: 'user' as const };
      const state = {
        kind: 'signed-out',
        sessions: [],
        loadingMore: false,
        noCredential: true,
        setAside: [],
        discovered: {
          trusted: [split.endpointsOrigin],
          refused: [{ origin: 'http://authlens-split-origin.invalid', fields: ['revocation_endpoint'], reason: 'endpoint-not-https' }],
        },
      };
      const model = { provider: () => config, state: () => state };
      const factory = new TreeItemFactory(model as never);
      const node = { type: 'provider', providerId: config.id } as const;
      const item = factory.resolve(factory.item(node, Date.now()), node, Date.now());
      const tooltip = (item.tooltip as { value: string }).value.replace(/\\(.)/g, '$1');
      assert.ok(tooltip.includes(`Credentials sent to | ${split.server.issuer}, ${split.endpointsOrigin} |`), tooltip);
      assert.ok(tooltip.includes('Not sent to | http://authlens-split-origin.invalid (plain http endpoint) |'), tooltip);
    });

    it('a credential stored before discovery named the endpoints’ origin never reaches it', async () => {
      const config = { ...oidcConfig(split.server), id: 'split-old' };
      const secrets = new FakeSecrets();
      const creds = new CredentialStore(secrets, new FakeLog() as never);
      const secret = split.server.clients.service.clientSecret;
      // As stored by a version that bound it to the issuer alone.
      await creds.set(config, 'clientSecret', secret);
      const provider = new OidcProvider(config);
      try {
        const discovered = await provider.credentialOrigins();
        const lookup = await creds.get(config, discovered.trusted);
        assert.deepEqual(lookup.credentials, {});
        assert.deepEqual(lookup.setAside[0]?.addedByDiscovery, [split.endpointsOrigin]);
        const before = split.proxied.length;
        await provider.getServiceToken({ credentials: lookup.credentials, credentialOrigins: lookup.origins }).catch(() => undefined);
        assert.ok(split.proxied.length > before, 'the token endpoint was asked (as a public client)');
        assert.ok(!split.proxySaw(secret), 'the secret set aside did not reach the endpoints’ origin');
      } finally {
        await provider.close();
      }
    });
  });
});
