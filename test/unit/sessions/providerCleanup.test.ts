/**
 * Leftovers (issue 12, section 2): Remove Provider and Stop Sandbox forget every secret of the
 * provider (credentials and OIDC token sets), and `sandbox-*` entries that outlived their
 * sandbox (window closed, host crashed) are swept with their secrets, sparing a sandbox another
 * live window runs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ConfigLevel } from '../../../src/plumbing/config';
import { cookieSecretKey, credentialKey, oidcTokenKey } from '../../../src/secrets/keys';
import {
  forgetProviderSecrets,
  isSandboxEntry,
  levelsToSweep,
  parseOwners,
  removeSandboxEntries,
  type ProviderSettings,
} from '../../../src/sessions/providerCleanup';
import { fake, FakeLog, FakeSecrets, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// The stub has no `commands`; SandboxControl only sets a context key with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscodeStub = require('vscode') as { commands?: { executeCommand(...args: unknown[]): Promise<unknown> } };
vscodeStub.commands ??= { executeCommand: async () => undefined };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CredentialStore } = require('../../../src/secrets/credentials') as typeof import('../../../src/secrets/credentials');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SandboxControl } = require('../../../src/sessions/sandboxControl') as typeof import('../../../src/sessions/sandboxControl');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { removeProviderCommand } = require('../../../src/commands/removeProvider') as typeof import('../../../src/commands/removeProvider');

const secret = (label: string): string => `${label}-${randomBytes(12).toString('hex')}`;

/** Stores a credential and both OIDC token sets for `id`; returns the keys written. */
async function seed(secrets: FakeSecrets, id: string, origin: string): Promise<string[]> {
  const keys = [credentialKey(id, 'clientSecret'), credentialKey(id, 'cookie'), oidcTokenKey(id, 'user'), oidcTokenKey(id, 'service')];
  await secrets.store(keys[0] ?? '', JSON.stringify({ origin, value: secret('client') }));
  await secrets.store(keys[1] ?? '', JSON.stringify({ origin, value: secret('cookie') }));
  for (const key of keys.slice(2)) {
    await secrets.store(
      key,
      JSON.stringify({ origin, tokens: { accessToken: secret('at'), refreshToken: secret('rt'), issuer: origin, clientId: 'c', obtainedAt: 1 } }),
    );
  }
  return keys;
}

function memorySettings(initial: Partial<Record<ConfigLevel, unknown[]>>): ProviderSettings & { values: Record<ConfigLevel, unknown[]>; writes: number } {
  const values: Record<ConfigLevel, unknown[]> = { user: [...(initial.user ?? [])], workspace: [...(initial.workspace ?? [])] };
  const settings = {
    values,
    writes: 0,
    read: (level: ConfigLevel) => [...values[level]],
    write: async (level: ConfigLevel, entries: readonly unknown[]) => {
      settings.writes++;
      values[level] = [...entries];
    },
  };
  return settings;
}

function newStore(): { store: InstanceType<typeof CredentialStore>; secrets: FakeSecrets; log: FakeLog } {
  const secrets = new FakeSecrets();
  const log = new FakeLog();
  return { store: new CredentialStore(secrets, log as never), secrets, log };
}

const sandboxEntry = (id: string, port: number): { id: string; kind: string; label: string; baseUrl: string } => ({
  id,
  kind: 'oidc',
  label: id,
  baseUrl: `http://127.0.0.1:${port}/${id.slice('sandbox-'.length)}`,
});

