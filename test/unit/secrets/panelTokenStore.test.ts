import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { PanelTokenStore } from '../../../src/secrets/panelTokenStore';
import type { InspectInput } from '../../../src/shared/inspectInput';
import type { SessionInfo } from '../../../src/providers/types';

/** SecretStorage in memory: only what the store calls. */
function memorySecrets(): { secrets: vscode.SecretStorage; map: Map<string, string> } {
  const map = new Map<string, string>();
  const secrets = {
    get: async (key: string) => map.get(key),
    store: async (key: string, value: string) => void map.set(key, value),
    delete: async (key: string) => void map.delete(key),
  } as unknown as vscode.SecretStorage;
  return { secrets, map };
}

const made = (label: string): string => `${label}-${randomBytes(12).toString('hex')}`;

/** An Authing-like session: the raw JSON carries a password hash and salt, the session a refresh token and cookie. */
function authingInput(): { input: InspectInput; secrets: string[] } {
  const access = made('access');
  const refresh = made('refresh');
  const cookie = made('cookie');
  const password = made('pwhash');
  const salt = made('salt');
  const session: SessionInfo = {
    id: 'sess-1',
    user: { id: 'u1', name: 'Ada', email: 'ada@example.test' },
    status: 'active',
    createdAt: '2026-01-01T00:00:00Z',
    expiresAt: '2026-01-02T00:00:00Z',
    current: true,
    tokens: [
      { kind: 'access-token', label: 'Access token', value: access, opaque: false },
      { kind: 'refresh-token', label: 'Refresh token', value: refresh, opaque: true },
      { kind: 'session-token', label: 'Session token', value: cookie, opaque: true },
    ],
    raw: { session: { id: 'sess-1', cookie: { value: cookie } }, user: { id: 'u1', password, salt } },
  };
  return {
    input: { token: access, source: { providerId: 'authing-dev', providerLabel: 'Authing', providerKind: 'authing', session, tokenKind: 'access-token' } },
    secrets: [refresh, cookie, password, salt],
  };
}

describe('secrets/panelTokenStore: the restore slot', () => {
  it('keeps the token and non-secret session fields, never the raw session, its user JSON or other tokens', async () => {
    const { secrets, map } = memorySecrets();
    const store = new PanelTokenStore(secrets, () => 1_000);
    const { input, secrets: hidden } = authingInput();
    await store.save('k1', input);
    const stored = [...map.values()].join('\n');
    assert.ok(stored.includes(input.token), 'the shown token is kept for the restore');
    for (const value of hidden) assert.ok(!stored.includes(value), 'a session secret reached the restore slot');
    assert.ok(!/password|salt/.test(stored));

    const restored = await store.load('k1');
    assert.equal(restored?.token, input.token);
    assert.equal(restored?.source?.providerId, 'authing-dev');
    assert.equal(restored?.source?.tokenKind, 'access-token');
    // The kind travels with the input, so the restored panel reads the session with its claim contexts.
    assert.equal(restored?.source?.providerKind, 'authing');
    const session = restored?.source?.session;
    assert.equal(session?.id, 'sess-1');
    assert.equal(session?.status, 'active');
    assert.equal(session?.current, true);
    assert.equal(session?.expiresAt, '2026-01-02T00:00:00Z');
    assert.deepEqual(session?.user, { id: 'u1', name: 'Ada', email: 'ada@example.test' });
    assert.deepEqual(
      session?.tokens.map((t) => t.value),
      [input.token],
    );
    assert.deepEqual(session?.raw, { session: {} });
  });

  it('an entry written with the raw session (older version) is handed out without it', async () => {
    const { secrets, map } = memorySecrets();
    const store = new PanelTokenStore(secrets, () => 1_000);
    const { input, secrets: hidden } = authingInput();
    map.set('authlens.inspector/panelToken', JSON.stringify({ panelKey: 'k2', savedAt: 900, input }));
    const restored = JSON.stringify(await store.load('k2'));
    assert.ok(restored.includes(input.token));
    for (const value of hidden) assert.ok(!restored.includes(value));
  });

  it('another panel key gets nothing; a day-old entry is deleted', async () => {
    const { secrets, map } = memorySecrets();
    let now = 1_000;
    const store = new PanelTokenStore(secrets, () => now);
    await store.save('k3', { token: made('tok') });
    assert.equal(await store.load('other'), undefined);
    now += 24 * 3600 * 1000;
    assert.equal(await store.load('k3'), undefined);
    assert.equal(map.size, 0);
  });
});
