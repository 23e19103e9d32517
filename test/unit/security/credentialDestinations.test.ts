/**
 * Issue 12, section 2: a credential goes only where the person was told. Set Credential's
 * prompt and status message name every origin the credential will be sent to, from the same
 * function the HTTP client's allow-list and the SecretStorage binding use; workspace entries
 * are marked; every declared secret, however short, is held to the origin check; the
 * origin-change prompt says when TLS checks are off.
 */
import * as assert from 'node:assert/strict';
import { isAuthLensError } from '../../../src/core/errors';
import { credentialDestinations } from '../../../src/providers/credentialOrigins';
import { providerHttpClient } from '../../../src/providers/providerHttp';
import type { CredentialKind, ProviderConfig } from '../../../src/providers/types';
import { fake, FakeLog, FakeSecrets, installVscodeStub } from './vscodeStub';
import { credentialKey } from '../../../src/secrets/keys';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CredentialStore } = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setCredentialCommand } = require('../../../src/commands/setCredential') as typeof import('../../../src/commands/setCredential');

type Level = 'user' | 'workspace';
const SECRET = `client-secret-${Math.random().toString(36).slice(2)}`;

/** Closed loopback ports: a request that passes the origin check fails fast with net-refused. */
const base = 'http://127.0.0.1:9';
const other = 'http://127.0.0.1:7';
const configs: readonly ProviderConfig[] = [
  { id: 'ba', kind: 'better-auth', label: 'BA', baseUrl: `${base}/api/auth` },
  { id: 'oidc', kind: 'oidc', label: 'OIDC', baseUrl: `${base}/app`, issuer: 'http://127.0.0.1:13/realms/x', clientId: 'c' },
  { id: 'oidc-same', kind: 'oidc', label: 'OIDC same origin', baseUrl: `${base}/app`, issuer: `${base}/realms/x`, clientId: 'c' },
  { id: 'authing', kind: 'authing', label: 'Authing', baseUrl: `${base}`, appHost: 'http://127.0.0.1:19' },
];

async function sendCode(config: ProviderConfig, url: string, req: { secrets?: string[]; headers?: Record<string, string> }): Promise<string> {
  const http = providerHttpClient(config, {});
  try {
    await http.send({ method: 'POST', url, form: { x: '1' }, ...req } as never);
    return 'sent';
  } catch (err) {
    return isAuthLensError(err) ? err.code : 'error';
  } finally {
    await http.close();
  }
}

function services(config: ProviderConfig & { level: Level }, kinds: readonly CredentialKind[]) {
  const secrets = new FakeSecrets();
  const credentials = new CredentialStore(secrets, new FakeLog() as never);
  const model = {
    providers: [config],
    provider: (id: string) => (id === config.id ? config : undefined),
    credentialKinds: () => kinds,
    refresh: async () => undefined,
    // No discovery here: the issuers are closed ports (discovered origins: test/unit/security/discoveredOrigins.test.ts).
    discoveredOrigins: async () => undefined,
  };
  return { secrets, svc: { explorer: { model }, credentials, log: new FakeLog() } as never };
}

describe('security: credentials go only where the person was told', function () {
  this.timeout(10_000);
  beforeEach(() => fake.reset());

  it('names, for every kind, exactly the origins the HTTP client lets a credential reach', async () => {
    for (const config of configs) {
      const named = credentialDestinations(config);
      assert.ok(named.length >= 1, config.id);
      for (const origin of named) {
        assert.notEqual(await sendCode(config, `${origin}/x`, { secrets: [SECRET] }), 'origin-mismatch', `${config.id}: ${origin} is named but refused`);
      }
      assert.equal(await sendCode(config, `${other}/x`, { secrets: [SECRET] }), 'origin-mismatch', `${config.id}: an unnamed origin got the secret`);
    }
    assert.deepEqual(credentialDestinations(configs[1]!), [base, 'http://127.0.0.1:13']);
    assert.deepEqual(credentialDestinations(configs[2]!), [base]);
    assert.deepEqual(credentialDestinations(configs[3]!), [base, 'http://127.0.0.1:19']);
  });

  it('holds a declared secret under 4 characters to the origin check too', async () => {
    const config = configs[0]!;
    assert.equal(await sendCode(config, `${other}/x`, { secrets: ['abc'] }), 'origin-mismatch');
    assert.equal(await sendCode(config, `${other}/x`, { secrets: ['a'] }), 'origin-mismatch');
    assert.equal(await sendCode(config, `${other}/x`, { headers: { cookie: 'a=b' } }), 'origin-mismatch');
    // Requests without any credential still go anywhere (discovery, JWKS).
    assert.equal(await sendCode(config, `${other}/x`, {}), 'net-refused');
  });

  it('Set Credential names the issuer origin of an oidc provider, not only its base URL, in the prompt and the status message', async () => {
    const config = { ...configs[1]!, level: 'user' as const };
    const { svc, secrets } = services(config, ['clientSecret']);
    fake.inputAnswer = SECRET;
    await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
    const prompt = fake.inputBoxes[0]?.prompt ?? '';
    assert.match(prompt, /only sent to http:\/\/127\.0\.0\.1:9, http:\/\/127\.0\.0\.1:13\./);
    assert.ok(
      fake.messages.some((m) => m.includes('bound to http://127.0.0.1:9, http://127.0.0.1:13')),
      fake.messages.join('\n'),
    );
    assert.ok(!prompt.includes('workspace settings'));
    // And the credential is bound to exactly those origins.
    const stored = JSON.parse(secrets.map.get(credentialKey(config.id, 'clientSecret')) ?? '{}') as { origin?: string; also?: string[] };
    assert.deepEqual([stored.origin, ...(stored.also ?? [])], credentialDestinations(config));
    assert.ok(![...fake.messages, prompt].join('\n').includes(SECRET));
  });

  it('Set Credential names Authing’s appHost and marks a provider from workspace settings', async () => {
    const config = { ...configs[3]!, level: 'workspace' as const };
    const { svc } = services(config, ['clientSecret']);
    fake.inputAnswer = SECRET;
    await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
    const box = fake.inputBoxes[0];
    assert.match(box?.prompt ?? '', /only sent to http:\/\/127\.0\.0\.1:9, http:\/\/127\.0\.0\.1:19\./);
    assert.match(box?.prompt ?? '', /workspace settings/);
    assert.match(box?.title ?? '', /Authing \(workspace settings\)/);
    assert.ok(
      fake.messages.some((m) => m.includes('Authing (workspace settings)') && m.includes('http://127.0.0.1:19')),
      fake.messages.join('\n'),
    );
  });

  it('the origin-change prompt says when TLS checks are off for the provider', async () => {
    const secrets = new FakeSecrets();
    const creds = new CredentialStore(secrets, new FakeLog() as never);
    const config: ProviderConfig = { id: 't', kind: 'better-auth', label: 'T', baseUrl: 'https://a.example/api' };
    await creds.set(config, 'cookie', SECRET);
    await creds.get({ ...config, baseUrl: 'https://b.example/api' });
    await creds.get({ ...config, baseUrl: 'https://c.example/api', allowInsecureTls: true });
    await new Promise((r) => setImmediate(r));
    assert.equal(fake.warnings.length, 2);
    assert.ok(!/TLS/.test(fake.warnings[0]!), fake.warnings[0]);
    assert.match(fake.warnings[1]!, /TLS certificate checks are off for this provider/);
    assert.ok(!fake.warnings.join('\n').includes(SECRET));
  });
});

