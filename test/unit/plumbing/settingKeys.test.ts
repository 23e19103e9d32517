/**
 * The switches the activation shell and `readConfig()` both read (`readSwitch` in
 * src/plumbing/settingKeys.ts): one rule each, and a broken value keeps the default.
 */
import * as assert from 'node:assert/strict';
import { readSwitch, SettingKey, type SettingSource } from '../../../src/plumbing/settingKeys';

/** A `WorkspaceConfiguration` over `values`, giving the fallback for a key not set. */
function settings(values: Record<string, unknown>): SettingSource {
  return { get: (key, fallback) => (key in values ? values[key] : fallback) };
}

describe('readSwitch (settings read by the shell and by readConfig alike)', () => {
  it('keeps the defaults when nothing is set: hover and terminal links on, auto-start and hints off, nothing excluded', () => {
    const get = settings({});
    assert.equal(readSwitch.hoverEnabled(get), true);
    assert.equal(readSwitch.terminalLinks(get), true);
    assert.equal(readSwitch.sandboxAutoStart(get), false);
    assert.equal(readSwitch.expiredHint(get), false);
    assert.deepEqual(readSwitch.excludedLanguages(get), []);
  });

  it('follows the values a person sets', () => {
    const get = settings({
      [SettingKey.hoverEnabled]: false,
      [SettingKey.terminalLinksEnabled]: false,
      [SettingKey.sandboxAutoStart]: true,
      [SettingKey.expiredHint]: true,
      [SettingKey.hoverExcludedLanguages]: ['plaintext', 'log'],
    });
    assert.equal(readSwitch.hoverEnabled(get), false);
    assert.equal(readSwitch.terminalLinks(get), false);
    assert.equal(readSwitch.sandboxAutoStart(get), true);
    assert.equal(readSwitch.expiredHint(get), true);
    assert.deepEqual(readSwitch.excludedLanguages(get), ['plaintext', 'log']);
  });

  it('keeps the default for a value of the wrong type (a hand-edited settings.json)', () => {
    const get = settings({
      [SettingKey.hoverEnabled]: 'false',
      [SettingKey.terminalLinksEnabled]: 0,
      [SettingKey.sandboxAutoStart]: 'true',
      [SettingKey.expiredHint]: 1,
      [SettingKey.hoverExcludedLanguages]: 'plaintext',
    });
    assert.equal(readSwitch.hoverEnabled(get), true);
    assert.equal(readSwitch.terminalLinks(get), true);
    assert.equal(readSwitch.sandboxAutoStart(get), false);
    assert.equal(readSwitch.expiredHint(get), false);
    assert.deepEqual(readSwitch.excludedLanguages(get), []);
    assert.deepEqual(readSwitch.excludedLanguages(settings({ [SettingKey.hoverExcludedLanguages]: ['go', 7, null, 'rust'] })), ['go', 'rust']);
  });
});
