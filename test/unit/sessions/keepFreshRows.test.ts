/**
 * What the Sessions view shows of a token set's lifecycle: the refresh token's time left when its
 * expiry is known (Keycloak's `refresh_expires_in`, introspection's `exp`), "lifetime unknown"
 * otherwise, and "kept fresh" on a kept-fresh provider's row (with the context value the menus match).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSession } from '../../../src/providers/oidc/session';
import { toStoredTokenSet, type TokenResponse } from '../../../src/providers/oidc/tokens';
import type { TokenInfo } from '../../../src/providers/types';
import { tokenSummary } from '../../../src/sessions/describe';
import { installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TreeItemFactory } = require('../../../src/sessions/treeItems') as typeof import('../../../src/sessions/treeItems');

/** The `viewItem =~ /.../` pattern of a command's Sessions view context-menu entry in package.json. */
function menuPattern(command: string): RegExp {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  const when = pkg.contributes.menus['view/item/context']?.find((m) => m.command === command)?.when ?? '';
  const source = /viewItem =~ \/(.*)\/$/.exec(when)?.[1];
  assert.ok(source, `no viewItem pattern for ${command}`);
  return new RegExp(source);
}

const now = 1_800_000_000_000;
const response = (raw: Record<string, unknown>): TokenResponse => ({
  accessToken: 'opaque-access-token-value',
  tokenType: 'Bearer',
  expiresIn: 300,
  refreshToken: typeof raw['refresh_token'] === 'string' ? raw['refresh_token'] : undefined,
  raw: raw as TokenResponse['raw'],
});
const ctx = { grant: 'authorization_code' as const, now, issuer: 'https://kc.example/realms/r', clientId: 'c' };

describe('sessions: Keep Fresh in the tree', () => {
  it("stores Keycloak's refresh_expires_in, carries it over with a kept refresh token, drops it with a new one", () => {
    const first = toStoredTokenSet(response({ refresh_token: 'rt-1-opaque-value', refresh_expires_in: 1800 }), ctx);
    assert.equal(first.refreshExpiresAt, now + 1_800_000);
    // Offline tokens: 0 means "does not expire", not "expires now".
    assert.equal(toStoredTokenSet(response({ refresh_token: 'rt-offline-value', refresh_expires_in: 0 }), ctx).refreshExpiresAt, undefined);
    const kept = toStoredTokenSet(
      { ...response({}), refreshToken: undefined },
      {
        ...ctx,
        grant: 'refresh_token',
        now: now + 1,
        previous: first,
      },
    );
    assert.equal(kept.refreshExpiresAt, now + 1_800_000);
    const rotated = toStoredTokenSet(response({ refresh_token: 'rt-2-opaque-value' }), { ...ctx, grant: 'refresh_token', now: now + 1, previous: first });
    assert.equal(rotated.refreshExpiresAt, undefined, 'a new refresh token without a stated expiry has none known');
  });

  it("the refresh token row shows its time left when known, else 'lifetime unknown'", () => {
    const known = buildSession('user', toStoredTokenSet(response({ refresh_token: 'rt-1-opaque-value', refresh_expires_in: 1800 }), ctx), {}, now);
    const knownRow = known.tokens.find((t) => t.kind === 'refresh-token');
    assert.ok(knownRow);
    assert.equal(tokenSummary(knownRow, now).description, 'opaque · expires in 30m');
    const unknown = buildSession('user', toStoredTokenSet(response({ refresh_token: 'rt-1-opaque-value' }), ctx), {}, now);
    const unknownRow = unknown.tokens.find((t) => t.kind === 'refresh-token');
    assert.ok(unknownRow);
    assert.equal(tokenSummary(unknownRow, now).description, 'opaque · lifetime unknown');
    // The access token keeps saying its own time left; other tokens without expiry still say "no expiry".
    assert.equal(tokenSummary(unknown.tokens[0] as TokenInfo, now).description, 'opaque · expires in 5m');
    assert.equal(tokenSummary({ kind: 'session-token', label: 's', value: 'v', opaque: true }, now).description, 'opaque · no expiry');
  });

  it("a kept-fresh oidc provider row says 'kept fresh' and carries the .keptFresh context value", () => {
    const config = { id: 'kc', kind: 'oidc', label: 'Keycloak', baseUrl: 'https://kc.example', level: 'user' };
    const state = { kind: 'signed-out', sessions: [], loadingMore: false, noCredential: false, setAside: [] };
    const model = { provider: () => config, state: () => state };
    const kept = new Set<string>(['kc']);
    const factory = new TreeItemFactory(model as never, { isKeptFresh: (id: string) => kept.has(id), onDidChangeKept: () => ({ dispose: () => undefined }) });
    const node = { type: 'provider', providerId: 'kc' } as const;
    const on = factory.item(node, now);
    assert.equal(on.contextValue, 'authlens.provider.oidc.keptFresh');
    assert.match(String(on.description), /kept fresh/);
    // The menus' when-clauses (package.json) pick the right command for each state.
    const keepFresh = menuPattern('authlens.keepFresh');
    const stop = menuPattern('authlens.stopKeepingFresh');
    assert.ok(stop.test(on.contextValue ?? '') && !keepFresh.test(on.contextValue ?? ''));
    kept.clear();
    const off = factory.item(node, now);
    assert.equal(off.contextValue, 'authlens.provider.oidc');
    assert.doesNotMatch(String(off.description), /kept fresh/);
    assert.ok(keepFresh.test(off.contextValue ?? '') && !stop.test(off.contextValue ?? ''));
  });
});
