import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { clearOidcTokens, oidcTokenStoreFor, parseStoredTokens } from '../../../src/secrets/oidcTokenStore';
import { oidcTokenKey, providerIdOfTokenKey } from '../../../src/secrets/keys';
import type { StoredTokenSet } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig } from '../../../src/providers/types';

/** SecretStorage in memory (only what the token store uses). */
function fakeSecrets(): vscode.SecretStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k: string) => data.get(k),
    store: async (k: string, v: string) => void data.set(k, v),
    delete: async (k: string) => void data.delete(k),
    onDidChange: (() => ({ dispose() {} })) as unknown as vscode.Event<vscode.SecretStorageChangeEvent>,
    keys: async () => [...data.keys()],
  } as unknown as vscode.SecretStorage & { data: Map<string, string> };
}

const config: ProviderConfig = { id: 'kc', kind: 'oidc', label: 'Keycloak', baseUrl: 'https://id.example.com/realms/dev', clientId: 'c' };
const set: StoredTokenSet = {
  accessToken: 'opaque-access-token-value',
  tokenType: 'Bearer',
  grant: 'client_credentials',
  obtainedAt: 1_700_000_000_000,
  issuer: 'https://id.example.com/realms/dev',
  clientId: 'c',
};

describe('oidcTokenStore (SecretStorage)', () => {
  it('stores sets per provider and slot, bound to the issuer origin', async () => {
    const secrets = fakeSecrets();
    const store = oidcTokenStoreFor(secrets, config);
    assert.ok(store);
    await store.set('service', set);
    assert.deepEqual(await store.get('service'), set);
    assert.equal(await store.get('user'), undefined);
    const raw = JSON.parse(secrets.data.get(oidcTokenKey('kc', 'service')) ?? '{}') as { origin: string };
    assert.equal(raw.origin, 'https://id.example.com');
    assert.equal(providerIdOfTokenKey(oidcTokenKey('kc', 'service')), 'kc');
    assert.equal(providerIdOfTokenKey('authlens.credential/kc/cookie'), undefined);
  });

  it('does not hand a set to a provider now pointing at another origin', async () => {
    const secrets = fakeSecrets();
    await oidcTokenStoreFor(secrets, config)?.set('user', set);
    const moved = oidcTokenStoreFor(secrets, { ...config, baseUrl: 'https://evil.example.net', issuer: 'https://evil.example.net' });
    assert.equal(await moved?.get('user'), undefined);
    // The issuer setting wins over the base URL.
    const viaIssuer = oidcTokenStoreFor(secrets, { ...config, baseUrl: 'https://other.example', issuer: 'https://id.example.com/realms/dev' });
    assert.deepEqual(await viaIssuer?.get('user'), set);
  });

  it('reads garbage as absent, has no store for other kinds, and clears every slot', async () => {
    assert.equal(parseStoredTokens('not json', 'https://id.example.com'), undefined);
    assert.equal(parseStoredTokens(JSON.stringify({ origin: 'https://id.example.com', tokens: { accessToken: 1 } }), 'https://id.example.com'), undefined);
    const secrets = fakeSecrets();
    assert.equal(oidcTokenStoreFor(secrets, { ...config, kind: 'better-auth' }), undefined);
    const store = oidcTokenStoreFor(secrets, config);
    await store?.set('user', set);
    await store?.set('service', set);
    await clearOidcTokens(secrets, 'kc');
    assert.equal(secrets.data.size, 0);
  });
});
