/**
 * Issue 15, status bar: while a session's token is exported to terminals, the status bar item
 * that shows that session names the variable (`$AUTHLENS_TOKEN`), and stops naming it when the
 * export stops or another session is shown.
 */
import * as assert from 'node:assert/strict';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { SessionInfo } from '../../../src/providers/types';
import { FakeEnvironmentCollection } from './fakeEnvironment';
import { fake, FakeLog, FakeSecrets, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode') as { EventEmitter: new <T>() => { event: (l: (e: T) => void) => { dispose(): void }; fire(e: T): void } };
const { SessionStatusBar } = require('../../../src/sessions/statusBar') as typeof import('../../../src/sessions/statusBar');
const { TerminalTokenExport, showExportIn } = require('../../../src/terminal/tokenExport') as typeof import('../../../src/terminal/tokenExport');
const { emptyState, keyed } = require('../../../src/sessions/providerState') as typeof import('../../../src/sessions/providerState');
/* eslint-enable @typescript-eslint/no-require-imports */

describe('terminal/tokenExport: the status bar names the exported variable', () => {
  const config: ConfiguredProvider = { id: 'ba', kind: 'better-auth', label: 'App', baseUrl: 'http://127.0.0.1:9/api/auth', level: 'user' };
  const session = (id: string, name: string): SessionInfo => ({
    id,
    user: { name },
    status: 'active',
    tokens: [{ kind: 'session-token', label: 'Session token', value: `token-of-${id}-0123456789`, opaque: true }],
    raw: { session: {} },
  });
  const emitter = new vscode.EventEmitter<string | undefined>();
  const state = { ...emptyState, kind: 'ok' as const, sessions: keyed([session('s1', 'Alice'), session('s2', 'Bob')], new Set()) };
  const model = {
    onDidChange: emitter.event,
    providers: [config],
    provider: (id: string) => (id === 'ba' ? config : undefined),
    state: (id: string) => (id === 'ba' ? state : emptyState),
    session: (id: string, key: string) => (id === 'ba' ? state.sessions.find((s) => s.key === key)?.session : undefined),
  };

  it('shows `$NAME` on the exported session only, and drops it on stop', () => {
    fake.reset();
    const bar = new SessionStatusBar(
      model as never,
      () => ({ warnBeforeExpiry: false, warnBeforeExpiryMinutes: 5 }) as never,
      () => 0,
    );
    const exporter = new TerminalTokenExport(new FakeEnvironmentCollection() as never, { model, secrets: new FakeSecrets() }, new FakeLog());
    const wiring = showExportIn(exporter, bar);
    try {
      bar.pin({ providerId: 'ba', sessionKey: 's1' });
      assert.ok(!bar.text.includes('$AUTHLENS_TOKEN'));
      const labels = { provider: 'App', session: 'Alice', token: 'Session token' };
      exporter.start(
        { providerId: 'ba', sessionKey: 's1', tokenKind: 'session-token' },
        { token: 'AUTHLENS_TOKEN', authorization: 'AUTHLENS_AUTHORIZATION' },
        labels,
        'token-of-s1-0123456789',
        'Bearer',
      );
      assert.match(bar.text, /Alice .*\$AUTHLENS_TOKEN/);
      assert.ok(!bar.text.includes('token-of-s1'), 'the status bar names the variable, never the token');
      bar.pin({ providerId: 'ba', sessionKey: 's2' });
      assert.ok(!bar.text.includes('$AUTHLENS_TOKEN'), 'another session is not the exported one');
      bar.pin({ providerId: 'ba', sessionKey: 's1' });
      exporter.stop('test');
      assert.ok(!bar.text.includes('$AUTHLENS_TOKEN'));
      assert.match(bar.text, /Alice/);
    } finally {
      wiring.dispose();
      exporter.dispose();
      bar.dispose();
    }
  });
});
