import * as assert from 'node:assert/strict';
import { HoverTokenStore } from '../../../../src/editor/hover/hoverTokenStore';

describe('HoverTokenStore', () => {
  it('returns the same id for the same token and finds it again', () => {
    const store = new HoverTokenStore();
    const a = store.put({ token: 'tok-a', kind: 'jws' }, 0);
    assert.equal(store.put({ token: 'tok-a', kind: 'jws' }, 1), a);
    assert.equal(store.get(a, 2)?.token, 'tok-a');
    assert.match(a, /^[0-9a-f]{18}$/);
  });

  it('keeps at most `capacity` entries, dropping the least recently used', () => {
    let n = 0;
    const store = new HoverTokenStore({ capacity: 3, newId: () => `id${n++}` });
    const ids = ['a', 'b', 'c'].map((t) => store.put({ token: t, kind: 'opaque' }, 0));
    store.get(ids[0] as string, 1); // a is now the most recent
    store.put({ token: 'd', kind: 'opaque' }, 2);
    assert.equal(store.size, 3);
    assert.equal(store.get(ids[1] as string, 3), undefined, 'b was the least recent');
    assert.equal(store.get(ids[0] as string, 3)?.token, 'a');
  });

  it('forgets entries after the ttl', () => {
    const store = new HoverTokenStore({ ttlMs: 1000 });
    const id = store.put({ token: 't', kind: 'jws' }, 0);
    assert.equal(store.get(id, 999)?.token, 't');
    assert.equal(store.get(id, 2500), undefined);
    assert.notEqual(store.put({ token: 't', kind: 'jws' }, 3000), id, 'a new id after expiry');
  });

  it('knows nothing about ids it did not make', () => {
    const store = new HoverTokenStore();
    store.put({ token: 't', kind: 'jws' }, 0);
    assert.equal(store.get('t', 0), undefined);
    assert.equal(store.get('__proto__', 0), undefined);
    store.clear();
    assert.equal(store.size, 0);
  });
});
