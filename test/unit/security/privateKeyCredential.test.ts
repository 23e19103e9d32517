/**
 * Set Credential for the `privateKey` credential (`private_key_jwt`): the pasted key is checked
 * with jose before it is stored, a bad one is explained and not stored, and the key text never
 * appears in a message.
 */
import * as assert from 'node:assert/strict';
import { exportPKCS8, generateKeyPair } from 'jose';
import type { ProviderConfig } from '../../../src/providers/types';
import { credentialKey } from '../../../src/secrets/keys';
import { fake, FakeLog, FakeSecrets, installVscodeStub } from './vscodeStub';
import { installProvidersBundle } from './providersBundleStub';

installVscodeStub();
installProvidersBundle();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CredentialStore } = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setCredentialCommand } = require('../../../src/commands/setCredential') as typeof import('../../../src/commands/setCredential');

const config: ProviderConfig & { level: 'user' } = {
  id: 'oidc',
  kind: 'oidc',
  label: 'OIDC',
  baseUrl: 'https://id.example.com',
  issuer: 'https://id.example.com',
  clientId: 'c',
  level: 'user',
};

function services(): { secrets: FakeSecrets; svc: never } {
  const secrets = new FakeSecrets();
  const credentials = new CredentialStore(secrets, new FakeLog() as never);
  const model = { providers: [config], provider: () => config, credentialKinds: () => ['privateKey'], refresh: async () => undefined };
  return { secrets, svc: { explorer: { model }, credentials, log: new FakeLog() } as never };
}

describe('security: the privateKey credential is checked before it is stored', function () {
  this.timeout(10_000);
  let pem: string;
  before(async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    pem = await exportPKCS8(privateKey);
  });
  beforeEach(() => fake.reset());

  it('stores a PKCS#8 PEM pasted as one line, with its line breaks back, and never shows it', async () => {
    const { svc, secrets } = services();
    fake.inputAnswer = pem.replace(/\n/g, ' ');
    await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
    const stored = JSON.parse(secrets.map.get(credentialKey(config.id, 'privateKey')) ?? '{}') as { value?: string; origin?: string };
    assert.equal(stored.value, pem);
    assert.equal(stored.origin, 'https://id.example.com');
    assert.match(fake.inputBoxes[0]?.prompt ?? '', /PKCS#8 PEM or a private JWK/);
    const body = pem.split('\n')[1] ?? '';
    assert.ok(body.length > 20);
    assert.ok(![...fake.messages, ...fake.inputBoxes.map((b) => b.prompt ?? '')].join('\n').includes(body));
  });

  it('refuses a PKCS#1 key with the conversion command, stores nothing and does not echo it', async () => {
    const { svc, secrets } = services();
    const pkcs1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----';
    fake.inputAnswer = pkcs1;
    await setCredentialCommand(svc)({ type: 'provider', providerId: config.id });
    assert.equal(secrets.map.get(credentialKey(config.id, 'privateKey')), undefined);
    assert.ok(
      fake.messages.some((m) => m.includes('openssl pkcs8 -topk8 -nocrypt')),
      fake.messages.join('\n'),
    );
    assert.ok(!fake.messages.join('\n').includes('MIIBOgIBAAJBAKj34'));
  });
});
