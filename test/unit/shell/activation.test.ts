/**
 * The activation shell (src/extension.ts) under the in-memory `vscode` stub, with a recording
 * stand-in for the features bundle: it registers every command of the command table and the
 * stand-ins, loads the features only when a start-up check or a first use asks for them, hands
 * calls on, and shuts the sandbox down only if the features were loaded.
 */
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type { Features } from '../../../src/features';
import { fake, fakeMemento, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();

/** What the fake features bundle saw. */
const loads: { reason: string; parts: unknown }[] = [];
const runs: { id: string; args: readonly unknown[] }[] = [];
let shutdowns = 0;

function fakeFeatures(): Features {
  return {
    run: (id, args) => {
      runs.push({ id, args });
      return `ran ${id}`;
    },
    hover: { provideHover: () => ({ contents: ['hover'] }) },
    terminalLinks: { provideTerminalLinks: () => [], handleTerminalLink: () => undefined },
    sessionsTree: { getTreeItem: () => ({}), getChildren: () => [] },
    restoreInspector: async () => undefined,
    testHooks: { inspector: 'inspector hooks', explorer: 'explorer hooks' } as never,
    shutdownSandbox: async () => {
      shutdowns++;
    },
  };
}

// `require('./features.js')` (src/shell/lazyFeatures.ts) resolves to this fake, as the built shell's resolves to dist/features.js.
const FEATURES_ID = 'authlens-fake-features-bundle';
const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === './features.js' ? FEATURES_ID : resolve.call(this, request, ...rest);
};
M._cache[FEATURES_ID] = {
  id: FEATURES_ID,
  loaded: true,
  exports: {
    activateFeatures: (_context: unknown, parts: unknown, reason: string): Features => {
      loads.push({ reason, parts });
      return fakeFeatures();
    },
  },
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shell = require('../../../src/extension') as typeof import('../../../src/extension');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commandTable } = require('../../../src/commands/table') as typeof import('../../../src/commands/table');

const modes = { production: 1, test: 3 };
/** The last activation's subscriptions: disposed before the next (as a window reload would). */
let subscriptions: { dispose(): void }[] = [];

function activate(mode = modes.production): unknown {
  for (const d of subscriptions.splice(0)) d.dispose();
  subscriptions = [];
  const collection = { persistent: true, cleared: 0, clear: () => collection.cleared++ };
  const context = { subscriptions, globalState: fakeMemento(), extensionMode: mode, environmentVariableCollection: collection };
  const exported = shell.activate(context as never);
  assert.equal(collection.persistent, false, 'the terminal environment is never persisted');
  assert.equal(collection.cleared, 1, 'an earlier window’s export is cleared at start-up');
  return exported;
}