describe('security: the Sessions tree tells where credentials go and who defined the provider', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TreeItemFactory } = require('../../../src/sessions/treeItems') as typeof import('../../../src/sessions/treeItems');
  const state = { kind: 'signed-out', sessions: [], loadingMore: false, noCredential: true, setAside: [] };

  function providerRow(config: ProviderConfig & { level: Level }): { description: string; tooltip: string } {
    const model = { provider: (id: string) => (id === config.id ? config : undefined), state: () => state };
    const factory = new TreeItemFactory(model as never);
    const node = { type: 'provider', providerId: config.id } as const;
    const item = factory.resolve(factory.item(node, Date.now()), node, Date.now());
    // The tooltip escapes every punctuation character; read it back as text.
    const tooltip = (item.tooltip as { value: string }).value.replace(/\\(.)/g, '$1');
    return { description: String(item.description ?? ''), tooltip };
  }

  it('names every origin in the provider tooltip, from the same list the client allows', () => {
    const row = providerRow({ ...configs[1]!, level: 'user' });
    assert.match(row.tooltip, /Credentials sent to \| http:\/\/127\.0\.0\.1:9, http:\/\/127\.0\.0\.1:13 \|/);
    assert.ok(!row.description.includes('workspace settings'));
  });

  it('marks a provider from workspace settings in its row, not only in the tooltip', () => {
    const row = providerRow({ ...configs[3]!, level: 'workspace' });
    assert.match(row.description, /workspace settings/);
    assert.match(row.tooltip, /Defined in \| workspace settings/);
    assert.match(row.tooltip, /http:\/\/127\.0\.0\.1:19/);
  });
});

describe('security: pickers mark workspace providers; Add Provider stores parsed URLs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pickProvider } = require('../../../src/sessions/explorerArgs') as typeof import('../../../src/sessions/explorerArgs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pickOidcProvider } = require('../../../src/commands/oidcShared') as typeof import('../../../src/commands/oidcShared');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { addProviderCommand } = require('../../../src/commands/addProvider') as typeof import('../../../src/commands/addProvider');
  beforeEach(() => fake.reset());

  it('marks workspace providers in the provider quick picks', async () => {
    const providers = [
      { ...configs[1]!, label: 'Corp IdP', level: 'user' as const },
      { ...configs[2]!, label: 'Corp IdP', level: 'workspace' as const },
    ];
    const explorer = { model: { providers, provider: () => undefined } };
    await pickProvider(explorer as never, undefined);
    await pickOidcProvider({ explorer } as never, undefined);
    assert.equal(fake.quickPicks.length, 2);
    for (const items of fake.quickPicks) {
      assert.deepEqual(
        items.map((i) => i.label),
        ['Corp IdP', 'Corp IdP (workspace settings)'],
      );
    }
  });

  it('writes the parsed base URL and issuer, not the text as typed', async () => {
    const id = await addProviderCommand({ log: new FakeLog() } as never)({
      kind: 'oidc',
      baseUrl: ' https://id\n.example.com/realms/\tx/\n',
      label: 'X',
      level: 'user',
      clientId: ' c ',
    });
    const written = fake.settings.get('authlens.providers')?.globalValue as Record<string, string>[];
    assert.equal(written.length, 1);
    assert.deepEqual(
      { id: written[0]!.id, baseUrl: written[0]!.baseUrl, issuer: written[0]!.issuer, clientId: written[0]!.clientId },
      { id, baseUrl: 'https://id.example.com/realms/x', issuer: 'https://id.example.com/realms/x', clientId: 'c' },
    );
  });
});
