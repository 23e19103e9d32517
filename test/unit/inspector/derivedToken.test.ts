/**
 * Derived tokens: the panel keeps the server's original beside a token AuthLens made, however
 * many times the person derives again; the derived token keeps the provider but not the
 * original's session; the model says how it was made (for the banner).
 */
import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { SessionInfo } from '../../../src/providers/types';
import { editHarness } from './editHarness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const derived = require('../../../src/inspector/derivedToken') as typeof import('../../../src/inspector/derivedToken');

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k'.repeat(32)));
}

describe('inspector/derivedToken', () => {
  it('shows the derived token and keeps the original through a second derivation', async () => {
    const original = await token({ sub: 'a', iss: 'https://issuer.test' });
    const h = editHarness({ token: original });
    const first = await token({ sub: 'b' });
    const second = await token({ sub: 'c' });
    assert.equal(derived.showDerivedToken(h.panel, h.deps, first, { kind: 'edited', how: 'signed', alg: 'HS256' }), true);
    assert.equal(h.shownToken(), first);
    assert.equal(derived.showDerivedToken(h.panel, h.deps, second, { kind: 'decrypted', alg: 'dir', enc: 'A256GCM' }), true);
    assert.equal(h.shownToken(), second);
    assert.equal(h.panel.derivedFrom()?.original.token, original);
    assert.deepEqual(h.panel.derivedFrom()?.derivation, { kind: 'decrypted', alg: 'dir', enc: 'A256GCM' });
    // The log names what happened with a short prefix only.
    assert.ok(h.log.lines.some((l) => l.includes('(decrypted)')));
    assert.ok(!h.log.lines.some((l) => l.includes(first) || l.includes(second)));
  });

  it('keeps the provider of the original but not its session', () => {
    const session = { id: 's1' } as unknown as SessionInfo;
    const input = derived.derivedInput(
      { token: 'orig', source: { providerId: 'p', providerLabel: 'P', providerKind: 'authms', tokenKind: 'access-token', session } },
      'new',
    );
    assert.deepEqual(input, { token: 'new', source: { providerId: 'p', providerLabel: 'P', providerKind: 'authms', tokenKind: 'access-token' } });
    assert.deepEqual(derived.derivedInput({ token: 'orig' }, 'new'), { token: 'new' });
  });

  it('marks the model with how the token was made, and leaves other content alone', async () => {
    const h = editHarness({ token: await token({ sub: 'a' }) });
    const content = h.panel.current()!.built.content;
    const from = { original: { token: 'x' }, derivation: { kind: 'edited', how: 'original-signature', alg: 'HS256' } } as const;
    const marked = derived.withDerived(content, from);
    assert.deepEqual(marked.kind === 'token' && marked.model.derived, { how: 'original-signature', alg: 'HS256' });
    assert.equal(derived.withDerived(content, undefined), content);
    assert.deepEqual(derived.withDerived({ kind: 'unavailable' }, from), { kind: 'unavailable' });
    assert.deepEqual(derived.derivedModel({ kind: 'decrypted', alg: 'RSA-OAEP-256', enc: 'A128GCM' }), {
      how: 'decrypted',
      alg: 'RSA-OAEP-256',
      enc: 'A128GCM',
    });
    assert.deepEqual(derived.derivedModel({ kind: 'edited', how: 'unsigned' }), { how: 'unsigned' });
  });

  it('does nothing when the panel shows no token', () => {
    const h = editHarness({ token: 'x.y.z' });
    const empty = { ...h.panel, current: () => undefined };
    assert.equal(derived.showDerivedToken(empty, h.deps, 'a.b.c', { kind: 'edited', how: 'unsigned' }), false);
  });
});