/** A pid that surely belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  assert.ok(pid !== undefined && pid > 0);
  return pid;
}

function memento(initial: Record<string, unknown> = {}): {
  get(key: string): unknown;
  update(key: string, value: unknown): Promise<void>;
  keys(): readonly string[];
  data: Map<string, unknown>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: (key) => data.get(key),
    update: async (key, value) => void (value === undefined ? data.delete(key) : data.set(key, value)),
    keys: () => [...data.keys()],
  };
}

describe('providers are forgotten completely (Remove Provider, Stop Sandbox, leftovers)', () => {
  beforeEach(() => fake.reset());

  it('Remove Provider clears its credentials and its OIDC token sets, and nothing of other providers', async () => {
    const { store, secrets, log } = newStore();
    const removed = await seed(secrets, 'corp-oidc', 'https://id.example');
    const kept = await seed(secrets, 'other-oidc', 'https://id.example');
    fake.settings.set('authlens.providers', { globalValue: [{ id: 'corp-oidc', kind: 'oidc', label: 'Corp', baseUrl: 'https://id.example' }] });
    fake.warningAnswer = 'Remove';
    const stopped: string[] = [];
    const services = {
      log,
      credentials: store,
      // Remove Provider also takes the provider's token out of new terminals (Export to Terminals).
      terminalExport: { stopFor: (providerId: string) => stopped.push(providerId) > 0 },
      explorer: {
        model: {
          provider: (id: string) => (id === 'corp-oidc' ? { id, label: 'Corp', level: 'user', kind: 'oidc', baseUrl: 'https://id.example' } : undefined),
        },
      },
    };
    await removeProviderCommand(services as never)({ type: 'provider', providerId: 'corp-oidc' });
    for (const key of removed) assert.equal(secrets.map.has(key), false, `${key} left in SecretStorage`);
    for (const key of kept) assert.equal(secrets.map.has(key), true, `${key} of another provider was cleared`);
    assert.deepEqual(stopped, ['corp-oidc']);
  });

  it('Stop Sandbox clears the sandbox providers’ credentials and OIDC token sets', async () => {
    const { store, secrets, log } = newStore();
    const origin = 'http://127.0.0.1:45123';
    const keys = [...(await seed(secrets, 'sandbox-oidc', origin)), ...(await seed(secrets, 'sandbox-authing', origin))];
    const kept = await seed(secrets, 'corp-oidc', 'https://id.example');
    const control = new SandboxControl(store, log as never);
    let closed = false;
    const handle = {
      url: origin,
      providerConfigs: () => [sandboxEntry('sandbox-oidc', 45123), sandboxEntry('sandbox-authing', 45123)],
      close: async () => void (closed = true),
    };
    Object.assign(control, { handle, level: 'user', ids: ['sandbox-oidc', 'sandbox-authing'] });
    await control.stop();
    assert.equal(closed, true);
    for (const key of keys) assert.equal(secrets.map.has(key), false, `${key} left in SecretStorage`);
    for (const key of kept) assert.equal(secrets.map.has(key), true);
  });

  it('shutdown (deactivate) removes the running sandbox’s secrets and closes it without throwing', async () => {
    const { store, secrets, log } = newStore();
    const keys = await seed(secrets, 'sandbox-oidc', 'http://127.0.0.1:45124');
    const control = new SandboxControl(store, log as never);
    const owners = memento({ 'authlens.sandbox.owners': [{ pid: process.pid, level: 'user' }] });
    control.useOwnerRegistry(owners as never);
    let closed = false;
    Object.assign(control, {
      handle: { providerConfigs: () => [sandboxEntry('sandbox-oidc', 45124)], close: async () => void (closed = true) },
      level: 'user',
      ids: ['sandbox-oidc'],
    });
    await control.shutdown();
    assert.equal(closed, true);
    for (const key of keys) assert.equal(secrets.map.has(key), false);
    assert.equal(owners.data.has('authlens.sandbox.owners'), false, 'its owner record is gone');
  });

  it('the activation sweep forgets leftover sandbox secrets unless another live window registered a sandbox in user settings', async () => {
    const leftovers = [sandboxEntry('sandbox-oidc', 45125)];
    const run = async (ownerPid: number): Promise<{ secrets: FakeSecrets; keys: string[] }> => {
      const { store, secrets, log } = newStore();
      const keys = await seed(secrets, 'sandbox-oidc', 'http://127.0.0.1:45125');
      fake.settings.set('authlens.providers', { globalValue: leftovers });
      const control = new SandboxControl(store, log as never);
      control.useOwnerRegistry(memento({ 'authlens.sandbox.owners': [{ pid: ownerPid, level: 'user' }] }) as never);
      await control.sweepLeftovers();
      return { secrets, keys };
    };
    // The owner is a process that has exited: a crashed window. Everything goes.
    const crashed = await run(deadPid());
    for (const key of crashed.keys) assert.equal(crashed.secrets.map.has(key), false, `${key} survived the sweep`);
    // The owner is alive (this test's parent process stands in for another window's host).
    const live = await run(process.ppid);
    for (const key of live.keys) assert.equal(live.secrets.map.has(key), true, `${key} of a live sandbox was swept`);
  });

  it('removeSandboxEntries: drops sandbox entries on loopback from every level, keeps the rest, forgets their secrets', async () => {
    const { store, secrets } = newStore();
    const gone = [...(await seed(secrets, 'sandbox-oidc', 'http://127.0.0.1:45126')), ...(await seed(secrets, 'sandbox-authms', 'http://127.0.0.1:45126'))];
    const kept = [...(await seed(secrets, 'sandbox-mine', 'https://mine.example')), ...(await seed(secrets, 'corp', 'https://corp.example'))];
    const own = { id: 'sandbox-mine', kind: 'oidc', label: 'mine', baseUrl: 'https://mine.example' };
    const corp = { id: 'corp', kind: 'oidc', label: 'corp', baseUrl: 'https://corp.example' };
    const settings = memorySettings({ user: [corp, sandboxEntry('sandbox-oidc', 45126)], workspace: [sandboxEntry('sandbox-authms', 45126), own] });
    const removed = await removeSandboxEntries(settings, store, ['workspace', 'user']);
    assert.deepEqual(removed, ['sandbox-authms', 'sandbox-oidc']);
    assert.deepEqual(settings.values, { user: [corp], workspace: [own] });
    for (const key of gone) assert.equal(secrets.map.has(key), false, `${key} left`);
    for (const key of kept) assert.equal(secrets.map.has(key), true, `${key} cleared`);
    // The running sandbox's own ids go even when their entry was edited to point elsewhere.
    const edited = { ...sandboxEntry('sandbox-oidc', 45126), baseUrl: 'https://moved.example/oidc' };
    const withEdited = memorySettings({ workspace: [edited, own] });
    assert.deepEqual(await removeSandboxEntries(withEdited, store, ['workspace', 'user'], new Set(['sandbox-oidc'])), ['sandbox-oidc']);
    assert.deepEqual(withEdited.values.workspace, [own]);
    // Nothing left: a second sweep writes nothing.
    const writes = settings.writes;
    assert.deepEqual(await removeSandboxEntries(settings, store, ['workspace', 'user']), []);
    assert.equal(settings.writes, writes);
  });

  it('forgetProviderSecrets clears every credential kind and token slot of one id', async () => {
    const { store, secrets } = newStore();
    const keys = await seed(secrets, 'p1', 'https://a.example');
    const other = await seed(secrets, 'p10', 'https://a.example');
    // The cookie-signing secret the inspector remembered for the provider goes too.
    for (const id of ['p1', 'p10']) await secrets.store(cookieSecretKey({ providerId: id }), secret('cookie-signing'));
    keys.push(cookieSecretKey({ providerId: 'p1' }));
    other.push(cookieSecretKey({ providerId: 'p10' }));
    await forgetProviderSecrets(store, 'p1');
    for (const key of keys) assert.equal(secrets.map.has(key), false);
    for (const key of other) assert.equal(secrets.map.has(key), true, 'a provider whose id starts the same is untouched');
  });

  it('isSandboxEntry: a sandbox-* id on http://127.0.0.1:<port> only', () => {
    assert.equal(isSandboxEntry(sandboxEntry('sandbox-oidc', 1234)), true);
    assert.equal(isSandboxEntry({ id: 'sandbox-oidc', baseUrl: 'https://id.example/oidc' }), false);
    assert.equal(isSandboxEntry({ id: 'sandbox-oidc', baseUrl: 'http://127.0.0.1/oidc' }), false);
    assert.equal(isSandboxEntry({ id: 'corp', baseUrl: 'http://127.0.0.1:1234/oidc' }), false);
    assert.equal(isSandboxEntry({ id: 'sandbox-oidc', baseUrl: 'not a url' }), false);
    assert.equal(isSandboxEntry('sandbox-oidc'), false);
    assert.equal(isSandboxEntry(null), false);
  });

  it('levelsToSweep: user settings are spared only for another live host’s sandbox there', () => {
    const alive = (pid: number): boolean => pid === 200;
    assert.deepEqual(levelsToSweep([], 100, alive), ['workspace', 'user']);
    assert.deepEqual(levelsToSweep([{ pid: 200, level: 'user' }], 100, alive), ['workspace']);
    assert.deepEqual(levelsToSweep([{ pid: 300, level: 'user' }], 100, alive), ['workspace', 'user'], 'dead owner');
    assert.deepEqual(
      levelsToSweep([{ pid: 100, level: 'user' }], 100, () => true),
      ['workspace', 'user'],
      'this host itself',
    );
    assert.deepEqual(levelsToSweep([{ pid: 200, level: 'workspace' }], 100, alive), ['workspace', 'user'], 'another workspace');
    assert.deepEqual(parseOwners([{ pid: 1, level: 'user' }, { pid: 'x', level: 'user' }, { pid: 2, level: 'global' }, null]), [{ pid: 1, level: 'user' }]);
    assert.deepEqual(parseOwners('nope'), []);
  });
});