describe('activation shell (src/extension.ts)', () => {
  beforeEach(async () => {
    await shell.deactivate();
    for (const d of subscriptions.splice(0)) d.dispose();
    fake.reset();
    loads.length = 0;
    runs.length = 0;
    shutdowns = 0;
  });

  it('registers every command of the command table, and nothing the table lacks', () => {
    activate();
    assert.deepEqual([...fake.registered.commands.keys()].sort(), Object.keys(commandTable).sort());
  });

  it('registers the hover, the terminal links, the Sessions view and the inspector restore without loading the features', async () => {
    activate();
    assert.equal(fake.registered.hoverProviders.length, 1);
    assert.equal(fake.registered.terminalLinkProviders.length, 1);
    assert.ok(fake.registered.treeViews.has('authlens.sessions'));
    assert.ok(fake.registered.serializers.has('authlens.inspector'));
    assert.equal(loads.length, 0);
    assert.equal(await shell.deactivate(), undefined, 'nothing to shut down');
  });

  it('leaves the terminal links unregistered while authlens.terminalLinks.enabled is off', () => {
    fake.settings.set('authlens.terminalLinks.enabled', { globalValue: false });
    activate();
    assert.equal(fake.registered.terminalLinkProviders.length, 0);
  });

  it('loads the features on the first command, once, and hands on its arguments and result', async () => {
    activate();
    const decode = fake.registered.commands.get('authlens.decodeToken')!;
    assert.equal(await decode('a', 2), 'ran authlens.decodeToken');
    assert.equal(await fake.registered.commands.get('authlens.refresh')!(), 'ran authlens.refresh');
    assert.deepEqual(
      loads.map((l) => l.reason),
      ['authlens.decodeToken'],
    );
    assert.deepEqual(runs, [
      { id: 'authlens.decodeToken', args: ['a', 2] },
      { id: 'authlens.refresh', args: [] },
    ]);
    const parts = loads[0]!.parts as { sessionsView: unknown };
    assert.equal(parts.sessionsView, fake.registered.treeViews.get('authlens.sessions'), 'the features take over the shell’s view');
    await shell.deactivate();
    assert.equal(shutdowns, 1, 'deactivate shuts the sandbox down once the features are loaded');
  });

  it('loads the features when the Sessions view asks for its rows', async () => {
    activate();
    const tree = fake.registered.treeViews.get('authlens.sessions')!.treeDataProvider as { getChildren(): unknown };
    assert.deepEqual(await tree.getChildren(), []);
    assert.deepEqual(
      loads.map((l) => l.reason),
      ['Sessions view shown'],
    );
  });

  it('hovers load the features unless the hover is off or the language excluded', () => {
    fake.settings.set('authlens.hover.enabled', { globalValue: false });
    activate();
    const hover = fake.registered.hoverProviders[0] as { provideHover(doc: unknown, pos: unknown, token: unknown): unknown };
    const doc = { languageId: 'json' };
    assert.equal(hover.provideHover(doc, {}, {}), undefined);
    fake.settings.set('authlens.hover.enabled', { globalValue: true });
    fake.settings.set('authlens.hover.excludedLanguages', { globalValue: ['json'] });
    assert.equal(hover.provideHover(doc, {}, {}), undefined);
    assert.equal(loads.length, 0);
    assert.deepEqual(hover.provideHover({ languageId: 'plaintext' }, {}, {}), { contents: ['hover'] });
    assert.deepEqual(
      loads.map((l) => l.reason),
      ['first hover'],
    );
  });

  const startupCases: { name: string; set(): void; reason: string }[] = [
    { name: 'a sandbox owner is registered', set: () => fake.globalState.set('authlens.sandbox.owners', [{ pid: 1, level: 'user' }]), reason: 'sandbox owner' },
    {
      name: 'a sandbox provider is in the workspace settings',
      set: () => fake.settings.set('authlens.providers', { workspaceValue: [{ id: 'sandbox-authms', baseUrl: 'http://127.0.0.1:1234' }] }),
      reason: 'sandbox providers',
    },
    { name: 'authlens.sandbox.autoStart is on', set: () => fake.settings.set('authlens.sandbox.autoStart', { globalValue: true }), reason: 'autoStart' },
    {
      name: 'authlens.decorations.expiredHint is on',
      set: () => fake.settings.set('authlens.decorations.expiredHint', { globalValue: true }),
      reason: 'expiredHint',
    },
  ];
  for (const c of startupCases) {
    it(`loads the features at start-up when ${c.name}`, () => {
      c.set();
      activate();
      assert.equal(loads.length, 1);
      assert.match(loads[0]!.reason, new RegExp(c.reason));
    });
  }

  it('does not load them for providers the user configured (no sandbox entry)', () => {
    fake.settings.set('authlens.providers', { globalValue: [{ id: 'my-idp', kind: 'oidc', baseUrl: 'https://idp.example' }] });
    activate();
    assert.equal(loads.length, 0);
  });

  it('returns test hooks in test mode only, loading the features when read', () => {
    assert.equal(activate(modes.production), undefined);
    const hooks = activate(modes.test) as { explorer: unknown; inspector: unknown };
    assert.equal(loads.length, 0);
    assert.equal(hooks.explorer, 'explorer hooks');
    assert.equal(hooks.inspector, 'inspector hooks');
    assert.equal(loads.length, 1);
  });
});
