/**
 * Issue 15, status bar: the pinned session's countdown turns to the warning colour inside the
 * refresh window only when nothing will renew the token (no refresh token and not a service
 * token, or Keep Fresh off); a kept-fresh, renewable token stays plain until it would expire.
 */
import * as assert from 'node:assert/strict';
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { SessionInfo, TokenInfo } from '../../../src/providers/types';
import { fake, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode') as { EventEmitter: new <T>() => { event: (l: (e: T) => void) => { dispose(): void }; fire(e: T): void } };
const { SessionStatusBar } = require('../../../src/sessions/statusBar') as typeof import('../../../src/sessions/statusBar');
const { emptyState, keyed } = require('../../../src/sessions/providerState') as typeof import('../../../src/sessions/providerState');
/* eslint-enable @typescript-eslint/no-require-imports */

const now = 1_800_000_000_000;
const config: ConfiguredProvider = { id: 'idp', kind: 'oidc', label: 'IdP', baseUrl: 'https://idp.example', level: 'user' };
const access: TokenInfo = { kind: 'access-token', label: 'Access token (opaque)', value: 'opaque-access-0123456789', opaque: true };
const refresh: TokenInfo = { kind: 'refresh-token', label: 'Refresh token', value: 'opaque-refresh-0123456789', opaque: true };
const session = (id: string, leftMs: number, tokens: TokenInfo[]): SessionInfo => ({
  id,
  user: { name: id },
  status: 'active',
  expiresAt: new Date(now + leftMs).toISOString(),
  tokens,
  raw: { session: {} },
});

function barFor(sessions: SessionInfo[]) {
  const changed = new vscode.EventEmitter<string | undefined>();
  const state = { ...emptyState, kind: 'ok' as const, sessions: keyed(sessions, new Set()) };
  const model = {
    onDidChange: changed.event,
    providers: [config],
    provider: (id: string) => (id === config.id ? config : undefined),
    state: (id: string) => (id === config.id ? state : emptyState),
    session: (id: string, key: string) => (id === config.id ? state.sessions.find((s) => s.key === key)?.session : undefined),
  };
  const kept = new Set<string>();
  const keptChanged = new vscode.EventEmitter<string>();
  const view = { isKeptFresh: (id: string) => kept.has(id), onDidChangeKept: keptChanged.event };
  const bar = new SessionStatusBar(
    model as never,
    () => ({ warnBeforeExpiry: false, warnBeforeExpiryMinutes: 5, refreshAheadSeconds: 60 }) as never,
    () => now,
    view,
  );
  const keep = (on: boolean): void => {
    if (on) kept.add(config.id);
    else kept.delete(config.id);
    keptChanged.fire(config.id);
  };
  const colour = (): string | undefined => (bar.backgroundColor as { id?: string } | undefined)?.id;
  return { bar, keep, colour };
}

describe('sessions/statusBar: the Keep Fresh warning colour', () => {
  beforeEach(() => fake.reset());

  it('a user token with a refresh token: amber in the window while not kept fresh, plain once kept fresh', () => {
    const { bar, keep, colour } = barFor([session('user', 45_000, [access, refresh])]);
    try {
      bar.pin({ providerId: config.id, sessionKey: 'user' });
      assert.equal(colour(), 'statusBarItem.warningBackground', 'Keep Fresh off: nothing will renew it');
      keep(true);
      assert.equal(colour(), undefined, 'kept fresh and renewable: no warning');
      keep(false);
      assert.equal(colour(), 'statusBarItem.warningBackground');
    } finally {
      bar.dispose();
    }
  });

  it('kept fresh but no refresh token on a user session: still amber (only a new sign-in helps)', () => {
    const { bar, keep, colour } = barFor([session('user', 45_000, [access])]);
    try {
      bar.pin({ providerId: config.id, sessionKey: 'user' });
      keep(true);
      assert.equal(colour(), 'statusBarItem.warningBackground');
    } finally {
      bar.dispose();
    }
  });

  it('a kept-fresh service token (client credentials) is renewable without a refresh token', () => {
    const { bar, keep, colour } = barFor([session('service', 45_000, [access])]);
    try {
      bar.pin({ providerId: config.id, sessionKey: 'service' });
      assert.equal(colour(), 'statusBarItem.warningBackground');
      keep(true);
      assert.equal(colour(), undefined);
    } finally {
      bar.dispose();
    }
  });

  it('an expired token is red whatever Keep Fresh says, and a far expiry is plain', () => {
    const expired = barFor([session('user', -1_000, [access, refresh])]);
    const far = barFor([session('user', 3_600_000, [access])]);
    try {
      expired.bar.pin({ providerId: config.id, sessionKey: 'user' });
      expired.keep(true);
      assert.equal(expired.colour(), 'statusBarItem.errorBackground');
      far.bar.pin({ providerId: config.id, sessionKey: 'user' });
      assert.equal(far.colour(), undefined);
    } finally {
      expired.bar.dispose();
      far.bar.dispose();
    }
  });
});
