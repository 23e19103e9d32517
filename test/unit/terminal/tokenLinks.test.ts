/**
 * The terminal link provider (src/terminal/tokenLinks.ts): the links VS Code gets for a line,
 * what a click hands the inspector (the token, in memory, with what was stripped), a failure
 * that names no token, and the setting that registers and unregisters the provider.
 */
import * as assert from 'node:assert/strict';
import type { InspectInput } from '../../../src/shared/inspectInput';
import { expressSessionCookie } from '../../fixtures/signedCookies';
import { rawToken } from '../../fixtures/tokens';
import { fake, FakeLog, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TokenTerminalLinkProvider } = require('../../../src/terminal/tokenLinks') as typeof import('../../../src/terminal/tokenLinks');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TerminalTokenLinks } = require('../../../src/terminal/tokenLinkRegistration') as typeof import('../../../src/terminal/tokenLinkRegistration');

const NOW = Date.UTC(2026, 0, 1);
const TOKEN = rawToken({ alg: 'RS256' }, { sub: 'alice', iss: 'https://issuer.test', exp: NOW / 1000 + 90 });

/** A settings owner whose snapshot the test flips, announcing each change. */
function fakeSettings(terminalLinks: boolean) {
  const listeners: (() => void)[] = [];
  const settings = {
    current: { terminalLinks },
    onDidChange: (l: () => void) => {
      listeners.push(l);
      return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
    },
    set(on: boolean): void {
      settings.current = { terminalLinks: on };
      for (const l of [...listeners]) l();
    },
    get listeners(): number {
      return listeners.length;
    },
  };
  return settings;
}

describe('terminal/tokenLinks', () => {
  beforeEach(() => fake.reset());

  it('gives VS Code one link per token, at its offset, with the plain tooltip', () => {
    const provider = new TokenTerminalLinkProvider({ open: async () => undefined, log: new FakeLog(), now: () => NOW });
    const line = `\x1b[36m$\x1b[0m curl -H "Authorization: Bearer ${TOKEN}" https://api.test`;
    const links = provider.provideTerminalLinks({ line });
    assert.equal(links.length, 1);
    assert.equal(links[0]?.startIndex, line.indexOf(TOKEN));
    assert.equal(links[0]?.length, TOKEN.length);
    assert.equal(links[0]?.tooltip, 'Inspect in AuthLens: JWT (signed) · sub: "alice" · iss: "https://issuer.test" · 1m 30s left · decoded, not verified');
    assert.deepEqual(provider.provideTerminalLinks({ line: 'npm ERR! code ELIFECYCLE' }), []);
  });

  it('a click opens the inspector on the token, with the wrappers it was read through', async () => {
    const opened: InspectInput[] = [];
    const provider = new TokenTerminalLinkProvider({ open: async (input) => void opened.push(input), log: new FakeLog(), now: () => NOW });
    const [bearer] = provider.provideTerminalLinks({ line: `Authorization: Bearer ${TOKEN}` });
    const [bare] = provider.provideTerminalLinks({ line: `echo ${TOKEN}` });
    await provider.handleTerminalLink(bearer!);
    await provider.handleTerminalLink(bare!);
    assert.deepEqual(opened, [{ token: TOKEN, stripped: ['bearer'] }, { token: TOKEN }]);
  });

  it('a signed session cookie in a Set-Cookie line is a link; a click opens the inspector on its value', async () => {
    const opened: InspectInput[] = [];
    const provider = new TokenTerminalLinkProvider({ open: async (input) => void opened.push(input), log: new FakeLog(), now: () => NOW });
    const value = expressSessionCookie();
    const [link, ...rest] = provider.provideTerminalLinks({ line: `< set-cookie: connect.sid=${value}; Path=/; HttpOnly` });
    assert.equal(rest.length, 0);
    assert.match(link!.tooltip ?? '', /^Inspect in AuthLens: Signed session cookie · express-session cookie/);
    await provider.handleTerminalLink(link!);
    assert.deepEqual(opened, [{ token: value, stripped: ['cookie'] }]);
  });

  it('when the inspector fails: one error notification and a log line, neither with the token', async () => {
    const log = new FakeLog();
    const provider = new TokenTerminalLinkProvider({
      open: () => Promise.reject(new TypeError(`bad ${TOKEN}`)),
      log,
      now: () => NOW,
    });
    const [link] = provider.provideTerminalLinks({ line: TOKEN });
    await provider.handleTerminalLink(link!);
    assert.deepEqual(fake.messages, ['AuthLens could not open the token inspector.']);
    assert.deepEqual(log.lines, ['Terminal link: the inspector did not open (TypeError)']);
    for (const text of [...fake.messages, ...log.lines]) assert.ok(!text.includes(TOKEN.split('.')[1]!), text);
  });

  it('is registered while authlens.terminalLinks.enabled is on, follows the setting, and goes on dispose', () => {
    const registered: { disposed: boolean }[] = [];
    const registerProvider = () => {
      const r = { disposed: false, dispose: () => void (r.disposed = true) };
      registered.push(r);
      return r;
    };
    const settings = fakeSettings(true);
    const provider = new TokenTerminalLinkProvider({ open: async () => undefined, log: new FakeLog() });
    const links = new TerminalTokenLinks(settings, provider, registerProvider);
    assert.equal(links.active, true);
    assert.equal(registered.length, 1);
    settings.set(true);
    assert.equal(registered.length, 1, 'a change that keeps it on registers nothing more');
    settings.set(false);
    assert.equal(links.active, false);
    assert.equal(registered[0]?.disposed, true);
    settings.set(true);
    assert.equal(registered.length, 2);
    links.dispose();
    assert.equal(registered[1]?.disposed, true);
    assert.equal(settings.listeners, 0, 'stops following the setting');
    assert.equal(links.active, false);
  });

  it('off from the start: nothing registered until the setting turns on', () => {
    let count = 0;
    const settings = fakeSettings(false);
    const links = new TerminalTokenLinks(settings, new TokenTerminalLinkProvider({ open: async () => undefined, log: new FakeLog() }), () => {
      count++;
      return { dispose: () => undefined };
    });
    assert.equal(count, 0);
    settings.set(true);
    assert.equal(count, 1);
    links.dispose();
  });
});
