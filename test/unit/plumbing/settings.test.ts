/**
 * The settings owner (`Settings` in src/plumbing/config.ts): one snapshot, replaced and announced when a
 * change touches AuthLens's settings or the workspace becomes trusted, with the hover's settings
 * and the resolved proxy options in the same snapshot.
 */
import * as assert from 'node:assert/strict';
import { fake, fakeEvents, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Settings } = require('../../../src/plumbing/config') as typeof import('../../../src/plumbing/config');

type Snapshot = import('../../../src/plumbing/config').AuthLensConfig;

/** A configuration change event that touches exactly the given sections. */
function changed(...sections: string[]): { affectsConfiguration(section: string): boolean } {
  return { affectsConfiguration: (s) => sections.some((x) => x === s || x.startsWith(`${s}.`)) };
}

describe('Settings (the one owner of the settings snapshot)', () => {
  const owned: { dispose(): void }[] = [];
  function make(): InstanceType<typeof Settings> {
    const settings = new Settings();
    owned.push(settings);
    return settings;
  }
  beforeEach(() => fake.reset());
  afterEach(() => {
    for (const d of owned.splice(0)) d.dispose();
  });

  it('reads once, and again with an event when an AuthLens setting changes', () => {
    fake.settings.set('authlens.autoRefresh.seconds', { globalValue: 30 });
    const settings = make();
    assert.equal(settings.current.autoRefreshSeconds, 30);
    const seen: Snapshot[] = [];
    settings.onDidChange((c) => seen.push(c));
    fake.settings.set('authlens.autoRefresh.seconds', { globalValue: 60 });
    fakeEvents.configurationChanged.fire(changed('authlens.autoRefresh.seconds'));
    assert.equal(settings.current.autoRefreshSeconds, 60);
    assert.deepEqual(
      seen.map((c) => c.autoRefreshSeconds),
      [60],
    );
    assert.equal(seen[0], settings.current, 'the event carries the new snapshot');
  });

  it('ignores changes to settings it does not read', () => {
    const settings = make();
    const before = settings.current;
    let events = 0;
    settings.onDidChange(() => events++);
    fakeEvents.configurationChanged.fire(changed('editor.fontSize'));
    assert.equal(events, 0);
    assert.equal(settings.current, before);
  });

  it('reads the hover settings with typed keys into the same snapshot', () => {
    fake.settings.set('authlens.hover.enabled', { globalValue: false });
    fake.settings.set('authlens.hover.excludedLanguages', { globalValue: ['json', 3, 'plaintext'] });
    fake.settings.set('authlens.decorations.expiredHint', { globalValue: true });
    const hover = make().current.hover;
    assert.equal(hover.enabled, false);
    assert.deepEqual([...hover.excludedLanguages].sort(), ['json', 'plaintext']);
    assert.equal(hover.expiredHint, true);
  });

  it('resolves the proxy options once per snapshot, and again when http.proxy changes', () => {
    fake.settings.set('http.proxy', { globalValue: ' http://proxy.test:3128 ' });
    fake.settings.set('http.proxyStrictSSL', { globalValue: false });
    fake.settings.set('http.noProxy', { globalValue: ['internal.test'] });
    const settings = make();
    assert.equal(settings.current.http.proxy, 'http://proxy.test:3128');
    assert.equal(settings.current.http.strictSSL, false);
    assert.ok(settings.current.http.noProxy?.includes('internal.test'));
    fake.settings.set('http.proxy', { globalValue: 'http://other.test:8080' });
    fakeEvents.configurationChanged.fire(changed('http.proxy'));
    assert.equal(settings.current.http.proxy, 'http://other.test:8080');
  });

  it('reads again when the workspace becomes trusted (workspace values start to count)', () => {
    fake.trusted = false;
    fake.settings.set('authlens.autoRefresh.seconds', { workspaceValue: 20 });
    fake.settings.set('authlens.decorations.expiredHint', { workspaceValue: true });
    const settings = make();
    assert.equal(settings.current.autoRefreshSeconds, 0);
    assert.equal(settings.current.hover.expiredHint, false);
    fake.trusted = true;
    fakeEvents.trustGranted.fire();
    assert.equal(settings.current.autoRefreshSeconds, 20);
    assert.equal(settings.current.hover.expiredHint, true);
  });

  it('says nothing once disposed', () => {
    const settings = make();
    let events = 0;
    settings.onDidChange(() => events++);
    settings.dispose();
    fakeEvents.configurationChanged.fire(changed('authlens'));
    assert.equal(events, 0);
  });
});
